import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../../src/lib/domain/random';
import { chooseK, standardize } from '../../../../../src/lib/domain/segments/clusters';
import { describeClusters, FEATURE_KEYS } from '../../../../../src/lib/domain/segments/cluster-words';
import { kmeans } from '../../../../../src/lib/domain/segments/kmeans';
import { silhouette, silhouetteScorer } from '../../../../../src/lib/domain/segments/silhouette';

/** Gaussian blobs (sd 1 per axis) around the given centres, points interleaved; blob[i] = true blob. */
function blobs(centres: number[][], perBlob: number, seed: number, sd = 1) {
  const random = createRandom(seed);
  const d = centres[0].length;
  const n = centres.length * perBlob;
  const data = new Float64Array(n * d);
  const blob = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres.length;
    blob[i] = c;
    for (let f = 0; f < d; f++) data[i * d + f] = centres[c][f] + sd * random.normal();
  }
  return { data, n, d, blob };
}

/** Each true blob maps to one label, and different blobs to different labels. */
function expectRecovered(labels: Int32Array, blob: Int32Array, blobs: number) {
  const labelOf = new Map<number, number>();
  for (let i = 0; i < blob.length; i++) {
    const seen = labelOf.get(blob[i]);
    if (seen === undefined) labelOf.set(blob[i], labels[i]);
    else expect(labels[i]).toBe(seen);
  }
  expect(new Set(labelOf.values()).size).toBe(blobs);
}

const THREE = [[0, 0], [12, 0], [6, 10]];

