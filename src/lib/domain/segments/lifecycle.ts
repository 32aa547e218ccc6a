import type { Notice } from '../types';
import { NO_DAY } from '../types';

/**
 * Lifecycle stages: prospect, new, repeat, loyal, at risk, lost.
 *
 * With `since` = analysisDay − lastDay (days since the last purchase) and `tenure` = analysisDay −
 * firstDay, the first matching rule wins:
 * 1. **prospect** — no purchase (orders ≤ 0 or no last day).
 * 2. **lost** — since > lostAfterDays (default 365).
 * 3. **new** — tenure ≤ newWithinDays (default 90): first purchase within the window, however many
 *    purchases followed (onboarding comes first; a gap measured on a few early days is unreliable).
 * 4. **at risk** — since > atRiskGapFactor (default 2) × the customer's expected gap: their own usual
 *    gap (median days between distinct purchase days) when they bought on two or more days;
 *    otherwise, for a one-time buyer, the base gap (by default the median of all customers'
 *    usual gaps; the new window when nobody has a usual gap). Loyal customers can be at risk.
 * 5. **loyal** — orders ≥ loyalMinOrders (default 5) and since ≤ loyalWithinDays (default 180).
 * 6. **repeat** — everyone else: active past the new window and not overdue. This includes one-time
 *    buyers who are still within factor × base gap of their purchase (not yet overdue).
 *
 * "Within N days" means analysisDay − day ≤ N, so with analysisDay the day after the data ends, a
 * purchase on the last data day is 1 day ago. Pass a summary of purchases before analysisDay.
 */

/** Stage codes: `LIFECYCLE_STAGES[stage]` is the name of a stage number. */
export const LIFECYCLE_STAGES = ['prospect', 'new', 'repeat', 'loyal', 'at_risk', 'lost'] as const;
/** A stage name. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Stage numbers, as stored in the Uint8Array {@link lifecycleStages} returns. */
export const STAGE_PROSPECT = 0;
export const STAGE_NEW = 1;
export const STAGE_REPEAT = 2;
export const STAGE_LOYAL = 3;
export const STAGE_AT_RISK = 4;
export const STAGE_LOST = 5;

/** Per-customer purchase facts (a CustomerSummary plus {@link usualGaps}). */
export interface LifecycleInput {
  /** Per customer: number of orders (returns excluded). */
  orders: Int32Array;
  /** First and last purchase day; NO_DAY when none. */
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** Median days between distinct purchase days; NaN with fewer than 2 purchase days ({@link usualGaps}). */
  usualGap: Float64Array;
}

/** Editable thresholds, in days (loyalMinOrders in orders, atRiskGapFactor a multiplier). */
export interface LifecycleThresholds {
  newWithinDays: number;
  loyalMinOrders: number;
  loyalWithinDays: number;
  atRiskGapFactor: number;
  lostAfterDays: number;
}

/** Analysis day, thresholds (defaults in {@link LIFECYCLE_DEFAULTS}) and the one-time buyers' gap. */
export interface LifecycleOptions extends Partial<LifecycleThresholds> {
  /** The day stages are judged on (days since 1970-01-01). */
  analysisDay: number;
  /**
   * Expected gap of one-time buyers. Default: median of the finite `usualGap` values; when there
   * are none, newWithinDays.
   */
  baseGap?: number;
}

/** Default thresholds (editable in the UI). */
export const LIFECYCLE_DEFAULTS: Readonly<LifecycleThresholds> = Object.freeze({
  newWithinDays: 90,
  loyalMinOrders: 5,
  loyalWithinDays: 180,
  atRiskGapFactor: 2,
  lostAfterDays: 365,
});

/**
 * Problems with lifecycle options, for the UI: `lifecycle.option.invalid` with params.name when
 * analysisDay is not a finite number, a threshold (or baseGap, when given) is not a finite
 * number ≥ 0, or loyalMinOrders is below 1.
 * @example validateLifecycleOptions({ analysisDay: 20000, lostAfterDays: -1 })
 *   // → [{ code: 'lifecycle.option.invalid', params: { name: 'lostAfterDays' } }]
 */
export function validateLifecycleOptions(options: LifecycleOptions): Notice[] {
  const out: Notice[] = [];
  const bad = (name: string) => out.push({ code: 'lifecycle.option.invalid', params: { name } });
  if (typeof options.analysisDay !== 'number' || !Number.isFinite(options.analysisDay)) bad('analysisDay');
  for (const name of ['newWithinDays', 'loyalMinOrders', 'loyalWithinDays', 'atRiskGapFactor', 'lostAfterDays', 'baseGap'] as const) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (name === 'loyalMinOrders' && v < 1)) bad(name);
  }
  return out;
}

