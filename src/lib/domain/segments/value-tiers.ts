import type { Notice } from '../types';

/**
 * Value tiers (high / medium / low value) and the Pareto curve behind them.
 *
 * Two conventions, one rule. Customers are ranked by value, highest first, and each customer is
 * given a weight: 1 for `basis: 'customers'` (Pareto 20/30/50: the top 20% of customers are tier 0),
 * its value for `basis: 'revenue'` (ABC 80/15/5: tier 0 until the cumulative share of value reaches
 * 80%). With `cut[k]` the cumulative share of tiers 0…k and `before` the share of total weight held
 * by the customers ranked above, a customer is in the first tier k with `before < cut[k]`, the last
 * tier otherwise. So tier 0 is the ⌈0.2 · n⌉ best customers, and the customer whose value carries
 * the running total across 80% is still in tier A (tier A always reaches its share).
 *
 * Conventions:
 * - Ties: customers with the same value always share a tier. A group of equal values takes the
 *   tier its middle member (the ⌊(m − 1) / 2⌋-th of its m members) would get without the tie, so a
 *   tie across a boundary goes to the side holding most of it, and an even split goes to the higher
 *   tier. All customers equal → everyone gets the tier of the middle customer.
 * - Zero, negative (net spend after returns) and NaN values always go to the last tier. They count
 *   as customers for the 'customers' basis (shares are of all customers) and add nothing to the
 *   value total: value shares are shares of the sum of positive values.
 * - Shares need not sum to 1: they are divided by their sum ([20, 30, 50] = [0.2, 0.3, 0.5]).
 */

/** 'customers': shares of customers (Pareto 20/30/50); 'revenue': shares of value (ABC 80/15/5). */
export type TierBasis = 'customers' | 'revenue';

/** At most 256 tiers: tier numbers are stored in a Uint8Array. */
export const MAX_TIERS = 256;

/** One tier of a {@link valueTiers} result. */
export interface TierSummary {
  tier: number;
  customers: number;
  /** customers / all customers (0 when there are none). */
  customerShare: number;
  /** Sum of the tier's values, negatives included. */
  value: number;
  /** The tier's positive value / all positive value (0 when nothing is positive). */
  valueShare: number;
  /** Cumulative shares through this tier: a point on the Pareto curve. */
  cumulativeCustomerShare: number;
  cumulativeValueShare: number;
  /** Smallest and largest value in the tier; null when the tier is empty. */
  minValue: number | null;
  maxValue: number | null;
}

/** Result of {@link valueTiers}. */
export interface ValueTiers {
  /** Tier of each customer, 0 = top tier. */
  tier: Uint8Array;
  /**
   * Cut values, one per boundary (tiers − 1): `edges[k]` is the smallest value in tiers 0…k, so a
   * customer with a positive value v is in a tier ≤ k exactly when v ≥ edges[k]. Null when tiers
   * 0…k are all empty.
   */
  edges: (number | null)[];
  /** Per-tier counts, values and shares, for the table beside the chart. */
  tiers: TierSummary[];
}

/** A point of the Pareto curve: the best `customerShare` of customers hold `valueShare` of value. */
export interface ParetoPoint {
  customerShare: number;
  valueShare: number;
}

/** Tolerance on share comparisons: 0.1 + 0.2 must still cut at 30%. */
const EPS = 1e-10;

/**
 * Problems with tier shares or basis, for the UI: `tiers.shares.count` (1 to 256 tiers),
 * `tiers.shares.invalid` (each share a finite number ≥ 0; params.index), `tiers.shares.zeroSum`,
 * `tiers.basis.unknown`.
 * @param shares share of each tier, top tier first
 * @param [basis] 'customers' or 'revenue', checked when given
 * @example validateTierShares([0.8, 0.15, 0.05]) // → []
 */
export function validateTierShares(shares: readonly number[], basis?: string): Notice[] {
  const out: Notice[] = [];
  if (!Array.isArray(shares) || shares.length < 1 || shares.length > MAX_TIERS) {
    out.push({ code: 'tiers.shares.count', params: { count: Array.isArray(shares) ? shares.length : 0, min: 1, max: MAX_TIERS } });
    return out;
  }
  let sum = 0;
  for (let k = 0; k < shares.length; k++) {
    const s = shares[k];
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) out.push({ code: 'tiers.shares.invalid', params: { index: k } });
    else sum += s;
  }
  if (out.length === 0 && !(sum > 0)) out.push({ code: 'tiers.shares.zeroSum' });
  if (basis !== undefined && basis !== 'customers' && basis !== 'revenue') out.push({ code: 'tiers.basis.unknown', params: { basis: String(basis) } });
  return out;
}

/**
 * Assign each customer a value tier (see the file comment for the exact rule and ties).
 * O(n log n): one sort of the positive values. Throws the first {@link validateTierShares} notice.
 * @param values value per customer (net spend, CLV…)
 * @param shares share of each tier, top first: [0.2, 0.3, 0.5] or [0.8, 0.15, 0.05]
 * @param basis 'customers' (shares of customers) or 'revenue' (shares of cumulative value)
 * @example valueTiers([50, 30, 20], [0.8, 0.15, 0.05], 'revenue').tier // → [0, 0, 1]
 */
export function valueTiers(values: ArrayLike<number>, shares: readonly number[], basis: TierBasis): ValueTiers {
  const problems = validateTierShares(shares, basis);
  if (problems.length) throw problems[0];
  return _valueTiers(values, shares, basis);
}

