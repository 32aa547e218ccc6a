import { describe, expect, it } from 'vitest';
import { computeKpis, indexDataset, monthlySeries, NO_DAY, rowsByCustomer, summarizeCustomers } from '../../../../../src/lib/domain';
import { bareCustomers, handCase } from '../../../../support/fixtures';

// Every expected value below is worked out by hand from the rows in tests/support/fixtures.ts → handCase.
function prepare() {
  const indexed = indexDataset(handCase());
  const summary = summarizeCustomers(indexed.orders, indexed.customers.id.length);
  return { indexed, summary };
}

describe('indexing', () => {
  it('keeps listed customers first and adds order-only customers, ids as given', () => {
    const { indexed } = prepare();
    expect(indexed.customers.id).toEqual(['007', '010', 'C3', 'D4']);
    expect(indexed.customers.birthDay[3]).toBe(NO_DAY);
    expect(indexed.orders.orderKeys).toBe(5); // o1 r1 o2 o3 o4
  });

  it('keeps the last row of a customer listed twice (a newer import wins)', () => {
    const customers = bareCustomers(['a', 'b', 'a']);
    customers.city = ['Old', 'B', 'New'];
    const indexed = indexDataset({ customers, orders: handCase().orders });
    expect(indexed.customers.id.slice(0, 2)).toEqual(['a', 'b']);
    expect(indexed.customers.city.slice(0, 2)).toEqual(['New', 'B']);
  });

  it('groups order rows by customer', () => {
    const { indexed } = prepare();
    const { offsets, rows } = rowsByCustomer(indexed.orders, 4);
    expect(Array.from(offsets)).toEqual([0, 4, 5, 5, 6]);
    expect(Array.from(rows)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('customer summary', () => {
  it('counts distinct purchase orders, gross sales, returns and purchase days', () => {
    const { summary } = prepare();
    expect(Array.from(summary.orders)).toEqual([2, 1, 0, 1]);
    expect(Array.from(summary.sales)).toEqual([80, 100, 0, 0]);
    expect(Array.from(summary.returns)).toEqual([10, 0, 0, 0]);
    expect(Array.from(summary.firstDay)).toEqual([100, 200, NO_DAY, 50]);
    expect(Array.from(summary.lastDay)).toEqual([130, 200, NO_DAY, 50]);
  });
});

describe('dashboard KPIs', () => {
  it('matches the hand calculation', () => {
    const { summary } = prepare();
    const k = computeKpis(summary, { activeDays: 90 });
    expect(k.asOfDay).toBe(200);
    expect(k.customers).toBe(4);
    expect(k.buyers).toBe(3);
    expect(k.orders).toBe(4);
    expect(k.grossSales).toBe(180);
    expect(k.returnsAmount).toBe(10);
    expect(k.netRevenue).toBe(170);
    expect(k.averageOrderValue).toBe(45);
    expect(k.purchaseFrequency).toBeCloseTo(4 / 3, 12);
    expect(k.repurchaseRate).toBeCloseTo(1 / 3, 12);
    expect(k.returnsShare).toBeCloseTo(10 / 180, 12);
    // window 111..200 holds the last orders of 007 (130) and 010 (200)
    expect(k.activeCustomers).toBe(2);
  });

  it('moves the active count with the window, counting its first day', () => {
    const { summary } = prepare();
    expect(computeKpis(summary, { activeDays: 70 }).activeCustomers).toBe(1); // 131..200
    expect(computeKpis(summary, { activeDays: 71 }).activeCustomers).toBe(2); // 130..200
    expect(computeKpis(summary, { activeDays: 151 }).activeCustomers).toBe(3); // 50..200
  });

  it('gives null ratios, not NaN, for an empty dataset', () => {
    const k = computeKpis(summarizeCustomers(indexDataset({ ...handCase(), orders: { ...handCase().orders, customerId: [], orderId: [], day: new Int32Array(0), amount: new Float64Array(0), quantity: new Float64Array(0), isReturn: new Uint8Array(0) } }).orders, 3), { activeDays: 30 });
    expect(k.asOfDay).toBeNull();
    expect(k.averageOrderValue).toBeNull();
    expect(k.purchaseFrequency).toBeNull();
    expect(k.repurchaseRate).toBeNull();
    expect(k.returnsShare).toBeNull();
    expect(k.activeCustomers).toBe(0);
  });
});

describe('monthly series', () => {
  it('books revenue, orders and first purchases in their calendar months, filling gaps', () => {
    const { indexed, summary } = prepare();
    // day 50 = 1970-02-20, 100 = 04-11, 105 = 04-16, 130 = 05-11, 200 = 07-20
    expect(monthlySeries(indexed.orders, summary)).toEqual([
      // the data starts on Feb 20 (9 of February's 28 days) and ends on Jul 20 (20 of 31): partial months
      { month: '1970-02', netRevenue: 0, orders: 1, newCustomers: 1, days: 9, partial: true },
      { month: '1970-03', netRevenue: 0, orders: 0, newCustomers: 0, days: 31, partial: false },
      { month: '1970-04', netRevenue: 40, orders: 1, newCustomers: 1, days: 30, partial: false },
      { month: '1970-05', netRevenue: 30, orders: 1, newCustomers: 0, days: 31, partial: false },
      { month: '1970-06', netRevenue: 0, orders: 0, newCustomers: 0, days: 30, partial: false },
      { month: '1970-07', netRevenue: 100, orders: 1, newCustomers: 1, days: 20, partial: true },
    ]);
  });
});
