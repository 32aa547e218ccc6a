// The KPIs the targets are checked against, on a small dataset worked out by hand: the current
// month up to the last order day, the same days of the previous month and of the same month a
// year earlier, and the monthly trend; the current figures agree with the dashboard's.
import { describe, expect, it } from 'vitest';
import { computeKpiFigures, kpisApi } from '../../../../workers/act/kpis';
import { prepareDataset } from '../../../../workers/core/loaded';
import { createContext } from '../../../../workers/core/context';
import { emptyColumns, openDatabase } from '../../../../src/lib/db';
import { churnRateByPeriod, computeKpis, NO_DAY, parseIsoDay, summarizeCustomers, TABLE_KINDS, type DatasetContent } from '../../../../src/lib/domain';

const day = (iso: string) => parseIsoDay(iso)!;

/*
 * Customers A B C D E F and P (a prospect, no order). The last order is E1 on 2026-11-15.
 *   A  A1 2025-11-03 100   A2 2026-10-05 200   A3 2026-11-02 300
 *   B  B1 2025-11-20 50    B2 2026-10-14 80    B3 2026-10-20 40
 *   C  C1 2025-06-01 500 (the first order in the data)
 *   D  D1 2026-07-01 60    D2 2026-11-05 90, 30 of it returned on 2026-11-06
 *   E  E1 2026-11-15 70
 *   F  F1 2026-08-05 40
 * Survey answers (NPS, CSAT on 1–5): A 2026-11-05 10/5, B 2026-11-10 6/3, D 2026-11-12 8/4,
 * A 2026-10-10 9/5, C undated 0/1 (in no period).
 * Interactions: complaints B 2026-11-08, D 2026-11-12, A 2026-10-03; an inquiry A 2026-11-09.
 */
const ORDERS: [string, string, string, number, number][] = [
  ['A', 'A1', '2025-11-03', 100, 0], ['A', 'A2', '2026-10-05', 200, 0], ['A', 'A3', '2026-11-02', 300, 0],
  ['B', 'B1', '2025-11-20', 50, 0], ['B', 'B2', '2026-10-14', 80, 0], ['B', 'B3', '2026-10-20', 40, 0],
  ['C', 'C1', '2025-06-01', 500, 0],
  ['D', 'D1', '2026-07-01', 60, 0], ['D', 'D2', '2026-11-05', 90, 0], ['D', 'D2R', '2026-11-06', -30, 1],
  ['E', 'E1', '2026-11-15', 70, 0],
  ['F', 'F1', '2026-08-05', 40, 0],
];

function content(): DatasetContent {
  const c = Object.fromEntries(TABLE_KINDS.map((k) => [k, emptyColumns(k)])) as unknown as DatasetContent;
  const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'P'];
  const n = ids.length;
  c.customers = {
    ...c.customers, id: ids, name: ids.map(() => ''), gender: ids.map(() => ''), birthDay: new Int32Array(n).fill(NO_DAY),
    city: ids.map(() => ''), province: ids.map(() => ''), channel: ids.map(() => ''), acquisitionCost: new Float64Array(n).fill(NaN),
    signupDay: new Int32Array(n).fill(NO_DAY), referredBy: ids.map(() => ''), consent: new Uint8Array(n),
  };
  c.orders = {
    customerId: ORDERS.map((o) => o[0]), orderId: ORDERS.map((o) => o[1]), day: Int32Array.from(ORDERS, (o) => day(o[2])),
    amount: Float64Array.from(ORDERS, (o) => o[3]), quantity: new Float64Array(ORDERS.length).fill(NaN), isReturn: Uint8Array.from(ORDERS, (o) => o[4]),
  };
  const answers: [string, number, number, number][] = [
    ['A', day('2026-11-05'), 10, 5], ['B', day('2026-11-10'), 6, 3], ['D', day('2026-11-12'), 8, 4], ['A', day('2026-10-10'), 9, 5], ['C', NO_DAY, 0, 1],
  ];
  c.surveys = { customerId: answers.map((a) => a[0]), day: Int32Array.from(answers, (a) => a[1]), nps: Int8Array.from(answers, (a) => a[2]), csat: Int8Array.from(answers, (a) => a[3]) };
  const entries: [string, string, string][] = [['B', '2026-11-08', 'complaint'], ['D', '2026-11-12', 'complaint'], ['A', '2026-10-03', 'complaint'], ['A', '2026-11-09', 'inquiry']];
  const m = entries.length;
  c.interactions = {
    ...c.interactions, id: entries.map((_, i) => `T${i}`), customerId: entries.map((e) => e[0]), day: Int32Array.from(entries, (e) => day(e[1])),
    channel: entries.map(() => ''), kind: entries.map((e) => e[2]), topic: entries.map(() => ''), resolved: new Uint8Array(m),
    severity: new Int8Array(m), resolvedDay: new Int32Array(m).fill(NO_DAY), text: entries.map(() => ''),
  };
  return c;
}

