import { civilFromDay, monthIndexOfDay, monthLabel } from '../days';
import { NO_DAY } from '../types';

/**
 * Cohort retention: customers grouped by the month of their first purchase (the cohort), followed
 * month by month ("months since" k = 0 is the first-purchase month itself).
 *
 * Conventions:
 * - A purchase is an order line with isReturn = 0, whatever its amount (a zero-value purchase is
 *   still a purchase, as in CustomerSummary). Returns never make a customer active.
 * - A customer's cohort is the month of their earliest purchase line. Customers with no purchase
 *   (only returns, or no lines) are in no cohort; their lines are ignored.
 * - Cohorts are every calendar month from the earliest to the latest first-purchase month, empty
 *   months included (size 0), so row c is the month c months after the first cohort.
 * - Row c has one cell per month from its cohort month to the month of the last order line in the
 *   data (returns included), at most `maxMonths` cells: a triangle, newest cohort shortest.
 * - active[c][k]: distinct customers of cohort c with at least one purchase in month c + k
 *   (active[c][0] = sizes[c]).
 * - revenue[c][k]: net revenue booked in month c + k by cohort c: purchase amounts as given minus
 *   |amount| of returns. A return dated before the customer's first purchase month is ignored (it
 *   has no place in the row), as are NaN amounts (the line still counts as a purchase).
 * - Order lines whose day is NO_DAY are ignored.
 */

/** Result of {@link cohortTable}: rows are cohorts, columns months since the first purchase. */
export interface CohortTable {
  /** 'YYYY-MM' of each cohort's first-purchase month, consecutive months, oldest first. */
  cohorts: string[];
  /** Customers whose first purchase falls in the cohort's month. */
  sizes: number[];
  /** active[c][k] = customers of cohort c purchasing in month c + k. */
  active: number[][];
  /** revenue[c][k] = net revenue of cohort c in month c + k (purchases minus returns). */
  revenue: number[][];
}

/** Order lines as {@link cohortTable} reads them (an IndexedOrders fits). */
export interface CohortOrders {
  length: number;
  /** Customer index of each line, 0 … customers − 1. */
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  isReturn: Uint8Array;
}

/** Options of {@link cohortTable}. */
export interface CohortOptions {
  /** Most cells per row (months since 0 … maxMonths − 1); an integer ≥ 1. Default: no limit. */
  maxMonths?: number;
}

/**
 * Cohort table of first-purchase month × months since (see the file comment for conventions).
 * O(lines + customers + cohorts × months), typed arrays throughout, no per-line objects.
 * Throws `{ code: 'cohorts.option.invalid', params: { name: 'maxMonths' } }` when maxMonths is
 * not an integer ≥ 1, and `{ code: 'cohorts.customer.outOfRange', params: { row, customer } }`
 * for a line whose customer index is outside 0 … customers − 1.
 * @param orders order lines with dense customer indices
 * @param customers number of customers
 * @param options maxMonths [no limit]
 * @returns cohorts, sizes, and the active-customer and net-revenue triangles
 * @example // customer 0 buys 2024-01-05 (100) and 2024-03-02 (40), returns 10 on 2024-03-09:
 * // → cohorts ['2024-01'], sizes [1], active [[1, 0, 1]], revenue [[100, 0, 30]]
 * cohortTable(orders, 1)
 */
export function cohortTable(orders: CohortOrders, customers: number, options: CohortOptions = {}): CohortTable {
  const { maxMonths } = options;
  if (maxMonths !== undefined && !(Number.isInteger(maxMonths) && maxMonths >= 1)) {
    throw { code: 'cohorts.option.invalid', params: { name: 'maxMonths' } };
  }
  if (!(Number.isInteger(customers) && customers >= 0)) throw { code: 'cohorts.option.invalid', params: { name: 'customers' } };
  const { customer } = orders;
  for (let i = 0; i < orders.length; i++) {
    const c = customer[i];
    if (!(c >= 0 && c < customers)) throw { code: 'cohorts.customer.outOfRange', params: { row: i, customer: c } };
  }
  return _cohortTable(orders, customers, maxMonths ?? Infinity);
}

