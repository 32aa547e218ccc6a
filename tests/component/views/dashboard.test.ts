import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import Dashboard from '../../../src/views/Dashboard.svelte';
import type { Workspace } from '../../../src/lib/state/workspace.svelte';
import { computeKpis, indexDataset, monthlySeries, summarizeCustomers, parseIsoDay } from '../../../src/lib/domain';

afterEach(cleanup);

describe('the dashboard', () => {
  it('says which months the data covers only in part', async () => {
    // orders on 2025-11-03 and 2025-12-09: November is covered from the 3rd (28 of 30 days), December up to the 9th
    const days = ['2025-11-03', '2025-12-09'].map((d) => parseIsoDay(d)!);
    const indexed = indexDataset({
      customers: { id: ['a'], name: [''], gender: [''], birthDay: Int32Array.of(-2147483648), city: [''], province: [''], channel: [''], acquisitionCost: Float64Array.of(NaN), signupDay: Int32Array.of(-2147483648) },
      orders: { customerId: ['a', 'a'], orderId: ['1', '2'], day: Int32Array.from(days), amount: Float64Array.of(10, 20), quantity: Float64Array.of(1, 1), isReturn: Uint8Array.of(0, 0) },
      surveys: { customerId: [], day: new Int32Array(0), nps: new Int8Array(0), csat: new Int8Array(0) },
      interactions: { customerId: [], day: new Int32Array(0), channel: [], kind: [], topic: [], resolved: new Uint8Array(0) },
    } as never);
    const summary = summarizeCustomers(indexed.orders, 1);
    const ws = {
      dashboard: { kpis: computeKpis(summary, { activeDays: 90 }), monthly: monthlySeries(indexed.orders, summary) },
      current: null, activeDays: 90, setActiveDays: vi.fn(),
    } as unknown as Workspace;
    render(Dashboard, { ws });
    const note = screen.getByTestId('partial-months').textContent!;
    expect(note).toContain('2025-11 (data for 28 days only)');
    expect(note).toContain('2025-12 (data for 9 days only)');
  });
});

describe('the dashboard: NPS and CSAT', () => {
  const kpis = computeKpis(summarizeCustomers(indexDataset({
    customers: { id: ['a'], name: [''], gender: [''], birthDay: Int32Array.of(-2147483648), city: [''], province: [''], channel: [''], acquisitionCost: Float64Array.of(NaN), signupDay: Int32Array.of(-2147483648) },
    orders: { customerId: ['a'], orderId: ['1'], day: Int32Array.of(20_000), amount: Float64Array.of(10), quantity: Float64Array.of(1), isReturn: Uint8Array.of(0) },
    surveys: { customerId: [], day: new Int32Array(0), nps: new Int8Array(0), csat: new Int8Array(0) },
    interactions: { customerId: [], day: new Int32Array(0), channel: [], kind: [], topic: [], resolved: new Uint8Array(0) },
  } as never).orders, 1), { activeDays: 90 });
  const workspace = (voice: unknown) => ({ dashboard: { kpis, monthly: [], voice }, current: null, activeDays: 90, setActiveDays: vi.fn() }) as unknown as Workspace;

  it('shows the NPS and CSAT cards beside the KPIs, linking to the Voice page', () => {
    const voice = {
      nps: { n: 40, promoters: 20, passives: 10, detractors: 10, nps: 25, ci: [3.1, 44.6], tooFew: false },
      csat: { n: 40, satisfied: 30, csat: 0.75, ci: [0.6, 0.86], tooFew: false },
    };
    render(Dashboard, { ws: workspace(voice) });
    const nps = document.querySelector('[data-kpi="nps"]')!;
    expect(nps.closest('ul')!.querySelector('[data-kpi="customers"]')).toBeTruthy();
    expect(nps.textContent).toContain('95% CI 3–45');
    expect(nps.querySelector('a')!.getAttribute('href')).toBe('#/voice');
    expect(screen.queryByTestId('no-voice')).toBeNull();
  });

  it('without answers: no cards, a one-line hint to import them', () => {
    render(Dashboard, { ws: workspace(null) });
    expect(document.querySelector('[data-kpi="nps"]')).toBeNull();
    const hint = screen.getByTestId('no-voice');
    expect(hint.textContent).toContain('No survey answers in this dataset yet');
    expect(hint.querySelector('a')!.getAttribute('href')).toBe('#/import');
  });
});
