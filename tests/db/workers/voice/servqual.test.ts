// The SERVQUAL area on a small imported dataset worked out by hand: the gaps overall and by value
// tier, the weights from the respondents' own importance points, the priorities and the analysis day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { EngineApi, GroupingHandle, ServqualResult } from '../../../../workers/api';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { parseIsoDay } from '../../../../src/lib/domain';
import { settingsOf, textFile } from '../../import-helpers';

// c01 … c10, one order each: 1,000, 900, …, 100 → tiers 20/30/50 of customers: tier_1 c01 c02,
// tier_2 c03 c04 c05, tier_3 c06 … c10.
const ORDERS = ['customer_id,order_id,order_date,amount',
  ...Array.from({ length: 10 }, (_, i) => `c${String(i + 1).padStart(2, '0')},o${i + 1},2024-01-${String(10 + i)},${1000 - 100 * i}`)].join('\n');

// item-level answers (c01, c03, c06, x99) and dimension-level ones (c02); x99 is in no order;
// c06's second answer is dated after the analysis day 2024-04-30.
const ANSWERS = [
  'customer_id,date,item,dimension,expectation,perception',
  'c01,2024-02-01,10,,7,4', // responsiveness −3
  'c01,2024-02-01,1,,6,6', // tangibles 0
  'c01,2024-02-01,14,,5,5', // assurance 0
  'c02,2024-02-01,,responsiveness,6,5', // −1
  'c02,2024-02-01,,reliability,7,6', // −1
  'c02,2024-02-01,,empathy,6,4', // −2
  'c03,2024-02-01,5,,6,4', // reliability −2
  'c03,2024-02-01,11,,5,5', // responsiveness 0
  'c06,2024-03-01,18,,5,6', // empathy +1
  'c06,2024-06-01,5,,7,1', // reliability −6, after the analysis day
  'x99,2024-02-15,14,,6,6', // assurance 0
].join('\n');

// shares: c01 0 .2 .6 0 .2; c02 .1 .4 .4 .05 .05; c03 .2 .4 .2 .1 .1; c05 answered no SERVQUAL
// question, so its points count nowhere.
const IMPORTANCE = [
  'customer_id,tangibles,reliability,responsiveness,assurance,empathy',
  'c01,0,20,60,0,20',
  'c02,10,40,40,5,5',
  'c03,20,40,20,10,10',
  'c05,100,0,0,0,0',
].join('\n');

const DAY = parseIsoDay('2024-04-30')!;
let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
let tiers: GroupingHandle;
let result: ServqualResult;

beforeAll(async () => {
  db = openDatabase(`servqual-${Math.random()}`);
  engine = createEngine(db);
  const files = [];
  for (const [name, text] of [['orders.csv', ORDERS], ['servqual.csv', ANSWERS], ['importance.csv', IMPORTANCE]]) {
    const file = textFile(name, text);
    files.push({ file, settings: settingsOf(await engine.preview(file)) });
  }
  expect(files.map((f) => f.settings.kind)).toEqual(['orders', 'servqual', 'importance']);
  const imported = await engine.importFiles('i', files, { newDataset: { name: 'Shop', currency: 'CNY' } });
  expect(imported.committed).toBe(true);
  id = imported.datasetId;
  await engine.load('l', id);
  tiers = (await engine.tiers(id, [20, 30, 50], 'customers', { analysisDay: DAY })).handle;
  result = await engine.servqual('s', id, { grouping: tiers, analysisDay: DAY });
}, 60_000);

afterAll(() => db.close());

const dim = (r: { dimensions: ServqualResult['overall']['dimensions'] }, d: string) => r.dimensions.find((x) => x.dimension === d)!;

