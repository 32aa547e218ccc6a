import { describe, expect, it } from 'vitest';
import { rfmFromOrders } from '../../../../../src/lib/domain';

const byId = (rows: ReturnType<typeof rfmFromOrders>) => Object.fromEntries(rows.map((r) => [r.customerId, r]));

describe('rfmFromOrders: RFM facts as of a date', () => {
  const orders = [
    { customerId: 'a', date: '2024-01-01', amount: 100, orderId: '1' },
    { customerId: 'a', date: '2024-01-01', amount: 20, orderId: '1' }, // a second line of order 1
    { customerId: 'a', date: '2024-01-10', amount: -30, isReturn: true }, // a return: not an order, not recency
    { customerId: 'a', date: '2024-01-20', amount: 50, orderId: '2' },
    { customerId: 'a', date: '2024-03-01', amount: 999, orderId: '3' }, // after the analysis date
    { customerId: 'b', date: '2024-01-15', amount: 0, orderId: '4' }, // a zero-value purchase is a purchase
    { customerId: 'c', date: '2024-02-15', amount: 70, orderId: '5' }, // first order later: not a customer yet
    { customerId: 'd', date: '2024-01-05', amount: 40 }, // no order ids: one order per distinct day
    { customerId: 'd', date: '2024-01-05T18:30:00', amount: 10 },
    { customerId: 'd', date: '2024-01-25', amount: 15 },
    { customerId: 'e', date: '2024-01-03', amount: -25 }, // negative amount: a return, even unflagged
    { customerId: 'f', date: '2024-01-30', amount: 12, isReturn: true }, // flagged return of a positive amount
  ];

  it('counts only lines on or before the date; returns are not orders and do not count for recency', () => {
    const rows = rfmFromOrders(orders, { analysisDate: '2024-01-31' });
    // a: orders 1 (120) and 2 (50) minus the 30 return; last order 2024-01-20 → 11 days
    // b: one order of 0, 16 days; d: days 01-05 (50) and 01-25 (15) → 2 orders, 6 days
    // c: no order by then; e and f: only returns → not customers yet
    expect(byId(rows)).toEqual({
      a: { customerId: 'a', recencyDays: 11, frequency: 2, monetary: 140 },
      b: { customerId: 'b', recencyDays: 16, frequency: 1, monetary: 0 },
      d: { customerId: 'd', recencyDays: 6, frequency: 2, monetary: 65 },
    });
    expect(rows.map((r) => r.customerId)).toEqual(['a', 'b', 'd']);
  });

  it('monetary average divides by the orders; recency is never negative', () => {
    const rows = byId(rfmFromOrders(orders, { analysisDate: '2024-01-20', monetary: 'average' }));
    // a as of 01-20: orders 1 and 2 (120 + 50 − 30 = 140) / 2; the last order is that very day
    expect(rows.a).toEqual({ customerId: 'a', recencyDays: 0, frequency: 2, monetary: 70 });
    expect(rows.d.monetary).toBe(50); // one order (day 01-05, 40 + 10) by then
    for (const r of Object.values(rows)) expect(r.recencyDays).toBeGreaterThanOrEqual(0);
    expect(Object.keys(rows)).toHaveLength(3);
    expect(rfmFromOrders(orders, { analysisDate: '2023-12-31' })).toEqual([]);
  });

  it('refuses an unreadable analysis date or order line with a notice', () => {
    expect(() => rfmFromOrders(orders, { analysisDate: '2024-02-30' })).toThrow(expect.objectContaining({ code: 'rfm.badAnalysisDate' }));
    expect(() => rfmFromOrders([{ customerId: 'a', date: '31/01/2024', amount: 1 }], { analysisDate: '2024-01-31' }))
      .toThrow(expect.objectContaining({ code: 'rfm.badOrderLine', params: { row: 1 } }));
    expect(() => rfmFromOrders([orders[0], { customerId: '', date: '2024-01-01', amount: 1 }], { analysisDate: '2024-01-31' }))
      .toThrow(expect.objectContaining({ code: 'rfm.badOrderLine', params: { row: 2 } }));
    expect(() => rfmFromOrders([{ customerId: 'a', date: '2024-01-01', amount: NaN }], { analysisDate: '2024-01-31' }))
      .toThrow(expect.objectContaining({ code: 'rfm.badOrderLine' }));
  });
});
