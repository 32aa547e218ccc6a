import { kmeans, type KMeansResult } from './kmeans';
import { silhouetteScorer } from './silhouette';

/** Options of {@link standardize}. */
export interface StandardizeOptions {
  /**
   * Per feature: take a signed log first, sign(x) · ln(1 + |x|) (= log1p for x ≥ 0, and defined
   * for negative net spend); use it for skewed money and counts [all false].
   */
  log?: readonly boolean[];
}

/** A standardized row-major matrix. */
export interface Standardized {
  /** Row-major n × d z-scores; a missing value is 0 (the feature mean). */
  data: Float64Array;
  n: number;
  d: number;
  /** Per feature, the mean of its finite values (after the log, when taken); 0 when none. */
  mean: number[];
  /** Per feature, the population standard deviation; 0 for a constant or empty feature. */
  std: number[];
}

/**
 * Z-scores each feature column into one row-major matrix for {@link kmeans}: z = (x − mean) / std
 * with the population std over the finite values. NaN and ±Infinity count as missing and become 0
 * (the mean); a feature with zero variance (relative to its scale) becomes all 0 and reports std 0.
 * A raw value of a centroid is mean + z · std, then the inverse signed log when `log` is set.
 *
 * @param columns One array per feature, all of the same length n.
 * @param options log [all false]: per feature, take a signed log1p first.
 * @example
 * const { data, n, d } = standardize([recency, frequency, monetary], { log: [false, true, true] });
 */
export function standardize(columns: readonly Float64Array[], options: StandardizeOptions = {}): Standardized {
  const d = columns.length;
  if (d < 1) throw new RangeError('standardize: needs at least one column');
  const n = columns[0].length;
  for (let f = 1; f < d; f++) {
    if (columns[f].length !== n) throw new RangeError(`standardize: column ${f} has ${columns[f].length} values, expected ${n}`);
  }
  const log = options.log ?? [];
  if (log.length > d) throw new RangeError(`standardize: ${log.length} log flags for ${d} columns`);
  const data = new Float64Array(n * d);
  const mean: number[] = [];
  const std: number[] = [];
  for (let f = 0; f < d; f++) {
    const [m, s] = standardizeColumn(columns[f], log[f] === true, data, f, d);
    mean.push(m);
    std.push(s);
  }
  return { data, n, d, mean, std };
}

/** Writes feature f's z-scores into column f of the row-major output; returns [mean, std]. */
function standardizeColumn(column: Float64Array, log: boolean, out: Float64Array, f: number, d: number): [number, number] {
  const n = column.length;
  const x = new Float64Array(n);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i];
    x[i] = log ? Math.sign(v) * Math.log1p(Math.abs(v)) : v;
    if (Number.isFinite(x[i])) {
      count++;
      sum += x[i];
    }
  }
  if (count === 0) return [0, 0]; // out stays 0
  const mean = sum / count;
  let ss = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) continue;
    const t = x[i] - mean;
    ss += t * t;
    scale = Math.max(scale, Math.abs(x[i]));
  }
  const std = Math.sqrt(ss / count);
  if (!(std > 1e-12 * Math.max(1, scale))) return [mean, 0]; // constant up to rounding: all 0
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i])) out[i * d + f] = (x[i] - mean) / std;
  }
  return [mean, std];
}

/** Options of {@link chooseK}. */
export interface ChooseKOptions {
  /** Smallest k tried, ≥ 2 [2]. */
  kMin?: number;
  /** Largest k tried; lowered to n − 1 on small data [8]. */
  kMax?: number;
  /** Seed of every k-means run and of the silhouette sample [1]. */
  seed?: number;
  /** Silhouette sample size [2000]. */
  sampleSize?: number;
}

/** The silhouette of each k tried and the winner. */
export interface ChooseKResult {
  /** The k with the highest silhouette (the smaller k on ties). */
  k: number;
  /** One entry per k tried, ascending. */
  scores: { k: number; silhouette: number }[];
  /** The k-means run of the chosen k, so callers need not run it again. */
  result: KMeansResult;
  /** Points the silhouettes were measured on: every point, or the seeded sample (min(n, sampleSize)). */
  sample: number;
}

/**
 * Picks the number of clusters by silhouette: runs {@link kmeans} for each k in kMin … kMax with
 * the same seed and scores each with {@link silhouette} on the same seeded sample (distances
 * computed once). Cost: the k-means runs, O(n·k·d) per round, plus O(sampleSize²) per k.
 *
 * @param data Row-major n × d values, all finite (standardize first).
 * @param n Number of points, ≥ kMin + 1.
 * @param d Number of features.
 * @param options kMin [2], kMax [8], seed [1], sampleSize [2000].
 * @example
 * const { k, scores, result } = chooseK(data, n, d, { seed: 7 });
 */
export function chooseK(data: Float64Array, n: number, d: number, options: ChooseKOptions = {}): ChooseKResult {
  const kMin = options.kMin ?? 2;
  const kMax = Math.min(options.kMax ?? 8, n - 1);
  if (!Number.isInteger(kMin) || kMin < 2) throw new RangeError(`chooseK: kMin must be an integer ≥ 2, got ${kMin}`);
  if (!Number.isInteger(kMax) || kMax < kMin) {
    throw new RangeError(`chooseK: no k to try in ${kMin} … ${kMax} (kMax is at most n − 1 = ${n - 1})`);
  }
  const seed = options.seed ?? 1;
  const score = silhouetteScorer(data, n, d, { seed, sampleSize: options.sampleSize });
  const scores: { k: number; silhouette: number }[] = [];
  let best: { k: number; score: number; result: KMeansResult } | null = null;
  for (let k = kMin; k <= kMax; k++) {
    const result = kmeans(data, n, d, k, { seed });
    const value = score(result.labels);
    scores.push({ k, silhouette: value });
    if (best === null || value > best.score) best = { k, score: value, result };
  }
  return { k: best!.k, scores, result: best!.result, sample: Math.min(n, options.sampleSize ?? 2000) };
}
