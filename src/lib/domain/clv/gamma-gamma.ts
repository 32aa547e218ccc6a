import { lnGamma } from './special';
import { bestBfgs } from './optimize';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves";
 * Colombo & Jiang 1999), per MODELS.md → "Gamma-Gamma spend".
 *
 * Conventions:
 * - One customer is (frequency x, monetaryValue m): x repeat purchases whose mean value is m.
 *   Only repeat customers (x > 0) carry information; customers with x = 0 are ignored by the fit
 *   (their m is not even read) and contribute 0 to a log-likelihood.
 * - The model requires m > 0 for every repeat customer: the fit refuses data with a repeat
 *   customer whose m ≤ 0 (`model.nonPositiveSpend`) rather than silently dropping them, so the
 *   caller decides (e.g. exclude them and say so). {@link gammaGammaExpectedSpend} accepts m = 0
 *   (the formula is continuous there) and refuses m < 0.
 * - Parameters must be finite and > 0, else `{ code: 'model.invalidParams', params: { name } }`.
 */

/** Gamma-Gamma parameters: p (shape of each transaction's value), q and γ (shape and scale of the customers' ν). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Result of {@link fitGammaGamma}. */
export interface GammaGammaFit extends GammaGammaParams {
  /** Summed (weighted) log-likelihood of the repeat customers at the estimate. */
  logLikelihood: number;
  converged: boolean;
}

/** Spend data, one entry per customer (or per group with `weights`). */
export interface GammaGammaData {
  frequency: ArrayLike<number>;
  monetaryValue: ArrayLike<number>;
  /** Number of customers each entry stands for [1 each]. */
  weights?: ArrayLike<number>;
}

/** Fewest repeat customers the fit accepts. */
export const GAMMA_GAMMA_MIN_REPEATERS = 20;

/**
 * Log-likelihood of one customer's mean repeat spend:
 * lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q·ln γ + (px−1)·ln m + px·ln x − (px+q)·ln(γ + x·m).
 * 0 when x = 0 (no information). Throws `model.nonPositiveSpend` when x > 0 and m ≤ 0.
 * @param p parameters {p, q, gamma} (a fit result works)
 * @param frequency x, repeat purchases
 * @param monetaryValue m, mean value of the repeat purchases
 * @example gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35)
 */
export function gammaGammaLogLikelihood(p: GammaGammaParams, frequency: number, monetaryValue: number): number {
  checkParams(p);
  checkFrequency(frequency);
  if (frequency === 0) return 0;
  if (!(monetaryValue > 0 && Number.isFinite(monetaryValue))) throw { code: 'model.nonPositiveSpend', params: { count: 1 } };
  const px = p.p * frequency;
  return (
    lnGamma(px + p.q) -
    lnGamma(px) -
    lnGamma(p.q) +
    p.q * Math.log(p.gamma) +
    (px - 1) * Math.log(monetaryValue) +
    px * Math.log(frequency) -
    (px + p.q) * Math.log(p.gamma + frequency * monetaryValue)
  );
}

/**
 * Expected mean transaction value of a customer: p·(γ + x·m) / (p·x + q − 1); for x = 0 the
 * population mean p·γ / (q − 1). The population mean is infinite when q ≤ 1; such a fit is unusable
 * for value estimates, so q ≤ 1 throws `{ code: 'model.infiniteMeanSpend', params: { q } }` for
 * every customer. m < 0 (or not finite) with x > 0 throws `model.nonPositiveSpend`.
 * @example gammaGammaExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 0, 0) // 6.25 · 15.44 / 2.74 ≈ 35.22
 */
export function gammaGammaExpectedSpend(p: GammaGammaParams, frequency: number, monetaryValue: number): number {
  checkParams(p);
  checkFrequency(frequency);
  if (p.q <= 1) throw { code: 'model.infiniteMeanSpend', params: { q: p.q } };
  if (frequency === 0) return (p.p * p.gamma) / (p.q - 1);
  if (!(monetaryValue >= 0 && Number.isFinite(monetaryValue))) throw { code: 'model.nonPositiveSpend', params: { count: 1 } };
  return (p.p * (p.gamma + frequency * monetaryValue)) / (p.p * frequency + p.q - 1);
}

