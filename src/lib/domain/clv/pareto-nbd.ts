import { standardErrors } from './standard-errors';
import {
  grownRatios, HYP2F1_MAX_TERMS, HYP2F1_REL_TOL, hyp2f1, hyp2f1OneUsesIntegral, lnGamma, lnHyp2f1One, lnHyp2f1OneWithGradient, logAddExp, logSubExp,
} from './special';
import { checkBatch, checkCustomer, checkHorizon } from './customer-check';
import { PerInteger } from './batch';
import { bestBfgs, nelderMead, type NelderMeadOptions } from './optimize';

/**
 * Pareto/NBD purchase model (Schmittlein, Morrison & Colombo 1987), in the log-space form of
 * MODELS.md → "Pareto/NBD".
 *
 * Conventions:
 * - One customer is (frequency x, recency t_x, age T): x repeat purchases, the last one t_x after
 *   the first, T from the first purchase to the end of the calibration period, in one time unit
 *   (weeks for CDNOW). x is a whole number ≥ 0, 0 < t_x ≤ T when x > 0 and t_x = 0 when x = 0;
 *   anything else is an impossible customer and throws `{ code: 'model.invalidCustomer', params:
 *   { index, reason, … } }` (customer-check.ts), from the single-customer functions, the batch
 *   scoring and the fit alike.
 * - Parameters must be finite and > 0, else `{ code: 'model.invalidParams', params: { name } }`.
 * - ₂F₁ is summed by its series (after Euler's transformation, see `_lnF`), which needs about
 *   ln(1e-16)/ln z terms, z = |α − β|/(max(α, β) + t). In the likelihood and the fit's gradient,
 *   where that series would be long (z > 0.93 with the series' c − b < 6: small x, α/β far from 1)
 *   it is replaced by Euler's integral (special.ts → lnHyp2f1One), so a fit that walks to s → 0,
 *   β ≫ α (the online-retail sample) costs ~300 nodes per (x, time) instead of ~40,000 terms.
 *   P(alive) and expected purchases keep the series: beyond its term cap (z ≳ 0.9996, i.e. α/β or
 *   β/α above ~2,500 with t small) `{ code: 'model.hyp2f1NotConverged' }` propagates from them.
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
  return _logLikelihood(p.r, p.alpha, p.s, p.beta, frequency, recency, T);
}

/**
 * Probability that the customer is still alive (has not dropped out) at T:
 * P = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) · (β+T)^s · A0), written in the form of {@link aliveFrom}.
 * An impossible customer (see customer-check.ts) throws `{ code: 'model.invalidCustomer', params }`.
 * @example paretoNbdProbabilityAlive(fit, 2, 30.43, 38.86)
 */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, frequency: number, recency: number, T: number): number {
  checkParams(p);
  checkCustomer(frequency, recency, T);
  return aliveSingle(p, frequency, recency, T);
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
  checkHorizon(t);
  return expectedFrom(p, frequency, T, t, aliveSingle(p, frequency, recency, T));
}

/**
 * P(alive) and expected purchases in (T, T + t] for each horizon, for many customers (columns in,
 * columns out): parameters checked once, and per distinct x s/(r+s+x) and H = ₂F₁(1, B; C; z) as a
 * polynomial in z (the series' coefficients, cut where the tail is below 1e-17 for every z the batch
 * can meet, z ≤ |α − β|/max(α, β)), evaluated at t_x and T together. Where that takes more than 64
 * terms (α/β far from 1) the two series are summed in one pass with hyp2f1's terms and stopping
 * rule. Equal to the single-customer functions to ~1e-15 relative (the polynomial sums the same
 * terms in another order and a few further). Customers are checked as those functions check them.
 * 100,000 customers at the CDNOW fit: ~13 ms in Node (the per-customer path ~22 ms on the same run).
 */
