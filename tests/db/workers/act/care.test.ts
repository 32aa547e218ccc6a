// The ready lists and the purchase ladder through the engine (issue 16, points 1 and 2), on a
// small imported dataset worked out by hand. The last order is on 2026-03-31, so the lists are as
// of 2026-04-01 and "the next 30 days" are 2026-04-01 … 2026-04-30.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import type { CareListsResult, EngineApi } from '../../../../workers/api';
import { careListRows } from '../../../../workers/act/care';
import { prepareDataset } from '../../../../workers/core/loaded';
import { createContext } from '../../../../workers/core/context';
import { runLoyalty } from '../../../../workers/strategy/loyalty';
import { openDatabase, readDataset, type WorkbenchDB } from '../../../../src/lib/db';
import { maskId, parseIsoDay } from '../../../../src/lib/domain';
import { settingsOf, textFile } from '../../import-helpers';

const day = (iso: string) => parseIsoDay(iso)!;

/*
 * A  born 1990-04-10, signed up 2020-04-05; 500 on 2025-01-01, 2025-02-01, 2025-03-01 (gaps 31, 28:
 *    usual gap 29.5); net 1,500; 396 days silent by 2026-04-01.
 * B  born 2000-02-29; one order of 100 on 2026-03-01 (31 days before the list's day).
 * C  name "=cmd|' /c calc'!A1" (hostile); one order of 1,000 on 2026-03-20 (12 days).
 * D  2,000 on 2025-04-15 and 2026-03-31 (the last order); no sign-up: first purchase 2025-04-15.
 * E  one order of 50 on 2026-02-10 (50 days); a complaint resolved 2026-02-15, nothing bought since.
 * F  300 on 2025-06-01 and 2025-06-11; a complaint resolved 2025-06-05, bought again on the 11th.
 * G  a prospect (no orders), born 1980-04-30.
 * Net revenue, buyers only: D 4,000 > A 1,500 > C 1,000 > F 600 > B 100 > E 50 (6 buyers):
 * top 20% = ⌈1.2⌉ = 2 (D, A); top 50% = 3 (D, A, C).
 */
const CUSTOMERS = [
  'customer_id,name,birth_date,signup_date',
  'A,Ann,1990-04-10,2020-04-05', 'B,Bob,2000-02-29,', "C,=cmd|' /c calc'!A1,,", 'D,Dan,,', 'E,Eve,,', 'F,Fay,,', 'G,Gus,1980-04-30,',
].join('\n');
const ORDERS = [
  'customer_id,order_id,order_date,amount',
  'A,a1,2025-01-01,500', 'A,a2,2025-02-01,500', 'A,a3,2025-03-01,500',
  'B,b1,2026-03-01,100',
  'C,n1,2026-03-20,1000', // (an order id starting with C would read as a cancellation)
  'D,d1,2025-04-15,2000', 'D,d2,2026-03-31,2000',
  'E,e1,2026-02-10,50',
  'F,f1,2025-06-01,300', 'F,f2,2025-06-11,300',
].join('\n');
const INTERACTIONS = [
  'customer_id,date,type,status,resolved_date,topic',
  'E,2026-02-12,complaint,resolved,2026-02-15,delivery',
  'F,2025-06-02,complaint,resolved,2025-06-05,quality',
  'B,2026-03-02,inquiry,resolved,2026-03-03,size',
].join('\n');

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
let r: CareListsResult;
const size = (res: CareListsResult, list: string) => res.lists.find((l) => l.list === list)!.size;
const ids = async (list: Parameters<EngineApi['careListPage']>[2]['list'], options?: Record<string, number | string>) =>
  (await engine.careListPage('p', id, { list, options }, 0, 50)).rows.map((x) => x.id);

beforeAll(async () => {
  db = openDatabase(`care-${Math.random()}`);
  engine = createEngine(db);
  const files = [];
  for (const [name, text] of [['customers.csv', CUSTOMERS], ['orders.csv', ORDERS], ['interactions.csv', INTERACTIONS]]) {
    const file = textFile(name, text);
    files.push({ file, settings: settingsOf(await engine.preview(file)) });
  }
  const imported = await engine.importFiles('i', files, { newDataset: { name: 'Shop', currency: 'CNY' } });
  expect(imported.committed).toBe(true);
  id = imported.datasetId;
  await engine.load('l', id);
  r = await engine.careLists('c', id);
}, 60_000);

afterAll(() => db.close());

