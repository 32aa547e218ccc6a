/**
 * The distributions behind the experiment read-out (issue 16): the regularised incomplete beta and
 * gamma functions (Numerical Recipes 6.2 and 6.4: series and Lentz's modified continued fractions),
 * and from them Student's t (distribution function and quantile) and the χ² survival function.
 * Each returns the lower and the upper part separately, so a tail probability keeps its relative
 * accuracy far into the tail (1e-13 and better where the logs of Γ are exact to 1e-15; the error
 * grows like 1e-16 × ln Γ of the parameters, so ~1e-9 relative for 10⁶ degrees of freedom). The
 * normal distribution is `normalCdf` / `normalQuantile` of the voice figures; ln Γ and ln B are
 * those of the CLV models.
 */
import { lnBeta, lnGamma } from '../clv/special';
import { normalQuantile } from '../voice/normal';

/** A probability and its complement, each computed so that it keeps its own relative accuracy. */
export interface TailPair {
  /** The lower part, P(X ≤ x) or I_x(a, b). */
  lower: number;
  /** The upper part, 1 − lower, computed directly where it is small. */
  upper: number;
}

const TINY = 1e-300;
const EPS = 4e-16;
const MAX_ITERATIONS = 200_000;

/** Lentz's continued fraction for I_x(a, b) (NR betacf), with y = 1 − x given exactly. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * The regularised incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b) = I_y(b, a),
 * for a, b > 0 and x in [0, 1]; `y` = 1 − x may be passed when it is known more exactly than
 * 1 − x (a t-distribution's x = ν/(ν + t²) near 1). NaN parts for invalid arguments.
 * @example betaRegularized(2, 3, 0.4) // { lower: 0.5248, upper: 0.4752 }
 */
export function betaRegularized(a: number, b: number, x: number, y: number = 1 - x): TailPair {
  if (!(a > 0 && b > 0 && x >= 0 && y >= 0) || !Number.isFinite(a) || !Number.isFinite(b)) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  const lnFront = a * Math.log(x) + b * Math.log(y) - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(lnFront) * betaContinuedFraction(b, a, y)) / b;
  return { lower: 1 - upper, upper };
}

/**
 * The regularised incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x), for
 * a > 0 and x ≥ 0: the series for x < a + 1, the continued fraction beyond (NR gser / gcf).
 * @example gammaRegularized(1, 2) // { lower: 1 − e⁻², upper: e⁻² = 0.1353352832366127 }
 */
export function gammaRegularized(a: number, x: number): TailPair {
  if (!(a > 0 && x >= 0) || !Number.isFinite(a) || Number.isNaN(x)) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const lnFront = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n <= MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    const lower = sum * Math.exp(lnFront);
    return { lower, upper: 1 - lower };
  }
  let b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  const upper = Math.exp(lnFront) * h;
  return { lower: 1 - upper, upper };
}

/**
 * P(|T| > |t|) for Student's t with ν degrees of freedom: I_x(ν/2, ½) with x = ν/(ν + t²),
 * and P(|T| ≤ |t|) = I_y(½, ν/2) beside it (y = t²/(ν + t²)), each accurate on its own.
 */
function studentTTwoSided(t: number, df: number): TailPair {
  const at = Math.abs(t);
  const t2 = at * at;
  let x: number, y: number;
  if (Number.isFinite(t2)) {
    x = df / (df + t2);
    y = t2 / (df + t2);
  } else {
    x = df / at / at;
    y = 1;
  }
  const { lower, upper } = betaRegularized(df / 2, 0.5, x, y);
  return { lower: upper, upper: lower };
}

/**
 * Student's t distribution function P(T ≤ t) with `df` > 0 degrees of freedom (not necessarily
 * whole: Welch's df is not). Accurate relatively in both tails: `studentTCdf(-t, df)` is the upper tail.
 * @example studentTCdf(2.5705818356363146, 5) // 0.975
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === 0) return 0.5;
  const { lower, upper } = studentTTwoSided(t, df); // P(|T| ≤ |t|), P(|T| > |t|)
  return t < 0 ? upper / 2 : 0.5 + lower / 2;
}

/**
 * The two-sided p-value of a t statistic, P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½); 1 at t = 0.
 * @example studentTTwoSidedP(2.228138851986274, 10) // 0.05
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === 0) return 1;
  return studentTTwoSided(t, df).upper;
}

/** The density of Student's t at s, for the Newton steps of the quantile. */
function studentTDensityLog(s: number, df: number): number {
  const r = s / Math.sqrt(df);
  const lnKernel = r < 1e150 ? Math.log1p(r * r) : 2 * Math.log(r);
  return lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * lnKernel;
}

/**
 * The quantile of Student's t, t with P(T ≤ t) = p (−Infinity at 0, Infinity at 1, NaN outside or
 * for df ≤ 0). Starts at the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5) and solves
 * ln P(T ≤ −s) = ln min(p, 1 − p) by Newton steps inside a bracket that bisection keeps, so the
 * tails keep their relative accuracy.
 * @example studentTQuantile(0.975, 5) // 2.5705818356363146
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p); // exact: 1 − p is exact for p ≥ ½
  const lnQ = Math.log(q);
  const g = (s: number): number => Math.log(studentTTwoSided(s, df).upper / 2) - lnQ; // decreasing in s
  // Cornish–Fisher start
  const z = -normalQuantile(q);
  const z2 = z * z;
  const g1 = (z2 * z + z) / 4;
  const g2 = ((5 * z2 + 16) * z2 * z + 3 * z) / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 * z - 15 * z) / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 * z - 945 * z) / 92160;
  let s = z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
  if (!(s > 0 && Number.isFinite(s))) s = z > 0 ? z : 1;
  // bracket [lo, hi] with g(lo) ≥ 0 ≥ g(hi)
  let lo = 0, hi = s;
  let gs = g(s);
  if (gs > 0) {
    lo = s;
    hi = s * 2;
    while (g(hi) > 0 && hi < 1e300) {
      lo = hi;
      hi *= 4;
    }
  } else {
    hi = s;
  }
  s = Math.min(Math.max(s, lo), hi);
  gs = g(s);
  for (let it = 0; it < 300; it++) {
    if (gs === 0) break;
    if (gs > 0) lo = s;
    else hi = s;
    // g′(s) = −f(s)/P(T ≤ −s)
    const lnTail = Math.log(studentTTwoSided(s, df).upper / 2);
    const slope = -Math.exp(studentTDensityLog(s, df) - lnTail);
    let next = s - gs / slope;
    if (!(next > lo && next < hi) || !Number.isFinite(gs)) next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
    if (Math.abs(next - s) <= 2e-16 * s || hi - lo <= 4e-16 * hi) {
      s = next;
      break;
    }
    s = next;
    gs = g(s);
  }
  return p < 0.5 ? -s : s;
}

/**
 * The χ² survival function P(X ≥ x) with k > 0 degrees of freedom, Q(k/2, x/2); 1 for x ≤ 0.
 * @example chiSquareSurvival(3.841458820694124, 1) // 0.05
 */
export function chiSquareSurvival(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return NaN;
  if (x <= 0) return 1;
  return gammaRegularized(k / 2, x / 2).upper;
}