export function paretoNbdScore(
  p: ParetoNbdParams, customers: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> }, horizons: readonly number[],
): { probabilityAlive: Float64Array; expectedPurchases: Float64Array[] } {
  checkParams(p);
  const n = checkBatch(customers, horizons);
  const { frequency, recency, T } = customers;
  const { r, alpha, s, beta } = p;
  const alive = new Float64Array(n);
  const expected = horizons.map(() => new Float64Array(n));
  const perX = new PerInteger((x) => termsOf(p, x));
  // z(t) = d/(e+t) (see zAt), and what expectedFrom needs, hoisted out of the loop
  const ge = alpha >= beta;
  const d = ge ? alpha - beta : beta - alpha;
  const e = ge ? alpha : beta;
  const sm1 = s - 1;
  const nh = horizons.length;
  const single = nh === 1 ? expected[0] : null;
  const h1 = horizons[0];
  for (let i = 0; i < n; i++) {
    const x = frequency[i], tx = recency[i], age = T[i];
    let pa = 1;
    if (tx < age) {
      const own = perX.get(x);
      let hTx: number;
      let hT = 1;
      const zT = d / (e + age);
      let coef = own.coef;
      if (coef === undefined) coef = own.coef = polynomialOf(own, d / e);
      if (coef !== null) {
        // H as a polynomial in z (the series' own coefficients, cut where the tail is < 1e-17 for
        // every z ≤ d/e), split into even and odd powers: four short Horner chains side by side
        const zTx = d / (e + tx);
        const u = zTx * zTx, v = zT * zT;
        const m = coef.length - 2;
        let ae = coef[m], ao = coef[m + 1], be = ae, bo = ao;
        for (let k = m - 2; k >= 0; k -= 2) {
          const ce = coef[k], co = coef[k + 1];
          ae = ae * u + ce;
          ao = ao * u + co;
          be = be * v + ce;
          bo = bo * v + co;
        }
        hTx = ae + zTx * ao;
        hT = be + zT * bo;
      } else if (tx === 0 && !Number.isNaN(own.h0)) {
        hTx = own.h0;
        if (zT !== 0) hT = seriesAt(p, own, age);
      } else if (longSeries(p, own, tx)) {
        // z(t_x) near 1 with a short c − b: Euler's integral (the series would need up to 10⁵ terms)
        hTx = hAt(p, own, tx);
        hT = hAt(p, own, age);
      } else {
        // H(t_x) and H(T) in one pass over the same term ratios, each stopping where seriesAt would
        const zTx = d / (e + tx);
        let ratios = own.ratios;
        let t1 = 1, s1 = 1, t2 = 1, s2 = 1;
        let open1 = zTx !== 0, open2 = zT !== 0;
        let j = 0;
        for (; (open1 || open2) && j < HYP2F1_MAX_TERMS; j++) {
          if (j === ratios.length) ratios = own.ratios = grownRatios(ratios, 1, own.B, own.C);
          const rj = ratios[j];
          if (open1) {
            const q = rj * zTx;
            t1 *= q;
            s1 += t1;
            if (t1 === 0 || (Math.abs(t1) < HYP2F1_REL_TOL * Math.abs(s1) && Math.abs(q) < 1) || !Number.isFinite(s1)) open1 = false;
          }
          if (open2) {
            const q = rj * zT;
            t2 *= q;
            s2 += t2;
            if (t2 === 0 || (Math.abs(t2) < HYP2F1_REL_TOL * Math.abs(s2) && Math.abs(q) < 1) || !Number.isFinite(s2)) open2 = false;
          }
        }
        // a series that did not settle: hyp2f1 throws as the single-customer functions do
        hTx = open1 || !Number.isFinite(s1) ? hyp2f1(1, own.B, own.C, zTx) : s1;
        hT = open2 || !Number.isFinite(s2) ? hyp2f1(1, own.B, own.C, zT) : s2;
        if (tx === 0) own.h0 = hTx;
      }
      pa = aliveFrom(p, own, tx, age, hTx, hT);
    }
    alive[i] = pa;
    if (single !== null) {
      if (h1 === 0) continue;
      const bT = beta + age;
      const L = -Math.log1p(h1 / bT);
      const bracket = sm1 === 0 ? -L : -Math.expm1(sm1 * L) / sm1;
      single[i] = Math.max(0, (((r + x) * bT) / (alpha + age)) * bracket * pa);
    } else for (let k = 0; k < nh; k++) expected[k][i] = expectedFrom(p, x, age, horizons[k], pa);
  }
  return { probabilityAlive: alive, expectedPurchases: expected };
}

