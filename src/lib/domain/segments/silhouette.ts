import { createRandom } from '../random';

/** Options of {@link silhouette}. */
export interface SilhouetteOptions {
  /** Points scored; with n ≤ sampleSize every point is used and the result is exact [2000]. */
  sampleSize?: number;
  /** Seed of the sample draw [1]. */
  seed?: number;
}

/**
 * Mean silhouette of a clustering, with Euclidean distance. For each scored point, a = mean
 * distance to the other points of its cluster, b = the smallest mean distance to the points of
 * another cluster, s = (b − a) / max(a, b), and s = 0 for a point alone in its cluster. When
 * n > sampleSize a seeded random sample of sampleSize points is drawn without replacement and a
 * and b are measured against that same sample, so the cost is O(s²·d) rather than O(n²·d); the
 * sample depends only on (n, sampleSize, seed), so clusterings of the same data are compared on
 * the same points. Returns a value in [−1, 1]; 0 when the scored points span a single cluster.
 *
 * @param data Row-major n × d values, all finite.
 * @param n Number of points.
 * @param d Number of features.
 * @param labels Cluster of each point, integers ≥ 0 (as from {@link kmeans}).
 * @param options sampleSize [2000], seed [1].
 * @example
 * const { labels } = kmeans(data, n, d, 4, { seed: 7 });
 * silhouette(data, n, d, labels, { seed: 7 }); // e.g. 0.41
 */
export function silhouette(
  data: Float64Array, n: number, d: number, labels: Int32Array, options: SilhouetteOptions = {},
): number {
  return score(prepare(data, n, d, options, false), labels);
}

/**
 * {@link silhouette} for several clusterings of the same data: draws the sample once and, when it
 * has at most ~2,900 points, keeps its pairwise distances (≤ 32 MB), so each further clustering
 * costs O(s²) additions instead of O(s²·d) plus square roots. Scores equal `silhouette` exactly.
 *
 * @param data Row-major n × d values, all finite.
 * @param n Number of points.
 * @param d Number of features.
 * @param options sampleSize [2000], seed [1].
 * @example
 * const score = silhouetteScorer(data, n, d, { seed: 7 });
 * const best = [2, 3, 4].map((k) => score(kmeans(data, n, d, k, { seed: 7 }).labels));
 */
export function silhouetteScorer(
  data: Float64Array, n: number, d: number, options: SilhouetteOptions = {},
): (labels: Int32Array) => number {
  const sample = prepare(data, n, d, options, true);
  return (labels) => score(sample, labels);
}

/** Pairs whose distances a scorer keeps: 2²² doubles, 32 MB. */
const MAX_CACHED_PAIRS = 1 << 22;

/** The scored points: which rows, their coordinates (contiguous) and maybe their distances. */
interface Sample {
  n: number;
  d: number;
  rows: Int32Array;
  points: Float64Array;
  /** Distances of pairs (r, q), r < q, in row order; null when not kept. */
  pairs: Float64Array | null;
}

/** Validate the matrix and options, draw the sample. */
function prepare(data: Float64Array, n: number, d: number, options: SilhouetteOptions, cache: boolean): Sample {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`silhouette: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`silhouette: d must be a positive integer, got ${d}`);
  if (data.length !== n * d) throw new RangeError(`silhouette: data has ${data.length} values, expected ${n * d}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new RangeError(`silhouette: data[${i}] is not finite`);
  }
  const sampleSize = options.sampleSize ?? 2000;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new RangeError(`silhouette: sampleSize must be an integer ≥ 2, got ${sampleSize}`);
  }
  const rows = n <= sampleSize ? identity(n) : sampleRows(n, sampleSize, options.seed ?? 1);
  const s = rows.length;
  const points = new Float64Array(s * d);
  for (let r = 0; r < s; r++) points.set(data.subarray(rows[r] * d, rows[r] * d + d), r * d);
  let pairs: Float64Array | null = null;
  if (cache && (s * (s - 1)) / 2 <= MAX_CACHED_PAIRS) {
    pairs = new Float64Array((s * (s - 1)) / 2);
    let at = 0;
    for (let r = 0; r < s; r++) {
      for (let q = r + 1; q < s; q++) pairs[at++] = distance(points, r, q, d);
    }
  }
  return { n, d, rows, points, pairs };
}

/** Euclidean distance between sampled points r and q. */
function distance(points: Float64Array, r: number, q: number, d: number): number {
  let t2 = 0;
  const pr = r * d;
  const pq = q * d;
  for (let f = 0; f < d; f++) {
    const t = points[pr + f] - points[pq + f];
    t2 += t * t;
  }
  return Math.sqrt(t2);
}

/** Mean silhouette of the sampled points under the given labels. */
function score(sample: Sample, labels: Int32Array): number {
  const { n, d, rows, points, pairs } = sample;
  if (labels.length !== n) throw new RangeError(`silhouette: ${labels.length} labels for ${n} points`);
  let clusters = 0;
  for (let i = 0; i < n; i++) {
    if (!(labels[i] >= 0)) throw new RangeError(`silhouette: labels[${i}] is negative`);
    if (labels[i] >= clusters) clusters = labels[i] + 1;
  }
  const s = rows.length;
  const own = new Int32Array(s);
  const size = new Int32Array(clusters);
  for (let r = 0; r < s; r++) {
    own[r] = labels[rows[r]];
    size[own[r]]++;
  }
  // sums[r × clusters + c] = total distance from sampled point r to the sampled points of cluster c.
  const sums = new Float64Array(s * clusters);
  let at = 0;
  for (let r = 0; r < s; r++) {
    const lr = own[r];
    for (let q = r + 1; q < s; q++) {
      const dist = pairs === null ? distance(points, r, q, d) : pairs[at++];
      sums[r * clusters + own[q]] += dist;
      sums[q * clusters + lr] += dist;
    }
  }
  let total = 0;
  for (let r = 0; r < s; r++) {
    const c = own[r];
    if (size[c] < 2) continue; // a singleton scores 0
    const a = sums[r * clusters + c] / (size[c] - 1);
    let b = Infinity;
    for (let o = 0; o < clusters; o++) {
      if (o === c || size[o] === 0) continue;
      const m = sums[r * clusters + o] / size[o];
      if (m < b) b = m;
    }
    if (b === Infinity) continue; // no other cluster in the sample
    const m = Math.max(a, b);
    if (m > 0) total += (b - a) / m;
  }
  return total / s;
}

/** 0 … n − 1. */
function identity(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** `size` distinct rows of 0 … n − 1 (partial Fisher–Yates), in ascending order. */
function sampleRows(n: number, size: number, seed: number): Int32Array {
  const random = createRandom(seed);
  const all = identity(n);
  for (let i = 0; i < size; i++) {
    const j = random.int(i, n - 1);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, size).sort();
}
