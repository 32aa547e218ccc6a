/**
 * The purchase ladder (复购阶梯, issue 16): of the customers who placed n orders, the share who went
 * on to an (n + 1)-th — the step where repeat buying becomes a habit.
 */
import type { Notice } from '../types';

/** One rung: customers with at least `orders` orders, `next` of whom have at least `orders` + 1. */
export interface LadderStep {
  orders: number;
  customers: number;
  next: number;
  /** next / customers; NaN when no customer reached the rung. */
  rate: number;
}

/**
 * The ladder for n = 1…`maxOrders` (default 10) from each customer's order count: `customers` =
 * how many have ≥ n orders, `next` = how many of them have ≥ n + 1, rate = next / customers (NaN
 * for an empty rung). One pass over the counts. Throws `act.orderCountInvalid` (a count not a whole
 * number ≥ 0; params index and value) and `act.maxOrdersInvalid` (not a whole number ≥ 1).
 * @example
 * purchaseLadder([1, 1, 2, 3, 0], 2)
 * // [{ orders: 1, customers: 4, next: 2, rate: 0.5 }, { orders: 2, customers: 2, next: 1, rate: 0.5 }]
 */
export function purchaseLadder(orderCounts: ArrayLike<number>, maxOrders = 10): LadderStep[] {
  if (!(Number.isInteger(maxOrders) && maxOrders >= 1)) {
    throw { code: 'act.maxOrdersInvalid', params: { maxOrders: String(maxOrders) } } satisfies Notice;
  }
  // histogram of min(count, maxOrders + 1)
  const top = maxOrders + 1;
  const histogram = new Float64Array(top + 1);
  for (let i = 0; i < orderCounts.length; i++) {
    const c = orderCounts[i];
    if (!(Number.isInteger(c) && c >= 0)) throw { code: 'act.orderCountInvalid', params: { index: i, value: String(c) } } satisfies Notice;
    histogram[c < top ? c : top]++;
  }
  // atLeast[n] = customers with ≥ n orders
  const atLeast = new Float64Array(top + 2);
  for (let n = top; n >= 0; n--) atLeast[n] = atLeast[n + 1] + histogram[n];
  const steps: LadderStep[] = [];
  for (let n = 1; n <= maxOrders; n++) {
    const customers = atLeast[n], next = atLeast[n + 1];
    steps.push({ orders: n, customers, next, rate: customers > 0 ? next / customers : NaN });
  }
  return steps;
}