function _cohortTable(orders: CohortOrders, customers: number, maxMonths: number): CohortTable {
  const { customer, day, amount, isReturn } = orders;
  const n = orders.length;
  // Pass 1: day range of all lines, first purchase day per customer.
  const first = new Int32Array(customers).fill(NO_DAY);
  let minDay = Infinity, maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d === NO_DAY) continue;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
    if (!isReturn[i]) {
      const c = customer[i];
      if (first[c] === NO_DAY || d < first[c]) first[c] = d;
    }
  }
  if (minDay > maxDay) return { cohorts: [], sizes: [], active: [], revenue: [] };

  // Month (relative to the month of minDay) of every day in range: one lookup per line.
  const month0 = monthIndexOfDay(minDay);
  const dayMonth = new Int32Array(maxDay - minDay + 1);
  for (let d = minDay, m = 0; d <= maxDay; d++) {
    if (d !== minDay && civilFromDay(d)[2] === 1) m++;
    dayMonth[d - minDay] = m;
  }
  const lastMonth = dayMonth[maxDay - minDay];

  // Cohort month per customer (relative to month0), −1 for non-buyers; cohort range.
  const cohortOf = new Int32Array(customers);
  let firstCohort = Infinity, lastCohort = -Infinity;
  for (let c = 0; c < customers; c++) {
    if (first[c] === NO_DAY) {
      cohortOf[c] = -1;
      continue;
    }
    const m = dayMonth[first[c] - minDay];
    cohortOf[c] = m;
    if (m < firstCohort) firstCohort = m;
    if (m > lastCohort) lastCohort = m;
  }
  if (firstCohort > lastCohort) return { cohorts: [], sizes: [], active: [], revenue: [] };

  const rows = lastCohort - firstCohort + 1;
  const width = Math.min(lastMonth - firstCohort + 1, maxMonths); // longest row
  const activeFlat = new Int32Array(rows * width);
  const revenueFlat = new Float64Array(rows * width);
  const sizes = new Array<number>(rows).fill(0);
  for (let c = 0; c < customers; c++) if (cohortOf[c] >= 0) sizes[cohortOf[c] - firstCohort]++;

  // Pass 2: revenue per cell, and purchase lines grouped by customer (CSR) for distinct counts.
  const offsets = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d === NO_DAY) continue;
    const c = customer[i];
    const cm = cohortOf[c];
    if (cm < 0) continue;
    const k = dayMonth[d - minDay] - cm;
    if (k < 0 || k >= width) continue;
    const a = amount[i];
    if (a === a) revenueFlat[(cm - firstCohort) * width + k] += isReturn[i] ? -Math.abs(a) : a;
    if (!isReturn[i]) offsets[c + 1]++;
  }
  for (let c = 0; c < customers; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, customers);
  const monthOfLine = new Int32Array(offsets[customers]);
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d === NO_DAY || isReturn[i]) continue;
    const c = customer[i];
    const k = dayMonth[d - minDay] - cohortOf[c]; // ≥ 0: purchases are never before the first
    if (k >= width) continue;
    monthOfLine[fill[c]++] = k;
  }
  // Pass 3: per customer, count each month once (stamp = last customer that counted month k).
  const stamp = new Int32Array(width).fill(-1);
  for (let c = 0; c < customers; c++) {
    const base = (cohortOf[c] - firstCohort) * width;
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const k = monthOfLine[j];
      if (stamp[k] !== c) {
        stamp[k] = c;
        activeFlat[base + k]++;
      }
    }
  }

  const cohorts: string[] = [];
  const active: number[][] = [];
  const revenue: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const len = Math.min(lastMonth - (firstCohort + r) + 1, width);
    cohorts.push(monthLabel(month0 + firstCohort + r));
    active.push(Array.from(activeFlat.subarray(r * width, r * width + len)));
    revenue.push(Array.from(revenueFlat.subarray(r * width, r * width + len)));
  }
  return { cohorts, sizes, active, revenue };
}

/**
 * Share of each cohort still buying: active[c][k] / sizes[c]; null for an empty cohort.
 * @param table a {@link cohortTable} result
 * @example retentionRates({ cohorts: ['2024-01'], sizes: [4], active: [[4, 1, 2]], revenue: [[0, 0, 0]] })
 *   // → [[1, 0.25, 0.5]]
 */
export function retentionRates(table: Pick<CohortTable, 'sizes' | 'active'>): (number | null)[][] {
  return table.active.map((row, c) => {
    const size = table.sizes[c];
    return row.map((v) => (size > 0 ? v / size : null));
  });
}

/**
 * Net revenue of each cohort month as a share of its first month: revenue[c][k] / revenue[c][0].
 * Null for the whole row when the first month's net revenue is not positive (zero, negative after
 * returns, or NaN): no meaningful base.
 * @param table a {@link cohortTable} result
 * @example revenueRetention({ cohorts: ['2024-01'], sizes: [2], active: [[2, 1]], revenue: [[200, 50]] })
 *   // → [[1, 0.25]]
 */
export function revenueRetention(table: Pick<CohortTable, 'revenue'>): (number | null)[][] {
  return table.revenue.map((row) => {
    const base = row[0];
    return row.map((v) => (base > 0 ? v / base : null));
  });
}