function _valueTiers(values: ArrayLike<number>, shares: readonly number[], basis: TierBasis): ValueTiers {
  const n = values.length;
  const tiers = shares.length;
  const last = tiers - 1;
  const cut = cumulativeCuts(shares);

  const sorted = positiveAscending(values);
  const m = sorted.length;
  let positiveTotal = 0;
  for (let j = m - 1; j >= 0; j--) positiveTotal += sorted[j];
  const totalWeight = basis === 'customers' ? n : positiveTotal;

  // Walk groups of equal values from the top; tiers only grow along the walk, so the last value
  // given to tier k is its smallest.
  const minOfTier = new Float64Array(tiers).fill(NaN);
  let before = 0;
  for (let j = m - 1; j >= 0; ) {
    const v = sorted[j];
    let lo = j;
    while (lo > 0 && sorted[lo - 1] === v) lo--;
    const size = j - lo + 1;
    const w = basis === 'customers' ? 1 : v;
    const middle = before + Math.floor((size - 1) / 2) * w;
    minOfTier[tierOfShare(cut, middle / totalWeight)] = v;
    before += size * w;
    j = lo - 1;
  }

  const tier = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let t = last;
    if (v > 0) {
      for (let k = 0; k < last; k++) {
        if (v >= minOfTier[k]) { // false for NaN (empty tier)
          t = k;
          break;
        }
      }
    }
    tier[i] = t;
  }

  const edges: (number | null)[] = [];
  let edge: number | null = null;
  for (let k = 0; k < last; k++) {
    if (!Number.isNaN(minOfTier[k])) edge = minOfTier[k];
    edges.push(edge);
  }
  return { tier, edges, tiers: summarise(values, tier, tiers, positiveTotal) };
}

/** Cumulative share through each tier, normalised so that the last is 1. */
function cumulativeCuts(shares: readonly number[]): Float64Array {
  let sum = 0;
  for (const s of shares) sum += s;
  const cut = new Float64Array(shares.length);
  let acc = 0;
  for (let k = 0; k < shares.length; k++) {
    acc += shares[k];
    cut[k] = acc / sum;
  }
  return cut;
}

/** First tier whose cumulative cut lies above `share`; the last tier otherwise. */
function tierOfShare(cut: Float64Array, share: number): number {
  const last = cut.length - 1;
  for (let k = 0; k < last; k++) if (share < cut[k] - EPS) return k;
  return last;
}

/** The values > 0, ascending. */
function positiveAscending(values: ArrayLike<number>): Float64Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) m++;
  const out = new Float64Array(m);
  for (let i = 0, j = 0; i < values.length; i++) if (values[i] > 0) out[j++] = values[i];
  return out.sort();
}

function summarise(values: ArrayLike<number>, tier: Uint8Array, tiers: number, positiveTotal: number): TierSummary[] {
  const n = values.length;
  const count = new Float64Array(tiers);
  const value = new Float64Array(tiers);
  const positive = new Float64Array(tiers);
  const min = new Float64Array(tiers).fill(Infinity);
  const max = new Float64Array(tiers).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const t = tier[i];
    const v = values[i];
    count[t]++;
    if (Number.isNaN(v)) continue;
    value[t] += v;
    if (v > 0) positive[t] += v;
    if (v < min[t]) min[t] = v;
    if (v > max[t]) max[t] = v;
  }
  const out: TierSummary[] = [];
  let cumCustomers = 0, cumValue = 0;
  for (let t = 0; t < tiers; t++) {
    cumCustomers += count[t];
    cumValue += positive[t];
    out.push({
      tier: t,
      customers: count[t],
      customerShare: n > 0 ? count[t] / n : 0,
      value: value[t],
      valueShare: positiveTotal > 0 ? positive[t] / positiveTotal : 0,
      cumulativeCustomerShare: n > 0 ? cumCustomers / n : 0,
      cumulativeValueShare: positiveTotal > 0 ? cumValue / positiveTotal : 0,
      minValue: min[t] === Infinity ? null : min[t],
      maxValue: max[t] === -Infinity ? null : max[t],
    });
  }
  return out;
}

/**
 * The Pareto (cumulative value) curve: customers sorted by value, highest first; at each of
 * `points` evenly spaced customer shares 0 … 1, the share of value they hold. Values ≤ 0 and NaN
 * count as 0 (as in {@link valueTiers}), so the curve rises from 0 to 1 and never falls; between
 * two customers it is linear. Empty input → []; no positive value → valueShare 0 throughout.
 * @param values value per customer
 * @param [points=101] number of points, at least 2
 * @example paretoCurve([3, 1], 3) // → [{0, 0}, {0.5, 0.75}, {1, 1}]
 */
export function paretoCurve(values: ArrayLike<number>, points = 101): ParetoPoint[] {
  const n = values.length;
  if (n === 0) return [];
  const count = Math.max(2, Math.floor(Number.isFinite(points) ? points : 101));
  const sorted = positiveAscending(values); // the n − m non-positive values are zeros at the end
  const m = sorted.length;
  // cumulative[k] = value of the best k customers
  const cumulative = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) cumulative[k + 1] = cumulative[k] + (k < m ? sorted[m - 1 - k] : 0);
  const total = cumulative[n];
  const out: ParetoPoint[] = [];
  for (let p = 0; p < count; p++) {
    const share = p / (count - 1);
    const x = share * n;
    const k = Math.min(n, Math.floor(x));
    const y = k < n ? cumulative[k] + (x - k) * (cumulative[k + 1] - cumulative[k]) : total;
    out.push({ customerShare: share, valueShare: total > 0 ? y / total : 0 });
  }
  return out;
}
