/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): per-customer
 * log-likelihood, maximum-likelihood fit, P(alive), expected purchases, P(X(t) = n) and standard
 * errors. Everything in log space; formulas and safe forms from MODELS.md.
 * Notation: x = repeat purchases (frequency), t_x = recency, T = age, all in one time unit.
 */
import { bestBfgs } from './optimize';
import { standardErrors } from './standard-errors';
import { grownRatios, HYP2F1_MAX_TERMS, HYP2F1_REL_TOL, hyp2f1Minus1, lnBeta, lnGamma, logAddExp, logSubExp } from './special';
import { checkCustomer, checkHorizon } from './customer-check';

/** BG/NBD parameters, all > 0. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Calibration data, one entry per customer (or per group when weights are given). */
export interface BgNbdData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Number of customers each entry stands for [1 each]. */
  weights?: ArrayLike<number>;
}

/** Result of {@link fitBgNbd}. */
export interface BgNbdFit extends BgNbdParams {
  /** Summed (weighted) log-likelihood at the estimate. */
  logLikelihood: number;
  converged: boolean;
}

/** Fewest repeat customers the fit accepts. */
export const BG_NBD_MIN_REPEATERS = 20;

/**
 * Log-likelihood of one customer (x repeat purchases, last at t_x, observed for T).
 * @example bgNbdLogLikelihood({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, 0, 0, 40) // −0.59947382…
 */
export function bgNbdLogLikelihood(p: BgNbdParams, frequency: number, recency: number, T: number): number {
  checkParams(p);
  checkCustomer(frequency, recency, T);
  const { r, alpha, a, b } = p;
  const x = frequency;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency) : Number.NEGATIVE_INFINITY;
  return a1 + a2 + logAddExp(a3, a4);
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T; exactly 1 when x = 0.
 * An impossible customer (see customer-check.ts) throws `{ code: 'model.invalidCustomer', params }`.
 * @example bgNbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86)
 */
export function bgNbdProbabilityAlive(p: BgNbdParams, frequency: number, recency: number, T: number): number {
  checkParams(p);
  checkCustomer(frequency, recency, T);
  return frequency === 0 ? 1 : aliveAt(p, Math.log(p.a), Math.log(p.b + frequency - 1), frequency, recency, T);
}

