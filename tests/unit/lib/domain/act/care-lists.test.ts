/** The ready lists' rules (issue 16) on small hand datasets. */
import { describe, expect, it } from 'vitest';
import {
  buyerTiers, complaintFollowUpList, habitStep, medianGap, secondPurchaseList, vipList, winbackList,
} from '../../../../../src/lib/domain/act/care-lists';
import { NO_DAY } from '../../../../../src/lib/domain/types';

describe('buyerTiers', () => {
  it('ranks buyers only: top 20% tier 0, next 30% tier 1', () => {
    // 10 buyers with net 100…1000 and one customer without purchases
    const orders = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
    const net = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 0];
    // 20% of 10 = the 2 best (1000, 900); 20% + 30% = the 5 best (… 600)
    expect(Array.from(buyerTiers(orders, net))).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 0, 0, 255]);
  });
});

describe('winbackList', () => {
  // day 100. Net: top 50% of the 4 buyers are customers 0 and 1 (1000, 800).
  const orders = [3, 2, 1, 5];
  const net = [1000, 800, 50, 20];
  const lastDay = [70, 90, 10, 10];
  const gaps = [10, NaN, NaN, 5]; // customer 1: both orders on one day, so no usual gap (held to the base gap)
  it('takes valuable customers silent beyond factor × usual gap', () => {
    // customer 0: 30 days silent > 2 × 10 → in (overdue 3); customer 1: 10 days, base gap 10 → 10 > 20? no
    // customers 2, 3: not in the top half by net revenue
    expect(winbackList({ orders, net, lastDay, gaps, baseGap: 10, day: 100 })).toEqual([0]);
    // factor 1: customer 1 (10 days) > 1 × 10? no; customer 0 still in
    expect(winbackList({ orders, net, lastDay, gaps, baseGap: 10, day: 100, factor: 1 })).toEqual([0]);
    // one-time buyers use the base gap: base 4 → customer 1: 10 > 8 → in; overdue 10/4 = 2.5 < 3
    expect(winbackList({ orders, net, lastDay, gaps, baseGap: 4, day: 100 })).toEqual([0, 1]);
    // no base gap known: one-time buyers are left out
    expect(winbackList({ orders, net, lastDay, gaps, baseGap: NaN, day: 100 })).toEqual([0]);
  });

  it('refuses a factor out of range', () => {
    expect(() => winbackList({ orders, net, lastDay, gaps, baseGap: 10, day: 100, factor: 0 })).toThrow();
    expect(() => winbackList({ orders, net, lastDay, gaps, baseGap: 10, day: 100, factor: Number.NaN })).toThrow();
  });

  it('has the median of the known gaps', () => {
    expect(medianGap([10, NaN, 30, 20])).toBe(20);
    expect(medianGap([10, 30])).toBe(20);
    expect(medianGap([NaN])).toBeNaN();
  });
});

describe('vipList', () => {
  it('is the top 20% of buyers by net revenue, or the Champions', () => {
    const orders = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const net = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    expect(vipList(orders, net)).toEqual([9, 8]);
    const labels = ['', 'champions', 'loyal_customers', 'champions', '', '', '', '', '', ''];
    expect(vipList(orders, net, labels)).toEqual([3, 1]);
  });
});

describe('secondPurchaseList', () => {
  it('takes one-order customers whose order is 15–60 days before the day, most recent first', () => {
    // day 100: 85 → 15 days (in), 86 → 14 (out), 40 → 60 (in), 39 → 61 (out); 2 orders (out); none (out)
    const orders = [1, 1, 1, 1, 2, 0];
    const lastDay = [85, 86, 40, 39, 50, NO_DAY];
    expect(secondPurchaseList(orders, lastDay, 100)).toEqual([0, 2]);
  });
});

describe('complaintFollowUpList', () => {
  it('takes resolved complaints with no purchase after the day of resolution', () => {
    const index = new Map([['a', 0], ['b', 1], ['c', 2], ['d', 3]]);
    const rows = {
      customerId: ['a', 'b', 'c', 'c', 'd', 'zz', 'a'],
      kind: ['complaint', 'complaint', 'complaint', 'complaint', 'inquiry', 'complaint', 'praise'],
      resolved: [1, 1, 0, 1, 1, 1, 1],
      resolvedDay: [50, 60, NO_DAY, 95, 10, 10, 99],
    };
    // a: resolved 50, last order 40 → in (waiting since 50); b: resolved 60, bought 70 → out;
    // c: the open one does not count, resolved 95, last order 95 (same day) → in; d: an inquiry
    const lastDay = [40, 70, 95, 5];
    const out = complaintFollowUpList(rows, index, lastDay, 100);
    expect(out.customers).toEqual([0, 2]);
    expect(out.resolvedDay.get(0)).toBe(50);
    // a resolution on or after the list's day is not yet counted
    expect(complaintFollowUpList(rows, index, lastDay, 95).customers).toEqual([0]);
  });
});

describe('habitStep', () => {
  it('names the rung whose rate rises most over the one before', () => {
    // rates 0.30 → 0.60 (+0.30) → 0.70 (+0.10): the habit forms at order 2
    const steps = [{ orders: 1, customers: 100, rate: 0.3 }, { orders: 2, customers: 30, rate: 0.6 }, { orders: 3, customers: 20, rate: 0.7 }];
    expect(habitStep(steps)).toEqual({ n: 2, before: 0.3, after: 0.6 });
  });

  it('ignores thin rungs and says nothing without a rise', () => {
    // the jump 0.5 → 1.0 is on 4 customers only
    const steps = [{ orders: 1, customers: 100, rate: 0.4 }, { orders: 2, customers: 40, rate: 0.5 }, { orders: 3, customers: 4, rate: 1 }];
    expect(habitStep(steps)).toEqual({ n: 2, before: 0.4, after: 0.5 });
    expect(habitStep([{ orders: 1, customers: 50, rate: 0.5 }, { orders: 2, customers: 25, rate: 0.4 }])).toBeNull();
    expect(habitStep([])).toBeNull();
  });
});