/** What P(alive) needs per distinct x: ₂F₁'s parameters and term ratios, s/(r+s+x), and the powers P, Q of F. */
interface XTerms {
  B: number;
  C: number;
  /** hyp2f1's term ratios without z, grown as needed (batch scoring only). */
  ratios: Float64Array;
  /**
   * H's series coefficients c_0…c_N (c_k = product of the first k ratios), N the fewest with the tail
   * below 1e-17 for every z of the batch; undefined before it is needed, null when N would exceed
   * POLY_MAX_DEGREE (the series is summed then).
   */
  coef?: Float64Array | null;
  /** H(0), once asked for (NaN before). */
  h0: number;
  ratio: number;
  P: number;
  Q: number;
}

/** Most coefficients of the batch's polynomial form of H (beyond, the series is summed per customer). */
const POLY_MAX_DEGREE = 64;

/**
 * The coefficients of H = Σ c_k·z^k up to the first N with c_N·zMax^N/(1 − zMax) < 1e-17: the terms'
 * ratios (B+k)/(C+k) are below 1 (B < C), so that bounds the tail for every z ≤ zMax, and H ≥ 1.
 */
function polynomialOf(own: XTerms, zMax: number): Float64Array | null {
  if (!(zMax > 0 && zMax < 1)) return zMax === 0 ? Float64Array.of(1, 0) : null;
  if (!(own.B < own.C)) return null;
  const c = [1];
  let ck = 1, zk = 1;
  for (let k = 0; k < POLY_MAX_DEGREE; k++) {
    ck *= ((1 + k) * (own.B + k)) / ((own.C + k) * (k + 1));
    zk *= zMax;
    c.push(ck);
    if ((ck * zk) / (1 - zMax) < 1e-17) {
      if (c.length % 2 === 1) c.push(0); // even length, for the even/odd split
      return Float64Array.from(c);
    }
  }
  return null;
}

function termsOf(p: ParetoNbdParams, x: number): XTerms {
  const ge = p.alpha >= p.beta;
  return {
    B: ge ? p.r + x : p.s + 1, C: p.r + p.s + x + 1, ratios: new Float64Array(0), h0: Number.NaN,
    ratio: p.s / (p.r + p.s + x), P: ge ? p.r + x : p.r + x - 1, Q: ge ? p.s : p.s + 1,
  };
}

/** z of H(t): (α−β)/(α+t) when α ≥ β, else (β−α)/(β+t) (see `_lnF`). */
function zAt(p: ParetoNbdParams, t: number): number {
  return p.alpha >= p.beta ? (p.alpha - p.beta) / (p.alpha + t) : (p.beta - p.alpha) / (p.beta + t);
}

/** 1 − z(t), exact: (β+t)/(α+t) when α ≥ β, else (α+t)/(β+t). */
function oneMinusZAt(p: ParetoNbdParams, t: number): number {
  return p.alpha >= p.beta ? (p.beta + t) / (p.alpha + t) : (p.alpha + t) / (p.beta + t);
}

/** Whether H(t) is taken as Euler's integral (z(t) near 1, c − b short: the series would be long). */
function longSeries(p: ParetoNbdParams, own: XTerms, t: number): boolean {
  return hyp2f1OneUsesIntegral(own.B, own.C, zAt(p, t), oneMinusZAt(p, t));
}

/** H(t) = ₂F₁(1, B; C; z(t)) as Euler's integral (for {@link longSeries}). */
function hByIntegral(p: ParetoNbdParams, own: XTerms, t: number): number {
  return Math.exp(lnHyp2f1One(own.B, own.C, zAt(p, t), oneMinusZAt(p, t)));
}

/** H(t): Euler's integral where the series would be long, else the series (batch: ratios kept per x). */
function hAt(p: ParetoNbdParams, own: XTerms, t: number): number {
  return longSeries(p, own, t) ? hByIntegral(p, own, t) : seriesAt(p, own, t);
}

/** H(t) for one customer: the integral where the series would be long, else hyp2f1 (no table). */
function hOnce(p: ParetoNbdParams, own: XTerms, t: number): number {
  return longSeries(p, own, t) ? hByIntegral(p, own, t) : hyp2f1(1, own.B, own.C, zAt(p, t));
}

