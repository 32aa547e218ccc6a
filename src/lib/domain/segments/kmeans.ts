import { createRandom, type Random } from '../random';

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Seed of the k-means++ draws [1]. */
  seed?: number;
  /** Most centroid updates (Lloyd rounds) [100]. */
  maxIterations?: number;
  /** Stop once no centroid moves farther than this (Euclidean, in data units) [1e-4]. */
  tolerance?: number;
}

/** A k-means clustering. */
export interface KMeansResult {
  /** Cluster of each point, 0 … k − 1; every cluster has at least one point. */
  labels: Int32Array;
  /**
   * Row-major k × d centroids; each point's label is a nearest centroid (on ties a point keeps
   * the cluster it had, and the first assignment takes the lowest index).
   */
  centroids: Float64Array;
  /** Centroid updates performed (0 … maxIterations). */
  iterations: number;
  /** Sum of squared distances from each point to its centroid. */
  inertia: number;
}

/**
 * k-means on a row-major n × d matrix: greedy k-means++ seeding (each centre is the best of
 * 2 + ⌊ln k⌋ D²-weighted draws, as scikit-learn does) from the seeded PRNG, then Lloyd rounds
 * until no label changes, no centroid moves more than `tolerance`, or `maxIterations` is reached.
 * A cluster left empty is re-seeded with the point farthest from its centroid (first index on
 * ties, taken from a cluster that keeps at least one point), so the result is deterministic for a
 * seed and always has k non-empty clusters. Rounds use Hamerly's bounds to skip points that
 * cannot move: O(n·k·d) at worst, close to O(n) once clusters settle; no per-point allocation.
 * Labels are nearest centroids, except after a re-seed in the very last allowed round.
 *
 * @param data Row-major n × d values, all finite (standardize first).
 * @param n Number of points.
 * @param d Number of features.
 * @param k Number of clusters, 1 … n.
 * @param options Seed [1], maxIterations [100], tolerance [1e-4].
 * @example
 * const { data, n, d } = standardize([recency, frequency, monetary], { log: [false, true, true] });
 * const { labels, centroids } = kmeans(data, n, d, 4, { seed: 7 });
 */
export function kmeans(data: Float64Array, n: number, d: number, k: number, options: KMeansOptions = {}): KMeansResult {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`kmeans: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`kmeans: d must be a positive integer, got ${d}`);
  if (data.length !== n * d) throw new RangeError(`kmeans: data has ${data.length} values, expected n × d = ${n * d}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`kmeans: k must be an integer in 1 … ${n}, got ${k}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new RangeError(`kmeans: data[${i}] is not finite`);
  }
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new RangeError(`kmeans: maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  if (!(tolerance >= 0)) throw new RangeError(`kmeans: tolerance must be ≥ 0, got ${tolerance}`);
  return _kmeans(data, n, d, k, createRandom(options.seed ?? 1), maxIterations, tolerance);
}

/** Working state of one run: typed arrays only, no per-point objects. */
interface Work {
  data: Float64Array;
  n: number;
  d: number;
  k: number;
  /** k × d. */
  centroids: Float64Array;
  labels: Int32Array;
  /** Hamerly bounds: ≥ distance to the own centroid; ≤ distance to every other centroid. */
  upper: Float64Array;
  lower: Float64Array;
  counts: Int32Array;
  /** k × d coordinate sums of each cluster's points, kept up to date as points move. */
  sums: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  half: Float64Array;
  /** How far each centroid moved in the last update. */
  move: Float64Array;
}

/**
 * k-means on validated arguments. Lloyd rounds with Hamerly's bounds (2010, "Making k-means even
 * faster"): a point whose upper bound is below both its lower bound and half the gap from its
 * centroid to the nearest other centroid cannot change cluster, so its k distances are skipped.
 * The labels are plain Lloyd's (ties keep the current cluster), up to rounding in the bounds.
 */