describe('standardize', () => {
  it('z-scores each feature into a row-major matrix', () => {
    // x = 1, 2, 3: mean 2, population sd √(2/3); z = ∓√1.5, 0.
    const s = standardize([new Float64Array([1, 2, 3]), new Float64Array([10, 10, 40])]);
    expect(s.n).toBe(3);
    expect(s.d).toBe(2);
    expect(s.mean).toEqual([2, 20]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(s.std[1]).toBeCloseTo(Math.sqrt(200), 12);
    const z = Math.sqrt(1.5);
    const expected = [-z, -1 / Math.sqrt(2), 0, -1 / Math.sqrt(2), z, Math.sqrt(2)];
    expect(s.data).toHaveLength(expected.length);
    Array.from(s.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('puts NaN and Infinity at the mean (0) and ignores them in the statistics', () => {
    const s = standardize([new Float64Array([NaN, 0, 4, Infinity])]);
    expect(s.mean).toEqual([2]);
    expect(s.std).toEqual([2]);
    expect(Array.from(s.data)).toEqual([0, -1, 1, 0]);
  });

  it('turns constant and empty features into zeros with std 0', () => {
    const s = standardize([
      new Float64Array([0.1, 0.1, 0.1]),
      new Float64Array([NaN, NaN, NaN]),
      new Float64Array([0, 1, 2]),
    ]);
    expect(s.std.slice(0, 2)).toEqual([0, 0]);
    expect(s.mean[0]).toBeCloseTo(0.1, 15);
    expect(s.mean[1]).toBe(0);
    for (let i = 0; i < 3; i++) {
      expect(s.data[i * 3]).toBe(0);
      expect(s.data[i * 3 + 1]).toBe(0);
    }
    expect(s.data[2]).toBeLessThan(0);
  });

  it('takes a signed log1p of flagged features first', () => {
    // log1p(e − 1) = 1, log1p(0) = 0, −log1p(e − 1) = −1: mean 0, sd √(2/3).
    const e1 = Math.E - 1;
    const s = standardize([new Float64Array([e1, 0, -e1]), new Float64Array([e1, 0, -e1])], { log: [true, false] });
    expect(s.mean[0]).toBeCloseTo(0, 12);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(s.data[0]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(s.std[1]).toBeCloseTo(e1 * Math.sqrt(2 / 3), 12); // unflagged: raw
  });

  it('rejects columns of different lengths', () => {
    expect(() => standardize([new Float64Array(3), new Float64Array(2)])).toThrow(RangeError);
  });
});

describe('kmeans', () => {
  it('is deterministic for a seed', () => {
    const { data, n, d } = blobs([[0, 0], [3, 0], [0, 3], [3, 3]], 200, 3);
    const a = kmeans(data, n, d, 5, { seed: 42 });
    const b = kmeans(data, n, d, 5, { seed: 42 });
    expect(b.labels).toEqual(a.labels);
    expect(b.centroids).toEqual(a.centroids);
    expect(b.inertia).toBe(a.inertia);
    expect(b.iterations).toBe(a.iterations);
  });

  it('recovers well-separated blobs, with centroids at the blob means', () => {
    const { data, n, d, blob } = blobs(THREE, 300, 7);
    const r = kmeans(data, n, d, 3, { seed: 3 });
    expectRecovered(r.labels, blob, 3);
    for (let j = 0; j < 3; j++) {
      const cx = r.centroids[j * 2];
      const cy = r.centroids[j * 2 + 1];
      const near = THREE.some(([x, y]) => Math.hypot(cx - x, cy - y) < 0.3);
      expect(near).toBe(true);
    }
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.iterations).toBeLessThan(100);
  });

  it('labels each point with its nearest centroid and reports the matching inertia', () => {
    const { data, n, d } = blobs([[0, 0], [2, 1], [1, 3]], 150, 11);
    const k = 4;
    const r = kmeans(data, n, d, k, { seed: 5 });
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let j = 0; j < k; j++) {
        best = Math.min(best, (data[i * 2] - r.centroids[j * 2]) ** 2 + (data[i * 2 + 1] - r.centroids[j * 2 + 1]) ** 2);
      }
      const own = (data[i * 2] - r.centroids[r.labels[i] * 2]) ** 2 + (data[i * 2 + 1] - r.centroids[r.labels[i] * 2 + 1]) ** 2;
      expect(own).toBe(best);
      inertia += own;
    }
    expect(r.inertia).toBeCloseTo(inertia, 9);
  });

  it('re-seeds empty clusters so every cluster keeps a point, even with fewer distinct points than k', () => {
    // Three distinct values repeated: k-means++ must reuse a point, so two centroids coincide and
    // one of them loses all its points on the first assignment.
    const values = [0, 0, 0, 0, 5, 5, 5, 9, 9, 9];
    const data = new Float64Array(values);
    const r = kmeans(data, values.length, 1, 5, { seed: 1 });
    const sizes = new Array(5).fill(0);
    for (const l of r.labels) sizes[l]++;
    expect(sizes.every((s) => s > 0)).toBe(true);
    expect(r.centroids).toHaveLength(5); // k = 5 centroids of d = 1
    expect(Array.from(r.centroids).every(Number.isFinite)).toBe(true);
    expect(r.inertia).toBe(0); // every point sits on a centroid
    expect(r.iterations).toBeLessThan(5); // a re-seeded cluster keeps its point: no flip-flop
    for (let i = 0; i < values.length; i++) expect(r.centroids[r.labels[i]]).toBe(values[i]);
  });

  it('gives every cluster a point when all points coincide', () => {
    const r = kmeans(new Float64Array(12).fill(3), 6, 2, 3, { seed: 9 });
    expect(new Set(r.labels).size).toBe(3);
    expect(Array.from(r.centroids)).toEqual(new Array(6).fill(3));
    expect(r.inertia).toBe(0);
  });

  it('handles k = 1 and k = n', () => {
    const data = new Float64Array([1, 2, 3, 10]);
    const one = kmeans(data, 4, 1, 1);
    expect(Array.from(one.labels)).toEqual([0, 0, 0, 0]);
    expect(one.centroids[0]).toBe(4);
    const all = kmeans(data, 4, 1, 4);
    expect(new Set(all.labels).size).toBe(4);
    expect(all.inertia).toBe(0);
  });

  it('rejects bad arguments', () => {
    expect(() => kmeans(new Float64Array(4), 2, 2, 3)).toThrow(RangeError);
    expect(() => kmeans(new Float64Array(5), 2, 2, 1)).toThrow(RangeError);
    expect(() => kmeans(new Float64Array([0, NaN]), 2, 1, 1)).toThrow(RangeError);
  });
});

describe('silhouette', () => {
  it('is exact on a hand example', () => {
    // Points 0, 1 | 10, 11. Every point has a = 1 (its one neighbour).
    //   0: b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5 = 19/21
    //   1: b = (9 + 10) / 2 = 9.5,   s = 8.5 / 9.5 = 17/19
    //  10: b = (10 + 9) / 2 = 9.5,   s = 17/19
    //  11: b = (11 + 10) / 2 = 10.5, s = 19/21
    // mean = (19/21 + 17/19) / 2 = 359/399 ≈ 0.89975
    const s = silhouette(new Float64Array([0, 1, 10, 11]), 4, 1, new Int32Array([0, 0, 1, 1]));
    expect(s).toBeCloseTo(359 / 399, 12);
  });

  it('scores a singleton 0', () => {
    // Points 0, 1 | 10: 0 → a 1, b 10, s 0.9; 1 → a 1, b 9, s 8/9; 10 alone → 0.
    const s = silhouette(new Float64Array([0, 1, 10]), 3, 1, new Int32Array([0, 0, 1]));
    expect(s).toBeCloseTo((0.9 + 8 / 9) / 3, 12);
  });

  it('uses 2-D Euclidean distance', () => {
    // (0,0), (3,4) | (0,10): a = 5 for both in cluster 0; b = 10 and √(9 + 36) = √45.
    // The singleton scores 0.
    const data = new Float64Array([0, 0, 3, 4, 0, 10]);
    const s = silhouette(data, 3, 2, new Int32Array([0, 0, 1]));
    const b2 = Math.sqrt(45);
    expect(s).toBeCloseTo(((10 - 5) / 10 + (b2 - 5) / b2) / 3, 12);
  });

  it('samples close to the exact value and is deterministic for a seed', () => {
    const { data, n, d } = blobs([[0, 0, 0], [4, 0, 0], [0, 4, 1], [3, 3, 4]], 750, 99);
    const { labels } = kmeans(data, n, d, 4, { seed: 2 });
    const exact = silhouette(data, n, d, labels, { sampleSize: n });
    const sampled = silhouette(data, n, d, labels, { sampleSize: 1000, seed: 8 });
    expect(n).toBe(3000);
    expect(Math.abs(sampled - exact)).toBeLessThan(0.05);
    expect(sampled).not.toBe(exact); // it did sample
    expect(silhouette(data, n, d, labels, { sampleSize: 1000, seed: 8 })).toBe(sampled);
  });

  it('scores equal silhouette exactly when reused for several clusterings', () => {
    const { data, n, d } = blobs([[0, 0], [5, 0], [0, 5]], 400, 4);
    for (const sampleSize of [500, 5000]) {
      const score = silhouetteScorer(data, n, d, { sampleSize, seed: 3 });
      for (const k of [2, 3, 4]) {
        const { labels } = kmeans(data, n, d, k, { seed: 1 });
        expect(score(labels)).toBe(silhouette(data, n, d, labels, { sampleSize, seed: 3 }));
      }
    }
  });

  it('is 0 for a single cluster', () => {
    expect(silhouette(new Float64Array([1, 2, 3]), 3, 1, new Int32Array(3))).toBe(0);
  });
});

describe('chooseK', () => {
  it('picks k = 3 on three separated blobs', () => {
    const { data, n, d, blob } = blobs(THREE, 200, 2024);
    const r = chooseK(data, n, d, { seed: 5 });
    expect(r.k).toBe(3);
    expect(r.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...r.scores.map((s) => s.silhouette));
    expect(r.scores[1].silhouette).toBe(best);
    expect(r.result.centroids.length).toBe(3 * d);
    expectRecovered(r.result.labels, blob, 3);
  });

  it('caps kMax at n − 1 and keeps the best score', () => {
    // Four points: k = 2 → {0,1}{10,11} scores 359/399; k = 3 has a singleton and scores lower.
    const r = chooseK(new Float64Array([0, 1, 10, 11]), 4, 1);
    expect(r.scores.map((s) => s.k)).toEqual([2, 3]);
    expect(r.k).toBe(2);
    expect(r.scores[0].silhouette).toBeCloseTo(359 / 399, 12);
  });

  it('rejects a range with no k', () => {
    expect(() => chooseK(new Float64Array([0, 1]), 2, 1)).toThrow(RangeError);
    expect(() => chooseK(new Float64Array(10), 10, 1, { kMin: 1 })).toThrow(RangeError);
  });
});

describe('describeClusters', () => {
  const features = [
    { key: 'recency', higherIs: 'bad' as const },
    { key: 'frequency', higherIs: 'good' as const },
    { key: 'monetary' },
    { key: 'age' },
  ];

  it('lists up to three traits with |z| ≥ 0.5, largest first, as codes', () => {
    // prettier-ignore
    const centroids = new Float64Array([
      -1.2, 0.8, 2.0, 0.1, // recent, frequent, big spenders
      1.5, -0.6, -0.5, 0.49, // lapsed, infrequent, low spend; age below threshold
      0.2, -0.3, 0.0, 0.4, // average
      0.9, 0.9, -0.9, -3, // ties keep column order; at most three
    ]);
    const out = describeClusters(centroids, 4, features);
    expect(out).toEqual([
      {
        cluster: 0,
        traits: [
          { feature: 'monetary', level: 'high', z: 2.0 },
          { feature: 'recency', level: 'low', z: -1.2, tone: 'good' },
          { feature: 'frequency', level: 'high', z: 0.8, tone: 'good' },
        ],
      },
      {
        cluster: 1,
        traits: [
          { feature: 'recency', level: 'high', z: 1.5, tone: 'bad' },
          { feature: 'frequency', level: 'low', z: -0.6, tone: 'bad' },
          { feature: 'monetary', level: 'low', z: -0.5 },
        ],
      },
      { cluster: 2, traits: [] },
      {
        cluster: 3,
        traits: [
          { feature: 'age', level: 'low', z: -3 },
          { feature: 'recency', level: 'high', z: 0.9, tone: 'bad' },
          { feature: 'frequency', level: 'high', z: 0.9, tone: 'good' },
        ],
      },
    ]);
  });

  it('rejects centroids of the wrong shape and offers the feature keys', () => {
    expect(() => describeClusters(new Float64Array(7), 2, features)).toThrow(RangeError);
    expect(FEATURE_KEYS).toEqual(['recency', 'frequency', 'monetary', 'tenure', 'age', 'aov']);
  });
});
