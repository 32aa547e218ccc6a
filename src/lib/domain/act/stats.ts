/**
 * The experiment read-out (实验与样本量计算, issue 16): treated (B) against control (A) on conversion
 * (two-proportion z-test, Wald interval), on revenue per customer (Welch's t-test from sums), the
 * Bayesian chance that B is better (Beta posteriors, Evan Miller's closed form), the sample size
 * per arm, and the sample-ratio check (χ² goodness of fit). Invalid input throws a `Notice`
 * (`act.*` codes, listed on each function); the UI words them.
 */
import { lnBeta } from '../clv/special';
import type { Notice } from '../types';
import { normalCdf, normalQuantile } from '../voice/normal';
import { betaRegularized, chiSquareSurvival, studentTQuantile, studentTTwoSidedP } from './distributions';

/** A group's customers and how many of them converted (ordered at least once in the window). */
export interface ConversionCounts {
  n: number;
  conversions: number;
}

/** A group's customers with the sum and the sum of squares of a value per customer (revenue). */
export interface ValueSums {
  n: number;
  sum: number;
  sumSquares: number;
}

export interface TwoProportionResult {
  rateA: number;
  rateB: number;
  /** rateB − rateA. */
  difference: number;
  /** difference / rateA (Infinity when only B converted, NaN when neither did). */
  lift: number;
  /** The Wald interval on the difference (unpooled standard error). */
  ci: [number, number];
  /** difference / pooled standard error. */
  z: number;
  /** Two-sided. */
  pValue: number;
}

export interface MeanDifferenceResult {
  meanA: number;
  meanB: number;
  /** meanB − meanA. */
  difference: number;
  /** difference ± t quantile × Welch standard error. */
  ci: [number, number];
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided. */
  pValue: number;
}

const fail = (code: string, params: Notice['params']): never => {
  throw { code, params } satisfies Notice;
};

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** z of a two-sided interval at `confidence` (default 0.95); `act.confidenceInvalid` outside (0, 1). */
function criticalZ(confidence: number | undefined): number {
  const c = confidence ?? 0.95;
  if (!(c > 0 && c < 1)) fail('act.confidenceInvalid', { confidence: String(c) });
  return normalQuantile(1 - (1 - c) / 2);
}

function checkConversions(group: 'a' | 'b', g: ConversionCounts): void {
  if (!(isCount(g.n) && isCount(g.conversions) && g.conversions <= g.n)) {
    fail('act.countsInvalid', { group: group.toUpperCase(), n: String(g.n), conversions: String(g.conversions) });
  }
}

/**
 * Conversion of B (treated) against A (control): rates, difference = rateB − rateA, lift =
 * difference / rateA, z = difference / √(p̂(1 − p̂)(1/n_A + 1/n_B)) with the pooled rate p̂, the
 * two-sided p = 2Φ(−|z|), and the Wald interval difference ± z_{1−α/2}·√(r_A(1 − r_A)/n_A +
 * r_B(1 − r_B)/n_B). When nobody or everybody converted in both groups the pooled error is 0: z = 0
 * and p = 1. Throws `act.countsInvalid` (n or conversions not whole numbers ≥ 0, conversions > n),
 * `act.groupEmpty` (a group with n = 0) and `act.confidenceInvalid`.
 * @example
 * twoProportionTest({ n: 1000, conversions: 100 }, { n: 1000, conversions: 130 })
 * // { rateA: 0.1, rateB: 0.13, difference: 0.03, lift: 0.3, z: 2.1027, pValue: 0.0355, ci: [0.00207, 0.05793] }
 */
export function twoProportionTest(
  a: ConversionCounts, b: ConversionCounts, options: { confidence?: number } = {},
): TwoProportionResult {
  const zc = criticalZ(options.confidence);
  checkConversions('a', a);
  checkConversions('b', b);
  if (a.n === 0 || b.n === 0) fail('act.groupEmpty', { a: a.n, b: b.n });
  const rateA = a.conversions / a.n, rateB = b.conversions / b.n;
  const difference = rateB - rateA;
  const pooled = (a.conversions + b.conversions) / (a.n + b.n);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const z = se0 > 0 ? difference / se0 : 0; // se0 = 0 only when both rates are 0 or both 1
  const pValue = se0 > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : 1;
  const se = Math.sqrt((rateA * (1 - rateA)) / a.n + (rateB * (1 - rateB)) / b.n);
  return { rateA, rateB, difference, lift: difference / rateA, ci: [difference - zc * se, difference + zc * se], z, pValue };
}

