import { standardErrors } from './standard-errors';
import { hyp2f1, lnGamma, logAddExp, logSubExp } from './special';
import { nelderMead, type MinimizeResult, type NelderMeadOptions } from './optimize';

/**
 * Pareto/NBD purchase model (Schmittlein, Morrison & Colombo 1987), in the log-space form of
 * MODELS.md → "Pareto/NBD".
 *
 * Conventions:
 * - One customer is (frequency x, recency t_x, age T): x repeat purchases, the last one t_x after
 *   the first, T from the first purchase to the end of the calibration period, in one time unit
 *   (weeks for CDNOW). Requires x ≥ 0, 0 ≤ t_x ≤ T; anything else throws
 *   `{ code: 'model.invalidCustomer', params: { frequency, recency, T } }`. With x = 0 the
 *   recency is taken as 0 whatever is passed (the last purchase is the first one).
 * - Fits take integer x (counts); the single-customer functions accept any x ≥ 0.
 * - Parameters must be finite and > 0, else `{ code: 'model.invalidParams', params: { name } }`.
 * - ₂F₁ is summed by its series (after Euler's transformation, see `_lnF`), which needs about
 *   ln(1e-16)/ln z terms, z = |α − β|/(max(α, β) + t). Beyond the series' term cap (z ≳ 0.9996,
 *   i.e. α/β or β/α above ~2,500 with t small) `{ code: 'model.hyp2f1NotConverged' }` propagates
 *   from the single-customer functions; during a fit such points count as infinitely bad, which
 *   bounds the search to less extreme α/β.
 */

/** Pareto/NBD parameters: r, α (purchase rate), s, β (dropout rate). */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** Result of {@link fitParetoNbd}: the parameters, the maximised total log-likelihood, and whether the optimiser converged. */
export interface ParetoNbdFit extends ParetoNbdParams {
  logLikelihood: number;
  converged: boolean;
}

/** Calibration summary, one entry per customer (or per group of identical customers with `weights`). */
export interface ParetoNbdData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Number of customers each entry stands for [1 each]. */
  weights?: ArrayLike<number>;
}

/** Fewer repeat buyers than this and the fit is refused. */
export const PARETO_NBD_MIN_REPEATERS = 20;

/**
 * Log-likelihood of one customer.
 * @param p parameters {r, alpha, s, beta} (a fit result works)
 * @param frequency x, repeat purchases
 * @param recency t_x, time of the last repeat purchase since the first purchase
 * @param T time from the first purchase to the end of the period
 * @example paretoNbdLogLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 0, 0, 38.86)
 */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, frequency: number, recency: number, T: number): number {
  checkParams(p);
  checkCustomer(frequency, recency, T);
  return _logLikelihood(p.r, p.alpha, p.s, p.beta, frequency, frequency === 0 ? 0 : recency, T);
}

/**
 * Probability that the customer is still alive (has not dropped out) at T.
 * P = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) · (β+T)^s · A0), the product taken in log space.
 * @example paretoNbdProbabilityAlive(fit, 2, 30.43, 38.86)
 */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, frequency: number, recency: number, T: number): number {
  checkParams(p);
  checkCustomer(frequency, recency, T);
  return _probabilityAlive(p.r, p.alpha, p.s, p.beta, frequency, frequency === 0 ? 0 : recency, T);
}

/**
 * Expected number of purchases in (T, T + t] given the customer's history:
 * (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive).
 * The bracket over (s − 1) is computed as −expm1((s−1)·L)/(s−1), L = ln((β+T)/(β+T+t)), which is
 * accurate near s = 1 and equals its limit −L at s = 1.
 * @param t length of the future period (same unit as T), ≥ 0
 * @example paretoNbdExpectedPurchases(fit, 39, 2, 30.43, 38.86)
 */