/**
 * Maximum-likelihood fit on the repeat customers (x > 0), BFGS with the analytic gradient on
 * log-parameters from several starts (converged when the gradient of the mean −LL is within 1e-9). Refuses with `{ code: 'model.tooFewRepeaters', params: { count } }` (fewer than
 * 20 repeat customers, by weight), `{ code: 'model.nonPositiveSpend', params: { count, index } }`
 * (count of repeat customers with m ≤ 0 or missing, index of the first), and
 * `{ code: 'model.noVariance' }` (every repeat customer has the same m: the spread is 0 and the
 * estimates run off to infinity). Bad rows throw `{ code: 'model.invalidData', params: { index, field } }`.
 * @param data frequency, monetaryValue [, weights]
 * @example fitGammaGamma({ frequency, monetaryValue }) // CDNOW: p 6.25, q 3.74, γ 15.44, LL −4055.92
 */
export function fitGammaGamma(data: GammaGammaData): GammaGammaFit {
  const rows = repeatRows(data);
  return _fit(rows);
}

/** Repeat customers only, grouped by distinct x for the lnΓ terms. */
interface Rows {
  xs: Float64Array;
  rowX: Int32Array;
  /** Per row: m, ln m, ln x, weight. */
  m: Float64Array;
  lnM: Float64Array;
  lnX: Float64Array;
  w: Float64Array;
  /** Σ weight per distinct x. */
  wByX: Float64Array;
  totalW: number;
}

function repeatRows(data: GammaGammaData): Rows {
  const { frequency, monetaryValue, weights } = data;
  const n = frequency.length;
  if (monetaryValue.length !== n || (weights && weights.length !== n)) {
    throw { code: 'model.lengthMismatch', params: { frequency: n, monetaryValue: monetaryValue.length } };
  }
  const xIndex = new Map<number, number>();
  const xs: number[] = [];
  const rowX: number[] = [];
  const m: number[] = [];
  const w: number[] = [];
  let repeaters = 0;
  let bad = 0;
  let firstBad = -1;
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const wi = weights ? weights[i] : 1;
    if (!(Number.isFinite(wi) && wi >= 0)) throw { code: 'model.invalidData', params: { index: i, field: 'weights' } };
    if (!(Number.isInteger(x) && x >= 0)) throw { code: 'model.invalidData', params: { index: i, field: 'frequency' } };
    if (x === 0 || wi === 0) continue;
    repeaters += wi;
    const mi = monetaryValue[i];
    if (!(mi > 0 && Number.isFinite(mi))) {
      bad += 1;
      if (firstBad < 0) firstBad = i;
      continue;
    }
    let k = xIndex.get(x);
    if (k === undefined) {
      k = xs.length;
      xIndex.set(x, k);
      xs.push(x);
    }
    rowX.push(k);
    m.push(mi);
    w.push(wi);
  }
  if (repeaters < GAMMA_GAMMA_MIN_REPEATERS) throw { code: 'model.tooFewRepeaters', params: { count: repeaters } };
  if (bad > 0) throw { code: 'model.nonPositiveSpend', params: { count: bad, index: firstBad } };
  if (m.every((v) => v === m[0])) throw { code: 'model.noVariance' };
  const wByX = new Float64Array(xs.length);
  let totalW = 0;
  for (let i = 0; i < w.length; i++) {
    wByX[rowX[i]] += w[i];
    totalW += w[i];
  }
  return {
    xs: Float64Array.from(xs),
    rowX: Int32Array.from(rowX),
    m: Float64Array.from(m),
    lnM: Float64Array.from(m, Math.log),
    lnX: Float64Array.from(rowX, (k) => Math.log(xs[k])),
    w: Float64Array.from(w),
    wByX,
    totalW,
  };
}

/** Summed weighted LL; trusts its arguments. */
function totalLogLikelihood(d: Rows, p: number, q: number, gamma: number): number {
  const { xs, rowX, m, lnM, lnX, w, wByX } = d;
  // Terms that depend on x only: Σ_x W_x · [lnΓ(px+q) − lnΓ(px)].
  let sum = d.totalW * (q * Math.log(gamma) - lnGamma(q));
  for (let k = 0; k < xs.length; k++) sum += wByX[k] * (lnGamma(p * xs[k] + q) - lnGamma(p * xs[k]));
  for (let i = 0; i < w.length; i++) {
    const x = xs[rowX[i]];
    const px = p * x;
    sum += w[i] * ((px - 1) * lnM[i] + px * lnX[i] - (px + q) * Math.log(gamma + x * m[i]));
  }
  return sum;
}

