// The customer-level portfolio (workers/strategy/portfolio.ts) on a 7-customer dataset worked out
// by hand: values per customer, medians, quadrants with recency reversed, totals per quadrant, the
// listing of a quadrant (order and paging), typed thresholds, CLV as the future value, and a
// customer with no orders left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { EngineApi } from '../../../../workers/api';
import { runPortfolioCustomers, runPortfolioPoints } from '../../../../workers/strategy/portfolio';
import { prepareDataset } from '../../../../workers/core/loaded';
import { emptyColumns, openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { parseIsoDay, QUADRANT_CODE } from '../../../../src/lib/domain';
import { settingsOf, textFile } from '../../import-helpers';

// Last order 2024-12-31: the analysis day is 2025-01-01, the 12 months are 2024-01-02 … 2024-12-31.
//        net 12 months       total   days since the last purchase (to 2025-01-01)
// c1     400                 1000    1   (2024-12-31; 600 on 2022-01-10 is outside the year)
// c2     300                  300    10  (2024-12-22)
// c3     100                  100    60  (2024-11-02)
// c4       0                  900    580 (2023-06-01)
// c5     100 + 250 − 50 = 300 300    90  (2024-10-03; a return on 2024-09-01)
// c6      50                   50    200 (2024-06-15)
// c7      20                   20    1   (2024-12-31)
// c8 is in the customers file only (no orders): in no RFM group, left out.
const ROWS: [string, string, string, number][] = [
  ['c1', 'o1', '2024-12-31', 400], ['c1', 'o2', '2022-01-10', 600],
  ['c2', 'o3', '2024-12-22', 300],
  ['c3', 'o4', '2024-11-02', 100],
  ['c4', 'o5', '2023-06-01', 900],
  ['c5', 'o6', '2024-08-01', 100], ['c5', 'o7', '2024-09-01', -50], ['c5', 'o8', '2024-10-03', 250],
  ['c6', 'o9', '2024-06-15', 50],
  ['c7', 'o10', '2024-12-31', 20],
];
const ORDERS = ['customer_id,order_id,order_date,amount', ...ROWS.map((r) => r.join(','))].join('\n');
const CUSTOMERS = ['customer_id,name', 'c1,王文博', 'c2,Emily Reed', 'c3,李娜', 'c4,张伟', 'c5,陈静', 'c6,杨洋', 'c7,赵磊', 'c8,周杰'].join('\n');

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;

beforeAll(async () => {
  db = openDatabase(`portfolio-${Math.random()}`);
  engine = createEngine(db);
  const files = [];
  for (const [name, text] of [['orders.csv', ORDERS], ['customers.csv', CUSTOMERS]]) {
    const file = textFile(name, text);
    files.push({ file, settings: settingsOf(await engine.preview(file)) });
  }
  expect(files.map((f) => f.settings.kind)).toEqual(['orders', 'customers']);
  const imported = await engine.importFiles('i', files, { newDataset: { name: 'Shop', currency: 'CNY' } });
  expect(imported.committed).toBe(true);
  id = imported.datasetId;
  await engine.load('l', id);
}, 60_000);

afterAll(() => db.close());

/** Points keyed by customer current value pairs, sorted, for comparison without relying on order. */
const pairs = (x: Float64Array, y: Float64Array) => Array.from(x, (v, i) => [v, y[i]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe('portfolioPoints on the default RFM grouping', () => {
  it('places the 7 buying customers by net revenue in the last 12 months and recency, without a fit', async () => {
    const p = await engine.portfolioPoints('p', id);
    expect(p.current).toBe('year');
    expect(p.future).toBe('recency');
    expect(p.value).toBeNull();
    expect(p.count).toBe(7);
    expect(p.missing).toBe(0);
    expect(p.asOfDay).toBe(parseIsoDay('2024-12-31'));
    expect(pairs(p.x, p.y)).toEqual([[0, 580], [20, 1], [50, 200], [100, 60], [300, 10], [300, 90], [400, 1]]);
  });

  it('takes the medians over the customers: 0 20 50 |100| 300 300 400 and 1 1 10 |60| 90 200 580', async () => {
    const p = await engine.portfolioPoints('p', id);
    expect(p.medians).toEqual({ current: 100, future: 60 });
    expect(p.thresholds).toEqual({ current: 100, future: 60 });
    expect(p.axes.current.min).toBe(0);
    expect(p.axes.current.max).toBe(400);
    expect(p.axes.future.max).toBe(580);
  });

  it('counts and sums per quadrant, at the thresholds counting as high and recency reversed', async () => {
    // invest: c1 (400, 1), c2 (300, 10), c3 (100, 60: at both thresholds); develop: c7 (20, 1);
    // maintain: c5 (300, 90 > 60); basic: c4 (0, 580), c6 (50, 200)
    const p = await engine.portfolioPoints('p', id);
    expect(p.quadrants).toEqual({
      invest: { customers: 3, current: 800, future: 71 },
      develop: { customers: 1, current: 20, future: 1 },
      maintain: { customers: 1, current: 300, future: 90 },
      basic: { customers: 2, current: 50, future: 780 },
    });
    // each point's code agrees with its values
    const at = (cx: number, cy: number) => p.quadrant[Array.from(p.x).findIndex((v, i) => v === cx && p.y[i] === cy)];
    expect(at(100, 60)).toBe(QUADRANT_CODE.invest);
    expect(at(300, 90)).toBe(QUADRANT_CODE.maintain);
    expect(at(20, 1)).toBe(QUADRANT_CODE.develop);
  });

  it('uses total revenue and typed thresholds when asked', async () => {
    // totals 20 50 100 |300| 300 900 1000 → median 300
    const total = await engine.portfolioPoints('p', id, { current: 'total' });
    expect(total.medians.current).toBe(300);
    // typed: high means total ≥ 301 and last purchase ≤ 10 days ago: c1 (1000, 1) invest; c4 (900, 580) maintain;
    // c2 (300, 10: at the recency threshold) and c7 (20, 1) develop; c3 (100, 60), c5 (300, 90), c6 (50, 200) basic
    const typed = await engine.portfolioPoints('p', id, { current: 'total', thresholds: { current: 301, future: 10 } });
    expect(typed.thresholds).toEqual({ current: 301, future: 10 });
    expect(typed.medians.current).toBe(300);
    expect([typed.quadrants.invest.customers, typed.quadrants.develop.customers, typed.quadrants.maintain.customers, typed.quadrants.basic.customers]).toEqual([1, 2, 1, 3]);
  });

  it('refuses CLV without a value fit', async () => {
    await expect(engine.portfolioPoints('p', id, { future: 'clv' })).rejects.toMatchObject({ code: 'portfolio.noFit' });
  });
});

describe('portfolioCustomers', () => {
  it('lists a quadrant most valuable now first, with names, in pages', async () => {
    const first = await engine.portfolioCustomers('c', id, { quadrant: 'invest', offset: 0, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.customers).toEqual([
      { id: 'c1', name: '王文博', current: 400, future: 1 },
      { id: 'c2', name: 'Emily Reed', current: 300, future: 10 },
    ]);
    const second = await engine.portfolioCustomers('c', id, { quadrant: 'invest', offset: 2, limit: 2 });
    expect(second.offset).toBe(2);
    expect(second.customers.map((c) => c.id)).toEqual(['c3']);
    const basic = await engine.portfolioCustomers('c', id, { quadrant: 'basic' });
    expect(basic.customers.map((c) => c.id)).toEqual(['c6', 'c4']); // 50, then 0
  });

  it('breaks ties on current value by potential: fewer days since the last purchase first', async () => {
    // everyone invest (current ≥ 0, last purchase ≤ 1000 days): 400 c1, 300 c2 (10 days) before c5 (90 days), 100 c3, 50 c6, 20 c7, 0 c4
    const all = await engine.portfolioCustomers('c', id, { quadrant: 'invest', thresholds: { current: 0, future: 1000 } });
    expect(all.customers.map((c) => c.id)).toEqual(['c1', 'c2', 'c5', 'c3', 'c6', 'c7', 'c4']);
    expect(all.thresholds).toEqual({ current: 0, future: 1000 });
  });

  it('uses the medians when no thresholds are given (the same quadrants as the points)', async () => {
    const develop = await engine.portfolioCustomers('c', id, { quadrant: 'develop' });
    expect(develop.customers.map((c) => c.id)).toEqual(['c7']);
    expect(develop.thresholds).toEqual({ current: 100, future: 60 });
  });
});

describe('with a value fit (CLV and P(alive) laid on by hand)', () => {
  // c1 … c4 bought; CLV 500, 100, 300, NaN (c4: no value from the fit) → placed 3, missing 1
  const dataset = () => {
    const orders = {
      customerId: ['c1', 'c2', 'c3', 'c4'], orderId: ['o1', 'o2', 'o3', 'o4'],
      day: Int32Array.from(['2024-12-01', '2024-11-01', '2024-10-01', '2023-01-01'], (d) => parseIsoDay(d)!),
      amount: Float64Array.of(200, 50, 80, 400), quantity: new Float64Array(4).fill(NaN), isReturn: new Uint8Array(4),
    };
    const ds = prepareDataset('fit', {
      orders, customers: emptyColumns('customers'), surveys: emptyColumns('surveys'), interactions: emptyColumns('interactions'),
      servqual: emptyColumns('servqual'), importance: emptyColumns('importance'),
    });
    const n = ds.indexed.customers.id.length;
    const by = (values: Record<string, number>) => Float64Array.from(ds.indexed.customers.id, (c) => values[c] ?? NaN);
    const clv = by({ c1: 500, c2: 100, c3: 300 });
    ds.value = { clv, pAlive: by({ c1: 0.9, c2: 0.2, c3: 0.5 }), exp30: new Float64Array(n), exp90: new Float64Array(n), exp365: new Float64Array(n), spend: new Float64Array(n) };
    ds.valueModel = { model: 'bgnbd', months: 12, margin: 1 };
    return ds;
  };

  it('defaults to CLV, leaves out a customer without one, and takes the median of the rest', () => {
    const p = runPortfolioPoints(dataset(), {}, () => undefined);
    expect(p.future).toBe('clv');
    expect(p.value).toEqual({ model: 'bgnbd', months: 12, margin: 1 });
    expect(p.count).toBe(3);
    expect(p.missing).toBe(1);
    // net 12 months (from 2024-01-02 to 2024-12-31): c1 200, c2 50, c3 80 → median 80; CLV 100 300 500 → 300
    expect(p.medians).toEqual({ current: 80, future: 300 });
    // c1 (200, 500) invest; c2 (50, 100) basic; c3 (80, 300) invest
    expect(p.quadrants.invest.customers).toBe(2);
    expect(p.quadrants.basic.customers).toBe(1);
    expect(p.quadrants.invest.future).toBe(800);
  });

  it('uses P(alive) upward: c1 0.9 and c3 0.5 at the median are high', () => {
    const ds = dataset();
    const p = runPortfolioPoints(ds, { future: 'palive' }, () => undefined);
    expect(p.medians.future).toBe(0.5);
    const list = runPortfolioCustomers(ds, { future: 'palive', quadrant: 'invest' }, () => undefined);
    expect(list.customers.map((c) => [c.id, c.future])).toEqual([['c1', 0.9], ['c3', 0.5]]);
  });
});