/**
 * Mean value per customer of B against A by Welch's t-test from each group's n, Σx and Σx²: means,
 * difference = meanB − meanA, variances s² = (Σx² − (Σx)²/n)/(n − 1), SE = √(s_A²/n_A + s_B²/n_B),
 * t = difference / SE, Welch–Satterthwaite df = SE⁴ / ((s_A²/n_A)²/(n_A − 1) + (s_B²/n_B)²/(n_B − 1)),
 * two-sided p from Student's t, interval difference ± t_{1−α/2, df}·SE. With no spread in either
 * group (SE = 0) df is n_A + n_B − 2 (the formula is 0/0), t = 0 and p = 1 for equal means, else
 * t = ±Infinity and p = 0. Throws `act.sumsInvalid` (n not a whole number ≥ 0, sums not finite,
 * Σx² below (Σx)²/n), `act.groupTooSmall` (n < 2 in a group) and `act.confidenceInvalid`.
 * @example
 * // R's t.test(extra ~ group, data = sleep), groups swapped: t = 1.8608, df = 17.776, p = 0.07939
 * meanDifferenceTest({ n: 10, sum: 7.5, sumSquares: 34.43 }, { n: 10, sum: 23.3, sumSquares: 90.37 })
 */
export function meanDifferenceTest(
  a: ValueSums, b: ValueSums, options: { confidence?: number } = {},
): MeanDifferenceResult {
  const confidence = options.confidence ?? 0.95;
  criticalZ(confidence); // validates
  const variance = (group: 'a' | 'b', g: ValueSums): number => {
    const ok = isCount(g.n) && Number.isFinite(g.sum) && Number.isFinite(g.sumSquares) && g.sumSquares >= 0;
    if (!ok) fail('act.sumsInvalid', { group: group.toUpperCase(), n: String(g.n), sum: String(g.sum), sumSquares: String(g.sumSquares) });
    if (g.n < 2) return NaN;
    const ss = g.sumSquares - (g.sum * g.sum) / g.n;
    // rounding may leave a tiny negative sum of squared deviations; a clearly negative one is bad input
    if (ss < -1e-9 * Math.max(g.sumSquares, 1)) fail('act.sumsInvalid', { group: group.toUpperCase(), n: g.n, sum: g.sum, sumSquares: g.sumSquares });
    return Math.max(0, ss) / (g.n - 1);
  };
  const varA = variance('a', a), varB = variance('b', b);
  if (a.n < 2 || b.n < 2) fail('act.groupTooSmall', { a: a.n, b: b.n });
  const meanA = a.sum / a.n, meanB = b.sum / b.n;
  const difference = meanB - meanA;
  const wa = varA / a.n, wb = varB / b.n;
  const se2 = wa + wb;
  const se = Math.sqrt(se2);
  if (!(se > 0)) {
    const df = a.n + b.n - 2;
    return {
      meanA, meanB, difference, ci: [difference, difference], df,
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity, pValue: difference === 0 ? 1 : 0,
    };
  }
  const df = (se2 * se2) / ((wa * wa) / (a.n - 1) + (wb * wb) / (b.n - 1));
  const t = difference / se;
  const tc = studentTQuantile(1 - (1 - confidence) / 2, df);
  return { meanA, meanB, difference, ci: [difference - tc * se, difference + tc * se], t, df, pValue: studentTTwoSidedP(t, df) };
}

/** Most quadrature levels of the tanh-sinh rule (step 2⁻ᴸ), and its stopping rule. */
const QUAD_MAX_LEVEL = 8;
const QUAD_TOL = 1e-11;

/**
 * Σ_{i=0}^{αB−1} B(αA+i, βA+βB) / ((βB+i)·B(1+i, βB)·B(αA, βA)) = P(p_B > p_A) for a whole αB ≥ 1
 * (Evan Miller, "Formulas for Bayesian A/B testing"). The terms rise and then fall (their ratio
 * (αA+i)(βB+i) / ((αA+βA+βB+i)(1+i)) crosses 1 once), so the sum starts at the largest term and
 * walks both ways until the terms no longer count: O(√n) terms instead of αB.
 */
function millerSum(aA: number, bA: number, aB: number, bB: number): number {
  const last = aB - 1;
  const s = aA + bA + bB;
  const lnTerm = (i: number) => lnBeta(aA + i, bA + bB) - Math.log(bB + i) - lnBeta(1 + i, bB) - lnBeta(aA, bA);
  const ratio = (i: number) => ((aA + i) * (bB + i)) / ((s + i) * (1 + i)); // term(i + 1) / term(i)
  // the ratio is 1 at i* = (αA·βB − S)/(βA + 1): the largest term is at ⌈i*⌉
  let peak = Math.ceil((aA * bB - s) / (bA + 1));
  if (!(peak >= 0)) peak = 0;
  if (peak > last) peak = last;
  const lnPeak = lnTerm(peak);
  const stop = 1e-18;
  let sum = 1; // in units of the peak term
  let term = 1;
  for (let i = peak; i < last; i++) {
    term *= ratio(i);
    sum += term;
    if (term < stop * sum) break;
  }
  term = 1;
  for (let i = peak - 1; i >= 0; i--) {
    term /= ratio(i);
    sum += term;
    if (term < stop * sum) break;
  }
  return Math.exp(lnPeak + Math.log(sum));
}