/** ψ(x) = d lnΓ(x)/dx for x > 0: recurrence up to x ≥ 10, then the asymptotic series (error < 1e-15). */
function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // ln x − 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸) − 1/(132x¹⁰) + 691/(32760x¹²)
  const series =
    inv2 * (-1 / 12 + inv2 * (1 / 120 + inv2 * (-1 / 252 + inv2 * (1 / 240 + inv2 * (-1 / 132 + (inv2 * 691) / 32760)))));
  return shift + Math.log(x) - 0.5 / x + series;
}

/** Summed weighted LL and its gradient with respect to (p, q, γ), written into grad; trusts its arguments. */
function logLikelihoodAndGradient(d: Rows, p: number, q: number, gamma: number, grad: number[]): number {
  const { xs, rowX, m, lnM, lnX, w, wByX } = d;
  const lnGammaParam = Math.log(gamma);
  let sum = d.totalW * (q * lnGammaParam - lnGamma(q));
  let gp = 0;
  let gq = d.totalW * (lnGammaParam - digamma(q));
  let gg = (d.totalW * q) / gamma;
  for (let k = 0; k < xs.length; k++) {
    const px = p * xs[k];
    sum += wByX[k] * (lnGamma(px + q) - lnGamma(px));
    const psiPxq = digamma(px + q);
    gp += wByX[k] * xs[k] * (psiPxq - digamma(px));
    gq += wByX[k] * psiPxq;
  }
  for (let i = 0; i < w.length; i++) {
    const x = xs[rowX[i]];
    const px = p * x;
    const denom = gamma + x * m[i];
    const lnDenom = Math.log(denom);
    const wi = w[i];
    sum += wi * ((px - 1) * lnM[i] + px * lnX[i] - (px + q) * lnDenom);
    gp += wi * x * (lnM[i] + lnX[i] - lnDenom);
    gq -= wi * lnDenom;
    gg -= (wi * (px + q)) / denom;
  }
  grad[0] = gp;
  grad[1] = gq;
  grad[2] = gg;
  return sum;
}

/** Log-parameters beyond ±LOG_BOUND (e^±20) are treated as infinitely bad. */
const LOG_BOUND = 20;

function _fit(d: Rows): GammaGammaFit {
  const scale = 1 / d.totalW;
  const grad = [0, 0, 0];
  const fg = (theta: number[], g: number[]): number => {
    for (const v of theta) if (!(Math.abs(v) <= LOG_BOUND)) return Infinity;
    const par = theta.map(Math.exp);
    const ll = logLikelihoodAndGradient(d, par[0], par[1], par[2], grad);
    for (let i = 0; i < 3; i++) g[i] = -scale * grad[i] * par[i];
    return Number.isFinite(ll) ? -scale * ll : Infinity;
  };
  // Starts: all parameters 1; all 0.1; and γ on the scale of the spends (p = q = 1: mean spend γ).
  let meanM = 0;
  for (let i = 0; i < d.w.length; i++) meanM += d.w[i] * d.m[i];
  meanM *= scale;
  const ln01 = Math.log(0.1);
  const starts = [
    [0, 0, 0],
    [ln01, ln01, ln01],
    [0, Math.log(2), Math.log(meanM)],
  ];
  const best = bestBfgs(fg, starts);
  const [p, q, gamma] = best.x.map(Math.exp);
  const logLikelihood = totalLogLikelihood(d, p, q, gamma);
  return { p, q, gamma, logLikelihood, converged: best.converged && Number.isFinite(logLikelihood) };
}

function checkParams(p: GammaGammaParams): void {
  for (const name of ['p', 'q', 'gamma'] as const) {
    const v = p[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw { code: 'model.invalidParams', params: { name } };
  }
}

function checkFrequency(frequency: number): void {
  if (Number.isInteger(frequency) && frequency >= 0) return;
  const reason = !Number.isFinite(frequency) ? 'notFinite' : frequency < 0 ? 'negativeFrequency' : 'nonIntegerFrequency';
  throw { code: 'model.invalidCustomer', params: { index: 0, reason, frequency } };
}