/** H(t) = ₂F₁(1, B; C; z(t)), summed as hyp2f1 sums it with the ratios read from the table. */
function seriesAt(p: ParetoNbdParams, own: XTerms, t: number): number {
  const z = zAt(p, t);
  if (z === 0) return 1;
  if (longSeries(p, own, t)) return hByIntegral(p, own, t);
  let ratios = own.ratios;
  let term = 1, sum = 1, j = 0;
  for (; j < HYP2F1_MAX_TERMS; j++) {
    if (j === ratios.length) ratios = own.ratios = grownRatios(ratios, 1, own.B, own.C);
    const ratio = ratios[j] * z;
    term *= ratio;
    sum += term;
    if (term === 0 || (Math.abs(term) < HYP2F1_REL_TOL * Math.abs(sum) && Math.abs(ratio) < 1) || !Number.isFinite(sum)) break;
  }
  return j === HYP2F1_MAX_TERMS || !Number.isFinite(sum) ? hyp2f1(1, own.B, own.C, z) /* throws as the single function does */ : sum;
}

function aliveSingle(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (!(tx < T)) return 1;
  const own = termsOf(p, x);
  return aliveFrom(p, own, tx, T, hOnce(p, own, tx), hOnce(p, own, T));
}

/**
 * P(alive) for t_x < T from H at t_x and at T. With F(t) = (α+t)^−P·(β+t)^−Q·H(t) (`_lnF`),
 * P = 1/(1 + e^u), e^u = s/(r+s+x)·k·(H(t_x)·w − H(T)), w = ((α+T)/(α+t_x))^P·((β+T)/(β+t_x))^Q,
 * k = 1 (α ≥ β) or (α+T)/(β+T): three transcendental calls. When the difference is small (t_x
 * near T) it is taken as H(T)·expm1(D), D = ln w + ln(H(t_x)/H(T)), so it keeps its precision.
 */
function aliveFrom(p: ParetoNbdParams, own: XTerms, tx: number, T: number, hTx: number, hT: number): number {
  const dt = T - tx;
  const lnW = own.P * Math.log1p(dt / (p.alpha + tx)) + own.Q * Math.log1p(dt / (p.beta + tx));
  const k = own.ratio * (p.alpha >= p.beta ? 1 : (p.alpha + T) / (p.beta + T));
  const lifted = hTx * Math.exp(lnW);
  const eu = lifted > 1.1 * hT ? k * (lifted - hT) : k * hT * Math.expm1(lnW + Math.log1p((hTx - hT) / hT));
  return eu > 0 ? 1 / (1 + eu) : 1;
}

/** Expected purchases in (T, T + t] from P(alive); trusts its arguments. */
function expectedFrom(p: ParetoNbdParams, x: number, T: number, t: number, alive: number): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  const L = -Math.log1p(t / (beta + T));
  const sm1 = s - 1;
  const bracket = sm1 === 0 ? -L : -Math.expm1(sm1 * L) / sm1;
  return Math.max(0, (((r + x) * (beta + T)) / (alpha + T)) * bracket * alive);
}

/**
 * Maximum-likelihood fit. Maximises Σ weight · LL over log-parameters by BFGS with the analytic
 * gradient (summed alongside the ₂F₁ series), from two starts (all parameters 1, all 0.1), on all
 * the data; the best end point wins, and a small Nelder–Mead simplex polishes it should no run
 * converge. Identical (x, t_x, T) rows are merged first (their weights added).
 * CDNOW sample (2,357 customers, 1,016 distinct rows): ~20–25 ms in Node, ~55 ms in headless
 * Chromium (cold).
 * Refuses with `{ code: 'model.tooFewRepeaters', params: { count } }` when fewer than 20
 * customers (by weight) have x > 0, and `{ code: 'model.noVariance' }` when every customer has
 * the same x. An impossible customer throws `model.invalidCustomer` with its index, a bad weight
 * `{ code: 'model.invalidData', params: { index, field: 'weights' } }`.
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
    checkCustomer(x, tx, age, i);
    if (w === 0) continue;
    const txUsed = tx;
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
  /** Gradient scratch: per x, per T, and ln F with its four derivatives per (x, time) pair (5 each). */
  grad: { headR: Float64Array; ratioR: Float64Array; ratioS: Float64Array; invA: Float64Array; invB: Float64Array; lnF: Float64Array };
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
    grad: {
      headR: new Float64Array(xs.length), ratioR: new Float64Array(xs.length), ratioS: new Float64Array(xs.length),
      invA: new Float64Array(ages.length), invB: new Float64Array(ages.length), lnF: new Float64Array(5 * fX.length),
    },
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

