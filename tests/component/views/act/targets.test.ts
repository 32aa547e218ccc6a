// KPI targets as a user sees them: the form refuses broken input with clear words in both
// languages and keeps what was saved; a valid target is saved, shown with its status and rule,
// cleared and brought back; the dashboard shows each target's status in words, the changes
// against the previous period and a year earlier, and a link to set targets when there are none.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import TargetsSection from '../../../../src/views/act/TargetsSection.svelte';
import Dashboard from '../../../../src/views/Dashboard.svelte';
import { TargetsState } from '../../../../src/lib/state/act/targets.svelte';
import type { Workspace } from '../../../../src/lib/state/workspace.svelte';
import { i18n } from '../../../../src/lib/i18n/i18n.svelte';
import { listTargets, saveTarget, type WorkbenchDB } from '../../../../src/lib/db';
import { computeKpis, KPI_KEYS, parseIsoDay, summarizeCustomers, indexDataset, type KpiKey } from '../../../../src/lib/domain';
import type { KpiPeriodFigures, KpisResult } from '../../../../workers/api';
import { datasetRow, fakeContext, freshDatabase } from '../../fakes';

const downloads = vi.hoisted(() => [] as { text: string; name: string }[]);
vi.mock('../../../../src/lib/components/download', () => ({
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
  downloadBlob: () => undefined,
}));

afterEach(() => {
  cleanup();
  downloads.length = 0;
  i18n.locale = 'en';
});

const day = (iso: string) => parseIsoDay(iso)!;
const values = (v: Partial<Record<KpiKey, number | null>>): Record<KpiKey, number | null> =>
  Object.fromEntries(KPI_KEYS.map((k) => [k, v[k] ?? null])) as Record<KpiKey, number | null>;
const period = (start: string, end: string, v: Partial<Record<KpiKey, number | null>>): KpiPeriodFigures => ({
  start: day(start), end: day(end), values: values(v), npsAnswers: 50, csatAnswers: 50, orders: 100, partial: false,
});

/** The engine's answer: November 2026 as a whole month against October and November 2025. */
const RESULT: KpisResult = {
  datasetId: 'd', asOfDay: day('2026-11-30'), activeDays: 90, inactiveAfterDays: 90, wholeMonth: true,
  current: period('2026-11-01', '2026-11-30', { customers: 100, activeCustomers: 40, revenue: 9500, aov: 95, frequency: 1.5, repurchaseRate: 0.3, churn: 0.05, nps: 20, csat: 0.8, complaintRate: 4 }),
  previous: period('2026-10-01', '2026-10-31', { revenue: 10_000, repurchaseRate: 0.25, churn: 0.04, csat: 0.82 }),
  yearAgo: period('2025-11-01', '2025-11-30', { revenue: 8000, repurchaseRate: 0.3, churn: 0.06, csat: 0.7 }),
  series: [],
};

async function database(): Promise<WorkbenchDB> {
  const db = freshDatabase('targets');
  await db.datasets.put(datasetRow('d'));
  return db;
}

async function section(db?: WorkbenchDB) {
  const kpis = vi.fn(async () => RESULT);
  const ctx = fakeContext({ kpis }, { db: db ?? (await database()) });
  const state = new TargetsState(ctx);
  render(TargetsSection, { state, currency: 'CNY' });
  await waitFor(() => expect(screen.getByTestId('target-period')).toBeTruthy());
  return { state, db: ctx.db, kpis };
}

async function type(kpi: KpiKey, value: string, band?: string) {
  await fireEvent.input(screen.getByTestId(`target-value-${kpi}`), { target: { value } });
  if (band !== undefined) await fireEvent.input(screen.getByTestId(`target-band-${kpi}`), { target: { value: band } });
  await fireEvent.click(screen.getByTestId(`target-save-${kpi}`));
}

