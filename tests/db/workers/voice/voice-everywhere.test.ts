// Voice figures where people look for them, on the demo company: the segment tables' and the
// personas' NPS, CSAT and complaints, the dashboard's NPS and CSAT, and a customer's answers and
// interactions — each against counts made straight from the generated survey and interaction tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, DEMO_SEED } from '../../../../workers/engine';
import type { EngineApi, GroupingHandle, RfmResult } from '../../../../workers/api';
import { openDatabase, type WorkbenchDB } from '../../../../src/lib/db';
import { csatSummary, LIFECYCLE_DEFAULTS, npsSummary } from '../../../../src/lib/domain';
import { generateDemo } from '../../../../src/lib/domain/demo';

let db: WorkbenchDB;
let engine: EngineApi;
let id: string;
let rfm: RfmResult;
const demo = generateDemo({ seed: DEMO_SEED, locale: 'en' });
const sv = demo.surveys;
const it_ = demo.interactions;
const RFM = { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' } as const;

beforeAll(async () => {
  db = openDatabase(`voice-everywhere-${Math.random()}`);
  engine = createEngine(db);
  id = await engine.createDemo('d', { locale: 'en' });
  await engine.load('l', id);
  rfm = await engine.rfm(id, RFM);
}, 60_000);

afterAll(() => db.close());

/** The members of a segment (id → orders), read page by page from the customers list. */
async function members(grouping: GroupingHandle, key: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let offset = 0; ; offset += 500) {
    const page = await engine.customers(id, { segment: { grouping, key }, sortBy: 'id', offset, limit: 500 });
    for (const r of page.rows) out.set(r.id, r.orders);
    if (page.rows.length < 500) return out;
  }
}

/**
 * What a segment's voice must be, counted from the generated tables for its members: answers and
 * complaints dated before the analysis day `before` (as the Voice page counts them), orders on or
 * before it (as the groupings count them); everything without one.
 */
function expected(who: Map<string, number>, before?: number) {
  const dated = (d: number) => before === undefined || d <= before;
  const nps: number[] = [], csat: number[] = [];
  sv.customerId.forEach((c, i) => {
    if (!who.has(c) || !dated(sv.day[i])) return;
    if (sv.nps[i] >= 0) nps.push(sv.nps[i]);
    if (sv.csat[i] > 0) csat.push(sv.csat[i]);
  });
  const complainers = new Set<string>();
  let complaints = 0;
  it_.customerId.forEach((c, i) => {
    if (!who.has(c) || it_.kind[i] !== 'complaint' || !dated(it_.day[i])) return;
    complaints++;
    complainers.add(c);
  });
  // orders: distinct order ids of purchases (returns are not orders) on or before the grouping's day
  const ids = new Set<string>();
  const o = demo.orders;
  o.customerId.forEach((c, i) => {
    if (who.has(c) && !o.isReturn[i] && (before === undefined || o.day[i] <= before)) ids.add(`${c}\u0000${o.orderId[i]}`);
  });
  const orders = ids.size;
  if (before === undefined) expect(orders).toBe([...who.values()].reduce((a, b) => a + b, 0));
  return {
    nps: { ...npsSummary(nps), tooFew: nps.length < 30 },
    csat: { ...csatSummary(csat), tooFew: csat.length < 30 },
    complaints: {
      customers: who.size, complainers: complainers.size, complaints, orders,
      rate: complainers.size / who.size, per1000Orders: (1000 * complaints) / orders,
    },
  };
}

