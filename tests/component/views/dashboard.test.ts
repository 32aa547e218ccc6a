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
