// Feedback and complaints on a small hand-made dataset: every figure below is counted by hand in
// the comments from the two files, as of 2024-03-10 and on the latest data; then a complaint is
// resolved with a note (it leaves the queue and shows among the resolved) and opened again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { ComplaintsResult, EngineApi, GroupingHandle } from '../../../../workers/api';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { parseIsoDay } from '../../../../src/lib/domain';
import { importOne, textFile } from '../../import-helpers';

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
let tiers: GroupingHandle;
const day = (iso: string) => parseIsoDay(iso)!;
const MAR10 = day('2024-03-10');

// Orders: C1 2 orders (400 in all), C2 50, C3 20, C4 one order of 1000 more than a year before
// 2024-03-10 (its last-12-month net revenue is 0), C5 10 (never complains). 6 orders, 5 customers.
const ORDERS = [
  'customer_id,order_id,order_date,amount',
  'C1,O1,2024-01-10,100',
  'C1,O2,2024-02-20,300',
  'C2,O3,2024-02-01,50',
  'C3,O4,2024-02-15,20',
  'C4,O5,2023-01-05,1000',
  'C5,O6,2024-02-25,10',
].join('\n');

// Interactions. Topics by the default rules: T1 快递 → delivery; T2 "Parcel" → delivery (the first
// rule wins over "broken" → quality); T3 expensive → price; T5 客服/态度 → staff; T6 has the file topic
// Billing. T6 was resolved on 03-12, after the analysis day: it was open on 03-10. T7 is after 03-10.
const INTERACTIONS = [
  'ticket_id,customer_id,date,interaction_type,severity,status,resolved_date,topic,text',
  'T1,C1,2024-03-01,complaint,high,resolved,2024-03-02,,快递三天没到',
  'T2,C1,2024-03-05,complaint,low,open,,,Parcel arrived broken',
  'T3,C2,2024-03-02,complaint,medium,resolved,2024-03-06,,Too expensive',
  'T4,C2,2024-03-08,praise,,resolved,2024-03-08,,Great staff',
  'T5,C3,2024-03-04,complaint,,open,,,客服态度差',
  'T6,C4,2024-03-09,complaint,high,resolved,2024-03-12,Billing,refund please',
  'T7,C3,2024-03-11,complaint,low,open,,,still waiting',
  'T8,C1,2024-03-03,inquiry,,open,,,where is my parcel',
].join('\n');

beforeAll(async () => {
  db = openDatabase(`complaints-${Math.random()}`);
  engine = createEngine(db);
  id = (await importOne(engine, textFile('orders.csv', ORDERS))).datasetId;
  await importOne(engine, textFile('interactions.csv', INTERACTIONS), { datasetId: id });
  await engine.load('l', id);
  // Pareto tiers 40/60 by customers on net revenue as of 03-10: C4 1000 and C1 400 in tier 1; C2, C3, C5 in tier 2
  tiers = (await engine.tiers(id, [40, 60], 'customers', { analysisDay: MAR10 })).handle;
}, 60_000);

afterAll(() => db.close());

