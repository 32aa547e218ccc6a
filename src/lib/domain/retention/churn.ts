import type { Notice } from '../types';
import { NO_DAY } from '../types';

/**
 * Repurchase rate, churn rate per period, and two per-customer churn risk scores.
 *
 * Days are whole days since 1970-01-01. "Silent for s days at day t" means t − lastPurchase = s,
 * judged at the start of day t (as in the lifecycle stages: a purchase yesterday is 1 day ago).
 */

/**
 * Share of buyers who bought more than once: customers with ≥ 2 orders / customers with ≥ 1.
 * Null when nobody bought.
 * @param ordersPerCustomer orders per customer (returns excluded), e.g. CustomerSummary.orders
 * @example repeatPurchaseRate(Int32Array.of(0, 1, 2, 5)) // 2 of 3 buyers → 0.666…
 */
export function repeatPurchaseRate(ordersPerCustomer: Int32Array): number | null {
  let buyers = 0, repeaters = 0;
  for (let c = 0; c < ordersPerCustomer.length; c++) {
    const o = ordersPerCustomer[c];
    if (o >= 1) buyers++;
    if (o >= 2) repeaters++;
  }
  return buyers > 0 ? repeaters / buyers : null;
}

/** Options of {@link churnRateByPeriod}; every value is a whole number of days. */
export interface ChurnPeriodOptions {
  /** Length of each period, ≥ 1 (e.g. 30, 91). */
  periodDays: number;
  /** First day of the first period. */
  startDay: number;
  /** Last observed day (inclusive): only periods ending on or before it are reported. */
  endDay: number;
  /** A customer silent for more than this many days has churned (≥ 0). */
  inactiveAfterDays: number;
}

/** One period of {@link churnRateByPeriod}. */
export interface ChurnPeriod {
  /** First day of the period; it covers periodStart … periodStart + periodDays − 1. */
  periodStart: number;
  /** Customers active at the start of the period. */
  activeAtStart: number;
  /** Of those, customers who churned by the end of the period. */
  churned: number;
  /** churned / activeAtStart; null when nobody was active. */
  rate: number | null;
}

/**
 * Problems with churn-period options: `churn.option.invalid` with params.name when periodDays is
 * not an integer ≥ 1, inactiveAfterDays not an integer ≥ 0, or startDay / endDay not integers.
 * @example validateChurnOptions({ periodDays: 0, startDay: 0, endDay: 90, inactiveAfterDays: 90 })
 *   // → [{ code: 'churn.option.invalid', params: { name: 'periodDays' } }]
 */
export function validateChurnOptions(options: ChurnPeriodOptions): Notice[] {
  const out: Notice[] = [];
  const bad = (name: string) => out.push({ code: 'churn.option.invalid', params: { name } });
  const { periodDays, startDay, endDay, inactiveAfterDays } = options;
  if (!(Number.isInteger(periodDays) && periodDays >= 1)) bad('periodDays');
  if (!Number.isInteger(startDay)) bad('startDay');
  if (!Number.isInteger(endDay)) bad('endDay');
  if (!(Number.isInteger(inactiveAfterDays) && inactiveAfterDays >= 0)) bad('inactiveAfterDays');
  return out;
}

