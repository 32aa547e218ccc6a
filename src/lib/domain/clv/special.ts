/**
 * Special functions for the CLV models (log-gamma, log-beta, log-sum-exp, Gauss ₂F₁).
 * Pure numeric code with no dependencies; formulas and stopping rules from MODELS.md.
 */

const HALF_LN_2PI = 0.9189385332046728; // ½·ln(2π)
const STIRLING_MIN = 10;

/** Stirling series for lnΓ(x), x ≥ 10: truncation error < 1e-17 there. */
function lnGammaStirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  // 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³)
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series;
}

/**
 * Natural log of the gamma function for x > 0 (Stirling series, shifted up to x ≥ 10 with the
 * recurrence Γ(x+1) = x·Γ(x)). Relative error ~1e-15 away from the roots at 1 and 2; absolute
 * error ~1e-14 near them. Returns NaN for x ≤ 0 or NaN, +Infinity for x = +Infinity.
 * @param x argument, > 0
 * @example lnGamma(10) // ≈ ln(362880) = 12.801827480081469
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x >= STIRLING_MIN) return lnGammaStirling(x);
  // x·(x+1)·…·(x+k−1) with x+k ≥ 10; the log of x taken apart so tiny x does not underflow.
  let y = x + 1;
  let product = 1;
  while (y < STIRLING_MIN) {
    product *= y;
    y += 1;
  }
  return lnGammaStirling(y) - Math.log(product) - Math.log(x);
}

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a+b), for a, b > 0.
 * @example lnBeta(1, 1) // 0
 */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/**
 * ln(eᵃ + eᵇ) without overflow; either argument may be −Infinity.
 * @example logAddExp(Math.log(2), Math.log(3)) // ln 5
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a === Number.POSITIVE_INFINITY || b === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return a >= b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln(eᵃ − eᵇ) for a ≥ b without cancellation; −Infinity when a = b, NaN when a < b.
 * @example logSubExp(Math.log(5), Math.log(3)) // ln 2
 */
export function logSubExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (a === b) return Number.NEGATIVE_INFINITY;
  if (!(a > b)) return Number.NaN;
  const d = b - a; // < 0
  return d < -Math.LN2 ? a + Math.log1p(-Math.exp(d)) : a + Math.log(-Math.expm1(d));
}

/** Thrown (as a domain notice) when the ₂F₁ series does not converge in the term cap. */
export interface Hyp2f1NotConverged {
  code: 'model.hyp2f1NotConverged';
  params: { a: number; b: number; c: number; z: number };
}

/** Most terms a ₂F₁ series may take, and the relative size of the last term at which it stops. */
export const HYP2F1_MAX_TERMS = 100_000;
export const HYP2F1_REL_TOL = 1e-16;

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) by its power series, for |z| < 1.
 * Stops when |t_k| < 1e-16·|sum| with a shrinking term ratio; after 100,000 terms (or for
 * |z| ≥ 1, a pole c ∈ {0, −1, …}, or a non-finite sum) it throws
 * `{ code: 'model.hyp2f1NotConverged', params }` rather than return a wrong number.
 * @example hyp2f1(1, 1, 2, 0.5) // −ln(1 − 0.5)/0.5 = 1.3862943611198906
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return hypergeometricSeries(a, b, c, z, 1);
}

/**
 * ₂F₁(a, b; c; z) − 1, summed without the leading 1 so it keeps full relative precision when it is
 * small (a or b near 0, or z near 0). Same convergence rules and errors as {@link hyp2f1}.
 * @example hyp2f1Minus1(1e-9, 1, 2, 0.5) // ≈ 3.86e-10
 */
export function hyp2f1Minus1(a: number, b: number, c: number, z: number): number {
  return hypergeometricSeries(a, b, c, z, 0);
}

