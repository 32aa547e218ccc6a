// The Strategy page's facts per group on a small imported dataset worked out by hand: current value
// (12 months and total, net of returns), recency, lapsed and new shares, NPS and complaints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { EngineApi, StrategyFacts } from '../../../../workers/api';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { parseIsoDay } from '../../../../src/lib/domain';
import { settingsOf, textFile } from '../../import-helpers';

// analysis day 2025-01-01 (chosen: orders dated that day count, recency is counted to it), the 12
// months are 2024-01-03 … 2025-01-01 (365 days).
//   a: 1,000 on 2023-06-01 (outside), 500 on 2024-12-01 → net12 500, total 1,500, recency 31
//   b: 800 on 2024-11-15, 100 returned 2024-11-20 → net12 700, total 700, recency 47, new (first 46 days before)
//   c: 300 on 2023-10-01 → net12 0, total 300, recency 458, lapsed
//   d: 100 on 2024-06-01 → net12 100, total 100, recency 214
//   e: 50 on 2024-12-30 → net12 50, total 50, recency 2, new
// value tiers 40/60 of customers by total: tier_1 a, b; tier_2 c, d, e.
const ORDERS = [
  'customer_id,order_id,order_date,amount',
  'a,o1,2023-06-01,1000', 'a,o2,2024-12-01,500', 'b,o3,2024-11-15,800', 'b,r3,2024-11-20,-100', 'c,o4,2023-10-01,300',
  'd,o5,2024-06-01,100', 'e,o6,2024-12-30,50',
].join('\n');
// NPS: a 10 (promoter), b 3 (detractor) → tier_1 (1 − 1) / 2 = 0; c 9 → tier_2 100 of 1 answer;
// e's answer is dated after the analysis day and does not count.
const SURVEYS = ['customer_id,date,nps', 'a,2024-12-02,10', 'b,2024-12-03,3', 'c,2024-05-01,9', 'e,2025-02-01,0'].join('\n');
// complaints: d one (tier_2: 1 of 3 customers); a praise is not a complaint
const FEEDBACK = ['customer_id,date,type', 'd,2024-07-01,complaint', 'a,2024-12-05,praise'].join('\n');

const DAY = parseIsoDay('2025-01-01')!;
let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
let facts: StrategyFacts;

beforeAll(async () => {
  db = openDatabase(`strategy-facts-${Math.random()}`);
  engine = createEngine(db);
  const files = [];
  for (const [name, text] of [['orders.csv', ORDERS], ['surveys.csv', SURVEYS], ['feedback.csv', FEEDBACK]]) {
    const file = textFile(name, text);
    files.push({ file, settings: settingsOf(await engine.preview(file)) });
  }
  expect(files.map((f) => f.settings.kind)).toEqual(['orders', 'surveys', 'interactions']);
  const imported = await engine.importFiles('i', files, { newDataset: { name: 'Shop', currency: 'CNY' } });
  expect(imported.committed).toBe(true);
  id = imported.datasetId;
  await engine.load('l', id);
  const tiers = (await engine.tiers(id, [40, 60], 'customers', { analysisDay: DAY })).handle;
  facts = await engine.strategyFacts('f', id, { grouping: tiers, analysisDay: DAY });
}, 60_000);

afterAll(() => db.close());

describe('strategy facts on a hand-made dataset', () => {
  it('says what the grouping is and as of which day', () => {
    expect(facts.grouping).toMatchObject({ kind: 'tiers', scheme: 'tiers' });
    expect(facts.asOfDay).toBe(DAY);
    expect(facts.customers).toBe(5);
    expect(facts.value).toBeNull();
    expect(facts.segments.map((s) => s.key)).toEqual(['tier_1', 'tier_2']);
  });

  it('counts current value over the last 12 months and in total, net of returns', () => {
    const [t1, t2] = facts.segments;
    expect(t1).toMatchObject({ customers: 2, net12: 1200, netTotal: 2200, archetype: 'high_value' });
    expect(t2).toMatchObject({ customers: 3, net12: 150, netTotal: 450, archetype: 'growing' });
    // 1,200 and 150 of 1,350
    expect(t1.revenueShare).toBeCloseTo(1200 / 1350, 12);
    expect(t2.revenueShare).toBeCloseTo(150 / 1350, 12);
  });

  it('averages recency and counts the lapsed and the new', () => {
    const [t1, t2] = facts.segments;
    expect(t1.meanRecency).toBeCloseTo((31 + 47) / 2, 12);
    expect(t2.meanRecency).toBeCloseTo((458 + 214 + 2) / 3, 12);
    expect(t1.lapsedShare).toBe(0);
    expect(t2.lapsedShare).toBeCloseTo(1 / 3, 12);
    expect(t1.newShare).toBe(0.5);
    expect(t2.newShare).toBeCloseTo(1 / 3, 12);
  });

  it('gives each group its NPS and complaint rate as of the analysis day, and no CLV without a fit', () => {
    const [t1, t2] = facts.segments;
    expect(t1).toMatchObject({ nps: 0, npsAnswers: 2, complaintRate: 0, meanClv: null, meanPAlive: null });
    expect(t2).toMatchObject({ nps: 100, npsAnswers: 1, meanClv: null, meanPAlive: null });
    expect(t2.complaintRate).toBeCloseTo(1 / 3, 12);
  });

  it('defaults to the 11 RFM segments', async () => {
    const rfm = await engine.strategyFacts('f2', id, { analysisDay: DAY });
    expect(rfm.grouping).toMatchObject({ kind: 'rfm', scheme: 'rfm11' });
    expect(rfm.segments.reduce((n, s) => n + s.customers, 0)).toBe(5);
  });
});