describe('voice in the segment tables and personas', () => {
  it('the demo has complaints among its interactions', () => {
    expect(it_.customerId.length).toBeGreaterThan(2000);
    expect(it_.kind.filter((k) => k === 'complaint').length).toBeGreaterThan(100);
  });

  it('gives each RFM segment the NPS, CSAT and complaints of its own members', async () => {
    expect(rfm.segments.every((s) => s.voice)).toBe(true);
    const last = rfm.segments[rfm.segments.length - 1].key;
    for (const key of ['champions', 'at_risk', last]) {
      const row = rfm.segments.find((s) => s.key === key)!;
      const who = await members(rfm.handle, key);
      expect(who.size).toBe(row.size);
      expect(row.voice).toEqual(expected(who));
    }
  }, 60_000);

  it('adds up: every complaint of a customer who bought is in exactly one segment', () => {
    const v = rfm.segments.map((s) => s.voice!.complaints!);
    expect(v.reduce((a, c) => a + c.customers, 0)).toBe(rfm.scored);
    const buyers = new Set(demo.orders.customerId);
    const complaints = it_.kind.filter((k, i) => k === 'complaint' && buyers.has(it_.customerId[i])).length;
    expect(v.reduce((a, c) => a + c.complaints, 0)).toBe(complaints);
    expect(v.reduce((a, c) => a + c.complaints, 0)).toBeGreaterThan(0);
  });

  it('agrees with the Voice page on the same grouping', async () => {
    const page = await engine.voice('v', id, { grouping: rfm.handle });
    for (const g of page.groups) {
      const row = rfm.segments.find((s) => s.key === g.key)!;
      expect({ nps: row.voice!.nps, csat: row.voice!.csat }).toEqual({ nps: g.nps, csat: g.csat });
    }
  });

  it('counts only answers and complaints dated on or before an earlier analysis day, as orders', async () => {
    const day = Math.floor((Math.min(...sv.day) + Math.max(...sv.day)) / 2);
    const earlier = await engine.rfm(id, { ...RFM, analysisDay: day });
    const row = earlier.segments.find((s) => s.key === 'champions')!;
    expect(row.voice).toEqual(expected(await members(earlier.handle, 'champions'), day));
    expect(row.voice!.nps.n).toBeLessThan(rfm.segments.find((s) => s.key === 'champions')!.voice!.nps.n);
  }, 30_000);

  it('the other groupings: value tiers, lifecycle stages, a rule segment and clusters', async () => {
    const tiers = await engine.tiers(id, [20, 30, 50], 'customers');
    const top = tiers.tiers[0];
    expect(top.voice).toEqual(expected(await members(tiers.handle, 'tier_1')));
    const stages = await engine.lifecycle(id, { ...LIFECYCLE_DEFAULTS });
    const loyal = stages.stages.find((s) => s.key === 'loyal')!;
    expect(loyal.voice).toEqual(expected(await members(stages.handle, 'loyal')));
    const rule = await engine.rule(id, { combine: 'and', conditions: [{ field: 'orders', op: 'gte', value: 3 }] });
    expect(rule.voice).toEqual(expected(await members(rule.handle!, 'rule')));
    const clusters = await engine.clusters(id, { features: ['recency', 'frequency', 'monetary'], k: 3, seed: 1 });
    expect(clusters.clusters.reduce((a, c) => a + c.voice!.complaints!.customers, 0)).toBe(clusters.clustered);
    expect(clusters.clusters[0].voice).toEqual(expected(await members(clusters.handle, 'cluster_1')));
  }, 60_000);

  it('the persona carries the same voice as its row of the table', async () => {
    const persona = await engine.persona(id, rfm.handle, 'champions');
    expect(persona!.voice).toEqual(rfm.segments.find((s) => s.key === 'champions')!.voice);
  });
});

describe('voice on the dashboard and the customer page', () => {
  it('the dashboard has NPS and CSAT of every answer, as the Voice page overall', async () => {
    const dash = await engine.dashboard(id, { activeDays: 90 });
    const page = await engine.voice('v', id);
    expect(dash.voice).toEqual(page.overall);
    expect(dash.voice!.nps.n).toBe(Array.from(sv.nps).filter((v) => v >= 0).length);
  });

  it('a customer’s answers and interactions, newest first, as the tables hold them', async () => {
    const answered = new Map<string, number>();
    sv.customerId.forEach((c) => answered.set(c, (answered.get(c) ?? 0) + 1));
    const told = new Map<string, number>();
    it_.customerId.forEach((c) => told.set(c, (told.get(c) ?? 0) + 1));
    const who = [...answered.keys()].find((c) => answered.get(c)! >= 2 && (told.get(c) ?? 0) >= 2)!;
    expect(who).toBeDefined();
    const detail = (await engine.customer(id, who))!;
    const rows = sv.customerId.flatMap((c, i) => (c === who ? [{ day: sv.day[i], nps: sv.nps[i] >= 0 ? sv.nps[i] : null, csat: sv.csat[i] > 0 ? sv.csat[i] : null }] : []));
    expect(detail.surveys).toEqual([...rows].sort((a, b) => b.day - a.day));
    const days = detail.interactions.map((x) => x.day!);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(detail.interactions).toHaveLength(told.get(who)!);
    expect(detail.interactions.map((x) => x.kind).sort()).toEqual(it_.kind.filter((_, i) => it_.customerId[i] === who).sort());
  });
});
