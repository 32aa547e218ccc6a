/** The purchase ladder (issue 16) on hand-counted cases. */
import { describe, expect, it } from 'vitest';
import { purchaseLadder } from '../../../../../src/lib/domain';

describe('purchaseLadder', () => {
  it('counts who reached each rung and who went one further', () => {
    // counts 0, 1, 1, 1, 2, 2, 3, 5, 12: ≥1 → 8 customers, ≥2 → 5, ≥3 → 3, ≥4 → 2, ≥5 → 2, ≥6 → 1 (the 12)
    const steps = purchaseLadder([0, 1, 1, 1, 2, 2, 3, 5, 12], 6);
    expect(steps).toEqual([
      { orders: 1, customers: 8, next: 5, rate: 5 / 8 },
      { orders: 2, customers: 5, next: 3, rate: 3 / 5 },
      { orders: 3, customers: 3, next: 2, rate: 2 / 3 },
      { orders: 4, customers: 2, next: 2, rate: 1 },
      { orders: 5, customers: 2, next: 1, rate: 1 / 2 },
      { orders: 6, customers: 1, next: 1, rate: 1 }, // the customer with 12 orders has a 7th
    ]);
  });

  it('has ten rungs by default and NaN rates on empty ones', () => {
    const steps = purchaseLadder(new Int32Array([1, 2, 2]));
    expect(steps).toHaveLength(10);
    expect(steps[0]).toEqual({ orders: 1, customers: 3, next: 2, rate: 2 / 3 });
    expect(steps[1]).toEqual({ orders: 2, customers: 2, next: 0, rate: 0 });
    expect(steps[2]).toMatchObject({ orders: 3, customers: 0, next: 0 });
    expect(Number.isNaN(steps[2].rate)).toBe(true);
    expect(steps.map((s) => s.orders)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('handles no customers and customers without orders', () => {
    expect(purchaseLadder([], 2).map((s) => [s.customers, s.next])).toEqual([[0, 0], [0, 0]]);
    expect(purchaseLadder([0, 0, 0], 1)).toMatchObject([{ orders: 1, customers: 0, next: 0 }]);
  });

  it('throws notices for bad input', () => {
    expect(() => purchaseLadder([1, -1])).toThrow(expect.objectContaining({ code: 'act.orderCountInvalid', params: { index: 1, value: '-1' } }));
    expect(() => purchaseLadder([1, 1.5])).toThrow(expect.objectContaining({ code: 'act.orderCountInvalid' }));
    expect(() => purchaseLadder([1, NaN])).toThrow(expect.objectContaining({ code: 'act.orderCountInvalid' }));
    expect(() => purchaseLadder([1], 0)).toThrow(expect.objectContaining({ code: 'act.maxOrdersInvalid' }));
    expect(() => purchaseLadder([1], 2.5)).toThrow(expect.objectContaining({ code: 'act.maxOrdersInvalid' }));
  });
});