export function paretoNbdExpectedPurchases(
  p: ParetoNbdParams,
  t: number,
  frequency: number,
  recency: number,
  T: number,
): number {
  checkParams(p);
  checkCustomer(frequency, recency, T);
  if (!(t >= 0) || !Number.isFinite(t)) throw { code: 'model.invalidHorizon', params: { t } };
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  const L = Math.log(beta + T) - Math.log(beta + T + t);
  const sm1 = s - 1;
  const bracket = sm1 === 0 ? -L : -Math.expm1(sm1 * L) / sm1;
  const alive = _probabilityAlive(r, alpha, s, beta, frequency, frequency === 0 ? 0 : recency, T);
  return Math.max(0, (((r + frequency) * (beta + T)) / (alpha + T)) * bracket * alive);
}

/**
 * Maximum-likelihood fit. Maximises Σ weight · LL over log-parameters with Nelder–Mead: loose
 * runs from two starts (all parameters 1, all 0.1; on a systematic sample of ~600 customers when
 * there are more than 600 distinct rows), then a polishing restart on all the data from the best.
 * Identical (x, t_x, T) rows are merged first (their weights added); with x = 0, t_x counts as 0.
 * CDNOW sample (2,357 customers, 1,016 distinct rows): ~120–210 ms in Node, ~110–140 ms in
 * headless Chromium; full CDNOW (23,570 customers, 8,685 rows): ~0.5 s in Node.
 * Refuses with `{ code: 'model.tooFewRepeaters', params: { count } }` when fewer than 20
 * customers (by weight) have x > 0, and `{ code: 'model.noVariance' }` when every customer has
 * the same x. Bad rows throw `{ code: 'model.invalidData', params: { index, field } }`.
 * @param data frequency, recency, T [, weights]
 * @example fitParetoNbd({ frequency, recency, T }) // CDNOW: r 0.553, α 10.578, s 0.606, β 11.669
 */
export function fitParetoNbd(data: ParetoNbdData): ParetoNbdFit {
  const rows = mergeRows(data);
  let repeaters = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < rows.x.length; i++) {
    if (rows.x[i] > 0) repeaters += rows.w[i];
    minX = Math.min(minX, rows.x[i]);
    maxX = Math.max(maxX, rows.x[i]);
  }
  if (repeaters < PARETO_NBD_MIN_REPEATERS) throw { code: 'model.tooFewRepeaters', params: { count: repeaters } };
  if (minX === maxX) throw { code: 'model.noVariance' };
  return _fit(rows);
}

/** Rows with identical (x, t_x, T) merged; weights summed; zero-weight rows dropped. */
interface Rows {
  x: number[];
  tx: number[];
  T: number[];
  w: number[];
}