describe('servqual on a hand-made dataset', () => {
  it('counts the answers on or before the analysis day, their respondents and days', () => {
    // 11 rows, c06's of 2024-06-01 after the day: 10; respondents c01 c02 c03 c06 x99
    expect(result).toMatchObject({ answers: 10, respondents: 5, importanceAnswers: 4, firstDay: parseIsoDay('2024-02-01'), lastDay: parseIsoDay('2024-03-01') });
  });

  it('overall: each dimension’s gap, the unweighted and the weighted score', () => {
    const o = result.overall;
    // tangibles c01 6 → 6: 0; reliability c02 7 → 6, c03 6 → 4: 6.5 → 5, −1.5;
    // responsiveness c01 7 → 4, c02 6 → 5, c03 5 → 5: 6 → 14/3, −4/3;
    // assurance c01 5 → 5, x99 6 → 6: 0; empathy c02 6 → 4, c06 5 → 6: 5.5 → 5, −0.5
    expect(dim(o, 'reliability')).toMatchObject({ expectation: 6.5, perception: 5, gap: -1.5, n: 2 });
    expect(dim(o, 'responsiveness').gap).toBeCloseTo(-4 / 3, 12);
    expect(dim(o, 'responsiveness').n).toBe(3);
    expect(dim(o, 'assurance')).toMatchObject({ expectation: 5.5, perception: 5.5, gap: 0, n: 2 });
    expect(dim(o, 'empathy')).toMatchObject({ expectation: 5.5, perception: 5, gap: -0.5 });
    // unweighted (0 − 1.5 − 4/3 + 0 − 0.5)/5 = −2/3
    expect(o.unweighted).toBeCloseTo(-2 / 3, 12);
    // weights over c01 c02 c03 (c05 did not answer): tangibles .1, reliability 1/3, responsiveness .4,
    // assurance .05, empathy 7/60; weighted 0 − 1.5/3 − .4·4/3 + 0 − 7/60·.5 = −131/120
    expect(o.weightedBy).toBe(3);
    expect(dim(o, 'responsiveness').weight).toBeCloseTo(0.4, 12);
    expect(dim(o, 'empathy').weight).toBeCloseTo(7 / 60, 12);
    expect(o.weighted).toBeCloseTo(-131 / 120, 12);
    expect(o.tooFew).toBe(true); // 5 respondents < 30
  });

  it('overall priorities by weighted gap: responsiveness (−.533) before reliability (−.5) and empathy (−.058)', () => {
    expect(result.overall.priorities.map((p) => p.dimension)).toEqual(['responsiveness', 'reliability', 'empathy']);
    expect(result.overall.priorities[0].weightedGap).toBeCloseTo(-0.4 * 4 / 3, 12);
  });

  it('the items table holds the item-level answers only', () => {
    // items 1, 5 (c03), 10, 11, 14 (c01, x99), 18; c02's dimension-level answers are not items
    expect(result.overall.items.map((i) => i.item)).toEqual([1, 5, 10, 11, 14, 18]);
    expect(result.overall.items.find((i) => i.item === 14)).toMatchObject({ expectation: 5.5, perception: 5.5, n: 2 });
  });

  it('by value tier: in the tiers’ order, each with its own respondents’ weights; the customer in no order apart', () => {
    expect(result.grouping).toEqual({ kind: 'tiers', id: tiers.id });
    expect(result.groups.map((g) => [g.key, g.respondents, g.answers])).toEqual([['tier_1', 2, 6], ['tier_2', 1, 2], ['tier_3', 1, 1]]);
    expect(result.ungrouped).toBe(1); // x99
    const t1 = result.groups[0];
    // tier_1 (c01, c02): tangibles 0, reliability −1, responsiveness (7 + 6)/2 → (4 + 5)/2 = −2, assurance 0, empathy −2
    expect(t1.unweighted).toBeCloseTo(-1, 12);
    // weights (c01 + c02)/2: .05 .3 .5 .025 .125; weighted −.3 − 1 − .25 = −1.55
    expect(t1.weighted).toBeCloseTo(-1.55, 12);
    // by weighted gap responsiveness −1, reliability −.3, empathy −.25 (unweighted: responsiveness and empathy −2 first)
    expect(t1.priorities.map((p) => p.dimension)).toEqual(['responsiveness', 'reliability', 'empathy']);
    expect(t1.tooFew).toBe(true);
    // tier_2: c03 only; c05's points do not count (no answers)
    const t2 = result.groups[1];
    expect(t2.weightedBy).toBe(1);
    expect(t2.priorities).toEqual([{ dimension: 'reliability', expectation: 6, perception: 4, gap: -2, weight: 0.4, weightedGap: -0.8 }]);
    // tier_3: c06's empathy +1 only (its reliability answer is after the day), no points: no priorities, no weighted score
    expect(result.groups[2]).toMatchObject({ weighted: null, weightedBy: 0, priorities: [] });
    expect(dim(result.groups[2], 'reliability').n).toBe(0);
  });

  it('without an analysis day every answer counts, by the 11 RFM segments by default', async () => {
    const all = await engine.servqual('s2', id);
    expect(all.answers).toBe(11);
    expect(all.grouping.kind).toBe('rfm');
    // reliability with c06's 7 → 1: (7 + 6 + 7)/3 → (6 + 4 + 1)/3, gap (−1 − 2 − 6)/3 = −3
    expect(dim(all.overall, 'reliability').gap).toBeCloseTo(-3, 12);
    expect(all.groups.reduce((s, g) => s + g.respondents, 0) + all.ungrouped).toBe(5);
  });
});