const ds = prepareDataset('d', content());
const r = computeKpiFigures(ds, { activeDays: 30 });

describe('the KPIs by period', () => {
  it('compare the month up to the last order day with the same days of the previous month and a year earlier', () => {
    expect(r.asOfDay).toBe(day('2026-11-15'));
    expect([r.current!.start, r.current!.end]).toEqual([day('2026-11-01'), day('2026-11-15')]);
    expect([r.previous!.start, r.previous!.end]).toEqual([day('2026-10-01'), day('2026-10-15')]);
    expect([r.yearAgo!.start, r.yearAgo!.end]).toEqual([day('2025-11-01'), day('2025-11-15')]);
  });

  it('the current month', () => {
    // orders A3, D2, E1: gross 460, 30 returned → net 430, AOV 460 / 3
    // as of 11-15 (active window from 10-17): A, B, D, E active; 6 buyers, 11 orders; A, B, D repeat
    // churn: active at 11-01 are A, B, D, F (last order + 90 ≥ 11-01); F turns silent on 11-03 + 1 → 1 / 4
    // answers 10, 6, 8 → NPS (1 − 1) / 3 = 0; CSAT 5, 3, 4 → 2 / 3; complaints B, D → 2 per 3 orders = 666.7 per 1,000
    const v = r.current!.values;
    expect(v.customers).toBe(7);
    expect(v.activeCustomers).toBe(4);
    expect(v.revenue).toBe(430);
    expect(v.aov).toBeCloseTo(460 / 3, 10);
    expect(v.frequency).toBeCloseTo(11 / 6, 10);
    expect(v.repurchaseRate).toBe(0.5);
    expect(v.churn).toBe(0.25);
    expect(v.nps).toBe(0);
    expect(v.csat).toBeCloseTo(2 / 3, 10);
    expect(v.complaintRate).toBeCloseTo(2000 / 3, 10);
    expect(r.current).toMatchObject({ npsAnswers: 3, csatAnswers: 3, orders: 3, partial: true });
  });

  it('the same days of the previous month', () => {
    // orders A2 200, B2 80 → 280, AOV 140; E had not bought yet → 6 customers
    // as of 10-15 (window from 09-16): A, B active; buyers A 2, B 2, C 1, D 1, F 1 → 7 / 5, repeat 2 / 5
    // churn: active at 10-01 A, B, F (D's 07-01 + 90 = 09-29 is before), none turns silent by 10-15 → 0
    // one answer 9 → NPS 100, CSAT 1; complaint A 10-03 → 1 per 2 orders = 500 per 1,000
    expect(r.previous!.values).toEqual({
      customers: 6, activeCustomers: 2, revenue: 280, aov: 140, frequency: 1.4, repurchaseRate: 0.4, churn: 0, nps: 100, csat: 1, complaintRate: 500,
    });
  });

  it('the same days a year earlier', () => {
    // A1 100 only (B1 is on the 20th); customers A, C and P; A active; 2 buyers, 2 orders; nobody active at 11-01 → no churn
    expect(r.yearAgo!.values).toEqual({
      customers: 3, activeCustomers: 1, revenue: 100, aov: 100, frequency: 1, repurchaseRate: 0, churn: null, nps: null, csat: null, complaintRate: 0,
    });
  });

  it('the current month agrees with the dashboard', () => {
    const dash = computeKpis(ds.summary, { activeDays: 30 });
    const v = r.current!.values;
    expect([v.customers, v.activeCustomers, v.frequency, v.repurchaseRate]).toEqual([dash.customers, dash.activeCustomers, dash.purchaseFrequency, dash.repurchaseRate]);
  });

  it('the trend: one point per month from the first order, whole months but the last', () => {
    expect(r.series.map((p) => p.month)).toEqual([
      '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12',
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    const oct = r.series.find((p) => p.month === '2026-10')!;
    // October: A2 200, B2 80, B3 40; as of 10-31 (window from 10-02) A and B active
    expect(oct).toMatchObject({ start: day('2026-10-01'), end: day('2026-10-31'), orders: 3, partial: false });
    expect(oct.values.revenue).toBe(320);
    expect(oct.values.activeCustomers).toBe(2);
    expect(r.series.at(-1)).toMatchObject({ ...r.current, month: '2026-11' });
    expect(computeKpiFigures(ds, { activeDays: 30, months: 3 }).series.map((p) => p.month)).toEqual(['2026-09', '2026-10', '2026-11']);
  });

  it('a month ending the data is compared whole; no complaint rate without interactions', () => {
    const c = content();
    c.interactions = emptyColumns('interactions');
    // only A: 2026-10-05 and 2026-11-30 (a month's last day)
    c.orders = { customerId: ['A', 'A'], orderId: ['1', '2'], day: Int32Array.of(day('2026-10-05'), day('2026-11-30')), amount: Float64Array.of(10, 20), quantity: Float64Array.of(NaN, NaN), isReturn: Uint8Array.of(0, 0) };
    const w = computeKpiFigures(prepareDataset('w', c), { activeDays: 90 });
    expect([w.previous!.start, w.previous!.end]).toEqual([day('2026-10-01'), day('2026-10-31')]);
    expect(w.wholeMonth).toBe(true);
    expect(r.wholeMonth).toBe(false);
    expect(w.previous!.values.revenue).toBe(10);
    expect(w.yearAgo).toBeNull();
    expect(w.current!.values.complaintRate).toBeNull();
  });

  it('refuses bad options with notices; no orders → no periods', async () => {
    expect(() => computeKpiFigures(ds, { activeDays: 0 })).toThrow();
    expect(() => computeKpiFigures(ds, { activeDays: 30, months: 500 })).toThrow();
    const c = content();
    c.orders = emptyColumns('orders');
    expect(computeKpiFigures(prepareDataset('e', c), { activeDays: 30 })).toMatchObject({ asOfDay: null, current: null, series: [] });
    const db = openDatabase(`kpis-${Math.random()}`);
    const ctx = createContext(db);
    ctx.setLoaded(ds);
    const api = kpisApi(ctx);
    await expect(api.kpis('j', 'd', { activeDays: 1.5 })).rejects.toEqual({ code: 'kpiTrend.error.activeDays', params: { value: '1.5' } });
    expect((await api.kpis('j', 'd', { activeDays: 30 })).current).toEqual(r.current);
    await expect(api.kpis('j', 'other', { activeDays: 30 })).rejects.toMatchObject({ code: 'error.notLoaded' });
    db.close();
  });
});

describe('the KPIs against the customer summary as of each period', () => {
  it('agree on a random dataset with the dashboard’s computeKpis and the alerts’ churnRateByPeriod', () => {
    // 300 customers, 4,000 order lines over 3 years (orders of 1–3 lines on one day), 5% returns
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const c = content();
    const ids = Array.from({ length: 300 }, (_, i) => `K${i}`);
    c.customers = { ...c.customers, id: ids, name: ids.map(() => ''), gender: ids.map(() => ''), birthDay: new Int32Array(300).fill(NO_DAY), city: ids.map(() => ''), province: ids.map(() => ''), channel: ids.map(() => ''), acquisitionCost: new Float64Array(300), signupDay: new Int32Array(300).fill(NO_DAY), referredBy: ids.map(() => ''), consent: new Uint8Array(300) };
    const rows: [string, string, number, number, number][] = [];
    for (let o = 0; rows.length < 4000; o++) {
      const who = ids[Math.floor(rnd() * rnd() * 300)];
      const d = day('2023-06-10') + Math.floor(rnd() * 1100);
      const lines = 1 + Math.floor(rnd() * 3);
      for (let l = 0; l < lines; l++) rows.push([who, `O${o}`, d, 5 + Math.round(rnd() * 200), 0]);
      if (rnd() < 0.05) rows.push([who, `R${o}`, d + 3, -20, 1]);
    }
    c.orders = { customerId: rows.map((r) => r[0]), orderId: rows.map((r) => r[1]), day: Int32Array.from(rows, (r) => r[2]), amount: Float64Array.from(rows, (r) => r[3]), quantity: new Float64Array(rows.length), isReturn: Uint8Array.from(rows, (r) => r[4]) };
    const rd = prepareDataset('r', c);
    const got = computeKpiFigures(rd, { activeDays: 60 });
    for (const p of [got.current!, got.previous!, got.yearAgo!, ...got.series]) {
      const atEnd = summarizeCustomers(rd.indexed.orders, rd.indexed.customers.id.length, { asOfDay: p.end });
      const before = summarizeCustomers(rd.indexed.orders, rd.indexed.customers.id.length, { asOfDay: p.start - 1 });
      const k = computeKpis(atEnd, { activeDays: 60, asOfDay: p.end });
      const sum = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v - b[i], 0);
      const orders = sum(atEnd.orders, before.orders);
      const [churn] = churnRateByPeriod(atEnd.firstDay, atEnd.lastDay, { periodDays: p.end - p.start + 1, startDay: p.start, endDay: p.end, inactiveAfterDays: 90 });
      const later = Array.from(rd.summary.firstDay).filter((f) => f !== NO_DAY && f > p.end).length;
      expect(p.values.customers).toBe(rd.indexed.customers.id.length - later);
      expect(p.values.activeCustomers).toBe(k.activeCustomers);
      expect(p.values.frequency).toBeCloseTo(k.purchaseFrequency!, 12);
      expect(p.values.repurchaseRate).toBeCloseTo(k.repurchaseRate!, 12);
      expect(p.orders).toBe(orders);
      expect(p.values.revenue).toBeCloseTo(sum(atEnd.sales, before.sales) - sum(atEnd.returns, before.returns), 6);
      expect(p.values.churn).toBe(churn?.rate ?? null);
    }
    expect(got.series.some((p) => p.values.churn !== null && p.values.churn > 0)).toBe(true);
    expect(got.series.length).toBe(24);
  });
});
