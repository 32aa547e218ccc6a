import { lnBeta } from './special';
import { minimizeWithRestarts } from './optimize';

/**
 * Shifted-beta-geometric retention model (Fader & Hardie 2007, "How to project customer
 * retention"), per MODELS.md → "Shifted-beta-geometric". Each customer churns at the end of a
 * period with a constant probability θ, θ ~ Beta(α, β) across customers.
 *
 * Conventions:
 * - Periods are counted from 1. S(t) is the share still active after t periods (S(0) = 1); the
 *   retention rate of period t is r_t = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), t ≥ 1.
 * - Survival is computed as the product of retention rates (exact for integer t), or as
 *   B(α, β+t)/B(α, β) for non-integer or very large t (the same function, continued).
 * - Parameters must be finite and > 0, else `{ code: 'model.invalidParams', params: { name } }`.
 */

/** sBG parameters α, β > 0 (of the Beta distribution of the churn probability). */
export interface SbgParams {
  alpha: number;
  beta: number;
}

/** Result of {@link fitShiftedBetaGeometric}. */
export interface SbgFit extends SbgParams {
  logLikelihood: number;
  converged: boolean;
}

/**
 * Maximum-likelihood fit to a survivor series: survivors[0] = cohort size n₀, survivors[t] = n_t
 * still active at the start of period t+1. LL = Σ_t (n_{t−1} − n_t)·ln P_t + n_T·ln S(T).
 * Survivor counts need not be integers (shares or percentages work). Refuses with
 * `{ code: 'model.badSurvivors', params: { reason, index? } }`, reason one of
 * 'tooShort' (fewer than 3 values: one period identifies only α/(α+β)), 'notNumber' (a value
 * not finite or negative), 'emptyCohort' (survivors[0] ≤ 0), 'increasing' (a value above the one
 * before), 'noChurn' (nobody churned: the estimate runs off to α → 0), 'noSurvivors' (everybody
 * churned in the first period: the estimate runs off to β → 0).
 * @param survivors cohort size, then survivors after each period; non-increasing
 * @example fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]) // α ≈ 0.704, β ≈ 1.182
 */
export function fitShiftedBetaGeometric(survivors: readonly number[]): SbgFit {
  checkSurvivors(survivors);
  const objective = (theta: number[]): number => {
    if (!(Math.abs(theta[0]) <= 20 && Math.abs(theta[1]) <= 20)) return Infinity;
    const ll = _logLikelihood(Math.exp(theta[0]), Math.exp(theta[1]), survivors);
    return Number.isFinite(ll) ? -ll / survivors[0] : Infinity;
  };
  const ln01 = Math.log(0.1);
  const best = minimizeWithRestarts(objective, [[0, 0], [ln01, ln01], [0, Math.log(3)]], { tolerance: 1e-13, xTolerance: 1e-8 });
  const alpha = Math.exp(best.x[0]);
  const beta = Math.exp(best.x[1]);
  const logLikelihood = _logLikelihood(alpha, beta, survivors);
  return { alpha, beta, logLikelihood, converged: best.converged && Number.isFinite(logLikelihood) };
}

/**
 * Share of a cohort still active after t periods, S(t) = B(α, β+t)/B(α, β); S(0) = 1.
 * @param p {alpha, beta} (a fit result works)
 * @param t periods, ≥ 0 (integer in the model; other values interpolate)
 * @example sbgSurvival({ alpha: 1, beta: 1 }, 3) // 1/4 (= 1·2·3 / (2·3·4))
 */
export function sbgSurvival(p: SbgParams, t: number): number {
  checkParams(p);
  if (!(t >= 0 && Number.isFinite(t))) throw { code: 'model.invalidPeriod', params: { t } };
  return Math.exp(_lnSurvival(p.alpha, p.beta, t));
}

/**
 * Retention rate of period t: r_t = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), rising with t.
 * @param t period, ≥ 1
 * @example sbgRetention({ alpha: 1, beta: 1 }, 1) // 1/2
 */