/**
 * ln F(x, t) (as `_lnF`) and its partial derivatives by r, α, s, β, written into `out` at 5·k.
 * H = ₂F₁(1, B; C; z) is summed term by term with the sums its derivatives need:
 *   ∂H/∂B = Σ t_k·Σ_{j<k} 1/(B+j), ∂H/∂C = −Σ t_k·Σ_{j<k} 1/(C+j), ∂H/∂z = Σ k·t_k / z,
 * with B = r+x, C = r+s+x+1, z = (α−β)/(α+t) when α ≥ β, and B = s+1, z = (β−α)/(β+t) otherwise.
 * Returns false when the series does not settle (an extreme point of the search).
 */
function lnFWithGradient(r: number, alpha: number, s: number, beta: number, x: number, t: number, out: Float64Array, k: number): boolean {
  const ge = alpha >= beta;
  const B = ge ? r + x : s + 1;
  const C = r + s + x + 1;
  const z = ge ? (alpha - beta) / (alpha + t) : (beta - alpha) / (beta + t);
  // z near 1, where the series below would take thousands of terms: Euler's integral (special.ts)
  if (z > 0.93) {
    const oneMinusZ = ge ? (beta + t) / (alpha + t) : (alpha + t) / (beta + t);
    if (hyp2f1OneUsesIntegral(B, C, z, oneMinusZ)) return lnFByIntegral(r, alpha, s, beta, x, t, out, k, B, C, z, oneMinusZ);
  }
  let term = 1, H = 1, sB = 0, sC = 0, HB = 0, HC = 0, Hz = 0;
  if (z > 0) {
    let j = 0;
    for (; j < GRADIENT_MAX_TERMS; j++) {
      sB += 1 / (B + j);
      sC += 1 / (C + j);
      term *= ((B + j) / (C + j)) * z;
      H += term;
      HB += term * sB;
      HC += term * sC;
      Hz += (j + 1) * term;
      if (term < 1e-16 * H) break;
    }
    if (j === GRADIENT_MAX_TERMS || !Number.isFinite(H)) return false;
    Hz /= z;
  } else Hz = B / C;
  const la = Math.log(alpha + t), lb = Math.log(beta + t);
  const iA = 1 / (alpha + t), iB = 1 / (beta + t);
  const dB = HB / H, dC = HC / H, dz = Hz / H;
  if (ge) {
    out[5 * k] = -(r + x) * la - s * lb + Math.log(H);
    out[5 * k + 1] = -la + dB - dC;
    out[5 * k + 2] = -(r + x) * iA + dz * (beta + t) * iA * iA;
    out[5 * k + 3] = -lb - dC;
    out[5 * k + 4] = -s * iB - dz * iA;
  } else {
    out[5 * k] = -(r + x - 1) * la - (s + 1) * lb + Math.log(H);
    out[5 * k + 1] = -la - dC;
    out[5 * k + 2] = -(r + x - 1) * iA - dz * iB;
    out[5 * k + 3] = -lb + dB - dC;
    out[5 * k + 4] = -(s + 1) * iB + dz * (alpha + t) * iB * iB;
  }
  return true;
}