describe('complaints as of 2024-03-10', () => {
  let r: ComplaintsResult;
  beforeAll(async () => {
    r = await engine.complaints('c', id, { analysisDay: MAR10, slaHours: 48, grouping: tiers });
  });

  it('counts interactions by kind, on or before the analysis day', () => {
    // T1–T6 and T8 (T7 is later): complaints T1 T2 T3 T5 T6, one praise, one inquiry
    expect(r.interactions).toBe(7);
    expect(r.kinds).toEqual([
      { kind: 'complaint', count: 5 }, { kind: 'inquiry', count: 1 }, { kind: 'praise', count: 1 }, { kind: 'suggestion', count: 0 },
    ]);
    expect(r.asOfDay).toBe(MAR10);
  });

  it('gives the overall rate, complaints per 1,000 orders, time to resolve and the service level', () => {
    // 5 customers, 4 complained (C1–C4) → 0.8; 5 complaints / 6 orders × 1000 = 833.33…
    // resolved by 03-10: T1 in 1 day, T3 in 4 → median 2.5. Open: T2 (5 days), T5 (6 days), T6 (1 day).
    // 48 h: T1 (24 h) within, T3 (96 h) not; T2 and T5 open past 48 h are due; T6 (24 h) not yet → 1 of 4
    expect(r.overall).toMatchObject({
      customers: 5, complainers: 4, complaints: 5, orders: 6, rate: 0.8, resolved: 2, medianDays: 2.5, within: 1, due: 4, withinShare: 0.25, open: 3,
    });
    expect(r.overall.per1000Orders).toBeCloseTo(5000 / 6, 10);
  });

  it('gives the same per group of the grouping asked for', () => {
    expect(r.grouping.kind).toBe('tiers');
    expect(r.groups.map((g) => g.key)).toEqual(['tier_1', 'tier_2']);
    // tier 1 = C1, C4: complaints T1 T2 T6, 3 orders → 1000 per 1,000; T1 resolved in 1 day;
    // T2 open 5 days (due, missed), T6 open 1 day (not due) → 1 of 2
    expect(r.groups[0]).toMatchObject({
      customers: 2, complainers: 2, complaints: 3, orders: 3, rate: 1, per1000Orders: 1000, resolved: 1, medianDays: 1, within: 1, due: 2, withinShare: 0.5, open: 2,
    });
    // tier 2 = C2, C3, C5: T3 (resolved in 4 days, missed) and T5 (open 6 days, missed) → 0 of 2
    expect(r.groups[1]).toMatchObject({ customers: 3, complainers: 2, complaints: 2, orders: 3, resolved: 1, medianDays: 4, within: 0, due: 2, withinShare: 0, open: 1 });
    expect(r.groups[1].rate).toBeCloseTo(2 / 3, 10);
  });

  it('names the top topics and counts complaints by month', () => {
    // delivery T1 T2; Billing T6, price T3, staff T5 (ties by name: upper case first)
    expect(r.topics).toEqual([
      { topic: 'delivery', count: 2, fromFile: 0 }, { topic: 'Billing', count: 1, fromFile: 1 },
      { topic: 'price', count: 1, fromFile: 0 }, { topic: 'staff', count: 1, fromFile: 0 },
    ]);
    expect(r.byMonth).toEqual([{ month: '2024-03', complaints: 5, open: 3 }]);
  });

  it('ranks the open complaints by value × days waiting × severity', () => {
    // no value fit: last-12-month net revenue. T2: C1 400 × 5 days × low 1 = 2000;
    // T5: C3 20 × 6 days × unknown (weighs 2) = 240; T6: C4 0 (its order is older) → 1 × 1 day × high 3 = 3
    expect(r.queue.basis).toBe('net');
    expect(r.queue.count).toBe(3);
    expect(r.queue.entries.map((e) => [e.entryId, e.value, e.daysWaiting, e.severity, e.priority])).toEqual([
      ['T2', 400, 5, 1, 2000], ['T5', 20, 6, 0, 240], ['T6', 0, 1, 3, 3],
    ]);
    expect(r.queue.entries[0]).toMatchObject({ customerId: 'C1', topic: 'delivery', text: 'Parcel arrived broken', day: day('2024-03-05') });
  });

  it('takes the keyword rules given', async () => {
    const custom = await engine.complaints('c2', id, { analysisDay: MAR10, rules: [{ topic: 'quality', keywords: ['BROKEN'] }] });
    // T2 → quality; T1, T3, T5 match no rule → other; T6 keeps its file topic
    expect(custom.topics.map((t) => [t.topic, t.count])).toEqual([['other', 3], ['Billing', 1], ['quality', 1]]);
  });
});

describe('complaints on the latest data', () => {
  it('counts to the latest day of the data (03-12, when T6 was resolved)', async () => {
    const r = await engine.complaints('c3', id);
    expect(r.asOfDay).toBe(day('2024-03-12'));
    expect(r.grouping.kind).toBe('rfm');
    // 6 complaints; resolved T1 (1 day), T3 (4), T6 (3) → median 3; open T2, T5, T7
    expect(r.overall).toMatchObject({ complaints: 6, resolved: 3, medianDays: 3, open: 3 });
    // T2: 400 × 7 × 1 = 2800; T5: 20 × 8 × 2 = 320; T7: 20 × 1 × 1 = 20
    expect(r.queue.entries.map((e) => [e.entryId, e.priority])).toEqual([['T2', 2800], ['T5', 320], ['T7', 20]]);
    expect(r.slaHours).toBe(48);
  });
});

describe('resolving from the queue', () => {
  it('takes a resolved complaint out of the queue, shows its note, and puts it back when opened again', async () => {
    await engine.saveInteraction(id, { entryId: 'T2', customerId: 'C1', fields: { resolved: 1, resolvedDay: MAR10 }, note: 'Sent a new one' });
    const after = await engine.complaints('c4', id, { analysisDay: MAR10 });
    // queue T5, T6; resolved now T1 1, T3 4, T2 5 days → median 4
    expect(after.queue.entries.map((e) => e.entryId)).toEqual(['T5', 'T6']);
    expect(after.overall).toMatchObject({ resolved: 3, medianDays: 4, open: 2 });
    expect(after.resolved.entries).toEqual([
      expect.objectContaining({ entryId: 'T2', note: 'Sent a new one', resolvedDay: MAR10, customerId: 'C1' }),
    ]);

    // resolved on a later day than the analysis day: still open as of 03-10
    await engine.saveInteraction(id, { entryId: 'T2', customerId: 'C1', fields: { resolved: 1, resolvedDay: day('2024-03-11') }, note: 'Sent a new one' });
    expect((await engine.complaints('c5', id, { analysisDay: MAR10 })).queue.entries.map((e) => e.entryId)).toEqual(['T2', 'T5', 'T6']);

    await engine.saveInteraction(id, { entryId: 'T2', customerId: 'C1', fields: { resolved: 0 } });
    const undone = await engine.complaints('c6', id, { analysisDay: MAR10 });
    expect(undone.queue.entries.map((e) => e.entryId)).toEqual(['T2', 'T5', 'T6']);
    expect(undone.resolved.count).toBe(0);
  });
});
