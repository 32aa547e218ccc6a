/**
 * A small seeded pseudo-random generator (sfc32, seeded by a cyrb128 string hash) with the
 * distributions the demo generators need. Deterministic across platforms: integer maths on
 * 32-bit words, then standard Math functions.
 */

/** A seeded source of random numbers. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** Standard normal (mean 0, sd 1), Box–Muller. */
  normal(): number;
  /** Gamma with the given shape and scale (mean = shape × scale), Marsaglia–Tsang. */
  gamma(shape: number, scale: number): number;
  /** Beta(a, b) in (0, 1). */
  beta(a: number, b: number): number;
  /** Poisson count with the given mean. */
  poisson(mean: number): number;
  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(arr: readonly T[]): T;
  /** Index drawn with probability proportional to its (non-negative) weight. */
  weighted(weights: readonly number[]): number;
}

/** Four 32-bit words from a string (cyrb128 hash). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 generator returning uniforms in [0, 1). */
function sfc32(seedWords: [number, number, number, number]): () => number {
  let [a, b, c, d] = seedWords;
  const step = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) step(); // warm up: decorrelate similar seeds
  return step;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * A seeded random source. The same seed (number or string) always yields the same sequence;
 * a number seed is hashed through its decimal text, so `7` and `'7'` are the same seed.
 */
export function createRandom(seed: number | string): Random {
  const next = sfc32(cyrb128(String(seed)));

  const normal = (): number => {
    const u1 = 1 - next(); // (0, 1]: log is finite
    const u2 = next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };

  const gammaUnit = (shape: number): number => {
    if (shape < 1) {
      const u = 1 - next();
      return gammaUnit(shape + 1) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };

  const poisson = (mean: number): number => {
    if (!(mean > 0)) return 0;
    if (mean < 10) {
      // Knuth: multiply uniforms until below e^-mean.
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    }
    // PTRS, Hörmann (1993), "The transformed rejection method for generating Poisson random variables".
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = next() - 0.5;
      const v = next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
      if (lhs <= -mean + k * loglam - logGamma(k + 1)) return k;
    }
  };

  return {
    next,
    int(lo: number, hi: number): number {
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    normal,
    gamma(shape: number, scale: number): number {
      return gammaUnit(shape) * scale;
    },
    beta(a: number, b: number): number {
      const x = gammaUnit(a);
      const y = gammaUnit(b);
      const s = x + y;
      return s > 0 ? x / s : 0.5;
    },
    poisson,
    pick<T>(arr: readonly T[]): T {
      if (arr.length === 0) throw new RangeError('pick from an empty array');
      return arr[Math.floor(next() * arr.length)];
    },
    weighted(weights: readonly number[]): number {
      let total = 0;
      for (const w of weights) total += w > 0 ? w : 0;
      if (!(total > 0)) throw new RangeError('weights must have a positive sum');
      let target = next() * total;
      let last = 0;
      for (let i = 0; i < weights.length; i++) {
        const w = weights[i];
        if (!(w > 0)) continue;
        last = i;
        target -= w;
        if (target < 0) return i;
      }
      return last; // rounding guard
    },
  };
}