/**
 * Lifecycle stage of each customer (see the file comment for the rules, in order).
 * O(n), plus one sort of the usual gaps when `baseGap` is not given. Throws the first
 * {@link validateLifecycleOptions} notice.
 * @param input per-customer orders, first and last purchase day, usual gap
 * @param options analysisDay and thresholds; defaults in {@link LIFECYCLE_DEFAULTS}
 * @returns stage number per customer, an index into {@link LIFECYCLE_STAGES}
 * @example // 6 orders since day 19000, last on 19980, usual gap 30 days; judged on day 20000:
 * // since 20 ≤ 2 × 30, 6 ≥ 5 orders, 20 ≤ 180 → 'loyal'
 * LIFECYCLE_STAGES[lifecycleStages(input, { analysisDay: 20000 })[0]]
 */
export function lifecycleStages(input: LifecycleInput, options: LifecycleOptions): Uint8Array {
  const problems = validateLifecycleOptions(options);
  if (problems.length) throw problems[0];
  const t = { ...LIFECYCLE_DEFAULTS };
  for (const key of Object.keys(LIFECYCLE_DEFAULTS) as (keyof LifecycleThresholds)[]) if (options[key] !== undefined) t[key] = options[key];
  const baseGap = options.baseGap ?? medianGap(input.usualGap) ?? t.newWithinDays;
  return _lifecycleStages(input, options.analysisDay, t, baseGap);
}

function _lifecycleStages(input: LifecycleInput, analysisDay: number, t: LifecycleThresholds, baseGap: number): Uint8Array {
  const { orders, firstDay, lastDay, usualGap } = input;
  const n = orders.length;
  const stage = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    const last = lastDay[c];
    if (orders[c] <= 0 || last === NO_DAY) {
      stage[c] = STAGE_PROSPECT;
      continue;
    }
    const since = analysisDay - last;
    const first = firstDay[c] === NO_DAY ? last : firstDay[c];
    const gap = usualGap[c] >= 0 ? usualGap[c] : baseGap; // NaN → one-time buyer
    if (since > t.lostAfterDays) stage[c] = STAGE_LOST;
    else if (analysisDay - first <= t.newWithinDays) stage[c] = STAGE_NEW;
    else if (since > t.atRiskGapFactor * gap) stage[c] = STAGE_AT_RISK;
    else if (orders[c] >= t.loyalMinOrders && since <= t.loyalWithinDays) stage[c] = STAGE_LOYAL;
    else stage[c] = STAGE_REPEAT;
  }
  return stage;
}

/** Median of the finite values ≥ 0; null when there are none. */
function medianGap(gaps: Float64Array): number | null {
  let m = 0;
  for (let i = 0; i < gaps.length; i++) if (gaps[i] >= 0 && gaps[i] < Infinity) m++;
  if (m === 0) return null;
  const a = new Float64Array(m);
  for (let i = 0, j = 0; i < gaps.length; i++) if (gaps[i] >= 0 && gaps[i] < Infinity) a[j++] = gaps[i];
  a.sort();
  const h = m >> 1;
  return m % 2 ? a[h] : (a[h - 1] + a[h]) / 2;
}

/** Order lines as {@link usualGaps} reads them (an IndexedOrders fits). */
export interface GapOrders {
  length: number;
  /** Customer index of each line. */
  customer: Int32Array;
  day: Int32Array;
  isReturn: Uint8Array;
}

/**
 * Each customer's usual gap: the median number of days between consecutive distinct purchase days
 * (mean of the two middle gaps when their count is even). Return lines are not purchases. NaN for
 * customers with fewer than 2 purchase days. O(n log n), no per-customer objects.
 * @param orders order lines with customer indices
 * @param customers number of customers
 * @param options.asOfDay only lines dated on or before it count
 * @example // purchase days 10, 20, 20, 50 → gaps 10, 30 → 20
 */
export function usualGaps(orders: GapOrders, customers: number, options: { asOfDay?: number } = {}): Float64Array {
  const { customer, day, isReturn } = orders;
  const end = options.asOfDay ?? Infinity;
  const counts = (i: number) => !isReturn[i] && day[i] <= end;
  // Purchase days grouped by customer (CSR).
  const offsets = new Int32Array(customers + 1);
  for (let i = 0; i < orders.length; i++) if (counts(i)) offsets[customer[i] + 1]++;
  for (let c = 0; c < customers; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, customers);
  const days = new Int32Array(offsets[customers]);
  for (let i = 0; i < orders.length; i++) if (counts(i)) days[fill[customer[i]]++] = day[i];

  const out = new Float64Array(customers).fill(NaN);
  const gaps = new Int32Array(days.length); // scratch, reused for every customer
  for (let c = 0; c < customers; c++) {
    const a = offsets[c], b = offsets[c + 1];
    if (b - a < 2) continue;
    sortRange(days, a, b);
    let g = 0;
    for (let i = a + 1; i < b; i++) if (days[i] !== days[i - 1]) gaps[g++] = days[i] - days[i - 1];
    if (g === 0) continue; // every line on one day
    sortRange(gaps, 0, g);
    const h = g >> 1;
    out[c] = g % 2 ? gaps[h] : (gaps[h - 1] + gaps[h]) / 2;
  }
  return out;
}

/** Sort a[from, to) ascending: insertion sort for the usual handful, a typed sort for long runs. */
function sortRange(a: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    a.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= from && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
