/**
 * Frequency / recency / T / monetary value per customer, in the BTYD (lifetimes) convention,
 * the input of the BG/NBD, Pareto/NBD and Gamma-Gamma models:
 * - a customer's orders on one day are merged into one purchase day (amounts summed);
 * - purchase days whose total is negative (returns) are dropped; zero-value days count;
 * - orders after the observation end are ignored;
 * - frequency = purchase days − 1 (repeat purchase days), recency = last − first purchase day,
 *   T = observation end − first purchase day, in days or weeks (days / 7);
 * - monetaryValue = mean total of the repeat purchase days (the first day excluded), 0 when
 *   frequency is 0.
 */
import { dayFromCivil } from '../days';
import { NO_DAY } from '../types';

/** One order (or return, with a negative amount). */
export interface RfmSummaryOrder {
  customerId: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  amount: number;
}

/** One customer's summary. */
export interface RfmSummaryRow {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
}

/** Column form of the summary; rows of customers without a purchase day ≤ end are NaN. */
export interface RfmSummaryColumns {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  /** First purchase day; NO_DAY for customers without a purchase day ≤ end. */
  firstDay: Int32Array;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDay(text: string): number {
  const m = ISO_DATE.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays[mo - 1]) return dayFromCivil(y, mo, d);
  }
  throw { code: 'model.invalidDate', params: { value: text } };
}

/**
 * Summarise orders per customer in the BTYD convention (see the module comment).
 * Customers without any purchase day on or before the observation end are left out; the others
 * come in order of first appearance in `orders`.
 * @param orders orders and returns; dates 'YYYY-MM-DD'
 * @param options observationEnd 'YYYY-MM-DD' (inclusive); timeUnit 'D' or 'W' ['D']
 * @example
 * rfmSummary([{ customerId: 'a', date: '2024-01-01', amount: 10 }, { customerId: 'a', date: '2024-01-08', amount: 4 }],
 *   { observationEnd: '2024-01-15', timeUnit: 'W' })
 * // [{ customerId: 'a', frequency: 1, recency: 1, T: 2, monetaryValue: 4 }]
 */
export function rfmSummary(
  orders: readonly RfmSummaryOrder[],
  options: { observationEnd: string; timeUnit?: 'D' | 'W' },
): RfmSummaryRow[] {
  const unit = options.timeUnit ?? 'D';
  if (unit !== 'D' && unit !== 'W') throw new RangeError(`rfmSummary: unknown time unit ${String(unit)}`);
  const endDay = parseIsoDay(options.observationEnd);
  const n = orders.length;
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = orders[i];
    let c = indexOf.get(o.customerId);
    if (c === undefined) {
      c = ids.length;
      indexOf.set(o.customerId, c);
      ids.push(o.customerId);
    }
    customer[i] = c;
    day[i] = parseIsoDay(o.date);
    amount[i] = o.amount;
  }
  const cols = rfmSummaryColumns(customer, day, amount, ids.length, {
    observationEndDay: endDay,
    unitDays: unit === 'W' ? 7 : 1,
  });
  const out: RfmSummaryRow[] = [];
  for (let c = 0; c < ids.length; c++) {
    if (cols.firstDay[c] === NO_DAY) continue;
    out.push({
      customerId: ids[c],
      frequency: cols.frequency[c],
      recency: cols.recency[c],
      T: cols.T[c],
      monetaryValue: cols.monetaryValue[c],
    });
  }
  return out;
}

/**
 * Column variant of {@link rfmSummary} for the engine: customer indices 0…customers−1, day
 * numbers and amounts per order row (any row order). Rows with a non-finite amount are ignored.
 * @param options observationEndDay (inclusive day number); unitDays: 1 for days, 7 for weeks
 * @example rfmSummaryColumns(Int32Array.of(0, 0), Int32Array.of(0, 7), Float64Array.of(10, 4), 1,
 *   { observationEndDay: 14, unitDays: 7 }).frequency // Float64Array [1]
 */
export function rfmSummaryColumns(
  customer: Int32Array,
  day: Int32Array,
  amount: Float64Array,
  customers: number,
  options: { observationEndDay: number; unitDays: number },
): RfmSummaryColumns {
  const n = customer.length;
  if (day.length !== n || amount.length !== n) {
    throw new RangeError(`rfmSummaryColumns: column lengths differ (${n}, ${day.length}, ${amount.length})`);
  }
  if (!Number.isInteger(customers) || customers < 0) throw new RangeError(`rfmSummaryColumns: bad customer count ${customers}`);
  const { observationEndDay: end, unitDays } = options;
  if (!(unitDays > 0)) throw new RangeError(`rfmSummaryColumns: unitDays must be > 0, got ${unitDays}`);

  // Counting sort of the kept rows by customer.
  const start = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    if (!(c >= 0 && c < customers)) throw new RangeError(`rfmSummaryColumns: customer index ${c} out of range`);
    if (day[i] <= end && Number.isFinite(amount[i])) start[c + 1]++;
  }
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const rows = new Int32Array(start[customers]);
  const fill = start.slice(0, customers);
  for (let i = 0; i < n; i++) {
    if (day[i] <= end && Number.isFinite(amount[i])) rows[fill[customer[i]]++] = i;
  }

  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const T = new Float64Array(customers);
  const monetaryValue = new Float64Array(customers);
  const firstDay = new Int32Array(customers);
  const byDay = (i: number, j: number) => day[i] - day[j];

  for (let c = 0; c < customers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    let sorted = true;
    for (let k = lo + 1; k < hi && sorted; k++) sorted = day[rows[k - 1]] <= day[rows[k]];
    if (!sorted) rows.subarray(lo, hi).sort(byDay);
    let purchaseDays = 0;
    let first = NO_DAY;
    let last = NO_DAY;
    let repeatTotal = 0;
    let k = lo;
    while (k < hi) {
      const d = day[rows[k]];
      let total = 0;
      while (k < hi && day[rows[k]] === d) total += amount[rows[k++]];
      if (total < 0) continue;
      if (purchaseDays === 0) first = d;
      else repeatTotal += total;
      last = d;
      purchaseDays++;
    }
    if (purchaseDays === 0) {
      frequency[c] = recency[c] = T[c] = monetaryValue[c] = Number.NaN;
      firstDay[c] = NO_DAY;
      continue;
    }
    const x = purchaseDays - 1;
    frequency[c] = x;
    recency[c] = (last - first) / unitDays;
    T[c] = (end - first) / unitDays;
    monetaryValue[c] = x > 0 ? repeatTotal / x : 0;
    firstDay[c] = first;
  }
  return { frequency, recency, T, monetaryValue, firstDay };
}
