import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { isoDate, parseIsoDay, rfmFromOrders } from '../../../../src/lib/domain';
import { DEMO_SEED, generateDemo } from '../../../../src/lib/domain/demo';

const RFM = { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' } as const;

describe('RFM as of a past date on the demo', () => {
  it('counts only orders on or before the date: recency ≥ 0, later customers are not customers yet, snapshots migrate', async () => {
    const db = openDatabase(`as-of-${Math.random()}`);
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const now = await engine.rfm(id, RFM);
    // a date about a year before the data's end
    const asOf = now.analysisDay - 366;
    const past = await engine.rfm(id, { ...RFM, analysisDay: asOf });
    expect(past.analysisDay).toBe(asOf);
    expect(past.thresholds.R[0]).toBeGreaterThanOrEqual(0);
    expect(past.segments.length).toBeGreaterThan(3);
    for (const s of past.segments) expect(s.avgRecencyDays).toBeGreaterThanOrEqual(0);
    // the same customers and facts straight from the generated order lines (the other path:
    // rfmFromOrders, with the demo's own seed), on or before the analysis date
    const demo = generateDemo({ seed: DEMO_SEED, locale: 'en' });
    const o = demo.orders;
    const lines = Array.from({ length: o.customerId.length }, (_, i) => ({
      customerId: o.customerId[i], date: isoDate(o.day[i]), amount: o.amount[i], orderId: o.orderId[i], isReturn: o.isReturn[i] === 1,
    }));
    const facts = rfmFromOrders(lines, { analysisDate: isoDate(asOf) });
    expect(past.scored).toBe(facts.length);
    expect(past.scored).toBeLessThan(now.scored);
    const meanRecency = facts.reduce((n, r) => n + r.recencyDays, 0) / facts.length;
    const engineMean = past.segments.reduce((n, s) => n + s.avgRecencyDays * s.size, 0) / past.scored;
    expect(engineMean).toBeCloseTo(meanRecency, 6);
    expect(parseIsoDay(isoDate(asOf))).toBe(asOf);
    // a snapshot as of the past date against one as of today: customers who came later are new
    const before = await engine.snapshot(id, past.handle, { label: 'a year ago' });
    const after = await engine.snapshot(id, now.handle, { label: 'now' });
    // the last day whose orders count: the analysis date itself
    expect(before.asOfDay).toBe(asOf);
    const m = await engine.compareSnapshots(before.id, after.id);
    const newcomers = m.counts[m.newRow].reduce((a, b) => a + b, 0);
    expect(newcomers).toBe(now.scored - past.scored);
    // and some customers changed segment in the year
    let moved = 0;
    m.fromKeys.forEach((f, i) => m.toKeys.forEach((t, j) => { if (i !== m.newRow && f !== t) moved += m.counts[i][j]; }));
    expect(moved).toBeGreaterThan(0);
    // the persona of a past segment counts the net spend of that time
    const champions = await engine.persona(id, past.handle, 'champions');
    expect(champions!.size).toBe(past.segments.find((s) => s.key === 'champions')!.size);
    db.close();
  }, 60_000);
});

describe('every grouping and the value fit as of a past date on the demo', () => {
  it('tiers, lifecycle, rules, clusters and value count only orders on or before the date', async () => {
    const db = openDatabase(`as-of-all-${Math.random()}`);
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const now = await engine.rfm(id, RFM);
    const day = now.analysisDay - 400;
    // the other path: straight from the generated tables, counted by hand below
    const demo = generateDemo({ seed: DEMO_SEED, locale: 'en' });
    const o = demo.orders;
    const first = new Map<string, number>();
    const orderIds = new Map<string, Set<string>>();
    const everBought = new Set<string>();
    for (let i = 0; i < o.customerId.length; i++) {
      if (o.isReturn[i] === 1) continue;
      everBought.add(o.customerId[i]);
      if (o.day[i] > day) continue;
      const c = o.customerId[i];
      first.set(c, Math.min(first.get(c) ?? Infinity, o.day[i]));
      if (!orderIds.has(c)) orderIds.set(c, new Set());
      orderIds.get(c)!.add(o.orderId[i]);
    }
    const buyers = first.size;
    // a customer by then: bought by then, or never bought and signed up by then
    const prospects = demo.customers.id.filter((c, i) => !everBought.has(c) && demo.customers.signupDay[i] <= day).length;
    const present = buyers + prospects;
    expect(buyers).toBeGreaterThan(0);
    expect(buyers).toBeLessThan(now.scored);

    const tiers = await engine.tiers(id, [20, 30, 50], 'customers', { analysisDay: day });
    expect(tiers.analysisDay).toBe(day);
    expect(tiers.tiers.reduce((n, t) => n + t.customers, 0)).toBe(present);
    const tiersNow = await engine.tiers(id, [20, 30, 50], 'customers');
    expect(tiers.handle.id).not.toBe(tiersNow.handle.id);
    expect(tiersNow.tiers.reduce((n, t) => n + t.customers, 0)).toBe(demo.customers.id.length);
    // a tier's persona and its member list are of that day too
    const top = await engine.persona(id, tiers.handle, 'tier_1');
    expect(top!.size).toBe(tiers.tiers[0].customers);

    const stages = await engine.lifecycle(id, { analysisDay: day });
    expect(stages.asOfDay).toBe(day);
    expect(stages.stages.reduce((n, s) => n + s.size, 0)).toBe(present);
    // new: first order within 90 days of the analysis day (such a customer cannot be lost yet)
    const isNew = [...first.values()].filter((f) => day - f <= 90).length;
    expect(stages.stages.find((s) => s.key === 'new')!.size).toBe(isNew);
    expect(stages.stages.find((s) => s.key === 'prospect')!.size).toBe(prospects);

    const rule = await engine.rule(id, { combine: 'and', conditions: [{ field: 'orders', op: 'gte', value: 2 }] }, { analysisDay: day });
    const twice = [...orderIds.values()].filter((s) => s.size >= 2).length;
    expect(rule.size).toBe(twice);
    expect(rule.share).toBeCloseTo(twice / present, 12);

    const clusters = await engine.clusters(id, { features: ['recency', 'frequency', 'monetary'], k: 3, seed: 1, analysisDay: day });
    expect(clusters.clusters.reduce((n, c) => n + c.size, 0)).toBe(buyers);
    expect(clusters.clustered).toBe(buyers);
    // k chosen by silhouette: measured on a seeded sample of 2,000 customers, or all when fewer
    const auto = await engine.clusters(id, { features: ['recency', 'frequency'], k: 'auto', seed: 1, analysisDay: day });
    expect(auto.sample).toBe(Math.min(2_000, buyers));
    expect(auto.clustered).toBe(buyers);

    const value = await engine.value('v', id, { asOfDay: day, timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 });
    expect(value.lastDay).toBe(day);
    expect(value.calibrationEndDay).toBeLessThanOrEqual(day);
    expect(value.customers).toBe(buyers);
    const calibration = await engine.calibrationDefault(id, { asOfDay: day });
    expect(calibration!.lastDay).toBe(day);
    expect(calibration!.calibrationEndDay).toBe(value.calibrationEndDay);
    db.close();
  }, 120_000);
});