/**
 * Churn rate per period, from each customer's first and last purchase day.
 *
 * With T = inactiveAfterDays, a period [s, e) (e = s + periodDays) and a customer's first and last
 * purchase days F and L (over all data up to endDay):
 * - **active at the start** when F < s (bought before the period began) and L ≥ s − T (at the
 *   start of day s they had been silent at most T days, or they buy again later);
 * - **churned in the period** when active at the start and L < e − T: at the start of day e, just
 *   after the period, they have been silent more than T days and never buy again in the data.
 *   Equivalently the day they turn inactive, L + T + 1, falls in s + 1 … e.
 * - rate = churned / activeAtStart (null when nobody was active).
 *
 * Churn is final here ("stopped for good"): a customer who was silent for longer than T in the
 * middle of the data and then came back never counts as churned, since only the first and last
 * purchase are known. Customers acquired during a period (F ≥ s) are in neither count of that
 * period. Customers with NO_DAY (no purchase) are ignored.
 *
 * Periods: s = startDay + i × periodDays for i = 0, 1, …, as long as the whole period is observed
 * (e − 1 ≤ endDay). endDay before the first period's end → []. O(customers + periods).
 * Throws the first {@link validateChurnOptions} notice, or `churn.lengthMismatch` when the two
 * arrays differ in length.
 * @param firstDay first purchase day per customer (NO_DAY: never bought)
 * @param lastDay last purchase day per customer
 * @param options periodDays, startDay, endDay (inclusive), inactiveAfterDays
 * @example // one customer, purchases on days 0 … 40; 30-day periods from day 30, T = 30, data to day 119:
 * // [30, 60): active (F 0 < 30, L 40 ≥ 0), not churned (40 ≥ 60 − 30) → 0 / 1
 * // [60, 90): active (40 ≥ 30), churned (40 < 90 − 30)             → 1 / 1
 * // [90, 120): not active (40 < 90 − 30)                           → 0 / 0, rate null
 * churnRateByPeriod(Int32Array.of(0), Int32Array.of(40), { periodDays: 30, startDay: 30, endDay: 119, inactiveAfterDays: 30 })
 */
/**
 * Whether one customer churned in the period [startDay, startDay + periodDays), by the definition of
 * {@link churnRateByPeriod}: active at its start (first purchase F before it, last purchase L with
 * L + T ≥ startDay) and turning inactive inside it (L + T < startDay + periodDays). NO_DAY → false.
 * @example churnedInPeriod(0, 40, 60, 30, 30) // true: active at day 60 (40 + 30 ≥ 60), inactive from day 71
 */
export function churnedInPeriod(firstDay: number, lastDay: number, startDay: number, periodDays: number, inactiveAfterDays: number): boolean {
  if (firstDay === NO_DAY || lastDay === NO_DAY) return false;
  const turns = lastDay + inactiveAfterDays;
  return firstDay < startDay && turns >= startDay && turns < startDay + periodDays;
}

export function churnRateByPeriod(firstDay: Int32Array, lastDay: Int32Array, options: ChurnPeriodOptions): ChurnPeriod[] {
  const problems = validateChurnOptions(options);
  if (problems.length) throw problems[0];
  if (firstDay.length !== lastDay.length) {
    throw { code: 'churn.lengthMismatch', params: { first: firstDay.length, last: lastDay.length } };
  }
  return _churnRateByPeriod(firstDay, lastDay, options);
}

function _churnRateByPeriod(firstDay: Int32Array, lastDay: Int32Array, o: ChurnPeriodOptions): ChurnPeriod[] {
  const { periodDays: P, startDay: S, inactiveAfterDays: T } = o;
  const periods = Math.max(0, Math.floor((o.endDay - S + 1) / P));
  if (periods === 0) return [];
  // Difference array for "active at start" (a run of consecutive periods per customer), counts for churn.
  const activeDiff = new Float64Array(periods + 1);
  const churned = new Float64Array(periods);
  for (let c = 0; c < firstDay.length; c++) {
    const F = firstDay[c], L = lastDay[c];
    if (F === NO_DAY || L === NO_DAY) continue;
    // Active at s_i ⇔ F < s_i ≤ L + T ⇔ i from ⌊(F − S) / P⌋ + 1 to ⌊(L + T − S) / P⌋.
    const from = Math.max(0, Math.floor((F - S) / P) + 1);
    const to = Math.min(periods - 1, Math.floor((L + T - S) / P));
    if (from > to) continue;
    activeDiff[from]++;
    activeDiff[to + 1]--;
    // Turns inactive on day t = L + T + 1; churned in the period with s_i < t ≤ s_i + P, if active at its start.
    const i = Math.ceil((L + T + 1 - S) / P) - 1;
    if (i >= from && i <= to) churned[i]++;
  }
  const out: ChurnPeriod[] = [];
  let active = 0;
  for (let i = 0; i < periods; i++) {
    active += activeDiff[i];
    out.push({ periodStart: S + i * P, activeAtStart: active, churned: churned[i], rate: active > 0 ? churned[i] / active : null });
  }
  return out;
}