/** P(alive) for x > 0 with ln a and ln(b+x−1) given; trusts its arguments. */
export function aliveAt(p: BgNbdParams, lnA: number, lnBx: number, x: number, tx: number, T: number): number {
  // ln[a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)], with the ratio as log1p for precision.
  const lnOdds = lnA - lnBx + (p.r + x) * Math.log1p((T - tx) / (p.alpha + tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/** Within this distance of a = 1 the Euler factor averages its values at 1 ± NEAR_ONE. */
const NEAR_ONE = 1e-6;

/**
 * (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z)], with ln(1−z) given.
 * Written as [−expm1(u) − e^u·(₂F₁ − 1)]/(a−1), u = (a−1)·ln(1−z), so it keeps precision for a
 * near 1; within 1e-6 of a = 1 it averages the two sides at 1 ± 1e-6 (smooth in a; error ~1e-12).
 */
function eulerFactor(r: number, a: number, b: number, x: number, z: number, ln1mz: number): number {
  if (Math.abs(a - 1) < NEAR_ONE) {
    const up = 1 + NEAR_ONE, down = 1 - NEAR_ONE;
    return 0.5 * (
      eulerFactorWith(up, b, x, ln1mz, hyp2f1Minus1(up + b - 1 - r, up - 1, up + b + x - 1, z)) +
      eulerFactorWith(down, b, x, ln1mz, hyp2f1Minus1(down + b - 1 - r, down - 1, down + b + x - 1, z))
    );
  }
  return eulerFactorWith(a, b, x, ln1mz, hyp2f1Minus1(a + b - 1 - r, a - 1, a + b + x - 1, z));
}

/** The Euler factor from its series part, tail = ₂F₁(a+b−1−r, a−1; a+b+x−1; z) − 1. */
function eulerFactorWith(a: number, b: number, x: number, ln1mz: number, tail: number): number {
  const c = a + b + x - 1;
  const u = (a - 1) * ln1mz;
  return (c / (a - 1)) * (-Math.expm1(u) - Math.exp(u) * tail);
}

/**
 * Expected purchases in (T, T + t] of a customer with history (x, t_x, T) (Euler-transformed
 * ₂F₁, so it stays finite for large x). Throws `{ code: 'model.hyp2f1NotConverged' }` only for
 * horizons far beyond the data (t ≳ 10⁴·(α + T) with x = 0), where the series cannot settle, and
 * `model.invalidCustomer` for an impossible customer or a negative horizon.
 * @example bgNbdExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 2, 30.43, 38.86) // ≈ 1.226
 */
export function bgNbdExpectedPurchases(
  p: BgNbdParams,
  t: number,
  frequency: number,
  recency: number,
  T: number,
): number {
  checkParams(p);
  checkCustomer(frequency, recency, T);
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const ln1mz = -Math.log1p(t / (alpha + T));
  const alive = frequency === 0 ? 1 : aliveAt(p, Math.log(a), Math.log(b + frequency - 1), frequency, recency, T);
  return eulerFactor(r, a, b, frequency, z, ln1mz) * alive;
}

/**
 * The Euler factor of one x as a function of y = 1 − z = (α+T)/(α+T+t), kept as polynomials on
 * pieces of y (batch scoring): piece (j, m) is [(4+m)·2^−(j+3), (5+m)·2^−(j+3)] (j = 0, 1, … the
 * octave below 1, m = 0…3 the quarter of it, read from y's exponent and top two mantissa bits).
 * The factor divided by z, F(y) = G(1 − y)/(1 − y) (= r + x at y = 1), is analytic apart from
 * y = 0, which is at least 9 half-widths from every piece, so its Chebyshev series there falls by
 * at least 17.9 per degree: 13 coefficients (degree 12) are below 1e−16. Each piece is built once
 * it has been asked for PIECE_BUILD_AFTER times (F at the Chebyshev nodes, turned into a polynomial
 * in u = y − centre), checked against F at both ends and 5 of the 12 points halfway between nodes
 * (where the interpolation error peaks) before use (relative 2e−14; the series itself is good to
 * ~5e−15), and evaluated by Horner's rule in u² (even and odd powers side by side: two chains of
 * 6 steps instead of one of 24 Clenshaw steps). Quarter octaves with 13 coefficients measured a
 * little faster than half octaves with 17 (fewer builds do not pay for the longer chains).
 */
/** Pieces per octave: 2^PIECE_SUB_BITS. */
const PIECE_SUB_BITS = 2;
const PIECE_SUBS = 1 << PIECE_SUB_BITS;
const PIECE_COEFFICIENTS = 13;
/** Per piece in `poly`: its centre, then the coefficients of u^0 … u^12. */
const PIECE_STRIDE = PIECE_COEFFICIENTS + 1;
/** Octaves of y with pieces (down to 2^−48); y below is computed by the series. */
const PIECE_OCTAVES = 48;
/** A piece is built after this many asks (20 values of F in one pass build and check it; fewer asks are cheaper by the series). */
const PIECE_BUILD_AFTER = 8;
/** Largest relative error at a check point for a piece to be used. */
const PIECE_TOLERANCE = 2e-14;
/** Piece state: ≥ 0 asks so far; READY: built and checked; FAILED: the series is summed there. */
const READY = -1, FAILED = -2;

const NODE_S = Float64Array.from({ length: PIECE_COEFFICIENTS }, (_, m) => Math.cos((Math.PI * (m + 0.5)) / PIECE_COEFFICIENTS));
const CHECK_S = [-1, 1, ...[0, 3, 6, 8, PIECE_COEFFICIENTS - 2].map((m) => Math.cos((Math.PI * (m + 1)) / PIECE_COEFFICIENTS))];
/** cos(π·q·(i + ½)/13), row q: values at the nodes → Chebyshev coefficients. */
const CHEB_DCT = Float64Array.from({ length: PIECE_COEFFICIENTS ** 2 }, (_, k) =>
  Math.cos((Math.PI * Math.floor(k / PIECE_COEFFICIENTS) * ((k % PIECE_COEFFICIENTS) + 0.5)) / PIECE_COEFFICIENTS));
/** Monomial coefficients of the Chebyshev polynomials T_0 … T_12 (row k: T_k), exact small integers. */
const CHEB_MONOMIAL = (() => {
  const n = PIECE_COEFFICIENTS;
  const out = new Float64Array(n * n);
  out[0] = 1;
  out[n + 1] = 1;
  for (let k = 2; k < n; k++) {
    for (let i = 0; i < n; i++) out[k * n + i] = (i > 0 ? 2 * out[(k - 1) * n + i - 1] : 0) - out[(k - 2) * n + i];
  }
  return out;
})();

const pieceBits = new Float64Array(1);
const pieceWords = new Uint32Array(pieceBits.buffer);

/** Per distinct x in a batch: ln(b+x−1), the series' term ratios, and the pieces of F. */
interface XPieces {
  lnBx: number;
  /** a + b + x − 1, the series' lower parameter. */
  c: number;
  ratios: Float64Array;
  /** Piece coefficients (PIECE_STRIDE per piece) and states (asks so far, READY or FAILED). */
  poly: Float64Array;
  state: Int32Array;
}

/** A fresh XPieces of x, with room for `pieces` pieces, none built. */
function newXPieces(a: number, b: number, x: number, pieces: number): XPieces {
  return {
    lnBx: Math.log(b + x - 1), c: a + b + x - 1, ratios: new Float64Array(0),
    poly: new Float64Array(pieces * PIECE_STRIDE), state: new Int32Array(pieces),
  };
}

/** The index of the piece holding y (0 < y ≤ 1), or −1 below the last octave. */
function pieceOf(y: number, pieces: number): number {
  pieceBits[0] = y;
  const hi = pieceWords[1];
  const j = 1022 - ((hi >>> 20) & 0x7ff);
  if (j < 0) return PIECE_SUBS - 1; // y = 1: the top end of the top piece
  const k = PIECE_SUBS * j + ((hi >>> (20 - PIECE_SUB_BITS)) & (PIECE_SUBS - 1));
  return k < pieces ? k : -1;
}

/** The points where a piece is built (its Chebyshev nodes) and then checked: s in [−1, 1]. */
const PIECE_POINTS = Float64Array.from([...NODE_S, ...CHECK_S]);
/** Scratch of buildPiece, per point: y, z = 1 − y, the series' current term and its sum. */
const pointY = new Float64Array(PIECE_POINTS.length);
const pointZ = new Float64Array(PIECE_POINTS.length);
const pointTerm = new Float64Array(PIECE_POINTS.length);
const pointTail = new Float64Array(PIECE_POINTS.length);

/**
 * Builds piece k of x's F (coefficients into own.poly, state READY) or marks it FAILED when the
 * polynomial misses F at a check point by more than PIECE_TOLERANCE or F cannot be computed there.
 * F at the 20 points (13 nodes, 7 checks) in one pass over the series' terms: the ratios of
 * ₂F₁(a+b−1−r, a−1; a+b+x−1; ·) read once per term for every point, hyp2f1Minus1's terms and
 * stopping rule at each (summed until the last point settles, so a little further at the others).
 */
function buildPiece(own: XPieces, k: number, r: number, a: number, b: number, x: number, A: number, B: number, nearOne: boolean): void {
  const n = PIECE_COEFFICIENTS, points = PIECE_POINTS.length;
  const { poly, state } = own;
  const j = k >> PIECE_SUB_BITS, m = k & (PIECE_SUBS - 1);
  const width = 2 ** -(j + 1 + PIECE_SUB_BITS), half = width / 2;
  const centre = (PIECE_SUBS + m) * width + half;
  const at = k * PIECE_STRIDE;
  for (let i = 0; i < points; i++) {
    pointY[i] = centre + half * PIECE_POINTS[i];
    pointZ[i] = 1 - pointY[i];
    pointTerm[i] = 1;
    pointTail[i] = 0;
  }
  if (nearOne) {
    try {
      for (let i = 0; i < points; i++) pointTail[i] = pointZ[i] === 0 ? r + x : eulerFactor(r, a, b, x, pointZ[i], Math.log(pointY[i])) / pointZ[i];
    } catch {
      state[k] = FAILED;
      return;
    }
  } else {
    let ratios = own.ratios;
    let open = true, t = 0;
    for (; open && t < HYP2F1_MAX_TERMS; t++) {
      if (t === ratios.length) ratios = own.ratios = grownRatios(ratios, A, B, own.c);
      const rt = ratios[t];
      open = false;
      for (let i = 0; i < points; i++) {
        const q = rt * pointZ[i];
        const term = (pointTerm[i] *= q);
        const tail = (pointTail[i] += term);
        if (!(term === 0 || (Math.abs(term) < HYP2F1_REL_TOL * Math.abs(tail) && Math.abs(q) < 1))) open = true;
      }
    }
    for (let i = 0; i < points; i++) {
      const tail = pointTail[i];
      if (open || !Number.isFinite(tail)) {
        state[k] = FAILED;
        return;
      }
      const z = pointZ[i];
      pointTail[i] = z === 0 ? r + x : eulerFactorWith(a, b, x, Math.log(pointY[i]), tail) / z;
    }
  }
  // Chebyshev coefficients from the nodes (c_0 halved), then the polynomial in s, then in u = half·s
  const out = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += pointTail[i] * CHEB_DCT[q * n + i];
    const cq = ((q === 0 ? 1 : 2) / n) * sum;
    for (let i = 0; i <= q; i++) out[i] += cq * CHEB_MONOMIAL[q * n + i];
  }
  poly[at] = centre;
  let scale = 1;
  for (let i = 0; i < n; i++, scale /= half) poly[at + 1 + i] = out[i] * scale;
  for (let i = n; i < points; i++) {
    const exact = pointTail[i];
    if (!(Math.abs(pieceAt(poly, at, pointY[i]) - exact) <= PIECE_TOLERANCE * Math.abs(exact))) {
      state[k] = FAILED;
      return;
    }
  }
  state[k] = READY;
}

/** The polynomial of the piece at `at` in poly, at y (Horner in u², even and odd powers side by side). */
function pieceAt(poly: Float64Array, at: number, y: number): number {
  const u = y - poly[at];
  const u2 = u * u;
  // poly[at + 1 + i] is the coefficient of u^i: even powers 12, 10, …, 0 and odd 11, 9, …, 1
  let even = poly[at + PIECE_COEFFICIENTS], odd = poly[at + PIECE_COEFFICIENTS - 1];
  for (let c = at + PIECE_COEFFICIENTS - 2; c > at + 1; c -= 2) {
    even = even * u2 + poly[c];
    odd = odd * u2 + poly[c - 1];
  }
  return even * u2 + poly[at + 1] + u * odd;
}

/**
 * P(alive) and expected purchases in (T, T + t] for each horizon, for many customers (columns in,
 * columns out): parameters and horizons checked once, each customer as the single-customer
 * functions check it (in the same pass); per distinct x, ln(b+x−1), the series' term ratios, and
 * the Euler factor over y = 1 − z as polynomials on quarter-octave pieces (see PIECE_COEFFICIENTS:
 * 13 coefficients where the ₂F₁ series takes ~70 terms at t = 39, each piece checked against the
 * series to 2e−14 before use; the series itself where no piece is ready). P(alive) is the
 * single-customer function's arithmetic to the last bit, the expected purchases agree with it to
 * ~1e−14. No allocation per customer.
 */
export function bgNbdScore(
  p: BgNbdParams, customers: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number> }, horizons: readonly number[],
): { probabilityAlive: Float64Array; expectedPurchases: Float64Array[] } {
  checkParams(p);
  const { frequency, recency, T } = customers;
  const n = frequency.length;
  if (recency.length !== n || T.length !== n) {
    throw { code: 'model.lengthMismatch', params: { frequency: n, recency: recency.length, T: T.length } };
  }
  let tMax = 0;
  for (const t of horizons) {
    checkHorizon(t);
    if (t > tMax) tMax = t;
  }
  const { alpha } = p;
  const alive = new Float64Array(n);
  const expected = horizons.map(() => new Float64Array(n));
  // pieces down to the smallest y of the batch, α/(α + t_max) (T ≥ 0), in whole octaves
  const yMin = alpha / (alpha + tMax);
  const pieces = PIECE_SUBS * Math.min(PIECE_OCTAVES, Math.max(1, Math.ceil(-Math.log2(yMin)) + 1));
  scoreInto(p, frequency, recency, T, horizons, alive, expected, pieces);
  return { probabilityAlive: alive, expectedPurchases: expected };
}

/**
 * The loop of {@link bgNbdScore}, on its own so that the optimised loop (entered on a stack
 * replacement in a cold call) is left by a plain return. Trusts the checks of the caller but those
 * of each customer, which it makes in the same pass.
 */
function scoreInto(
  p: BgNbdParams, frequency: ArrayLike<number>, recency: ArrayLike<number>, T: ArrayLike<number>, horizons: readonly number[],
  alive: Float64Array, expected: Float64Array[], pieces: number,
): void {
  const { r, alpha, a, b } = p;
  const n = alive.length;
  const lnA = Math.log(a);
  const h = horizons.length;
  const nearOne = Math.abs(a - 1) < NEAR_ONE;
  const A = a + b - 1 - r, B = a - 1;
  const small: (XPieces | undefined)[] = [];
  const large = new Map<number, XPieces>();
  let lastX = -1;
  let own: XPieces | undefined;
  for (let i = 0; i < n; i++) {
    const x = frequency[i], tx = recency[i], age = T[i];
    // checkCustomer's condition inline; it throws with the reason when it fails
    if (!(x > 0 ? tx > 0 && tx <= age && age < Infinity && Number.isInteger(x) : x === 0 && tx === 0 && age >= 0 && age < Infinity)) checkCustomer(x, tx, age, i);
    if (x !== lastX || own === undefined) {
      // per distinct x: an array for small x, a Map beyond (no closure, so the optimised loop stays valid across calls)
      own = x < 4096 ? small[x] : large.get(x);
      if (own === undefined) {
        own = newXPieces(a, b, x, pieces);
        if (x < 4096) small[x] = own;
        else large.set(x, own);
      }
      lastX = x;
    }
    const pa = x === 0 ? 1 : 1 / (1 + Math.exp(lnA - own.lnBx + (r + x) * Math.log1p((age - tx) / (alpha + tx))));
    alive[i] = pa;
    for (let k = 0; k < h; k++) {
      const t = horizons[k];
      let factor = 0;
      if (t > 0) {
        const aT = alpha + age;
        const d = aT + t;
        const inv = 1 / d;
        const y = aT * inv; // within an ulp of aT/d: the pieces do not need the last bit, one division fewer
        const piece = pieceOf(y, pieces);
        let state = piece < 0 ? FAILED : own.state[piece];
        if (state >= 0) {
          if (state + 1 >= PIECE_BUILD_AFTER) {
            buildPiece(own, piece, r, a, b, x, A, B, nearOne);
            state = own.state[piece];
          } else own.state[piece] = state + 1;
        }
        if (state === READY) {
          // pieceAt, inline
          const poly = own.poly, at = piece * PIECE_STRIDE;
          const u = y - poly[at];
          const u2 = u * u;
          let even = poly[at + PIECE_COEFFICIENTS], odd = poly[at + PIECE_COEFFICIENTS - 1];
          for (let c = at + PIECE_COEFFICIENTS - 2; c > at + 1; c -= 2) {
            even = even * u2 + poly[c];
            odd = odd * u2 + poly[c - 1];
          }
          factor = t * inv * (even * u2 + poly[at + 1] + u * odd);
        } else {
          const z = t / d;
          const ln1mz = -Math.log1p(t / aT);
          if (nearOne) factor = eulerFactor(r, a, b, x, z, ln1mz);
          else {
            // ₂F₁ − 1 as hyp2f1Minus1 sums it, the ratios read from the table (grown as z needs)
            let ratios = own.ratios;
            let term = 1, tail = 0, j = 0;
            for (; j < HYP2F1_MAX_TERMS; j++) {
              if (j === ratios.length) ratios = own.ratios = grownRatios(ratios, A, B, own.c);
              const ratio = ratios[j] * z;
              term *= ratio;
              tail += term;
              if (term === 0 || (Math.abs(term) < HYP2F1_REL_TOL * Math.abs(tail) && Math.abs(ratio) < 1) || !Number.isFinite(tail)) break;
            }
            if (j === HYP2F1_MAX_TERMS || !Number.isFinite(tail)) tail = hyp2f1Minus1(A, B, own.c, z); // throws as the single function does
            factor = eulerFactorWith(a, b, x, ln1mz, tail);
          }
        }
      }
      expected[k][i] = factor * pa;
    }
  }
}

function checkParams(p: BgNbdParams): void {
  for (const name of ['r', 'alpha', 'a', 'b'] as const) {
    const v = p[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw { code: 'model.invalidParams', params: { name } };
  }
}

/**
 * Expected purchases in (0, t] of a new customer, E[X(t)].
 * @example bgNbdExpectedPurchasesNew({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78) // ≈ 1.8576
 */
export function bgNbdExpectedPurchasesNew(p: BgNbdParams, t: number): number {
  checkParams(p);
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = p;
  const z = t / (alpha + t);
  const ln1mz = -Math.log1p(t / alpha);
  return eulerFactor(r, a, b, 0, z, ln1mz);
}

/**
 * P(X(t) = n): probability that a new customer makes exactly n purchases in (0, t].
 * @example bgNbdProbabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0)
 */
export function bgNbdProbabilityOfPurchases(p: BgNbdParams, t: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`bgNbdProbabilityOfPurchases: n must be an integer ≥ 0, got ${n}`);
  checkParams(p);
  checkHorizon(t);
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, a, b } = p;
  const lnP = -Math.log1p(t / alpha); // ln(α/(α+t))
  const lnQ = Math.log(t) - Math.log(alpha + t); // ln(t/(α+t))
  const lnBab = lnBeta(a, b);
  // ln NB(j) = ln[Γ(r+j)/(Γ(r)·j!) · p^r · q^j], by recurrence from j = 0.
  let lnNb = r * lnP;
  let lnHead = Number.NEGATIVE_INFINITY; // ln Σ_{j<n} NB(j)
  for (let j = 0; j < n; j++) {
    lnHead = logAddExp(lnHead, lnNb);
    lnNb += Math.log((r + j) / (j + 1)) + lnQ;
  }
  const first = lnBeta(a, b + n) - lnBab + lnNb;
  if (n === 0) return Math.exp(first);
  const second = lnBeta(a + 1, b + n - 1) - lnBab + lnNegativeBinomialTail(r, lnQ, n, lnNb, lnHead);
  return Math.exp(logAddExp(first, second));
}