describe('the targets form', () => {
  it('shows the period, each KPI with its definition and current value, and a suggestion from the data', async () => {
    await section();
    expect(screen.getByTestId('target-period').textContent).toBe('Current period: Nov 2026 (a whole month, ending on the last order in the data), compared with the previous month and the same month a year earlier.');
    expect(screen.getByTestId('target-current-revenue').textContent).toBe('CN¥9,500');
    expect(screen.getByTestId('target-current-csat').textContent).toBe('80.0%');
    expect(document.querySelector('[data-target="activeCustomers"] th')!.textContent).toContain('customers whose last order falls in the 90 days up to the period’s last day');
    // the best of this period 9,500, the previous 10,000 and a year earlier 8,000: 10,000 + 5% = 10,500
    expect(screen.getByTestId('target-suggest-revenue').textContent!.trim()).toBe('Suggest CN¥10,500');
    await fireEvent.click(screen.getByTestId('target-suggest-revenue'));
    expect((screen.getByTestId('target-value-revenue') as HTMLInputElement).value).toBe('10500');
    // every field has a name for screen readers
    expect(screen.getByLabelText('Target for Net revenue (CNY)')).toBeTruthy();
    expect(screen.getByLabelText('Amber band for CSAT, % of the target')).toBeTruthy();
  });

  it('refuses text, negative numbers, fractions of customers, huge numbers and rates above 100%, saving nothing', async () => {
    const { db } = await section();
    const cases: [KpiKey, string, string][] = [
      ['aov', 'abc', 'Type a number, for example 1200 or 12.5.'],
      ['revenue', '-5', 'The target cannot be negative.'],
      ['customers', '10.5', 'A number of customers is a whole number.'],
      ['revenue', '99999999999999999', 'That number is too large (at most 10^15).'],
      ['csat', '150', 'A rate is between 0% and 100%.'],
      ['churn', '=1+1', 'Type a number, for example 1200 or 12.5.'],
      ['nps', '', 'Type a target value first.'],
      ['nps', '120', 'An NPS lies between −100 and 100.'],
    ];
    for (const [kpi, value, words] of cases) {
      await type(kpi, value);
      const error = await screen.findByTestId(`target-error-${kpi}`);
      expect(error.textContent).toBe(words);
      expect(error.getAttribute('role')).toBe('alert');
      expect(screen.getByTestId(`target-value-${kpi}`).getAttribute('aria-invalid')).toBe('true');
      // what was typed stays in the field to be corrected
      expect((screen.getByTestId(`target-value-${kpi}`) as HTMLInputElement).value).toBe(value);
    }
    await type('repurchaseRate', '30', '250');
    expect((await screen.findByTestId('target-error-repurchaseRate')).textContent).toBe('The amber band is between 0% and 100% of the target.');
    expect(await listTargets(db, 'd')).toEqual({});
  });

  it('says it in Chinese too, and a bad edit keeps the saved target', async () => {
    const db = await database();
    await saveTarget(db, 'd', 'csat', { value: 0.75, direction: 'higher', band: 0.05 });
    i18n.locale = 'zh';
    await section(db);
    await waitFor(() => expect((screen.getByTestId('target-value-csat') as HTMLInputElement).value).toBe('75'));
    await type('csat', '150');
    expect((await screen.findByTestId('target-error-csat')).textContent).toBe('比率应在 0% 到 100% 之间。');
    await type('aov', '十块');
    expect((await screen.findByTestId('target-error-aov')).textContent).toBe('请输入数字，例如 1200 或 12.5。');
    expect(await listTargets(db, 'd')).toEqual({ csat: { value: 0.75, direction: 'higher', band: 0.05 } });
    // the status of the saved target is still shown, in words
    expect(document.querySelector('[data-target="csat"] .status')!.textContent).toContain('达标');
  });

  it('saves a valid target, shows its status and rule, clears it and brings it back with undo', async () => {
    const { db } = await section();
    // 9,500 against 10,000 with a 5% band: exactly on the amber edge
    await type('revenue', '10,000', '5');
    await waitFor(() => expect(document.querySelector('[data-target="revenue"] .status')!.getAttribute('data-status')).toBe('amber'));
    const status = document.querySelector('[data-target="revenue"] .status')!.textContent!;
    expect(status).toContain('Close to target');
    expect(status).toContain('Green at CN¥10,000 or more; amber from CN¥9,500 (within 5% of the target); red below CN¥9,500.');
    expect(await listTargets(db, 'd')).toEqual({ revenue: { value: 10_000, direction: 'higher', band: 0.05 } });
    // churn 5% against 4%, lower is better (the default for churn)
    await type('churn', '4');
    await waitFor(() => expect(document.querySelector('[data-target="churn"] .status')!.textContent).toContain('Off target'));
    expect((screen.getByTestId('target-direction-churn') as HTMLSelectElement).value).toBe('lower');

    await fireEvent.click(screen.getByTestId('target-clear-revenue'));
    await waitFor(() => expect(screen.getByTestId('target-cleared').textContent).toContain('The target for Net revenue was cleared.'));
    expect(Object.keys(await listTargets(db, 'd'))).toEqual(['churn']);
    await fireEvent.click(screen.getByTestId('target-undo'));
    await waitFor(() => expect(screen.queryByTestId('target-cleared')).toBeNull());
    expect((await listTargets(db, 'd')).revenue).toEqual({ value: 10_000, direction: 'higher', band: 0.05 });
  });

  it('exports every KPI with its target and status as CSV', async () => {
    const db = await database();
    await saveTarget(db, 'd', 'churn', { value: 0.04, direction: 'lower', band: 0.1 });
    await section(db);
    await waitFor(() => expect(document.querySelector('[data-target="churn"] .status')!.textContent).toContain('Off target'));
    await fireEvent.click(screen.getByTestId('targets-export'));
    const { text, name } = downloads[0];
    expect(name).toBe('kpi-targets.csv');
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('KPI,Definition,Period start,Period end,Current,Target,Better when,Amber band,Status,Previous period,A year earlier');
    expect(lines).toHaveLength(11);
    const churn = lines.find((l) => l.startsWith('Churn rate'))!;
    expect(churn.endsWith(',2026-11-01,2026-11-30,5,4,lower,10,Off target,4,6')).toBe(true);
  });

  it('without orders: says what to do', async () => {
    const ctx = fakeContext({ kpis: async () => ({ ...RESULT, asOfDay: null, current: null, previous: null, yearAgo: null }) }, { db: await database() });
    render(TargetsSection, { state: new TargetsState(ctx), currency: 'CNY' });
    expect((await screen.findByTestId('target-no-data')).textContent).toContain('Import an orders file or open the demo company');
  });
});