/** lnFWithGradient where ₂F₁ is taken as Euler's integral: the same outputs, ∂ ln ₂F₁ from special.ts. */
function lnFByIntegral(
  r: number, alpha: number, s: number, beta: number, x: number, t: number, out: Float64Array, k: number, B: number, C: number, z: number, oneMinusZ: number,
): boolean {
  const lnH = lnHyp2f1OneWithGradient(B, C, z, oneMinusZ, GRAD3, 0);
  if (!Number.isFinite(lnH)) return false;
  // lnFWithGradient's dC is −∂ ln H/∂C (its HC sums +1/(C+j))
  const dB = GRAD3[0], dC = -GRAD3[1], dz = GRAD3[2];
  const la = Math.log(alpha + t), lb = Math.log(beta + t);
  const iA = 1 / (alpha + t), iB = 1 / (beta + t);
  if (alpha >= beta) {
    out[5 * k] = -(r + x) * la - s * lb + lnH;
    out[5 * k + 1] = -la + dB - dC;
    out[5 * k + 2] = -(r + x) * iA + dz * (beta + t) * iA * iA;
    out[5 * k + 3] = -lb - dC;
    out[5 * k + 4] = -s * iB - dz * iA;
  } else {
    out[5 * k] = -(r + x - 1) * la - (s + 1) * lb + lnH;
    out[5 * k + 1] = -la - dC;
    out[5 * k + 2] = -(r + x - 1) * iA - dz * iB;
    out[5 * k + 3] = -lb + dB - dC;
    out[5 * k + 4] = -(s + 1) * iB + dz * (alpha + t) * iB * iB;
  }
  return true;
}

/** Scratch of lnFWithGradient's integral path: ∂ ln ₂F₁ by b, c, z. */
const GRAD3 = new Float64Array(3);

/** Term cap of the gradient's series (beyond it the point counts as infinitely bad). */
const GRADIENT_MAX_TERMS = 100_000;

/**
 * −Σ w·LL over the plan and its gradient by (r, α, s, β), written into g; NaN where the series
 * does not settle. LL = head + ln(e^stayed + e^left) (MODELS.md), differentiated term by term:
 * head and stayed directly (ψ(r+x) − ψ(r) = Σ_{j<x} 1/(r+j), x whole), left = ln(s/(r+s+x)) +
 * ln A0 with ∂ln A0 = (∂ln F(t_x) − e^δ·∂ln F(T)) / (1 − e^δ), δ = ln F(T) − ln F(t_x).
 */
function negLogLikelihoodAndGradient(plan: Plan, r: number, alpha: number, s: number, beta: number, g: number[]): number {
  const { xs, ages, fX, fTime, rowX, rowAge, rowHi, rowLo, rowW, head, lnRatio, lnA, lnB, grad } = plan;
  const lnAlpha = Math.log(alpha), lnBeta = Math.log(beta);
  const lnGammaR = lnGamma(r);
  const base = r * lnAlpha + s * lnBeta;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    let psi = 0;
    for (let j = 0; j < x; j++) psi += 1 / (r + j);
    const rsx = r + s + x;
    head[k] = lnGamma(r + x) - lnGammaR + base;
    lnRatio[k] = Math.log(s / rsx);
    grad.headR[k] = psi + lnAlpha;
    grad.ratioR[k] = -1 / rsx;
    grad.ratioS[k] = 1 / s - 1 / rsx;
  }
  for (let k = 0; k < ages.length; k++) {
    lnA[k] = Math.log(alpha + ages[k]);
    lnB[k] = Math.log(beta + ages[k]);
    grad.invA[k] = 1 / (alpha + ages[k]);
    grad.invB[k] = 1 / (beta + ages[k]);
  }
  const F = grad.lnF;
  for (let k = 0; k < fX.length; k++) if (!lnFWithGradient(r, alpha, s, beta, xs[fX[k]], fTime[k], F, k)) return Number.NaN;
  let total = 0, gr = 0, ga = 0, gs = 0, gb = 0, weight = 0;
  for (let i = 0; i < rowW.length; i++) {
    const w = rowW[i];
    const xi = rowX[i], ai = rowAge[i];
    const rx = r + xs[xi];
    const stayed = -rx * lnA[ai] - s * lnB[ai];
    const stR = -lnA[ai], stA = -rx * grad.invA[ai], stS = -lnB[ai], stB = -s * grad.invB[ai];
    let ll = head[xi], dr = grad.headR[xi], da = 0, ds = 0, db = 0;
    const hi = rowHi[i];
    const lnA0 = hi < 0 ? -Infinity : logDiff(F[5 * hi], F[5 * rowLo[i]]);
    if (lnA0 === -Infinity) {
      ll += stayed;
      dr += stR;
      da += stA;
      ds += stS;
      db += stB;
    } else {
      const lo = rowLo[i];
      const e = Math.exp(F[5 * lo] - F[5 * hi]);
      const wHi = 1 / (1 - e), wLo = wHi - 1;
      const left = lnRatio[xi] + lnA0;
      const L = logAddExp(stayed, left);
      const ps = Math.exp(stayed - L), pl = Math.exp(left - L);
      ll += L;
      dr += ps * stR + pl * (grad.ratioR[xi] + wHi * F[5 * hi + 1] - wLo * F[5 * lo + 1]);
      da += ps * stA + pl * (wHi * F[5 * hi + 2] - wLo * F[5 * lo + 2]);
      ds += ps * stS + pl * (grad.ratioS[xi] + wHi * F[5 * hi + 3] - wLo * F[5 * lo + 3]);
      db += ps * stB + pl * (wHi * F[5 * hi + 4] - wLo * F[5 * lo + 4]);
    }
    total += w * ll;
    gr += w * dr;
    ga += w * da;
    gs += w * ds;
    gb += w * db;
    weight += w;
  }
  // the head's r·ln α + s·ln β part, the same for every row
  g[0] = -gr;
  g[1] = -(ga + (weight * r) / alpha);
  g[2] = -(gs + weight * lnBeta);
  g[3] = -(gb + (weight * s) / beta);
  return -total;
}