function _kmeans(
  data: Float64Array, n: number, d: number, k: number, random: Random, maxIterations: number, tolerance: number,
): KMeansResult {
  const w: Work = {
    data, n, d, k,
    centroids: seedPlusPlus(data, n, d, k, random),
    labels: new Int32Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    counts: new Int32Array(k),
    sums: new Float64Array(k * d),
    half: new Float64Array(k),
    move: new Float64Array(k),
  };
  fullAssign(w);
  let changed = fillEmpty(w);
  let iterations = 0;
  let converged = false;
  while (!converged && (iterations === 0 || changed > 0) && iterations < maxIterations) {
    const shift = update(w);
    iterations++;
    converged = shift <= tolerance; // still assign once more: labels stay nearest to the centroids returned
    const moved = boundedAssign(w);
    const reseeded = fillEmpty(w);
    if (reseeded > 0) converged = false; // a centroid jumped
    changed = moved + reseeded;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist2(data, i, w.centroids, w.labels[i], d);
  return { labels: w.labels, centroids: w.centroids, iterations, inertia };
}

/** Squared distance from point i to centroid j. */
function dist2(data: Float64Array, i: number, centroids: Float64Array, j: number, d: number): number {
  let s = 0;
  const p = i * d;
  const c = j * d;
  for (let f = 0; f < d; f++) {
    const t = data[p + f] - centroids[c + f];
    s += t * t;
  }
  return s;
}

/**
 * Greedy k-means++: the first centre is a uniform draw; each next one is the best, by total
 * squared distance, of `2 + ⌊ln k⌋` draws weighted by squared distance to the nearest centre so
 * far. Returns k × d centroids copied from data points. O(n·k·(d + trials)).
 */
function seedPlusPlus(data: Float64Array, n: number, d: number, k: number, random: Random): Float64Array {
  const centroids = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  let closest = new Float64Array(n); // squared distance to the nearest chosen centre
  let best = new Float64Array(n); // the best trial's `closest`
  let trial = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const first = random.int(0, n - 1);
  centroids.set(data.subarray(first * d, first * d + d), 0);
  for (let i = 0; i < n; i++) closest[i] = dist2(data, i, centroids, 0, d);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) cumulative[i] = total += closest[i];
    let bestPotential = Infinity;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      const c = total > 0 ? searchCumulative(cumulative, random.next() * total) : random.int(0, n - 1);
      const q = c * d;
      let potential = 0;
      for (let i = 0, p = 0; i < n; i++, p += d) {
        let v = 0;
        for (let f = 0; f < d; f++) {
          const x = data[p + f] - data[q + f];
          v += x * x;
        }
        const m = v < closest[i] ? v : closest[i];
        trial[i] = m;
        potential += m;
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        bestIndex = c;
        [best, trial] = [trial, best];
      }
    }
    centroids.set(data.subarray(bestIndex * d, bestIndex * d + d), j * d);
    [closest, best] = [best, closest];
  }
  return centroids;
}

/** First index whose cumulative weight exceeds target (0 ≤ target < the last value): a weighted draw. */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Assign every point by a full scan (lowest index on ties); set exact bounds, counts and sums. */
function fullAssign(w: Work): void {
  const { data, n, d, k, centroids, labels, upper, lower, counts } = w;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let j = 0; j < k; j++) {
      const v = dist2(data, i, centroids, j, d);
      if (v < d1) {
        d2 = d1;
        d1 = v;
        best = j;
      } else if (v < d2) {
        d2 = v;
      }
    }
    labels[i] = best;
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
    counts[best]++;
  }
  recomputeSums(w);
}