/** ∫ f_A(x)·P(p_B > x) dx by tanh-sinh quadrature on pieces split at the posteriors' mean ± k·sd. */
function integratedChance(aA: number, bA: number, aB: number, bB: number): number {
  const lnNormA = lnBeta(aA, bA);
  const integrand = (x: number, y: number): number => {
    // y = 1 − x, given exactly near 1
    const lnDensity = (aA - 1) * Math.log(x) + (bA - 1) * Math.log(y) - lnNormA;
    return Math.exp(lnDensity) * betaRegularized(aB, bB, x, y).upper;
  };
  const cuts = new Set<number>([0, 1]);
  for (const [al, be] of [[aA, bA], [aB, bB]]) {
    const mean = al / (al + be);
    const sd = Math.sqrt((al * be) / ((al + be) ** 2 * (al + be + 1)));
    for (const k of [-32, -16, -8, -4, -2, -1, 0, 1, 2, 4, 8, 16, 32]) {
      const c = mean + k * sd;
      if (c > 0 && c < 1) cuts.add(c);
    }
  }
  const points = [...cuts].sort((u, v) => u - v);
  let total = 0;
  for (let j = 0; j + 1 < points.length; j++) total += tanhSinh(integrand, points[j], points[j + 1]);
  return total;
}

/**
 * ∫_u^v f by the tanh-sinh (double-exponential) rule, halving the step until two estimates agree;
 * f(x, 1 − x) gets the distance to 1 exactly at the upper end, so endpoint singularities
 * (a Beta density with a parameter below 1) are integrated too.
 */
function tanhSinh(f: (x: number, y: number) => number, u: number, v: number): number {
  const r = (v - u) / 2;
  const tMax = 6.5;
  const node = (t: number): number => {
    const w = (Math.PI / 2) * Math.sinh(t);
    if (Math.abs(w) > 350) return 0;
    const ew = Math.exp(2 * w);
    const dl = (2 * r * ew) / (1 + ew); // x − u
    const dr = (2 * r) / (1 + ew); // v − x
    if (dl <= 0 || dr <= 0 || !Number.isFinite(dl)) return 0;
    const x = dl < dr ? u + dl : v - dr;
    const y = dl < dr ? 1 - x : 1 - v + dr;
    if (!(x > 0 && y > 0)) return 0;
    const cw = Math.cosh(w);
    const weight = (r * (Math.PI / 2) * Math.cosh(t)) / (cw * cw);
    const fx = f(x, y);
    return fx === 0 || weight === 0 ? 0 : weight * fx;
  };
  let h = 0.5;
  let sum = node(0);
  for (let t = h; t <= tMax; t += h) sum += node(t) + node(-t);
  let estimate = sum * h;
  for (let level = 2; level <= QUAD_MAX_LEVEL; level++) {
    h /= 2;
    for (let t = h; t <= tMax; t += 2 * h) sum += node(t) + node(-t); // the new, odd nodes
    const next = sum * h;
    if (Math.abs(next - estimate) <= QUAD_TOL * Math.max(1e-3, Math.abs(next))) return next;
    estimate = next;
  }
  return estimate;
}

/**
 * The Bayesian chance that B converts better than A: P(p_B > p_A) with independent posteriors
 * Beta(α₀ + conversions, β₀ + n − conversions) from the prior Beta(α₀, β₀) (default [1, 1]).
 * Exact when one of the four posterior parameters is a whole number: Evan Miller's sum over it
 * (over α_B; or 1 − the sum over α_A with the groups swapped; or the same on the failures, since
 * P(p_B > p_A) = P(1 − p_A > 1 − p_B)), summed from its largest term outwards, so tens of thousands
 * of conversions take a few hundred terms. Otherwise tanh-sinh quadrature of ∫ f_A(x)·P(p_B > x) dx,
 * accurate to ~1e-9. Throws `act.countsInvalid` and `act.priorInvalid` (a prior parameter not
 * finite or not > 0). Groups with n = 0 keep the prior (equal priors: 0.5).
 * @example chanceToBeatControl({ n: 0, conversions: 0 }, { n: 1, conversions: 1 }) // 2/3: Beta(2, 1) against Beta(1, 1)
 */
