// Loyalty tiers on a small imported dataset worked out by hand: members, revenue and the yearly
// cost of the benefits per tier, the retention gain, the nudge list at its 90% edge, the would-drop
// list with its days, the points basis with expiry, lifetime spend and the analysis day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { EngineApi, LoyaltyResult } from '../../../../workers/api';
import { runLoyalty } from '../../../../workers/strategy/loyalty';
import { prepareDataset } from '../../../../workers/core/loaded';
import { emptyColumns, openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { defaultLoyaltyDesign, parseIsoDay, type LoyaltyDesign } from '../../../../src/lib/domain';
import { settingsOf, textFile } from '../../import-helpers';

const day = (iso: string) => parseIsoDay(iso)!;

/*
 * The last order is on 2026-11-30: spend in the last 12 months counts 2025-12-01 … 2026-11-30.
 * A 3,000 (2026-01-15) + 2,500 (2026-06-01) = 5,500 gold   B 600 (2025-12-10) + 500 (2026-10-01) = 1,100 silver
 * C 5,200 (2026-03-10) gold   D 2,000 (2025-12-05) + 4,000 (2025-12-20) = 6,000 gold
 * E 1,500 (2025-12-05) − 300 returned (2025-12-06) = 1,200 silver   F 800 (2025-12-05) member (+5,000 on 2024-06-01, lifetime only)
 * G no order (a prospect) member   H 950 (2026-11-30) member   I 899 (2026-11-01) member   J 4,500 (2026-02-01) silver
 */
const CUSTOMERS = 'customer_id,name\nA,Ann\nB,Bob\nC,Cat\nD,Dan\nE,Eve\nF,Fay\nG,Gus\nH,Hal\nI,Ivy\nJ,Jon\n';
const ORDERS = [
  'customer_id,order_id,order_date,amount',
  'A,A1,2026-01-15,3000', 'A,A2,2026-06-01,2500',
  'B,B1,2025-12-10,600', 'B,B2,2026-10-01,500',
  'C,K1,2026-03-10,5200',
  'D,D1,2025-12-05,2000', 'D,D2,2025-12-20,4000',
  'E,E1,2025-12-05,1500', 'E,E2,2025-12-06,-300',
  'F,F0,2024-06-01,5000', 'F,F1,2025-12-05,800',
  'H,H1,2026-11-30,950',
  'I,I1,2026-11-01,899',
  'J,J1,2026-02-01,4500',
].join('\n');

/** Member 0 / Silver 1,000 / Gold 5,000 / Diamond 20,000; 0/2/5/8 %, × 1/1.2/1.5/2, 0/20/50/150 a year; 1 point per unit at 0.01. */
const DESIGN: LoyaltyDesign = defaultLoyaltyDesign([0, 1000, 5000, 20000]);

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
let r: LoyaltyResult;
const tier = (res: LoyaltyResult, key: string) => res.tiers.find((t) => t.key === key)!;

beforeAll(async () => {
  db = openDatabase(`loyalty-${Math.random()}`);
  engine = createEngine(db);
  const files = [];
  for (const [name, text] of [['customers.csv', CUSTOMERS], ['orders.csv', ORDERS]]) {
    const file = textFile(name, text);
    files.push({ file, settings: settingsOf(await engine.preview(file)) });
  }
  const imported = await engine.importFiles('i', files, { newDataset: { name: 'Shop', currency: 'CNY' } });
  expect(imported.committed).toBe(true);
  id = imported.datasetId;
  await engine.load('l', id);
  r = await engine.loyaltyOnData('y', id, { design: DESIGN });
}, 60_000);

afterAll(() => db.close());

describe('loyalty tiers on a hand-made dataset', () => {
  it('places the customers and counts members and net revenue per tier', () => {
    expect(r).toMatchObject({ orders: 14, asOfDay: day('2026-11-30'), windowFrom: day('2025-12-01'), customers: 10, untiered: 0 });
    // member F H I G: 800 + 950 + 899 + 0 = 2,649; silver B E J: 1,100 + 1,200 + 4,500 = 6,800;
    // gold A C D: 5,500 + 5,200 + 6,000 = 16,700; diamond nobody
    expect(r.tiers.map((t) => [t.key, t.members, t.revenue])).toEqual([['member', 4, 2649], ['silver', 3, 6800], ['gold', 3, 16700], ['diamond', 0, 0]]);
    expect(tier(r, 'gold').share).toBeCloseTo(0.3, 12);
    expect(r.total).toMatchObject({ members: 10, revenue: 26149 });
  });

  it('costs the benefits per tier and in total, and the retention gain that pays for them', () => {
    // member: 2,649 points × 0.01 = 26.49 → 6.6225 a member; value 2,649 / 4 → gain 100 × 26.49 / 2,649 = 1.0
    const m = tier(r, 'member');
    expect(m.cost.total).toBeCloseTo(26.49, 9);
    expect(m.retentionGain).toBeCloseTo(1, 9);
    expect(m.valueBasis).toBe('net12');
    // silver: 2% × 6,800 = 136; 6,800 × 1.2 = 8,160 points × 0.01 = 81.6; 20 × 3 = 60 → 277.6;
    // 92.533 a member ÷ 2,266.67 a member → 100 × 277.6 / 6,800 = 4.0824 points
    const s = tier(r, 'silver');
    expect(s.cost.discount).toBeCloseTo(136, 9);
    expect(s.cost.pointsCost).toBeCloseTo(81.6, 9);
    expect(s.cost.fixed).toBe(60);
    expect(s.cost.total).toBeCloseTo(277.6, 9);
    expect(s.cost.perMember).toBeCloseTo(277.6 / 3, 9);
    expect(s.valuePerMember).toBeCloseTo(6800 / 3, 9);
    expect(s.retentionGain).toBeCloseTo((100 * 277.6) / 6800, 9);
    // gold: 5% × 16,700 = 835; 25,050 points → 250.5; 50 × 3 = 150 → 1,235.5; gain 100 × 1,235.5 / 16,700 = 7.398
    expect(tier(r, 'gold').cost.total).toBeCloseTo(1235.5, 9);
    expect(tier(r, 'gold').retentionGain).toBeCloseTo((100 * 1235.5) / 16700, 9);
    expect(tier(r, 'diamond').retentionGain).toBeNull();
    // 26.49 + 277.6 + 1,235.5 = 1,539.59
    expect(r.total.cost).toBeCloseTo(1539.59, 9);
    expect(r.value).toBeNull();
  });

  it('lists who is within 10% of the next tier: H (950 of 1,000) and J (4,500 of 5,000), not I (899)', () => {
    expect(r.nudges.count).toBe(2);
    expect(r.nudges.customers).toEqual([
      { id: 'H', name: 'Hal', tier: 'member', next: 'silver', value: 950, gap: 50 },
      { id: 'J', name: 'Jon', tier: 'silver', next: 'gold', value: 4500, gap: 500 },
    ]);
  });

  it('lists who drops a tier in the next 90 days (to 2027-02-28) and when', () => {
    // purchases leave the window 365 days later: D 2026-12-05 (4,000 < 5,000) and E 2026-12-05 (−300),
    // B 2026-12-10 (500), A 2027-01-15 (2,500 → silver), J 2027-02-01 (0); C leaves on 2027-03-10: after
    expect(r.drops.customers.map((c) => [c.id, c.tier, c.to, c.day, c.keep])).toEqual([
      ['D', 'gold', 'member', day('2026-12-05'), 1000],
      ['E', 'silver', 'member', day('2026-12-05'), 1300],
      ['B', 'silver', 'member', day('2026-12-10'), 500],
      ['A', 'gold', 'silver', day('2027-01-15'), 2500],
      ['J', 'silver', 'member', day('2027-02-01'), 1000],
    ]);
    expect(r.drops).toMatchObject({ count: 5, horizonDays: 90 });
  });

  it('points with a 6-month expiry and 2 points per unit', async () => {
    const points = await engine.loyaltyOnData('p', id, { design: { ...DESIGN, basis: 'points', pointsPerUnit: 2, expiryMonths: 6 } });
    // points of 2026-06-01 on count on 2026-11-30 (those of 05-31 expired that day): A 2,500 → 5,000
    // gold; B 500 → 1,000, H 950 → 1,900, I 899 → 1,798 silver; the rest 0 → member
    expect(points.windowFrom).toBe(day('2026-06-01'));
    expect(points.tiers.map((t) => [t.key, t.members, t.revenue])).toEqual([['member', 6, 0], ['silver', 3, 2349], ['gold', 1, 2500], ['diamond', 0, 0]]);
    // the cost is on spend in the last 12 months whatever the basis: gold A 5,500 → 5% = 275;
    // 5,500 × 2 points × 1.5 = 16,500 points × 0.01 = 165; 50 fixed → 490
    expect(tier(points, 'gold').cost.total).toBeCloseTo(490, 9);
    // suggested thresholds in points, of 1,000 1,798 1,900 5,000: p50 rank 1.5 → 1,849 → 1,800;
    // p80 rank 2.4 → 1,900 + 0.4 × 3,100 = 3,140 → 3,100; p95 rank 2.85 → 1,900 + 0.85 × 3,100 = 4,535 → 4,500
    expect(points.suggested).toEqual([0, 1800, 3100, 4500]);
  });

  it('lifetime spend: every order counts, and nobody drops', async () => {
    const life = await engine.loyaltyOnData('t', id, { design: { ...DESIGN, basis: 'lifetime' } });
    // F 5,000 + 800 = 5,800 → gold with A C D
    expect(tier(life, 'gold').members).toBe(4);
    expect(life.windowFrom).toBeNull();
    expect(life.drops.count).toBe(0);
  });

  it('as of an earlier analysis day: later customers are not there yet', async () => {
    const early = await engine.loyaltyOnData('e', id, { design: DESIGN, analysisDay: day('2026-06-30') });
    // window 2025-07-01 … 2026-06-30; H and I first bought later: 8 customers. Member B 600, F 800, G;
    // silver E 1,200, J 4,500; gold A 5,500, C 5,200, D 6,000
    expect(early).toMatchObject({ asOfDay: day('2026-06-30'), customers: 8 });
    expect(early.tiers.map((t) => t.members)).toEqual([3, 2, 3, 0]);
  });

  it('without a design: the default one with thresholds from the data', async () => {
    const d = await engine.loyaltyOnData('d', id);
    // spend in 12 months of those who spent: 800 899 950 1,100 1,200 4,500 5,200 5,500 6,000 (9):
    // p50 rank 4 → 1,200; p80 rank 6.4 → 5,200 + 0.4 × 300 = 5,320 → 5,300; p95 rank 7.6 → 5,500 + 0.6 × 500 = 5,800
    expect(d.design.tiers.map((t) => t.minSpend)).toEqual([0, 1200, 5300, 5800]);
    expect(d.design.basis).toBe('spend12');
  });
});

describe('with a value fit (CLV laid on by hand)', () => {
  // c1 1,500 and c2 1,200 silver, c3 300 member (as of 2024-12-31, the last order day);
  // CLV 2,000, NaN (no value from the fit), 500
  const dataset = () => {
    const orders = {
      customerId: ['c1', 'c2', 'c3'], orderId: ['o1', 'o2', 'o3'],
      day: Int32Array.from(['2024-12-31', '2024-11-01', '2024-10-01'], (d) => parseIsoDay(d)!),
      amount: Float64Array.of(1500, 1200, 300), quantity: new Float64Array(3).fill(NaN), isReturn: new Uint8Array(3),
    };
    const ds = prepareDataset('fit', {
      orders, customers: emptyColumns('customers'), surveys: emptyColumns('surveys'), interactions: emptyColumns('interactions'),
      servqual: emptyColumns('servqual'), importance: emptyColumns('importance'),
    });
    const n = ds.indexed.customers.id.length;
    const clv = Float64Array.from(ds.indexed.customers.id, (c) => ({ c1: 2000, c3: 500 } as Record<string, number>)[c] ?? NaN);
    ds.value = { clv, pAlive: new Float64Array(n), exp30: new Float64Array(n), exp90: new Float64Array(n), exp365: new Float64Array(n), spend: new Float64Array(n) };
    ds.valueModel = { model: 'bgnbd', months: 12, margin: 1 };
    return ds;
  };

  it('measures the retention gain against the mean CLV of the members who have one', () => {
    const res = runLoyalty(dataset(), { design: DESIGN }, () => undefined);
    expect(res.value).toEqual({ model: 'bgnbd', months: 12, margin: 1 });
    const silver = tier(res, 'silver');
    // silver c1 c2: 2% × 2,700 = 54; 2,700 × 1.2 = 3,240 points × 0.01 = 32.4; 20 × 2 = 40 → 126.4,
    // 63.2 a member; CLV: c1's 2,000 only (c2 has none) → 100 × 63.2 / 2,000 = 3.16 points
    expect(silver).toMatchObject({ members: 2, valueBasis: 'clv', valuePerMember: 2000 });
    expect(silver.cost.total).toBeCloseTo(126.4, 9);
    expect(silver.retentionGain).toBeCloseTo(3.16, 9);
    // member c3: 300 points × 0.01 = 3 a member ÷ CLV 500 → 0.6 points
    expect(tier(res, 'member').retentionGain).toBeCloseTo(0.6, 9);
    // gold and diamond: nobody → no CLV to average, no gain
    expect(tier(res, 'gold')).toMatchObject({ members: 0, retentionGain: null });
  });
});