/**
 * ln P(NB ≥ n) given ln NB(n) and ln Σ_{j<n} NB(j): 1 − head when the head is small, otherwise
 * the tail summed forward (no cancellation), falling back to 1 − head if that does not settle.
 */
function lnNegativeBinomialTail(r: number, lnQ: number, n: number, lnNbN: number, lnHead: number): number {
  if (lnHead < -Math.LN2) return logSubExp(0, lnHead);
  const q = Math.exp(lnQ);
  let term = 1; // NB(j)/NB(n)
  let sum = 1;
  for (let j = n; j < n + 1_000_000; j++) {
    const ratio = ((r + j) / (j + 1)) * q;
    term *= ratio;
    sum += term;
    if (ratio < 1 && term < 1e-17 * sum) return lnNbN + Math.log(sum);
  }
  return lnHead >= 0 ? Number.NEGATIVE_INFINITY : logSubExp(0, lnHead);
}

// ---------------------------------------------------------------------------------------------
// Fitting

/** Data merged to distinct (x, t_x, T) groups, with distinct-value tables for the hot loop. */
interface Prepared {
  /** Distinct x values and, per group, the index into them. */
  xs: Float64Array;
  xIndex: Int32Array;
  /** Distinct T and t_x values and the group indices into them. */
  Ts: Float64Array;
  TIndex: Int32Array;
  txs: Float64Array;
  txIndex: Int32Array;
  weight: Float64Array;
  totalWeight: number;
  /** Scratch per evaluation: per distinct x, A1 + A2 without r·ln α, and a/(b+x−1) (0 for x = 0). */
  cx: Float64Array;
  dx: Float64Array;
  lT: Float64Array;
  lTx: Float64Array;
  /** Distinct x in increasing order (indices into xs) and the summed weight per distinct x. */
  xOrder: Int32Array;
  wByX: Float64Array;
  /** Gradient scratch per distinct x: ∂(A1+A2)/∂r, ∂a, ∂b; and 1/(α+T), 1/(α+t_x) per distinct value. */
  gxr: Float64Array;
  gxa: Float64Array;
  gxb: Float64Array;
  iT: Float64Array;
  iTx: Float64Array;
}