function mergeRows(data: ParetoNbdData): Rows {
  const { frequency, recency, T, weights } = data;
  const n = frequency.length;
  if (recency.length !== n || T.length !== n || (weights && weights.length !== n)) {
    throw { code: 'model.lengthMismatch', params: { frequency: n, recency: recency.length, T: T.length } };
  }
  const index = new Map<string, number>();
  const rows: Rows = { x: [], tx: [], T: [], w: [] };
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const tx = recency[i];
    const age = T[i];
    const w = weights ? weights[i] : 1;
    if (!(Number.isFinite(w) && w >= 0)) throw { code: 'model.invalidData', params: { index: i, field: 'weights' } };
    if (!(Number.isInteger(x) && x >= 0)) throw { code: 'model.invalidData', params: { index: i, field: 'frequency' } };
    if (!(Number.isFinite(age) && age >= 0)) throw { code: 'model.invalidData', params: { index: i, field: 'T' } };
    if (!(Number.isFinite(tx) && tx >= 0 && tx <= age)) throw { code: 'model.invalidData', params: { index: i, field: 'recency' } };
    if (w === 0) continue;
    const txUsed = x === 0 ? 0 : tx; // no repeat purchase: the last purchase is the first, at 0
    const key = `${x},${txUsed},${age}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, rows.x.length);
      rows.x.push(x);
      rows.tx.push(txUsed);
      rows.T.push(age);
      rows.w.push(w);
    } else rows.w[at] += w;
  }
  return rows;
}

/** Log-parameters beyond ±LOG_BOUND (e^±15) are treated as infinitely bad. */
const LOG_BOUND = 15;

/**
 * The data compiled for repeated evaluation: lnΓ(r+x) − lnΓ(r) is needed once per distinct x,
 * ln(α+T), ln(β+T) once per distinct T, and ln F once per distinct (x, time) pair; rows refer to
 * them by index. On CDNOW: 1,016 rows, 23 x, 84 T, 940 ln F (instead of 2 per customer).
 */
interface Plan {
  xs: Float64Array;
  ages: Float64Array;
  /** Distinct (x, time) pairs for ln F: x index and time. */
  fX: Int32Array;
  fTime: Float64Array;
  rowX: Int32Array;
  rowAge: Int32Array;
  /** ln F at t_x and at T; −1 when t_x = T (A0 = 0). */
  rowHi: Int32Array;
  rowLo: Int32Array;
  rowW: Float64Array;
  /** Scratch, one entry per distinct x / T / (x, time). */
  head: Float64Array;
  lnRatio: Float64Array;
  lnA: Float64Array;
  lnB: Float64Array;
  lnF: Float64Array;
}

function compile(rows: Rows): Plan {
  const xs: number[] = [];
  const ages: number[] = [];
  const fX: number[] = [];
  const fTime: number[] = [];
  const xIndex = new Map<number, number>();
  const ageIndex = new Map<number, number>();
  const fIndex = new Map<string, number>();
  const indexOf = <K>(map: Map<K, number>, key: K, add: () => void): number => {
    let at = map.get(key);
    if (at === undefined) {
      at = map.size;
      map.set(key, at);
      add();
    }
    return at;
  };
  const fAt = (xi: number, time: number) =>
    indexOf(fIndex, `${xi},${time}`, () => {
      fX.push(xi);
      fTime.push(time);
    });
  const m = rows.x.length;
  const rowX = new Int32Array(m);
  const rowAge = new Int32Array(m);
  const rowHi = new Int32Array(m);
  const rowLo = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const xi = indexOf(xIndex, rows.x[i], () => xs.push(rows.x[i]));
    rowX[i] = xi;
    rowAge[i] = indexOf(ageIndex, rows.T[i], () => ages.push(rows.T[i]));
    const open = rows.tx[i] < rows.T[i];
    rowHi[i] = open ? fAt(xi, rows.tx[i]) : -1;
    rowLo[i] = open ? fAt(xi, rows.T[i]) : -1;
  }
  return {
    xs: Float64Array.from(xs),
    ages: Float64Array.from(ages),
    fX: Int32Array.from(fX),
    fTime: Float64Array.from(fTime),
    rowX,
    rowAge,
    rowHi,
    rowLo,
    rowW: Float64Array.from(rows.w),
    head: new Float64Array(xs.length),
    lnRatio: new Float64Array(xs.length),
    lnA: new Float64Array(ages.length),
    lnB: new Float64Array(ages.length),
    lnF: new Float64Array(fX.length),
  };
}

/** −Σ w·LL over the plan at natural-scale parameters; trusts its arguments. */
function negLogLikelihood(plan: Plan, r: number, alpha: number, s: number, beta: number): number {
  const { xs, ages, head, lnRatio, lnA, lnB, lnF, fX, fTime, rowX, rowAge, rowHi, rowLo, rowW } = plan;
  const lnGammaR = lnGamma(r);
  const base = r * Math.log(alpha) + s * Math.log(beta);
  for (let k = 0; k < xs.length; k++) {
    head[k] = lnGamma(r + xs[k]) - lnGammaR + base;
    lnRatio[k] = Math.log(s / (r + s + xs[k]));
  }
  for (let k = 0; k < ages.length; k++) {
    lnA[k] = Math.log(alpha + ages[k]);
    lnB[k] = Math.log(beta + ages[k]);
  }
  for (let k = 0; k < fX.length; k++) lnF[k] = _lnF(r, alpha, s, beta, xs[fX[k]], fTime[k]);
  let total = 0;
  for (let i = 0; i < rowW.length; i++) {
    const xi = rowX[i];
    const ai = rowAge[i];
    const stayed = -(r + xs[xi]) * lnA[ai] - s * lnB[ai];
    const hi = rowHi[i];
    const ll = hi < 0 ? stayed : logAddExp(stayed, lnRatio[xi] + logDiff(lnF[hi], lnF[rowLo[i]]));
    total += rowW[i] * (head[xi] + ll);
  }
  return -total;
}

function _fit(rows: Rows): ParetoNbdFit {
  const objectiveOf = (plan: Plan) => (theta: number[]): number => {
    for (const v of theta) if (!(Math.abs(v) <= LOG_BOUND)) return Infinity;
    try {
      const f = negLogLikelihood(plan, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
      return Number.isFinite(f) ? f : Infinity;
    } catch {
      return Infinity; // ₂F₁ did not converge at this (extreme) point
    }
  };
  // Restarts: a loose run from each start finds the basin, on a systematic sample of the customers
  // when there are many rows (the basin is the same; each evaluation is much cheaper); the best end
  // point is then polished on all the data by a fresh, small simplex (a restart, which also undoes
  // any collapse of the first simplex).
  const full = objectiveOf(compile(rows));
  const sampled = rows.x.length > SAMPLE_ROWS ? objectiveOf(compile(systematicSample(rows, SAMPLE_CUSTOMERS))) : full;
  let coarse: MinimizeResult | null = null;
  for (const start of FIT_STARTS) {
    const run = nelderMead(sampled, start, COARSE);
    if (coarse === null || run.fx < coarse.fx) coarse = run;
  }
  const best = nelderMead(full, (coarse as MinimizeResult).x, FINE);
  const [r, alpha, s, beta] = best.x.map(Math.exp);
  return { r, alpha, s, beta, logLikelihood: -best.fx, converged: best.converged && Number.isFinite(best.fx) };
}

/** Above this many distinct rows the basin-finding runs use a sample. */
const SAMPLE_ROWS = 600;
/** Customers (by weight) in that sample. */
const SAMPLE_CUSTOMERS = 600;

/**
 * Systematic sample of about `size` customers, proportional to weight: sample points every
 * W/size along the running total of weights (offset half a step); a row keeps as many points as
 * fall in it, each standing for W/size customers. Deterministic; a large group (e.g. all x = 0 with
 * one T) keeps its share.
 */
function systematicSample(rows: Rows, size: number): Rows {
  let total = 0;
  for (const w of rows.w) total += w;
  const step = total / size;
  const out: Rows = { x: [], tx: [], T: [], w: [] };
  let before = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const after = before + rows.w[i];
    const hits = Math.floor(after / step + 0.5) - Math.floor(before / step + 0.5);
    before = after;
    if (hits <= 0) continue;
    out.x.push(rows.x[i]);
    out.tx.push(rows.tx[i]);
    out.T.push(rows.T[i]);
    out.w.push(hits * step);
  }
  return out;
}

/** Start points (log-parameters) of the fit: all parameters 1, all 0.1 (MODELS.md → Fitting). */
const FIT_STARTS = [
  [0, 0, 0, 0],
  [-2.3, -2.3, -2.3, -2.3],
];
/** Basin-finding runs: relative spread of −LL 1e-5, log-parameters within 0.01. */
const COARSE: NelderMeadOptions = { tolerance: 1e-5, xTolerance: 1e-2, maxIterations: 2000 };
/** Polishing run: a small simplex, relative spread of −LL 1e-10, log-parameters within 1e-5. */
const FINE: NelderMeadOptions = { step: 0.1, tolerance: 1e-10, xTolerance: 1e-5, maxIterations: 4000 };

/** LL of one customer; trusts its arguments. */
function _logLikelihood(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const rx = r + x;
  const head = lnGamma(rx) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const stayed = -rx * Math.log(alpha + T) - s * Math.log(beta + T);
  const left = Math.log(s / (r + s + x)) + _lnA0(r, alpha, s, beta, x, tx, T);
  return head + logAddExp(stayed, left);
}

/** ln A0 (MODELS.md) = ln(F(t_x) − F(T)) by a signed log-diff; −∞ when t_x = T. */
function _lnA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  if (tx >= T) return -Infinity;
  return logDiff(_lnF(r, alpha, s, beta, x, tx), _lnF(r, alpha, s, beta, x, T));
}

/** ln(eᵃ − eᵇ), a ≥ b in exact arithmetic; −∞ when rounding makes the difference non-positive. */
function logDiff(a: number, b: number): number {
  return a > b ? logSubExp(a, b) : -Infinity;
}

/**
 * ln of MODELS.md's F(α−β, α+t) (α ≥ β) or G(β−α, β+t) (α < β), after Euler's transformation
 * ₂F₁(A, B; A+1; z) = (1−z)^(1−B) · ₂F₁(1, A+1−B; A+1; z). The transformed series has positive
 * terms with ratio < z (no peak, no overflow, fewer terms when B is large), and 1 − z is taken
 * as the exact ratio (β+t)/(α+t) or (α+t)/(β+t). With A = r+s+x, the powers combine to
 *   α ≥ β: ln F = −(r+x)·ln(α+t) − s·ln(β+t) + ln ₂F₁(1, r+x; r+s+x+1; (α−β)/(α+t))
 *   α < β: ln G = −(r+x−1)·ln(α+t) − (s+1)·ln(β+t) + ln ₂F₁(1, s+1; r+s+x+1; (β−α)/(β+t))
 */
function _lnF(r: number, alpha: number, s: number, beta: number, x: number, t: number): number {
  const la = Math.log(alpha + t);
  const lb = Math.log(beta + t);
  if (alpha >= beta) {
    return -(r + x) * la - s * lb + Math.log(hyp2f1(1, r + x, r + s + x + 1, (alpha - beta) / (alpha + t)));
  }
  return -(r + x - 1) * la - (s + 1) * lb + Math.log(hyp2f1(1, s + 1, r + s + x + 1, (beta - alpha) / (beta + t)));
}

function _probabilityAlive(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const lnA0 = _lnA0(r, alpha, s, beta, x, tx, T);
  if (lnA0 === -Infinity) return 1;
  const u = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + lnA0;
  return u > 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
}

function checkParams(p: ParetoNbdParams): void {
  for (const name of ['r', 'alpha', 's', 'beta'] as const) {
    const v = p[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw { code: 'model.invalidParams', params: { name } };
  }
}

function checkCustomer(frequency: number, recency: number, T: number): void {
  const ok =
    Number.isFinite(frequency) && frequency >= 0 && Number.isFinite(T) && T >= 0 && Number.isFinite(recency) && recency >= 0 && recency <= T;
  if (!ok) throw { code: 'model.invalidCustomer', params: { frequency, recency, T } };
}

/**
 * Standard errors of a Pareto/NBD fit (inverse numerical Hessian of −LL; NaN where undefined).
 * @example paretoNbdStandardErrors(fit, data) // {r, alpha, s, beta}
 */
export function paretoNbdStandardErrors(p: ParetoNbdParams, data: ParetoNbdData): ParetoNbdParams {
  const n = data.frequency.length;
  const negLL = (q: number[]) => {
    const params = { r: q[0], alpha: q[1], s: q[2], beta: q[3] };
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = data.weights ? data.weights[i] : 1;
      if (w) sum += w * paretoNbdLogLikelihood(params, data.frequency[i], data.frequency[i] > 0 ? data.recency[i] : 0, data.T[i]);
    }
    return -sum;
  };
  const se = standardErrors(negLL, [p.r, p.alpha, p.s, p.beta]);
  return { r: se[0], alpha: se[1], s: se[2], beta: se[3] };
}