function hypergeometricSeries(a: number, b: number, c: number, z: number, head: 0 | 1): number {
  const fail = (): never => {
    throw { code: 'model.hyp2f1NotConverged', params: { a, b, c, z } } satisfies Hyp2f1NotConverged;
  };
  if (!(Math.abs(z) < 1) || !Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) fail();
  if (z === 0) return head;
  let term = 1;
  let sum = head;
  for (let k = 0; k < HYP2F1_MAX_TERMS; k++) {
    const ck = c + k;
    if (ck === 0) fail();
    const ratio = (((a + k) * (b + k)) / (ck * (k + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    if (Math.abs(term) < HYP2F1_REL_TOL * Math.abs(sum) && Math.abs(ratio) < 1) {
      if (!Number.isFinite(sum)) fail();
      return sum;
    }
    if (!Number.isFinite(sum)) fail();
  }
  return fail();
}

/**
 * The term ratios of ₂F₁(a, b; c; ·)'s series without z, ((a+k)(b+k))/((c+k)(k+1)), continued past
 * `ratios` (twice as many, at least 64): batch scoring keeps them per distinct (a, b, c) and
 * multiplies by z instead of dividing, with the same terms in the same order as {@link hyp2f1}, so
 * the same sums to the last bit. A pole (c + k = 0) gives a non-finite ratio, so the sum fails as
 * hyp2f1's does.
 */
export function grownRatios(ratios: Float64Array, a: number, b: number, c: number): Float64Array<ArrayBuffer> {
  const from = ratios.length;
  const out = new Float64Array(Math.min(HYP2F1_MAX_TERMS, Math.max(64, from * 2)));
  out.set(ratios);
  for (let k = from; k < out.length; k++) out[k] = ((a + k) * (b + k)) / ((c + k) * (k + 1));
  return out;
}


/**
 * Digamma ψ(x) = d lnΓ(x)/dx for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the
 * asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ) (error < 1e-16 there). NaN for x ≤ 0.
 * @example digamma(1) // −γ = −0.5772156649015329
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // 1/12 − 1/(120x²) + 1/(252x⁴) − 1/(240x⁶) + 1/(132x⁸) − 691/(32760x¹⁰) + 1/(12x¹²), times 1/x²
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return Math.log(x) - 0.5 / x - series - shift;
}

/**
 * Tanh-sinh (double-exponential) nodes on (0, 1): t = 1/(1 + e^(−2q)), q = (π/2)·sinh τ, τ = k·h for
 * |τ| ≤ 6.6, with ln t, ln(1 − t) and 1 − t computed without cancellation, and the weight
 * h·(dt/dτ)/(t·(1 − t)) = h·π·cosh τ (the t·(1 − t) goes into the integrand's powers). The error
 * falls like e^(−2πd/h), d the distance of the pole of 1/(1 − z·t) from the real τ axis, which
 * shrinks slowly as 1 − z does (d ≈ atan(π/ln(1/(1−z)))): step 1/24 for 1 − z ≥ 1e-6, 1/72 below.
 */
interface Nodes {
  t: Float64Array;
  u: Float64Array;
  lnT: Float64Array;
  lnU: Float64Array;
  w: Float64Array;
}

function tanhSinhNodes(h: number): Nodes {
  const half = Math.floor(6.6 / h);
  const count = 2 * half + 1;
  const nodes: Nodes = { t: new Float64Array(count), u: new Float64Array(count), lnT: new Float64Array(count), lnU: new Float64Array(count), w: new Float64Array(count) };
  for (let i = 0; i < count; i++) {
    const tau = (i - half) * h;
    const q = (Math.PI / 2) * Math.sinh(tau);
    // ln t = −ln(1 + e^(−2q)), ln(1 − t) = −ln(1 + e^(2q)), each in the form that does not overflow
    const lnT = q >= 0 ? -Math.log1p(Math.exp(-2 * q)) : 2 * q - Math.log1p(Math.exp(2 * q));
    const lnU = q <= 0 ? -Math.log1p(Math.exp(2 * q)) : -2 * q - Math.log1p(Math.exp(-2 * q));
    nodes.lnT[i] = lnT;
    nodes.lnU[i] = lnU;
    nodes.t[i] = Math.exp(lnT);
    nodes.u[i] = Math.exp(lnU);
    nodes.w[i] = h * Math.PI * Math.cosh(tau);
  }
  return nodes;
}

const COARSE = tanhSinhNodes(1 / 24);
let fine: Nodes | null = null;

/** Where the Euler integral replaces the series of ₂F₁(1, b; c; z) (see {@link lnHyp2f1One}). */
export function hyp2f1OneUsesIntegral(b: number, c: number, z: number, oneMinusZ: number): boolean {
  const mu = c - b;
  // the series would need more than ~500 terms (z^k and k^(b−c) both still above 1e-16), and the
  // integrand's powers and the pole's distance 1 − z are in the range the quadrature was checked on
  return z > 0.93 && oneMinusZ >= 1e-13 && mu < 6 && mu >= 0.05 && b >= 0.05 && b <= 50;
}

/**
 * ln ₂F₁(1, b; c; z) for 0 ≤ z < 1, c > b > 0, with `oneMinusZ` = 1 − z given exactly by the caller.
 * Where the series is long (z near 1 with c − b small, {@link hyp2f1OneUsesIntegral}) it is Euler's
 * integral ₂F₁(1, b; c; z) = Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ t^(b−1)(1−t)^(c−b−1)/(1 − z·t) dt by tanh-sinh
 * quadrature (1 − z·t = (1 − z) + z·(1 − t), no cancellation near t = 1); elsewhere the series
 * ({@link hyp2f1}).
 * Checked against mpmath.hyp2f1 (30–40 digits) over b ∈ [0.05, 50], c − b ∈ [0.05, 6), 1 − z ∈ [1e-13, 0.07]:
 * ₂F₁ to 1e-13 relative, its log-derivatives to 1e-12 (tests/unit/lib/domain/clv/special.test.ts).
 */
export function lnHyp2f1One(b: number, c: number, z: number, oneMinusZ: number): number {
  if (!hyp2f1OneUsesIntegral(b, c, z, oneMinusZ)) return Math.log(hyp2f1(1, b, c, z));
  return eulerIntegral(b, c, z, oneMinusZ, null);
}

/** {@link lnHyp2f1One} on its integral path, with the three partial derivatives of ln ₂F₁ written into grad[at…at+2]. */
export function lnHyp2f1OneWithGradient(b: number, c: number, z: number, oneMinusZ: number, grad: Float64Array, at: number): number {
  return eulerIntegral(b, c, z, oneMinusZ, grad, at);
}

/**
 * The integrand's part that does not depend on z, w·t^b·(1−t)^(c−b) at every node, kept for the last
 * few (b, c − b): a fit asks for it once per distinct x and time of each evaluation.
 */
const WEIGHTED_KEPT = 64;
const weightedB = new Float64Array(WEIGHTED_KEPT).fill(Number.NaN);
const weightedMu = new Float64Array(WEIGHTED_KEPT).fill(Number.NaN);
const weightedNodes: (Nodes | null)[] = new Array<Nodes | null>(WEIGHTED_KEPT).fill(null);
const weightedValues: Float64Array[] = [];
let weightedNext = 0;

function weighted(nodes: Nodes, b: number, mu: number): Float64Array {
  for (let k = 0; k < weightedValues.length; k++) {
    if (weightedB[k] === b && weightedMu[k] === mu && weightedNodes[k] === nodes) return weightedValues[k];
  }
  const k = weightedNext;
  weightedNext = (weightedNext + 1) % WEIGHTED_KEPT;
  let g = weightedValues[k];
  if (g === undefined || g.length !== nodes.w.length) g = weightedValues[k] = new Float64Array(nodes.w.length);
  const { lnT, lnU, w } = nodes;
  for (let i = 0; i < g.length; i++) {
    const e = b * lnT[i] + mu * lnU[i];
    g[i] = e < -745 ? 0 : w[i] * Math.exp(e);
  }
  weightedB[k] = b;
  weightedMu[k] = mu;
  weightedNodes[k] = nodes;
  return g;
}

function eulerIntegral(b: number, c: number, z: number, eps: number, grad: Float64Array | null, at = 0): number {
  const mu = c - b;
  const nodes = eps >= 1e-6 ? COARSE : (fine ??= tanhSinhNodes(1 / 72));
  const { t, u, lnT, lnU } = nodes;
  const g = weighted(nodes, b, mu);
  let I = 0, It = 0, Iu = 0, Iz = 0;
  for (let i = 0; i < g.length; i++) {
    const d = eps + z * u[i];
    const f = g[i] / d;
    I += f;
    if (grad !== null) {
      It += f * lnT[i];
      Iu += f * lnU[i];
      Iz += (f * t[i]) / d;
    }
  }
  const lnK = lnGamma(c) - lnGamma(b) - lnGamma(mu);
  if (grad !== null) {
    const psiMu = digamma(mu);
    grad[at] = -digamma(b) + psiMu + (It - Iu) / I;
    grad[at + 1] = digamma(c) - psiMu + Iu / I;
    grad[at + 2] = Iz / I;
  }
  return lnK + Math.log(I);
}
