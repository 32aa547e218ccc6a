/**
 * A fast bulk order generator for benchmarks and storage tests: plain columns, one row per order,
 * no behavioural model. One million rows take well under two seconds.
 */

import { dayFromCivil } from '../days';
import { createRandom } from '../random';
import type { DayNumber, OrderColumns } from '../types';

/** Options of `generateSyntheticOrders`. */
export interface SyntheticOrderOptions {
  /** Exact number of rows. */
  orders: number;
  /** Number of distinct customers; each appears at least once when orders ≥ customers. */
  customers: number;
  /** Seed (default 42). */
  seed?: number;
  /** First day (default 2023-01-01). */
  startDay?: DayNumber;
  /** Number of days the orders spread over (default 1,096: about three years). */
  days?: number;
}

/** Share of rows that are returns. */
const RETURN_SHARE = 0.03;

/**
 * Synthetic orders: customer ids 'C' + 7 digits, unique order ids 'O' + 8 digits numbered in day
 * order, rows sorted by day (more orders later in the period), lognormal amounts rounded to
 * cents, quantities 1–5, about 3% returns (isReturn = 1, negative amount). Deterministic per seed.
 */
export function generateSyntheticOrders(options: SyntheticOrderOptions): OrderColumns {
  const n = Math.max(0, Math.floor(options.orders));
  const m = Math.max(1, Math.floor(options.customers));
  const start = options.startDay ?? dayFromCivil(2023, 1, 1);
  const span = Math.max(1, Math.floor(options.days ?? 1096));
  const rng = createRandom(`${options.seed ?? 42}/synthetic`);

  // Customer and day per generated row; the first m rows cover every customer once.
  const customerOf = new Int32Array(n);
  const offsetOf = new Int32Array(n);
  const perDay = new Int32Array(span + 1);
  const covered = n >= m ? m : 0;
  for (let r = 0; r < n; r++) {
    // Skewed towards low indices: a minority of customers place most repeat orders.
    customerOf[r] = r < covered ? r : Math.floor(m * Math.pow(rng.next(), 1.8));
    const d = Math.floor(span * Math.pow(rng.next(), 0.8)); // denser later: growth
    offsetOf[r] = d;
    perDay[d + 1]++;
  }
  // Counting sort by day.
  for (let d = 0; d < span; d++) perDay[d + 1] += perDay[d];
  const rowAt = new Int32Array(n);
  for (let r = 0; r < n; r++) rowAt[perDay[offsetOf[r]]++] = r;

  const ids = new Array<string>(m);
  for (let c = 0; c < m; c++) ids[c] = 'C' + String(c + 1).padStart(7, '0');

  const out: OrderColumns = {
    customerId: new Array<string>(n),
    orderId: new Array<string>(n),
    day: new Int32Array(n),
    amount: new Float64Array(n),
    quantity: new Float64Array(n),
    isReturn: new Uint8Array(n),
  };
  const mu = Math.log(45);
  for (let k = 0; k < n; k++) {
    const r = rowAt[k];
    out.customerId[k] = ids[customerOf[r]];
    out.orderId[k] = 'O' + String(k + 1).padStart(8, '0');
    out.day[k] = start + offsetOf[r];
    const quantity = 1 + Math.floor(rng.next() * 5);
    const value = Math.max(0.5, Math.round(Math.exp(mu + 0.9 * rng.normal()) * 100) / 100);
    out.quantity[k] = quantity;
    if (rng.next() < RETURN_SHARE) {
      out.isReturn[k] = 1;
      out.amount[k] = -value;
    } else {
      out.amount[k] = value;
    }
  }
  return out;
}
