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

