import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, sharedFile } from '../../import-helpers';

const RFM = { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' } as const;

// One number per figure: a segment's share of customers is the same in the segment table and in
// its persona (both: of the customers the grouping holds), on the demo and on the Online Retail sample.
describe('a segment’s share is one number on both screens', () => {
  it.each([['demo'], ['online-retail']])('%s', async (which) => {
    const db = openDatabase(`one-number-${which}-${Math.random()}`);
    const engine = createEngine(db);
    const id = which === 'demo'
      ? await engine.createDemo('d', { locale: 'en' })
      : (await importOne(engine, sharedFile('online-retail/online_retail_sample.csv'))).datasetId;
    await engine.load('l', id);
    const rfm = await engine.rfm(id, RFM);
    expect(rfm.segments.length).toBeGreaterThan(3);
    for (const s of rfm.segments) {
      const persona = await engine.persona(id, rfm.handle, s.key);
      expect(persona!.size).toBe(s.size);
      expect(persona!.shareOfCustomers).toBeCloseTo(s.customerShare, 12);
    }
    const tiers = await engine.tiers(id, [20, 30, 50], 'customers');
    const top = await engine.persona(id, tiers.handle, 'tier_1');
    expect(top!.shareOfCustomers).toBeCloseTo(tiers.tiers[0].customerShare, 12);
    db.close();
  }, 60_000);
});

// One number per figure: "orders" on the import summary and on the dashboard are one definition
// (distinct order ids of purchase lines; returns are not orders). The Online Retail sample's 2,041
// rows with a CustomerID hold 1,834 distinct invoice numbers, 46 of them cancellations ("C…"),
// so 1,788 orders (counted with Python's csv module on the file).
describe('orders are one number on the import summary and the dashboard', () => {
  it.each([
    ['online-retail/online_retail_sample.csv', undefined, 1_788],
    // CDNOW has no order id: an order is a customer's purchase day on both screens
    ['cdnow/CDNOW_sample.txt', { customerId: 1, date: 2, quantity: 3, amount: 4 }, null],
  ] as const)('%s', async (path, mapping, expected) => {
    const db = openDatabase(`one-number-orders-${Math.random()}`);
    const engine = createEngine(db);
    const file = sharedFile(path);
    const preview = await engine.preview(file);
    const result = await importOne(engine, file, undefined, mapping ? { mapping: { ...preview.mapping, ...mapping } } : {});
    const stats = result.files[0].stats;
    await engine.load('l', result.datasetId);
    const dash = await engine.dashboard(result.datasetId, { activeDays: 90 });
    expect(stats.orders).toBe(dash.kpis.orders);
    if (expected !== null) {
      expect(stats.orders).toBe(expected);
      expect(stats.orderIds - stats.orders).toBe(46);
    }
    db.close();
  }, 60_000);
});

// One number per figure: a customer's CLV on the customer page is the Value page's (the list of the
// most valuable customers), said with the fit's model, horizon and margin; the segment shown is the
// customer's segment in the RFM table with default settings.
describe('a customer’s CLV and segment are one number on the customer page and the Value and Segments pages', () => {
  it.each([['demo'], ['online-retail']])('%s', async (which) => {
    const db = openDatabase(`one-number-clv-${which}-${Math.random()}`);
    const engine = createEngine(db);
    const id = which === 'demo'
      ? await engine.createDemo('d', { locale: 'en' })
      : (await importOne(engine, sharedFile('online-retail/online_retail_sample.csv'))).datasetId;
    await engine.load('l', id);
    await engine.value('v', id, { timeUnit: 'W', model: 'bgnbd', months: 6, monthlyDiscountRate: 0.01, margin: 0.25 });
    const top = await engine.customers(id, { sortBy: 'clv', descending: true, limit: 3 });
    const rfm = await engine.rfm(id, RFM);
    for (const row of top.rows) {
      const detail = (await engine.customer(id, row.id))!;
      expect(detail.row.clv).toBe(row.clv);
      expect(detail.row.pAlive).toBe(row.pAlive);
      expect(detail.valueModel).toEqual({ model: 'bgnbd', months: 6, margin: 0.25 });
      const members = await engine.customers(id, { segment: { grouping: rfm.handle, key: detail.segment! }, search: row.id });
      expect(members.rows.map((r) => r.id)).toContain(row.id);
    }
    db.close();
  // the value job fits Pareto/NBD too (the holdout comparison); on the Online Retail sample that fit
  // takes 60–100 s on a 2-core host (its series converge slowly near z = 1; issue 13)
  }, 240_000);
});