function distinctIndex(values: number[], index: Int32Array): Float64Array {
  const map = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let k = map.get(values[i]);
    if (k === undefined) {
      k = out.length;
      map.set(values[i], k);
      out.push(values[i]);
    }
    index[i] = k;
  }
  return Float64Array.from(out);
}

function prepare(data: BgNbdData): Prepared {
  const { frequency, recency, T, weights } = data;
  const n = frequency.length;
  if (recency.length !== n || T.length !== n || (weights && weights.length !== n)) {
    throw { code: 'model.lengthMismatch', params: { frequency: n, recency: recency.length, T: T.length } };
  }
  const groups = new Map<string, number>();
  const gx: number[] = [];
  const gtx: number[] = [];
  const gT: number[] = [];
  const gw: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const tx = recency[i];
    const age = T[i];
    const w = weights ? weights[i] : 1;
    if (!(Number.isFinite(w) && w >= 0)) throw { code: 'model.invalidData', params: { index: i, field: 'weights' } };
    checkCustomer(x, tx, age, i);
    if (w === 0) continue;
    const txUsed = tx;
    const key = `${x} ${txUsed} ${age}`;
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, gx.length);
      gx.push(x);
      gtx.push(txUsed);
      gT.push(age);
      gw.push(w);
    } else {
      gw[g] += w;
    }
  }
  const m = gx.length;
  const xIndex = new Int32Array(m);
  const TIndex = new Int32Array(m);
  const txIndex = new Int32Array(m);
  const xs = distinctIndex(gx, xIndex);
  const Ts = distinctIndex(gT, TIndex);
  const txs = distinctIndex(gtx, txIndex);
  let totalWeight = 0;
  for (const w of gw) totalWeight += w;
  const wByX = new Float64Array(xs.length);
  for (let i = 0; i < m; i++) wByX[xIndex[i]] += gw[i];
  const xOrder = Int32Array.from(xs.keys()).sort((i, j) => xs[i] - xs[j]);
  return {
    xs,
    xIndex,
    Ts,
    TIndex,
    txs,
    txIndex,
    weight: Float64Array.from(gw),
    totalWeight,
    cx: new Float64Array(xs.length),
    dx: new Float64Array(xs.length),
    lT: new Float64Array(Ts.length),
    lTx: new Float64Array(txs.length),
    xOrder,
    wByX,
    gxr: new Float64Array(xs.length),
    gxa: new Float64Array(xs.length),
    gxb: new Float64Array(xs.length),
    iT: new Float64Array(Ts.length),
    iTx: new Float64Array(txs.length),
  };
}