/** One Hamerly assignment pass (ties keep the current cluster); returns the points that changed cluster. */
function boundedAssign(w: Work): number {
  const { data, n, d, k, centroids, labels, upper, lower, counts, sums, half } = w;
  halfGaps(w);
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    const bound = half[a] > lower[i] ? half[a] : lower[i];
    if (upper[i] < bound) continue;
    const own = dist2(data, i, centroids, a, d);
    upper[i] = Math.sqrt(own); // tighten, then test again
    if (upper[i] < bound) continue;
    let best = a; // a point keeps its cluster on ties, so re-seeded clusters stay put
    let d1 = own;
    let d2 = Infinity;
    for (let j = 0; j < k; j++) {
      if (j === a) continue;
      const v = dist2(data, i, centroids, j, d);
      if (v < d1) {
        d2 = d1;
        d1 = v;
        best = j;
      } else if (v < d2) {
        d2 = v;
      }
    }
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
    if (best !== a) {
      const p = i * d;
      for (let f = 0; f < d; f++) {
        sums[a * d + f] -= data[p + f];
        sums[best * d + f] += data[p + f];
      }
      counts[a]--;
      counts[best]++;
      labels[i] = best;
      changed++;
    }
  }
  return changed;
}

/** half[j] = ½ · distance from centroid j to its nearest other centroid (∞ when k = 1). */
function halfGaps(w: Work): void {
  const { d, k, centroids, half } = w;
  half.fill(Infinity);
  for (let j = 0; j < k; j++) {
    for (let m = j + 1; m < k; m++) {
      const h = 0.5 * Math.sqrt(dist2(centroids, j, centroids, m, d));
      if (h < half[j]) half[j] = h;
      if (h < half[m]) half[m] = h;
    }
  }
}

/**
 * Give each empty cluster the point farthest from its centroid (first index on ties) among
 * clusters with two or more points; the centroid moves onto that point. Rare, so it pays for an
 * exact distance pass and resets the bounds. Returns the moves made.
 */
function fillEmpty(w: Work): number {
  const { data, n, d, k, centroids, labels, upper, lower, counts } = w;
  let moved = 0;
  let dist: Float64Array | null = null;
  for (let j = 0; j < k; j++) {
    if (counts[j] > 0) continue;
    if (dist === null) {
      dist = new Float64Array(n);
      for (let i = 0; i < n; i++) dist[i] = dist2(data, i, centroids, labels[i], d);
    }
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      if (dist[i] > farD && counts[labels[i]] > 1) {
        farD = dist[i];
        far = i;
      }
    }
    // n ≥ k guarantees a cluster with two or more points while one is empty.
    counts[labels[far]]--;
    labels[far] = j;
    counts[j] = 1;
    dist[far] = 0;
    centroids.set(data.subarray(far * d, far * d + d), j * d);
    moved++;
  }
  if (dist !== null) {
    for (let i = 0; i < n; i++) upper[i] = Math.sqrt(dist[i]);
    lower.fill(0); // a centroid jumped: the only safe lower bound
    recomputeSums(w);
  }
  return moved;
}

/** Coordinate sums of each cluster from scratch. */
function recomputeSums(w: Work): void {
  const { data, n, d, labels, sums } = w;
  sums.fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i] * d;
    const p = i * d;
    for (let f = 0; f < d; f++) sums[c + f] += data[p + f];
  }
}

/** Move each centroid to the mean of its points and loosen the bounds; returns the largest move. */
function update(w: Work): number {
  const { n, d, k, centroids, labels, upper, lower, counts, sums, move } = w;
  let first = 0; // largest move and its cluster, then the second largest
  let firstJ = -1;
  let second = 0;
  for (let j = 0; j < k; j++) {
    const c = j * d;
    let s = 0;
    for (let f = 0; f < d; f++) {
      const m = sums[c + f] / counts[j]; // counts[j] ≥ 1 after fillEmpty
      const t = m - centroids[c + f];
      s += t * t;
      centroids[c + f] = m;
    }
    const v = Math.sqrt(s);
    move[j] = v;
    if (v > first) {
      second = first;
      first = v;
      firstJ = j;
    } else if (v > second) {
      second = v;
    }
  }
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    upper[i] += move[a];
    lower[i] -= a === firstJ ? second : first;
  }
  return first;
}
