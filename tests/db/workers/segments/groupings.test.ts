import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, textFile } from '../../import-helpers';
import { FIVE_CUSTOMERS_CSV as CSV } from '../../fixtures/five-customers';

async function loaded() {
  const db = openDatabase(`groupings-${Math.random()}`);
  const engine = createEngine(db);
  const { datasetId } = await importOne(engine, textFile('o.csv', CSV));
  await engine.load('l', datasetId);
  return { db, engine, datasetId };
}

describe('groupings in the engine', () => {
  it('value tiers by share of customers, with revenue shares of the whole base', async () => {
    const { db, engine, datasetId } = await loaded();
    // 20/30/50 of 5 customers ranked a, b, c, d, e: a customer is in the first tier whose cumulative
    // share (1, 2.5, 5 customers) exceeds the number ranked above it: a (0 < 1) high; b, c (1, 2 < 2.5) medium; d, e low
    const t = await engine.tiers(datasetId, [20, 30, 50], 'customers');
    expect(t.tiers.map((x) => x.customers)).toEqual([1, 2, 2]);
    expect(t.tiers[0].valueShare).toBeCloseTo(400 / 640, 10);
    const members = await engine.customers(datasetId, { segment: { grouping: t.handle, key: 'tier_1' } });
    expect(members.rows.map((r) => r.id)).toEqual(['a']);
    db.close();
  });

  it('a rule segment: size and revenue share update with the rule', async () => {
    const { db, engine, datasetId } = await loaded();
    const r = await engine.rule(datasetId, { combine: 'and', conditions: [{ field: 'orders', op: 'gte', value: 2 }] });
    expect(r).toMatchObject({ size: 3, share: 3 / 5, revenue: 610, problems: [] });
    expect(r.revenueShare).toBeCloseTo(610 / 640, 10);
    const bad = await engine.rule(datasetId, { combine: 'and', conditions: [{ field: 'orders', op: 'between', value: [5, 1] }] });
    expect(bad.problems.length).toBeGreaterThan(0);
    expect(bad.size).toBe(0);
    db.close();
  });

  it('lifecycle stages count every customer once', async () => {
    const { db, engine, datasetId } = await loaded();
    const l = await engine.lifecycle(datasetId, {});
    expect(l.stages.reduce((n, s) => n + s.size, 0)).toBe(5);
    // everyone's first order is within 90 days of the analysis day (2024-01-11): all new
    expect(l.stages.find((s) => s.key === 'new')?.size).toBe(5);
    db.close();
  });

  it('clusters label every buyer and explain a clear failure', async () => {
    const { db, engine, datasetId } = await loaded();
    await expect(engine.clusters(datasetId, { features: ['recency', 'monetary'], k: 'auto' })).rejects.toEqual({ code: 'clusters.tooFew', params: { count: 5 } });
    await expect(engine.clusters(datasetId, { features: [], k: 2 })).rejects.toEqual({ code: 'clusters.noFeatures' });
    const demoDb = openDatabase(`groupings-demo`);
    const demo = createEngine(demoDb);
    const id = await demo.createDemo('d', { locale: 'en' });
    await demo.load('l', id);
    const c = await demo.clusters(id, { features: ['recency', 'frequency', 'monetary'], k: 3, seed: 1 });
    expect(c.k).toBe(3);
    expect(c.clusters.reduce((n, x) => n + x.size, 0)).toBe((await demo.dashboard(id, { activeDays: 30 })).kpis.buyers);
    db.close();
    demoDb.close();
  });

  it('snapshots two segmentations of one grouping and shows who moved where; other groupings are not compared', async () => {
    const { db, engine, datasetId } = await loaded();
    const rfm = await engine.rfm(datasetId, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean', method: 'quantile' });
    const snapRfm = await engine.snapshot(datasetId, rfm.handle, { label: 'RFM' });
    expect(snapRfm.scheme).toBe('rfm11');
    // a, b champions; c loyal_customers; d about_to_sleep; e lost (see rfm.test.ts)
    expect(snapRfm.counts).toEqual({ champions: 2, loyal_customers: 1, about_to_sleep: 1, lost: 1 });
    // net spend ranks a > b > c > d > e. 20/30/50 of 5 customers (cumulative 1, 2.5, 5): a tier_1;
    // b, c tier_2; d, e tier_3. 40/30/30 (cumulative 2, 3.5, 5): a, b tier_1; c, d tier_2; e tier_3.
    const before = await engine.snapshot(datasetId, (await engine.tiers(datasetId, [20, 30, 50], 'customers')).handle, { label: 'Tiers 20/30/50' });
    const after = await engine.snapshot(datasetId, (await engine.tiers(datasetId, [40, 30, 30], 'customers')).handle, { label: 'Tiers 40/30/30' });
    expect(after.scheme).toBe('tiers');
    const m = await engine.compareSnapshots(before.id, after.id);
    const cell = (f: string, t: string) => m.counts[m.fromKeys.indexOf(f)][m.toKeys.indexOf(t)];
    expect(cell('tier_1', 'tier_1')).toBe(1);
    expect(cell('tier_2', 'tier_1')).toBe(1);
    expect(cell('tier_2', 'tier_2')).toBe(1);
    expect(cell('tier_3', 'tier_2')).toBe(1);
    expect(cell('tier_3', 'tier_3')).toBe(1);
    expect(m.counts[m.newRow].reduce((a, b) => a + b, 0)).toBe(0);
    expect(await engine.migrationMembers(before.id, after.id, 'tier_3', 'tier_2')).toEqual(['d']);
    // RFM segments against value tiers: refused in words
    await expect(engine.compareSnapshots(snapRfm.id, after.id)).rejects.toMatchObject({ code: 'snapshots.otherScheme' });
    await expect(engine.migrationMembers(snapRfm.id, after.id, 'champions', 'tier_1')).rejects.toMatchObject({ code: 'snapshots.otherScheme' });
    db.close();
  });

  it('rates churn risk from each customer’s own rhythm on the detail view', async () => {
    const { db, engine, datasetId } = await loaded();
    // b bought on Jan 1, 2, 9: gaps 1 and 7, usual gap (median) 4; silent 1 day by Jan 10 → r = 1/4,
    // risk = r² / (r² + 2²) = 0.0625 / 4.0625
    const b = await engine.customer(datasetId, 'b');
    expect(b?.usualGapDays).toBe(4);
    expect(b?.rhythmRisk).toBeCloseTo(0.0625 / 4.0625, 12);
    // b: 3 orders from Jan 1 to Jan 10 → tenure floored at 30 days → 3 / (30 / 365.25) a year; AOV 150 / 3
    expect(b?.simple?.purchasesPerYear).toBeCloseTo(3 / (30 / 365.25), 10);
    expect(b?.simple?.averageOrderValue).toBe(50);
    // e bought once (Jan 1): the base gap is the median usual gap of a (1), b (4), c (5) = 4;
    // silent 9 days → r = 9/4, risk = 5.0625 / 9.0625
    const e = await engine.customer(datasetId, 'e');
    expect(e?.usualGapDays).toBeNull();
    expect(e?.rhythmRisk).toBeCloseTo(5.0625 / 9.0625, 12);
    db.close();
  });

  it('early warnings: a silent customer beyond twice the usual gap, no segment churn', async () => {
    const { db, engine, datasetId } = await loaded();
    const r = await engine.warnings(datasetId, [
      { id: 'churn', kind: 'segmentChurnAbove', segment: 'champions', threshold: 0.08 },
      { id: 'silent', kind: 'inactiveBeyondGap', factor: 2 },
    ]);
    // as of Jan 10: nobody went silent for 90 days, so no segment churns; e bought once, 9 days ago,
    // and the base gap is the median usual gap (a 1, b 4, c 5) = 4: 9 > 2 × 4 → e only (d: 5 ≤ 8)
    expect(r.asOfDay).toBe(Date.UTC(2024, 0, 10) / 86_400_000);
    expect(r.alerts.map((a) => [a.ruleId, a.customerIds])).toEqual([['silent', ['e']]]);
    db.close();
  });
});