/** Summed weighted log-likelihood over the prepared groups. */
function totalLogLikelihood(d: Prepared, r: number, alpha: number, a: number, b: number): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0 && Number.isFinite(r + alpha + a + b))) return Number.NaN;
  const { xs, cx, dx, lT, lTx, Ts, txs } = d;
  const lnGr = lnGamma(r);
  const lnGb = lnGamma(b);
  const lnGab = lnGamma(a + b);
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    if (x === 0) {
      cx[k] = 0;
      dx[k] = 0;
    } else {
      cx[k] = lnGamma(r + x) - lnGr + lnGab + lnGamma(b + x) - lnGb - lnGamma(a + b + x);
      dx[k] = a / (b + x - 1);
    }
  }
  for (let k = 0; k < Ts.length; k++) lT[k] = Math.log(alpha + Ts[k]);
  for (let k = 0; k < txs.length; k++) lTx[k] = Math.log(alpha + txs[k]);
  const { xIndex, TIndex, txIndex, weight } = d;
  let sum = 0;
  for (let i = 0; i < weight.length; i++) {
    const k = xIndex[i];
    const rx = r + xs[k];
    const ratio = dx[k];
    const lnT = lT[TIndex[i]];
    if (ratio === 0) {
      sum -= weight[i] * rx * lnT; // x = 0: A3 only
      continue;
    }
    // logaddexp(A3, A4) = −(r+x)·ln(α+t_x) + ln[((α+t_x)/(α+T))^(r+x) + a/(b+x−1)]; the power is ≤ 1.
    const lnTx = lTx[txIndex[i]];
    sum += weight[i] * (cx[k] - rx * lnTx + Math.log(Math.exp(rx * (lnTx - lnT)) + ratio));
  }
  return sum + d.totalWeight * r * Math.log(alpha);
}

