import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { churnedInPeriod } from '../../../../src/lib/domain';

describe('a churn alert lists the customers who churned', () => {
  it('not the whole segment: members who turned inactive (90 days silent) in the last 30 days, with their facts', async () => {
    const db = openDatabase(`churned-${Math.random()}`);
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const rfm = await engine.rfm(id, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
    // the segment with the most churn in the demo's last 30 days fires at any positive rate
    const rules = rfm.segments.map((s) => ({ id: s.key, kind: 'segmentChurnAbove' as const, segment: s.key, threshold: 0 }));
    const result = await engine.warnings(id, rules);
    const asOf = result.asOfDay!;
    const churn = result.alerts.filter((a) => a.code === 'warning.segmentChurn');
    expect(churn.length).toBeGreaterThan(0);
    for (const a of churn) {
      const size = rfm.segments.find((s) => s.key === a.params.segment)!.size;
      expect(a.count).toBeGreaterThan(0);
      expect(a.count).toBeLessThan(size);
      expect(a.customers.map((c) => c.id)).toEqual(a.customerIds);
      const memberIds = new Set<string>();
      for (let offset = 0; offset < size; offset += 500) {
        const page = await engine.customers(id, { segment: { grouping: rfm.handle, key: String(a.params.segment) }, sortBy: 'id', offset, limit: 500 });
        for (const r of page.rows) memberIds.add(r.id);
      }
      expect(memberIds.size).toBe(size);
      for (const c of a.customers) {
        expect(memberIds.has(c.id)).toBe(true);
        // silent for more than 90 days by the end of the period, not yet at its start (days asOf − 29 … asOf)
        expect(c.lastOrder! + 90).toBeGreaterThanOrEqual(asOf - 29);
        expect(c.lastOrder! + 90).toBeLessThanOrEqual(asOf);
        const detail = await engine.customer(id, c.id);
        expect(c.name).toBe(detail!.row.name);
        expect(c.lastOrder).toBe(detail!.row.lastOrder);
        expect(c.net).toBeCloseTo(detail!.row.net, 2);
      }
    }
    db.close();
  }, 60_000);
});

describe('churnedInPeriod', () => {
  it('follows churnRateByPeriod: active at the start, inactive inside the period', () => {
    // purchases from day 0 to day 40, T = 30: inactive from day 71
    expect(churnedInPeriod(0, 40, 60, 30, 30)).toBe(true); // [60, 90) holds day 71
    expect(churnedInPeriod(0, 40, 30, 30, 30)).toBe(false); // [30, 60): still active at its end
    expect(churnedInPeriod(0, 40, 90, 30, 30)).toBe(false); // [90, 120): already inactive at its start
    expect(churnedInPeriod(65, 65, 60, 30, 30)).toBe(false); // first bought inside the period
  });
});
