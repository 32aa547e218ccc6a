import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, textFile } from '../../import-helpers';
import { FIVE_CUSTOMERS_CSV as CSV } from '../../fixtures/five-customers';

// quantile binning, as worked out on paper in rfm.test.ts
const RFM = { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean', method: 'quantile' } as const;

async function loaded(name: string) {
  const db = openDatabase(`handles-${name}-${Math.random()}`);
  const engine = createEngine(db);
  const { datasetId } = await importOne(engine, textFile('o.csv', CSV));
  await engine.load('l', datasetId);
  return { db, engine, datasetId };
}

// Segments of the five hand-made customers (tests/db/fixtures/five-customers.ts, worked out in
// rfm.test.ts): RFM champions a, b; loyal_customers c; about_to_sleep d; lost e.
// Tiers 20/30/50 by customers: tier_1 a; tier_2 b, c; tier_3 d, e (groupings.test.ts).
describe('grouping handles: an answer depends on its arguments, not on what ran last', () => {
  it('RFM, then tiers, then the RFM persona, members, export and snapshot by the RFM handle', async () => {
    const { db, engine, datasetId } = await loaded('order');
    const rfm = await engine.rfm(datasetId, RFM);
    const tiers = await engine.tiers(datasetId, [20, 30, 50], 'customers');
    expect(rfm.handle.id).not.toBe(tiers.handle.id);
    const persona = await engine.persona(datasetId, rfm.handle, 'champions');
    expect(persona?.size).toBe(2);
    // a and b: recency 1 and 2 days (median 1.5), net spend 400 + 150 of 640
    expect(persona?.profile.recencyDays.segment).toBeCloseTo(1.5, 10);
    expect(persona?.shareOfRevenue).toBeCloseTo(550 / 640, 10);
    expect((await engine.persona(datasetId, tiers.handle, 'tier_1'))?.size).toBe(1);
    const members = await engine.customers(datasetId, { segment: { grouping: rfm.handle, key: 'champions' }, sortBy: 'id', descending: false });
    expect(members.rows.map((r) => r.id)).toEqual(['a', 'b']);
    const tier2 = await engine.customers(datasetId, { segment: { grouping: tiers.handle, key: 'tier_2' }, sortBy: 'id', descending: false });
    expect(tier2.rows.map((r) => r.id)).toEqual(['b', 'c']);
    const csv = await engine.segmentCsv(datasetId, rfm.handle, 'lost', ['id', 'name', 'city', 'channel', 'orders', 'net', 'recency']);
    expect(csv.split('\r\n').slice(1)).toEqual(['e,,,,1,10,10', '']);
    const snap = await engine.snapshot(datasetId, rfm.handle, { label: 'RFM after tiers' });
    expect(snap).toMatchObject({ scheme: 'rfm11', counts: { champions: 2, loyal_customers: 1, about_to_sleep: 1, lost: 1 } });
    db.close();
  });

  it('segment rates per group of the grouping asked for', async () => {
    const { db, engine, datasetId } = await loaded('rates');
    const rfm = await engine.rfm(datasetId, RFM);
    await engine.tiers(datasetId, [20, 30, 50], 'customers');
    const rates = await engine.segmentRates(datasetId, rfm.handle);
    expect(rates.map((r) => r.key).sort()).toEqual(['about_to_sleep', 'champions', 'lost', 'loyal_customers']);
    // champions a (4 orders, 400) and b (3 orders, 150); each has bought for under 30 days before
    // the last order day, so counts 30 days: 7 orders / (60 / 365.25 years); 550 / 7 per order
    const champions = rates.find((r) => r.key === 'champions')!;
    expect(champions.buyers).toBe(2);
    expect(champions.purchasesPerYear).toBeCloseTo(7 / (60 / 365.25), 10);
    expect(champions.averageOrderValue).toBeCloseTo(550 / 7, 10);
    db.close();
  });

  it('two panels (or tabs) with different groupings at once get consistent answers', async () => {
    const { db, engine, datasetId } = await loaded('tabs');
    const rfm = await engine.rfm(datasetId, RFM);
    // another tab: its own engine on the same database, which never ran this grouping
    const other = createEngine(openDatabase(db.name));
    await other.load('l', datasetId);
    await other.tiers(datasetId, [20, 30, 50], 'customers');
    const [here, there] = await Promise.all([engine.persona(datasetId, rfm.handle, 'champions'), other.persona(datasetId, rfm.handle, 'champions')]);
    expect(there).toEqual(here);
    expect(here?.size).toBe(2);
    await other.shutdown();
    db.close();
  });

  it('a grouping no longer kept is computed again from the handle’s definition', async () => {
    const { db, engine, datasetId } = await loaded('evict');
    const rfm = await engine.rfm(datasetId, RFM);
    // more groupings than the engine keeps per dataset (8)
    for (let i = 1; i <= 10; i++) await engine.tiers(datasetId, [i, 30, 70 - i], 'customers');
    expect((await engine.persona(datasetId, rfm.handle, 'champions'))?.size).toBe(2);
    // and after the dataset was loaded again
    await engine.unload(datasetId);
    await engine.load('l2', datasetId);
    expect((await engine.persona(datasetId, rfm.handle, 'about_to_sleep'))?.size).toBe(1);
    db.close();
  });

  it('value by segment and acquisition by segment follow the handle passed', async () => {
    const db = openDatabase(`handles-value-${Math.random()}`);
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const rfm = await engine.rfm(id, RFM);
    const tiers = await engine.tiers(id, [20, 30, 50], 'customers');
    const request = { timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 } as const;
    const byRfm = await engine.value('v1', id, { ...request, grouping: rfm.handle });
    const rfmKeys = new Set(rfm.segments.map((s) => s.key));
    expect(byRfm.bySegment.length).toBeGreaterThan(3);
    expect(byRfm.bySegment.every((g) => rfmKeys.has(g.key))).toBe(true);
    const byTiers = await engine.value('v2', id, { ...request, grouping: tiers.handle });
    expect(byTiers.bySegment.map((g) => g.key).sort()).toEqual(['tier_1', 'tier_2', 'tier_3']);
    expect((await engine.value('v3', id, request)).bySegment).toEqual([]);
    const acquisition = await engine.acquisition(id, { grouping: rfm.handle });
    expect(acquisition.segments.map((g) => g.channel).sort()).toEqual([...rfmKeys].sort());
    expect((await engine.acquisition(id)).segments).toEqual([]);
    db.close();
  }, 60_000);

  it('refuses a handle that names no grouping, with a notice', async () => {
    const { db, engine, datasetId } = await loaded('bad');
    const forged = JSON.parse('{"id":"x","definition":{"kind":"nope"}}');
    await expect(engine.persona(datasetId, forged, 'champions')).rejects.toEqual({ code: 'grouping.invalid' });
    await expect(engine.segmentRates(datasetId, JSON.parse('null'))).rejects.toEqual({ code: 'grouping.invalid' });
    const badRule = JSON.parse('{"id":"r","definition":{"kind":"rule","group":{"combine":"and","conditions":[{"field":"orders","op":"between","value":[5,1]}]}}}');
    await expect(engine.persona(datasetId, badRule, 'rule')).rejects.toEqual({ code: 'grouping.invalid' });
    db.close();
  });
});