/** Options of {@link rhythmChurnRisk}. */
export interface RhythmRiskOptions {
  /** Silence, in multiples of the usual gap, at which the risk is 0.5; > 0. Default 2 (the lifecycle at-risk factor). */
  factor?: number;
  /** Usual gap assumed for customers without one (one-time buyers); ≥ 0. Default: none (their risk is NaN). */
  baseGap?: number;
}

/**
 * Churn risk from each customer's own buying rhythm, 0 … 1.
 *
 * With r = daysSinceLast / usualGap (silence in units of the customer's usual gap) and f = factor:
 * risk = r² / (r² + f²). It is 0 right after a purchase, rises with every silent day, is 0.5
 * exactly when the silence reaches f × the usual gap (the lifecycle stages' "at risk" line, by
 * default 2 × the gap: 1 × gap → 0.2, 4 × gap → 0.8) and tends to 1.
 *
 * Edge cases: daysSinceLast ≤ 0 → 0; usualGap 0 with a silence > 0 → 1; usualGap NaN or negative
 * (one-time buyer) → baseGap when given, else NaN; daysSinceLast NaN → NaN; both infinite → NaN.
 * Throws `churn.option.invalid` (params.name 'factor' or 'baseGap') for a factor that is not a
 * finite number > 0 or a baseGap that is not a finite number ≥ 0, `churn.lengthMismatch` when
 * the arrays differ in length.
 * @param daysSinceLast days since the last purchase, per customer
 * @param usualGap usual days between purchases, per customer (NaN when unknown; see usualGaps)
 * @param options factor [2], baseGap [none]
 * @example rhythmChurnRisk(Float64Array.of(30, 60), Float64Array.of(30, 15)) // r 1, 4 → [0.2, 0.8]
 */
export function rhythmChurnRisk(daysSinceLast: Float64Array, usualGap: Float64Array, options: RhythmRiskOptions = {}): Float64Array {
  const factor = options.factor ?? 2;
  const base = options.baseGap;
  if (!(Number.isFinite(factor) && factor > 0)) throw { code: 'churn.option.invalid', params: { name: 'factor' } };
  if (base !== undefined && !(Number.isFinite(base) && base >= 0)) throw { code: 'churn.option.invalid', params: { name: 'baseGap' } };
  if (daysSinceLast.length !== usualGap.length) {
    throw { code: 'churn.lengthMismatch', params: { first: daysSinceLast.length, last: usualGap.length } };
  }
  const f2 = factor * factor;
  const out = new Float64Array(daysSinceLast.length);
  for (let c = 0; c < out.length; c++) {
    const since = daysSinceLast[c];
    let gap = usualGap[c];
    if (!(gap >= 0)) gap = base ?? NaN;
    if (since !== since || gap !== gap) out[c] = NaN;
    else if (since <= 0) out[c] = 0;
    else if (gap === 0) out[c] = 1;
    else {
      const r = since / gap;
      out[c] = r === Infinity ? 1 : (r * r) / (r * r + f2); // r is NaN when both are infinite
    }
  }
  return out;
}

/**
 * Churn risk from a probabilistic model: 1 − P(alive), clamped to 0 … 1; NaN stays NaN.
 * @param pAlive P(alive) per customer (e.g. from BG/NBD)
 * @example aliveRisk(Float64Array.of(1, 0.25, NaN)) // → [0, 0.75, NaN]
 */
export function aliveRisk(pAlive: Float64Array): Float64Array {
  const out = new Float64Array(pAlive.length);
  for (let c = 0; c < out.length; c++) {
    const p = pAlive[c];
    out[c] = p !== p ? NaN : p >= 1 ? 0 : p <= 0 ? 1 : 1 - p;
  }
  return out;
}