describe('the dashboard with targets', () => {
  const indexed = indexDataset({
    customers: { id: ['a'], name: [''], gender: [''], birthDay: Int32Array.of(-2147483648), city: [''], province: [''], channel: [''], acquisitionCost: Float64Array.of(NaN), signupDay: Int32Array.of(-2147483648) },
    orders: { customerId: ['a'], orderId: ['1'], day: Int32Array.of(day('2026-11-30')), amount: Float64Array.of(10), quantity: Float64Array.of(1), isReturn: Uint8Array.of(0) },
    surveys: { customerId: [], day: new Int32Array(0), nps: new Int8Array(0), csat: new Int8Array(0) },
    interactions: { customerId: [], day: new Int32Array(0), channel: [], kind: [], topic: [], resolved: new Uint8Array(0) },
  } as never);
  const kpis = computeKpis(summarizeCustomers(indexed.orders, 1), { activeDays: 90 });
  const ws = { dashboard: { kpis, monthly: [], voice: null }, current: null, activeDays: 90, setActiveDays: vi.fn() } as unknown as Workspace;

  it('shows each target’s status in words with the rule and the changes', async () => {
    const db = await database();
    await saveTarget(db, 'd', 'revenue', { value: 9000, direction: 'higher', band: 0.05 });
    await saveTarget(db, 'd', 'churn', { value: 0.04, direction: 'lower', band: 0.1 });
    const targets = new TargetsState(fakeContext({ kpis: async () => RESULT }, { db }));
    render(Dashboard, { ws, targets });
    const revenue = await screen.findByText((_, el) => el?.getAttribute('data-target-kpi') === 'revenue');
    await waitFor(() => expect(revenue.getAttribute('data-status')).toBe('green'));
    // 9,500 against 10,000 the month before: −5.0%; against 8,000 a year earlier: +18.8%
    expect(revenue.textContent).toContain('On target');
    expect(revenue.textContent).toContain('vs previous period: −5.0%');
    expect(revenue.textContent).toContain('vs a year earlier: +18.8%');
    const churn = document.querySelector('[data-target-kpi="churn"]')!;
    // 5% against 4% (+1.0 points), against 6% a year earlier (−1.0 points); amber up to 4.4%
    expect(churn.getAttribute('data-status')).toBe('red');
    expect(churn.textContent).toContain('Off target');
    expect(churn.textContent).toContain('Green at 4.0% or less; amber up to 4.4% (within 10% of the target); red above 4.4%.');
    expect(churn.textContent).toContain('vs previous period: +1.0 points');
    expect(churn.textContent).toContain('vs a year earlier: −1.0 points');
    // the revenue card says it too
    expect(document.querySelector('[data-kpi="revenue"] .target')!.textContent).toContain('On target');
    expect(screen.queryByTestId('targets-set-link')).toBeNull();
  });

  it('without targets: the dashboard as before, plus a link to set them (and no KPI computation)', async () => {
    const kpisCall = vi.fn(async () => RESULT);
    const targets = new TargetsState(fakeContext({ kpis: kpisCall }, { db: await database() }));
    render(Dashboard, { ws, targets });
    const link = (await screen.findByTestId('targets-set-link')).querySelector('a')!;
    // nothing to check: the KPIs by month are not even computed
    expect(kpisCall).not.toHaveBeenCalled();
    expect(link.textContent).toBe('Set KPI targets');
    expect(link.getAttribute('href')).toBe('#/actions');
    expect(document.querySelector('[data-kpi="revenue"] .target')).toBeNull();
  });
});