/**
 * Summed weighted log-likelihood and its gradient with respect to (r, α, a, b), written into
 * grad. Same value as {@link totalLogLikelihood} up to rounding; the digamma differences of the
 * lnΓ terms are exact finite sums since x is an integer: ψ(r+x) − ψ(r) = Σ_{j<x} 1/(r+j).
 */
function logLikelihoodAndGradient(d: Prepared, r: number, alpha: number, a: number, b: number, grad: number[]): number {
  grad[0] = grad[1] = grad[2] = grad[3] = Number.NaN;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0 && Number.isFinite(r + alpha + a + b))) return Number.NaN;
  const { xs, cx, dx, lT, lTx, iT, iTx, Ts, txs, xOrder, wByX, gxr, gxa, gxb } = d;
  const lnGr = lnGamma(r);
  const lnGb = lnGamma(b);
  const lnGab = lnGamma(a + b);
  const ab = a + b;
  // Per distinct x (in increasing order): running sums Σ_{j<x} 1/(r+j), 1/(b+j), 1/(a+b+j).
  let j = 0;
  let sr = 0;
  let sb = 0;
  let sab = 0;
  let sum = 0;
  let gR = 0;
  let gA = 0;
  let gB = 0;
  for (let o = 0; o < xOrder.length; o++) {
    const k = xOrder[o];
    const x = xs[k];
    for (; j < x; j++) {
      sr += 1 / (r + j);
      sb += 1 / (b + j);
      sab += 1 / (ab + j);
    }
    if (x === 0) {
      cx[k] = 0;
      dx[k] = 0;
      gxr[k] = gxa[k] = gxb[k] = 0;
    } else {
      cx[k] = lnGamma(r + x) - lnGr + lnGab + lnGamma(b + x) - lnGb - lnGamma(ab + x);
      dx[k] = a / (b + x - 1);
      gxr[k] = sr;
      gxa[k] = -sab;
      gxb[k] = sb - sab;
      const w = wByX[k];
      sum += w * cx[k];
      gR += w * sr;
      gA -= w * sab;
      gB += w * (sb - sab);
    }
  }
  for (let k = 0; k < Ts.length; k++) {
    lT[k] = Math.log(alpha + Ts[k]);
    iT[k] = 1 / (alpha + Ts[k]);
  }
  for (let k = 0; k < txs.length; k++) {
    lTx[k] = Math.log(alpha + txs[k]);
    iTx[k] = 1 / (alpha + txs[k]);
  }
  const { xIndex, TIndex, txIndex, weight } = d;
  let gAlpha = 0;
  for (let i = 0; i < weight.length; i++) {
    const k = xIndex[i];
    const rx = r + xs[k];
    const ratio = dx[k];
    const w = weight[i];
    const tI = TIndex[i];
    const lnT = lT[tI];
    if (ratio === 0) {
      sum -= w * rx * lnT;
      gR -= w * lnT;
      gAlpha -= w * rx * iT[tI];
      continue;
    }
    const xI = txIndex[i];
    const lnTx = lTx[xI];
    const invTx = iTx[xI];
    const L = lnTx - lnT;
    const pw = Math.exp(rx * L);
    const inv = 1 / (pw + ratio);
    const wP = pw * inv;
    const wD = ratio * inv;
    sum += w * (Math.log(pw + ratio) - rx * lnTx);
    gR += w * (wP * L - lnTx);
    gAlpha += w * (wP * rx * (invTx - iT[tI]) - rx * invTx);
    gA += (w * wD) / a;
    gB -= (w * wD) / (b + xs[k] - 1);
  }
  const lnAlpha = Math.log(alpha);
  grad[0] = gR + d.totalWeight * lnAlpha;
  grad[1] = gAlpha + (d.totalWeight * r) / alpha;
  grad[2] = gA;
  grad[3] = gB;
  return sum + d.totalWeight * r * lnAlpha;
}

