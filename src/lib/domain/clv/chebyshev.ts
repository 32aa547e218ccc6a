/**
 * A smooth function on (0, 1] with its only singularity at 0, kept as Chebyshev series on
 * geometric pieces [2^−(j+1), 2^−j] (each piece is as far from the singularity, in its own
 * half-widths, as every other: the series converge alike, ~5.8× per degree), built lazily and
 * each checked against the function before use. Batch scoring uses it for BG/NBD's Euler factor
 * per distinct x, in y = 1 − z, where the ₂F₁ series needs ~80 terms on average (hundreds near
 * z = 1) and the Chebyshev series 24.
 */

/** Coefficients per piece (degree 23); ρ^−24 ≈ 5e−19 for ρ = 3 + √8. */
const DEGREE = 24;
/** Pieces down to y = 2^−48; below, the function is computed directly. */
const PIECES = 48;
/** A piece is built once this many values have fallen in it (fewer are cheaper computed directly). */
const BUILD_AFTER = 48;
/** Largest relative error at the check points for a piece to be used (the function itself is good to ~5e-15). */
const TOLERANCE = 2e-14;

const NODES = Float64Array.from({ length: DEGREE }, (_, m) => Math.cos((Math.PI * (m + 0.5)) / DEGREE));
/** Check points: halfway (in angle) between neighbouring nodes, and the two ends. */
const CHECKS = [-1, 1, ...Array.from({ length: DEGREE - 1 }, (_, m) => Math.cos((Math.PI * (m + 1)) / DEGREE))];
/** cos(π·k·(m + ½)/DEGREE), row k: values at the nodes → coefficients. */
const DCT = Float64Array.from({ length: DEGREE * DEGREE }, (_, i) => Math.cos((Math.PI * Math.floor(i / DEGREE) * ((i % DEGREE) + 0.5)) / DEGREE));
const POW2 = Float64Array.from({ length: PIECES }, (_, j) => 2 ** j);

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** The function as Chebyshev series on geometric pieces of (0, 1]; `at(y)` is NaN where no checked piece holds y. */
export class GeometricChebyshev {
  /** Per piece: its coefficients, null when the check failed, undefined before it is built. */
  readonly pieces: (Float64Array | null | undefined)[] = new Array(PIECES);
  readonly hits = new Int32Array(PIECES);
  readonly f: (y: number) => number;

  constructor(f: (y: number) => number) {
    this.f = f;
  }

  /** f(y) from the piece holding y (0 < y ≤ 1), or NaN: then the caller computes f(y) itself. */
  at(y: number): number {
    bits[0] = y;
    let j = 1022 - ((words[1] >>> 20) & 0x7ff); // y ∈ [2^−(j+1), 2^−j)
    if (j < 0) j = 0; // y = 1
    if (j >= PIECES) return Number.NaN;
    let c = this.pieces[j];
    if (c === undefined) {
      if (++this.hits[j] < BUILD_AFTER) return Number.NaN;
      c = this.pieces[j] = build(this.f, j);
    }
    if (c === null) return Number.NaN;
    return clenshaw(c, 4 * y * POW2[j] - 3);
  }
}

/** Σ' c_k T_k(s) by Clenshaw's recurrence (c_0 already halved). */
function clenshaw(c: Float64Array, s: number): number {
  const s2 = 2 * s;
  let b1 = 0, b2 = 0;
  for (let k = DEGREE - 1; k >= 1; k--) {
    const t = s2 * b1 - b2 + c[k];
    b2 = b1;
    b1 = t;
  }
  return s * b1 - b2 + c[0];
}

/** The series on piece j from f at the Chebyshev nodes, or null when it misses f at a check point (or f fails). */
function build(f: (y: number) => number, j: number): Float64Array | null {
  const lo = 1 / POW2[j] / 2, half = lo / 2; // piece [lo, 2·lo], centre 1.5·lo
  const yAt = (s: number) => 1.5 * lo + half * s;
  try {
    const values = Float64Array.from(NODES, (s) => f(yAt(s)));
    const c = new Float64Array(DEGREE);
    for (let k = 0; k < DEGREE; k++) {
      let sum = 0;
      for (let m = 0; m < DEGREE; m++) sum += values[m] * DCT[k * DEGREE + m];
      c[k] = (2 / DEGREE) * sum;
    }
    c[0] /= 2;
    for (const s of CHECKS) {
      const exact = f(yAt(s));
      const approx = clenshaw(c, s);
      if (!(Math.abs(approx - exact) <= TOLERANCE * Math.abs(exact))) return null;
    }
    return c;
  } catch {
    return null;
  }
}