export function sbgRetention(p: SbgParams, t: number): number {
  checkParams(p);
  if (!(t >= 1 && Number.isFinite(t))) throw { code: 'model.invalidPeriod', params: { t } };
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

/**
 * Expected number of periods a new customer is active, counting the first period.
 * - With `periods`: truncated at that horizon, Σ_{t=0}^{periods−1} S(t) = E[min(lifetime, periods)],
 *   summed directly (periods must be an integer ≥ 0; 0 gives 0).
 * - Without: the untruncated mean Σ_{t≥0} S(t) = E[1/θ] = (α+β−1)/(α−1), finite only for α > 1;
 *   α ≤ 1 (heavy tail: many customers almost never churn) throws
 *   `{ code: 'model.infiniteLifetime', params: { alpha } }` — pass a horizon instead.
 * Undiscounted; multiply per-period values yourself for a value estimate.
 * @example sbgExpectedLifetime({ alpha: 3, beta: 4 }) // 6/2 = 3
 * @example sbgExpectedLifetime({ alpha: 1, beta: 1 }, 3) // 1 + 1/2 + 1/3
 */
export function sbgExpectedLifetime(p: SbgParams, periods?: number): number {
  checkParams(p);
  const { alpha, beta } = p;
  if (periods === undefined) {
    if (alpha <= 1) throw { code: 'model.infiniteLifetime', params: { alpha } };
    return (alpha + beta - 1) / (alpha - 1);
  }
  if (!(Number.isInteger(periods) && periods >= 0)) throw { code: 'model.invalidPeriod', params: { t: periods } };
  let sum = 0;
  let survival = 1;
  for (let t = 0; t < periods; t++) {
    sum += survival; // S(t)
    survival *= (beta + t) / (alpha + beta + t); // S(t+1) = S(t)·r_{t+1}
  }
  return sum;
}

/** Integer periods up to this many use the product of retention rates; beyond, the beta function. */
const PRODUCT_LIMIT = 10_000;

function _lnSurvival(alpha: number, beta: number, t: number): number {
  if (t === 0) return 0;
  if (Number.isInteger(t) && t <= PRODUCT_LIMIT) {
    let ln = 0;
    for (let k = 1; k <= t; k++) ln += Math.log((beta + k - 1) / (alpha + beta + k - 1));
    return ln;
  }
  return lnBeta(alpha, beta + t) - lnBeta(alpha, beta);
}

/** LL of a survivor series; trusts its arguments. P_t = S(t−1)·α/(α+β+t−1). */
function _logLikelihood(alpha: number, beta: number, survivors: readonly number[]): number {
  let lnS = 0; // ln S(t−1)
  let ll = 0;
  const T = survivors.length - 1;
  for (let t = 1; t <= T; t++) {
    const churned = survivors[t - 1] - survivors[t];
    if (churned > 0) ll += churned * (lnS + Math.log(alpha / (alpha + beta + t - 1)));
    lnS += Math.log((beta + t - 1) / (alpha + beta + t - 1));
  }
  if (survivors[T] > 0) ll += survivors[T] * lnS;
  return ll;
}

function checkSurvivors(survivors: readonly number[]): void {
  const bad = (reason: string, index?: number) => {
    throw { code: 'model.badSurvivors', params: index === undefined ? { reason } : { reason, index } };
  };
  if (!Array.isArray(survivors) || survivors.length < 3) bad('tooShort');
  for (let i = 0; i < survivors.length; i++) {
    const v = survivors[i];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) bad('notNumber', i);
    if (i > 0 && v > survivors[i - 1]) bad('increasing', i);
  }
  if (!(survivors[0] > 0)) bad('emptyCohort', 0);
  if (survivors[survivors.length - 1] === survivors[0]) bad('noChurn');
  if (survivors[1] === 0) bad('noSurvivors', 1);
}

function checkParams(p: SbgParams): void {
  for (const name of ['alpha', 'beta'] as const) {
    const v = p[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw { code: 'model.invalidParams', params: { name } };
  }
}