describe('care lists on a hand-made dataset', () => {
  it('are as of the day after the last order, 30 days ahead', () => {
    expect(r).toMatchObject({ day: day('2026-04-01'), lastOrderDay: day('2026-03-31'), days: 30, windowEnd: day('2026-04-30'), factor: 2, vip: 'tier', valueBasis: 'net' });
    // usual gaps: A 29.5, D 350, F 10 → median 29.5
    expect(r.baseGap).toBe(29.5);
    // order counts A 3, B 1, C 1, D 2, E 1, F 2: of the 6 buyers 3 have a 2nd order (A, D, F), 1 of those 3 a 3rd (A)
    expect(r.ladder).toEqual({ rate1: 0.5, rate2: 1 / 3, customers1: 6 });
  });

  it('finds birthdays and anniversaries in the window', async () => {
    // A turns 36 on 2026-04-10; G (a prospect) turns 46 on 2026-04-30, the window's last day
    const birthdays = await engine.careListPage('p', id, { list: 'birthdays' }, 0, 10);
    expect(birthdays.rows.map((x) => [x.id, x.when, x.figure])).toEqual([['A', day('2026-04-10'), 36], ['G', day('2026-04-30'), 46]]);
    // A: 6 years since sign-up (2026-04-05); D: 1 year since the first purchase (2026-04-15)
    const anniversaries = await engine.careListPage('p', id, { list: 'anniversaries' }, 0, 10);
    expect(anniversaries.rows.map((x) => [x.id, x.when, x.figure, x.note])).toEqual([
      ['A', day('2026-04-05'), 6, 'signup'], ['D', day('2026-04-15'), 1, 'firstPurchase'],
    ]);
    // 9 days ahead: 2026-04-01 … 2026-04-09, A's anniversary only
    expect(await ids('anniversaries', { days: 9 })).toEqual(['A']);
    expect(await ids('birthdays', { days: 9 })).toEqual([]);
  });

  it('takes win-back, VIP, second-purchase and complaint follow-up customers by their rules', async () => {
    // win-back: of D, A, C only A is silent beyond 2 × usual gap (396 > 59); C's 12 days < 2 × 29.5
    expect(await ids('winback')).toEqual(['A']);
    const w = (await engine.careListPage('p', id, { list: 'winback' }, 0, 5)).rows[0];
    expect([w.when, w.figure]).toEqual([day('2025-03-01'), 396]);
    expect(await ids('vip')).toEqual(['D', 'A']);
    // B 31 days, E 50 days; C's 12 days are too few
    expect(await ids('secondPurchase')).toEqual(['B', 'E']);
    // E: resolved 2026-02-15, nothing since; F bought after the resolution; B's is an inquiry
    expect(await ids('complaintFollowUp')).toEqual(['E']);
    expect([size(r, 'winback'), size(r, 'vip'), size(r, 'secondPurchase'), size(r, 'complaintFollowUp'), size(r, 'birthdays'), size(r, 'anniversaries')])
      .toEqual([1, 2, 2, 1, 2, 2]);
    // value: net revenue of the customers (VIP: 4,000 + 1,500)
    expect(r.lists.find((l) => l.list === 'vip')!.value).toBe(5500);
  });

  it('lets the settings change the lists', async () => {
    // factor 10: A's 396 days > 295 still; the settings are checked
    const wide = await engine.careLists('c2', id, { factor: 10, days: 366 });
    expect(size(wide, 'winback')).toBe(1);
    await expect(engine.careLists('c3', id, { days: 0 })).rejects.toMatchObject({ code: 'care.daysInvalid' });
    await expect(engine.careLists('c4', id, { factor: 0.5 })).rejects.toMatchObject({ code: 'care.factorInvalid' });
    await expect(engine.careListPage('p', id, { list: 'nope' as never }, 0, 5)).rejects.toMatchObject({ code: 'care.listUnknown' });
  });

  it('leaves nobody out without a consent column, and says so', () => {
    for (const l of r.lists) expect(l).toMatchObject({ contactable: l.size, leftOut: 0, hasConsent: false });
  });

  it('exports a list as CSV: masked when asked, formula-injection safe', async () => {
    const header = ['id', 'name', 'orders', 'last', 'net', 'clv', 'when', 'figure', 'note'];
    const plain = await engine.careListCsv('x', id, { list: 'vip' }, { header, mask: false });
    expect(plain).toMatchObject({ rows: 2, leftOut: 0, hasConsent: false });
    expect(plain.csv.split('\r\n').slice(0, 3)).toEqual(['\uFEFFid,name,orders,last,net,clv,when,figure,note', 'D,Dan,2,2026-03-31,4000,,,,', 'A,Ann,3,2025-03-01,1500,,,,']);
    const masked = await engine.careListCsv('x', id, { list: 'vip' }, { header, mask: true });
    expect(masked.csv).not.toContain('Dan');
    expect(masked.csv).toContain(maskId('D'));
    // as of 2026-04-05, C's one order is 16 days old: C is on the second-purchase list, and the
    // hostile name is written as text (quoted, a leading apostrophe), never as a formula
    const hostile = await engine.careListCsv('x', id, { list: 'secondPurchase', day: day('2026-04-05') }, { header, mask: false, notes: {} });
    expect(hostile.rows).toBe(3);
    expect(hostile.csv).toContain(`"'=cmd|' /c calc'!A1"`);
    expect(hostile.csv).not.toMatch(/,=cmd/);
  });

  it('gives the actions part the same customers (careListRows)', async () => {
    const ctx = createContext(db);
    const ds = prepareDataset(id, await readDataset(db, id));
    const rows = await careListRows(ctx, ds, { list: 'secondPurchase' });
    expect(rows.map((k) => ds.indexed.customers.id[k])).toEqual(['B', 'E']);
    // the upgrade nudge is the loyalty panel's nudge list (runLoyalty, the default design)
    const nudge = await careListRows(ctx, ds, { list: 'upgradeNudge' });
    const loyalty = runLoyalty(ds, {}, () => undefined);
    expect(nudge.map((k) => ds.indexed.customers.id[k])).toEqual(loyalty.nudges.customers.map((x) => x.id));
    const page = await engine.careListPage('p', id, { list: 'upgradeNudge' }, 0, 50);
    expect(page.rows.map((x) => [x.id, x.figure, x.note])).toEqual(loyalty.nudges.customers.map((x) => [x.id, x.gap, x.next]));
  });

  it('counts the purchase ladder overall and by segment', async () => {
    const ladder = await engine.careLadder('l', id);
    expect(ladder.overall.slice(0, 3)).toEqual([
      { orders: 1, customers: 6, next: 3, rate: 0.5 },
      { orders: 2, customers: 3, next: 1, rate: 1 / 3 },
      { orders: 3, customers: 1, next: 0, rate: 0 },
    ]);
    expect(ladder.overall).toHaveLength(10);
    // every buyer is in one RFM segment: the segments' customers add up to the 6 buyers
    expect(ladder.segments.reduce((t, s) => t + s.customers, 0)).toBe(6);
  });
});