function _fit(rows: Rows): ParetoNbdFit {
  // BFGS with the analytic gradient on log-parameters from each start, on all the data; the best
  // end point wins (a converged run preferred at the same value). Should none converge (a flat
  // or extreme likelihood), a small Nelder–Mead simplex polishes the best point.
  const plan = compile(rows);
  let weight = 0;
  for (const w of rows.w) weight += w;
  const scale = 1 / weight;
  const grad = [0, 0, 0, 0];
  const fg = (theta: number[], out: number[]): number => {
    for (const v of theta) if (!(Math.abs(v) <= LOG_BOUND)) return Infinity;
    const p = theta.map(Math.exp);
    const f = negLogLikelihoodAndGradient(plan, p[0], p[1], p[2], p[3], grad);
    for (let i = 0; i < 4; i++) out[i] = scale * grad[i] * p[i];
    return Number.isFinite(f) ? scale * f : Infinity;
  };
  const best = bestBfgs(fg, FIT_STARTS);
  let x = best.x;
  let converged = best.converged;
  if (!converged) {
    const objective = (theta: number[]): number => {
      for (const v of theta) if (!(Math.abs(v) <= LOG_BOUND)) return Infinity;
      try {
        const f = negLogLikelihood(plan, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
        return Number.isFinite(f) ? f : Infinity;
      } catch {
        return Infinity; // ₂F₁ did not converge at this (extreme) point
      }
    };
    const polished = nelderMead(objective, x, FINE);
    x = polished.x;
    converged = polished.converged;
  }
  const [r, alpha, s, beta] = x.map(Math.exp);
  let logLikelihood: number;
  try {
    logLikelihood = -negLogLikelihood(plan, r, alpha, s, beta);
  } catch {
    logLikelihood = Number.NaN;
  }
  return { r, alpha, s, beta, logLikelihood, converged: converged && Number.isFinite(logLikelihood) };
}

/** Start points (log-parameters) of the fit: all parameters 1, all 0.1 (MODELS.md → Fitting). */
const FIT_STARTS = [
  [0, 0, 0, 0],
  [-2.3, -2.3, -2.3, -2.3],
];
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
    return -(r + x) * la - s * lb + lnHyp2f1One(r + x, r + s + x + 1, (alpha - beta) / (alpha + t), (beta + t) / (alpha + t));
  }
  return -(r + x - 1) * la - (s + 1) * lb + lnHyp2f1One(s + 1, r + s + x + 1, (beta - alpha) / (beta + t), (alpha + t) / (beta + t));
}

function checkParams(p: ParetoNbdParams): void {
  for (const name of ['r', 'alpha', 's', 'beta'] as const) {
    const v = p[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw { code: 'model.invalidParams', params: { name } };
  }
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