export function chanceToBeatControl(
  a: ConversionCounts, b: ConversionCounts, options: { prior?: [number, number] } = {},
): number {
  const prior = options.prior ?? [1, 1];
  const [a0, b0] = Array.isArray(prior) ? prior : [NaN, NaN];
  if (!(Number.isFinite(a0) && Number.isFinite(b0) && a0 > 0 && b0 > 0)) fail('act.priorInvalid', { prior: String(prior) });
  checkConversions('a', a);
  checkConversions('b', b);
  const aA = a0 + a.conversions, bA = b0 + a.n - a.conversions;
  const aB = a0 + b.conversions, bB = b0 + b.n - b.conversions;
  // the whole-numbered parameter with the shortest sum
  const candidates: { k: number; run: () => number }[] = [];
  if (Number.isInteger(aB)) candidates.push({ k: aB, run: () => millerSum(aA, bA, aB, bB) });
  if (Number.isInteger(aA)) candidates.push({ k: aA, run: () => 1 - millerSum(aB, bB, aA, bA) });
  if (Number.isInteger(bA)) candidates.push({ k: bA, run: () => millerSum(bB, aB, bA, aA) });
  if (Number.isInteger(bB)) candidates.push({ k: bB, run: () => 1 - millerSum(bA, aA, bB, aB) });
  const p = candidates.length > 0 ? candidates.reduce((m, o) => (o.k < m.k ? o : m)).run() : integratedChance(aA, bA, aB, bB);
  return Math.min(1, Math.max(0, p));
}

/**
 * Customers per arm for a two-sided test of two proportions at level α with the given power:
 * n = (z_{1−α/2}·√(2p(1 − p)) + z_{1−β}·√(p(1 − p) + q(1 − q)))² / (q − p)², p = baseline,
 * q = target, rounded up (Evan Miller's calculator's formula). Defaults α = 0.05, power = 0.8.
 * Throws `act.rateInvalid` (baseline or target outside (0, 1)), `act.effectZero` (target =
 * baseline), `act.alphaInvalid` and `act.powerInvalid` (outside (0, 1)).
 * @example sampleSizePerArm(0.1, 0.12) // 3623
 */
export function sampleSizePerArm(baseline: number, target: number, options: { alpha?: number; power?: number } = {}): number {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!(baseline > 0 && baseline < 1 && target > 0 && target < 1)) {
    fail('act.rateInvalid', { baseline: String(baseline), target: String(target) });
  }
  if (target === baseline) fail('act.effectZero', { baseline, target });
  if (!(alpha > 0 && alpha < 1)) fail('act.alphaInvalid', { alpha: String(alpha) });
  if (!(power > 0 && power < 1)) fail('act.powerInvalid', { power: String(power) });
  const p = baseline, q = target;
  const bracket = normalQuantile(1 - alpha / 2) * Math.sqrt(2 * p * (1 - p))
    + normalQuantile(power) * Math.sqrt(p * (1 - p) + q * (1 - q));
  const n = (Math.max(0, bracket) ** 2) / ((q - p) * (q - p));
  // a last-bit rounding error must not push an exact whole number up by one
  return Math.max(1, Math.ceil(n * (1 - 1e-12)));
}

/**
 * The sample-ratio check: χ² = Σ (observed − expected)² / expected with expected = total × share
 * (`expectedShares` scaled to sum to 1; default equal shares) and k − 1 degrees of freedom; p from
 * the χ² survival function. No customers at all: χ² = 0, p = 1. A group planned at share 0 that has
 * customers: χ² = Infinity, p = 0. Throws `act.groupsTooFew` (fewer than two counts),
 * `act.groupCountInvalid` (a count not finite or negative) and `act.sharesInvalid` (shares not one
 * per count, negative, not finite, or summing to 0).
 * @example sampleRatioMismatch([5000, 5200]) // { chiSquare: 3.9216, pValue: 0.0477 }
 */
export function sampleRatioMismatch(counts: number[], expectedShares?: number[]): { chiSquare: number; pValue: number } {
  const k = counts.length;
  if (k < 2) fail('act.groupsTooFew', { groups: k });
  let total = 0;
  counts.forEach((c, index) => {
    if (!(Number.isFinite(c) && c >= 0)) fail('act.groupCountInvalid', { index, value: String(c) });
    total += c;
  });
  const shares = expectedShares ?? counts.map(() => 1);
  let shareSum = 0;
  const sharesOk = shares.length === k && shares.every((s) => Number.isFinite(s) && s >= 0);
  if (sharesOk) for (const s of shares) shareSum += s;
  if (!sharesOk || !(shareSum > 0)) fail('act.sharesInvalid', { groups: k, shares: String(shares) });
  if (total === 0) return { chiSquare: 0, pValue: 1 };
  let chiSquare = 0;
  for (let i = 0; i < k; i++) {
    const expected = (total * shares[i]) / shareSum;
    const d = counts[i] - expected;
    if (expected > 0) chiSquare += (d * d) / expected;
    else if (counts[i] > 0) chiSquare = Infinity;
  }
  return { chiSquare, pValue: chiSquare === Infinity ? 0 : chiSquareSurvival(chiSquare, k - 1) };
}
