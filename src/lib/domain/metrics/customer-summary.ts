import { NO_DAY } from '../types';
import type { IndexedOrders } from './index-dataset';

/**
 * Per-customer purchase facts. Conventions: returns are not orders; an order is a distinct order
 * id among purchase rows (a zero-value purchase is still an order); sales are gross purchase
 * amounts, returns are positive returned amounts, net = sales − returns.
 */
export interface CustomerSummary {
  orders: Int32Array;
  sales: Float64Array;
  returns: Float64Array;
  /** First and last purchase day; NO_DAY when the customer never bought. */
  firstDay: Int32Array;
  lastDay: Int32Array;
}

/**
 * One pass over the orders. With `asOfDay`, only lines dated on or before it count (the customers
 * as they were that day: a customer whose first order is later has no order yet).
 */
export function summarizeCustomers(orders: IndexedOrders, customers: number, options: { asOfDay?: number } = {}): CustomerSummary {
  const asOf = options.asOfDay ?? Infinity;
  const s: CustomerSummary = {
    orders: new Int32Array(customers),
    sales: new Float64Array(customers),
    returns: new Float64Array(customers),
    firstDay: new Int32Array(customers).fill(NO_DAY),
    lastDay: new Int32Array(customers).fill(NO_DAY),
  };
  const seen = new Uint8Array(orders.orderKeys);
  const { customer, orderKey, day, amount, isReturn } = orders;
  for (let i = 0; i < orders.length; i++) {
    if (day[i] > asOf) continue;
    const c = customer[i];
    if (isReturn[i]) {
      s.returns[c] += Math.abs(amount[i]);
      continue;
    }
    s.sales[c] += amount[i];
    const k = orderKey[i];
    if (!seen[k]) {
      seen[k] = 1;
      s.orders[c]++;
    }
    const d = day[i];
    if (s.firstDay[c] === NO_DAY || d < s.firstDay[c]) s.firstDay[c] = d;
    if (s.lastDay[c] === NO_DAY || d > s.lastDay[c]) s.lastDay[c] = d;
  }
  return s;
}
