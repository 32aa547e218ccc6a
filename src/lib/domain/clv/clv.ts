import { bgNbdExpectedPurchases, type BgNbdParams } from './bg-nbd';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma';
import { checkCustomer, checkCustomers } from './customer-check';
import { scoreCustomersAt, type BtydColumns, type PurchaseModel } from './score';

/**
 * Discounted customer lifetime value from a BG/NBD purchase model and a Gamma-Gamma spend model
 * (MODELS.md → "Discounted CLV", the peer libraries' convention):
 *
 *   CLV = margin · E[spend] · Σ_{i=1..months} (E[X(i·τ)] − E[X((i−1)·τ)]) / (1 + d)^i
 *
 * E[X(t)] = the customer's conditional expected purchases in (T, T + t], τ = time units per month
 * (4.345 for weeks, 30 for days), d = monthly discount rate. Purchases of month i are discounted
 * by a full month (end-of-month convention). With d = 0 the sum telescopes to E[X(months·τ)].
 *
 * Never NaN, Infinity or negative: each monthly increment is clamped at 0 (E[X] is non-decreasing,
 * so only rounding can make it negative; the clamp keeps a running maximum, so d = 0 still
 * telescopes), and a non-finite result throws `{ code: 'clv.notFinite' }`. Errors of the models
 * (`model.infiniteMeanSpend`, `model.nonPositiveSpend`, `model.hyp2f1NotConverged`) propagate.
 */

/** One customer's calibration summary: repeat purchases, recency, age (model time unit) and mean repeat spend. */
export interface ClvCustomer {
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
}

/** Options of {@link customerLifetimeValue}. */
export interface ClvOptions {
  /** Horizon in months, an integer ≥ 0. */
  months: number;
  /** Discount rate per month, ≥ 0 (e.g. 0.01 ≈ 12.7% a year). */
  monthlyDiscountRate: number;
  /** Profit margin applied to spend, ≥ 0 [1]. */
  margin?: number;
  /** Model time units per month, > 0: 4.345 when T is in weeks, 30 (or 30.44) in days. */
  timeUnitsPerMonth: number;
}

/**
 * Discounted CLV of one customer over `months` months. Throws `{ code: 'clv.invalidOption',
 * params: { option } }` for a bad option and `{ code: 'model.invalidCustomer', params }` for an impossible customer.
 * @param purchase BG/NBD parameters {r, alpha, a, b} (a fit result works)
 * @param spend Gamma-Gamma parameters {p, q, gamma}
 * @param c the customer's frequency, recency, T and monetaryValue
 * @param options months, monthlyDiscountRate, [margin = 1], timeUnitsPerMonth
 * @example customerLifetimeValue(bgFit, ggFit, { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
 *   { months: 12, monthlyDiscountRate: 0.01, timeUnitsPerMonth: 4.345 })
 */
export function customerLifetimeValue(
  purchase: BgNbdParams,
  spend: GammaGammaParams,
  c: ClvCustomer,
  options: ClvOptions,
): number {
  const { months, monthlyDiscountRate: d, timeUnitsPerMonth: tau } = options;
  const margin = options.margin ?? 1;
  checkClvOptions(months, d, margin, tau);
  for (const name of ['r', 'alpha', 'a', 'b'] as const) {
    const v = purchase[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw { code: 'model.invalidParams', params: { name } };
  }
  const { frequency: x, recency: tx, T } = c;
  checkCustomer(x, tx, T);
  const value = gammaGammaExpectedSpend(spend, x, c.monetaryValue);
  if (months === 0) return 0;
  return _clv(purchase, x, tx, T, value, months, d, margin, tau);
}

function checkClvOptions(months: number, d: number, margin: number, tau: number): void {
  if (!(Number.isInteger(months) && months >= 0)) throw { code: 'clv.invalidOption', params: { option: 'months' } };
  if (!(Number.isFinite(d) && d >= 0)) throw { code: 'clv.invalidOption', params: { option: 'monthlyDiscountRate' } };
  if (!(Number.isFinite(margin) && margin >= 0)) throw { code: 'clv.invalidOption', params: { option: 'margin' } };
  if (!(Number.isFinite(tau) && tau > 0)) throw { code: 'clv.invalidOption', params: { option: 'timeUnitsPerMonth' } };
}

/** The discounted sum; trusts its arguments. */
function _clv(
  purchase: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  value: number,
  months: number,
  d: number,
  margin: number,
  tau: number,
): number {
  let previous = 0; // running maximum of E[X(i·τ)]
  let discount = 1;
  let sum = 0;
  for (let i = 1; i <= months; i++) {
    const expected = bgNbdExpectedPurchases(purchase, i * tau, x, tx, T);
    if (!Number.isFinite(expected)) throw { code: 'clv.notFinite' };
    discount *= 1 + d;
    if (expected > previous) {
      sum += (expected - previous) / discount;
      previous = expected;
    }
  }
  const clv = margin * value * sum;
  if (!Number.isFinite(clv)) throw { code: 'clv.notFinite' };
  return Math.max(0, clv);
}

/**
 * Discounted CLV of many customers at once (columns), with either purchase model: the same sum as
 * {@link customerLifetimeValue} (monthly increments of the expected purchases, a running maximum,
 * end-of-month discounting), the expected purchases at every month end from one batch scoring
 * pass. `spend` is each customer's expected spend per purchase (Gamma-Gamma). For BG/NBD the
 * result equals customerLifetimeValue customer by customer. Options are checked as there; bad
 * customers throw `model.invalidCustomer` with their index.
 */
export function lifetimeValues(
  model: PurchaseModel, customers: BtydColumns, spend: ArrayLike<number>, options: ClvOptions,
): Float64Array {
  const { months, monthlyDiscountRate: d, timeUnitsPerMonth: tau } = options;
  const margin = options.margin ?? 1;
  checkClvOptions(months, d, margin, tau);
  const n = customers.frequency.length;
  const out = new Float64Array(n);
  if (months === 0) {
    checkCustomers(customers.frequency, customers.recency, customers.T);
    return out;
  }
  const horizons = Array.from({ length: months }, (_, i) => (i + 1) * tau);
  const { expectedPurchases } = scoreCustomersAt(model, customers, horizons);
  for (let c = 0; c < n; c++) {
    let previous = 0, discount = 1, sum = 0;
    for (let i = 0; i < months; i++) {
      const expected = expectedPurchases[i][c];
      if (!Number.isFinite(expected)) throw { code: 'clv.notFinite' };
      discount *= 1 + d;
      if (expected > previous) {
        sum += (expected - previous) / discount;
        previous = expected;
      }
    }
    const clv = margin * spend[c] * sum;
    if (!Number.isFinite(clv)) throw { code: 'clv.notFinite' };
    out[c] = Math.max(0, clv);
  }
  return out;
}
