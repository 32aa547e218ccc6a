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
    expect(before.asOfDay).toBe(asOf - 1);
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
