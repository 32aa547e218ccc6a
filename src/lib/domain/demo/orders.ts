/**
 * Order simulation for the demo company: a BG/NBD-style buy-till-you-die process per customer,
 * modulated by seasonality (a time change), Gamma-Gamma order values, and later return rows.
 * A return row has order id 'R' + the purchase's id, a negative amount, isReturn = 1 and the
 * (positive) number of items returned as its quantity.
 */

import type { Random } from '../random';
import type { DayNumber, OrderColumns } from '../types';
import { CumulativeSampler, seasonalWeights } from './calendar';
import { orderByDay } from './order-by-day';
import { SPEND_P, type CustomerProfiles } from './profiles';

/** Weights of quantities 1–6. */
const QUANTITY_WEIGHTS = [38, 27, 16, 10, 6, 3];

/** The simulated orders plus what the feedback generator needs to know about each purchase. */
export interface SimulatedOrders {
  /** All rows (purchases and returns), sorted by day. */
  columns: OrderColumns;
  /** Purchases only, sorted by day: customer index, day, and whether it was returned. */
  purchaseCustomer: Int32Array;
  purchaseDay: Int32Array;
  purchaseReturned: Uint8Array;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Sequential ids with a prefix, zero-padded to `width` digits. */
function paddedId(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}

/** Purchases in generation order (customer by customer, each chronological). */
interface RawPurchases {
  customer: number[];
  day: number[];
  amount: number[];
  quantity: number[];
}

/** Running sum of day weights: cum[i] = weight of days 0 … i−1 (length span + 1). */
function cumulativeIntensity(weights: Float64Array): Float64Array {
  const cum = new Float64Array(weights.length + 1);
  for (let i = 0; i < weights.length; i++) cum[i + 1] = cum[i] + weights[i];
  return cum;
}

/** Day offset whose slice of the cumulative intensity holds `x` (0 ≤ x < cum[last]). */
function dayAtIntensity(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cum[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Purchases, customer by customer. Between purchases an active customer buys at rate
 * λ × seasonal weight of the day: exponential waiting times on the cumulative intensity scale
 * (a time change), so busy seasons pack purchases closer together.
 */
function simulatePurchases(rng: Random, profiles: CustomerProfiles, start: DayNumber, end: DayNumber): RawPurchases {
  const weights = seasonalWeights(start, end);
  const cum = cumulativeIntensity(weights);
  const total = cum[cum.length - 1];
  const quantitySampler = new CumulativeSampler(QUANTITY_WEIGHTS);
  const out: RawPurchases = { customer: [], day: [], amount: [], quantity: [] };
  for (let c = 0; c < profiles.count; c++) {
    if (profiles.prospect[c]) continue;
    const rate = profiles.ratePerDay[c];
    const dropout = profiles.dropout[c];
    const scale = profiles.spendScale[c];
    const first = profiles.signupDay[c] + (rng.next() < 0.7 ? 0 : rng.int(1, 10)) - start;
    const within = rng.next();
    if (first > end - start) continue; // would first buy after the window
    let x = cum[first] + weights[first] * within; // position on the intensity scale
    while (x < total) {
      out.customer.push(c);
      out.day.push(start + dayAtIntensity(cum, x));
      out.amount.push(Math.max(9.9, round2(rng.gamma(SPEND_P, scale))));
      out.quantity.push(quantitySampler.index(rng.next()) + 1);
      if (rng.next() < dropout) break; // this customer is gone for good
      x += -Math.log(1 - rng.next()) / rate;
    }
  }
  return out;
}

/**
 * Simulates every customer's purchases and returns. `customerIds` are the display ids by
 * customer index. `rng` drives purchases, `returnRng` the returns.
 */
export function simulateOrders(
  rng: Random,
  returnRng: Random,
  profiles: CustomerProfiles,
  customerIds: readonly string[],
  start: DayNumber,
  end: DayNumber,
): SimulatedOrders {
  const raw = simulatePurchases(rng, profiles, start, end);
  const order = orderByDay(raw.day);
  const n = order.length;
  const purchaseCustomer = new Int32Array(n);
  const purchaseDay = new Int32Array(n);
  const purchaseReturned = new Uint8Array(n);
  const purchaseId: string[] = new Array<string>(n);

  // Returns, drawn in purchase order (by day).
  const retPurchase: number[] = [];
  const retDay: number[] = [];
  const retAmount: number[] = [];
  const retQuantity: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = order[k];
    const c = raw.customer[r];
    purchaseCustomer[k] = c;
    purchaseDay[k] = raw.day[r];
    purchaseId[k] = paddedId('SO', k + 1, 7);
    if (returnRng.next() >= profiles.returnRate[c]) continue;
    const day = raw.day[r] + returnRng.int(2, 15);
    const full = returnRng.next() < 0.55;
    const share = full ? 1 : 0.2 + 0.6 * returnRng.next();
    if (day > end) continue;
    purchaseReturned[k] = 1;
    retPurchase.push(k);
    retDay.push(day);
    retAmount.push(-Math.max(0.01, round2(raw.amount[r] * share)));
    const q = raw.quantity[r];
    retQuantity.push(full ? q : Math.max(1, Math.min(q, Math.round(q * share))));
  }

  // Merge purchases and returns by day (purchases first on a shared day).
  const retOrder = orderByDay(retDay);
  const total = n + retOrder.length;
  const columns: OrderColumns = {
    customerId: new Array<string>(total),
    orderId: new Array<string>(total),
    day: new Int32Array(total),
    amount: new Float64Array(total),
    quantity: new Float64Array(total),
    isReturn: new Uint8Array(total),
  };
  let i = 0;
  let j = 0;
  for (let row = 0; row < total; row++) {
    const takePurchase = j >= retOrder.length || (i < n && purchaseDay[i] <= retDay[retOrder[j]]);
    if (takePurchase) {
      const r = order[i];
      columns.customerId[row] = customerIds[raw.customer[r]];
      columns.orderId[row] = purchaseId[i];
      columns.day[row] = raw.day[r];
      columns.amount[row] = raw.amount[r];
      columns.quantity[row] = raw.quantity[r];
      i++;
    } else {
      const x = retOrder[j];
      const k = retPurchase[x];
      columns.customerId[row] = customerIds[purchaseCustomer[k]];
      columns.orderId[row] = 'R' + purchaseId[k];
      columns.day[row] = retDay[x];
      columns.amount[row] = retAmount[x];
      columns.quantity[row] = retQuantity[x];
      columns.isReturn[row] = 1;
      j++;
    }
  }
  return { columns, purchaseCustomer, purchaseDay, purchaseReturned };
}