function checkFitData(data: BgNbdData): void {
  const { frequency, weights } = data;
  let repeaters = 0;
  let first = Number.NaN;
  let varies = false;
  for (let i = 0; i < frequency.length; i++) {
    const w = weights ? weights[i] : 1;
    if (!(w > 0)) continue;
    const x = frequency[i];
    if (x > 0) repeaters += w;
    if (Number.isNaN(first)) first = x;
    else if (x !== first) varies = true;
  }
  if (repeaters < BG_NBD_MIN_REPEATERS) throw { code: 'model.tooFewRepeaters', params: { count: repeaters } };
  if (!varies) throw { code: 'model.noVariance' };
}

/**
 * Maximum-likelihood BG/NBD fit: BFGS with the analytic gradient on log-parameters from several
 * starts (best kept; converged when the gradient of the mean −LL is within 1e-9), identical
 * (x, t_x, T) rows merged with weights. Throws `{ code: 'model.tooFewRepeaters',
 * params: { count } }` with fewer than 20 repeat customers and `{ code: 'model.noVariance' }` when
 * every frequency is the same.
 * @example fitBgNbd({ frequency, recency, T }) // CDNOW: r 0.243, alpha 4.414, a 0.793, b 2.426, LL −9582.4
 */
export function fitBgNbd(data: BgNbdData): BgNbdFit {
  checkFitData(data);
  const d = prepare(data);
  const scale = 1 / d.totalWeight;
  // Starts: all 1; all 0.1; and α at the mean age (α is on the time scale of T).
  let meanT = 0;
  for (let i = 0; i < d.weight.length; i++) meanT += d.weight[i] * d.Ts[d.TIndex[i]];
  meanT = Math.max(meanT * scale, 1e-3);
  const ln01 = Math.log(0.1);
  const starts = [
    [0, 0, 0, 0],
    [ln01, ln01, ln01, ln01],
    [0, Math.log(meanT), 0, 0],
  ];
  const grad = [0, 0, 0, 0];
  const fg = (theta: number[], g: number[]): number => {
    const p = theta.map(Math.exp);
    const ll = logLikelihoodAndGradient(d, p[0], p[1], p[2], p[3], grad);
    for (let i = 0; i < 4; i++) g[i] = -scale * grad[i] * p[i];
    return -scale * ll;
  };
  const best = bestBfgs(fg, starts);
  const [r, alpha, a, b] = best.x.map(Math.exp);
  const logLikelihood = totalLogLikelihood(d, r, alpha, a, b);
  return { r, alpha, a, b, logLikelihood, converged: best.converged && Number.isFinite(logLikelihood) };
}

/** Summed (weighted) log-likelihood of a data set at p. */
export function bgNbdTotalLogLikelihood(p: BgNbdParams, data: BgNbdData): number {
  return totalLogLikelihood(prepare(data), p.r, p.alpha, p.a, p.b);
}

/** Inverse of a small symmetric matrix by Gauss–Jordan with partial pivoting; null if singular. */
/**
 * Asymptotic standard errors of the estimates: square roots of the diagonal of the inverse
 * Hessian of −LL (central second differences on the natural scale, step 1e-4 relative).
 * NaN where the Hessian is not positive definite there.
 * @example bgNbdStandardErrors(fit, data) // CDNOW: r 0.0126, alpha 0.378, a 0.186, b 0.705
 */
export function bgNbdStandardErrors(p: BgNbdParams, data: BgNbdData): BgNbdParams {
  const d = prepare(data);
  const se = standardErrors((q) => -totalLogLikelihood(d, q[0], q[1], q[2], q[3]), [p.r, p.alpha, p.a, p.b]);
  return { r: se[0], alpha: se[1], a: se[2], b: se[3] };
}

