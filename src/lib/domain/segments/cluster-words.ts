/**
 * Suggested clustering features, as codes the UI's message catalog words. All are raw values:
 * `recency` is days since the last purchase, so a HIGH recency means the customer has NOT bought
 * lately; `aov` is average order value; `tenure` is days since the first purchase.
 */
export const FEATURE_KEYS = ['recency', 'frequency', 'monetary', 'tenure', 'age', 'aov'] as const;

/** One of {@link FEATURE_KEYS}. */
export type FeatureKey = (typeof FEATURE_KEYS)[number];

/** A feature of the clustered matrix, in column order. */
export interface ClusterFeature {
  /** Code of the feature; usually a {@link FeatureKey}. */
  key: FeatureKey | (string & {});
  /** Whether a high raw value is good or bad for the business (recency: 'bad'); sets `tone`. */
  higherIs?: 'good' | 'bad';
}

/** A feature on which a cluster's centroid stands out. */
export interface ClusterTrait {
  feature: string;
  /** Level of the RAW feature: 'high' recency = long since the last purchase (not recent). */
  level: 'high' | 'low';
  /** Standardized centroid value (z-score). */
  z: number;
  /** Present when the feature has `higherIs`: whether this level is good or bad news. */
  tone?: 'good' | 'bad';
}

/** The traits of one cluster. */
export interface ClusterDescription {
  cluster: number;
  /** At most `maxTraits` traits, largest |z| first; empty for an average cluster. */
  traits: ClusterTrait[];
}

/** Options of {@link describeClusters}. */
export interface DescribeOptions {
  /** Smallest |z| that makes a trait [0.5]. */
  threshold?: number;
  /** Most traits per cluster [3]. */
  maxTraits?: number;
}

/**
 * Codes describing each cluster from its standardized centroid: a feature is a trait when
 * |z| ≥ 0.5, level 'high' for z > 0 and 'low' for z < 0, largest |z| first (column order on
 * ties), at most 3. Levels are of the raw feature; the UI words them in Chinese or English, and
 * for `recency` it must invert: 'low' recency reads "recent", 'high' reads "lapsed".
 *
 * @param centroids Row-major k × features.length standardized centroids (as from {@link kmeans}).
 * @param k Number of clusters.
 * @param features The matrix's features, in column order.
 * @param options threshold [0.5], maxTraits [3].
 * @example
 * describeClusters(centroids, 2, [{ key: 'recency', higherIs: 'bad' }, { key: 'monetary' }]);
 * // [{ cluster: 0, traits: [{ feature: 'recency', level: 'low', z: -1.1, tone: 'good' }] }, …]
 */
export function describeClusters(
  centroids: Float64Array, k: number, features: readonly ClusterFeature[], options: DescribeOptions = {},
): ClusterDescription[] {
  const d = features.length;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`describeClusters: k must be a non-negative integer, got ${k}`);
  if (centroids.length !== k * d) {
    throw new RangeError(`describeClusters: ${centroids.length} centroid values, expected k × features = ${k * d}`);
  }
  const threshold = options.threshold ?? 0.5;
  const maxTraits = options.maxTraits ?? 3;
  if (!(threshold > 0)) throw new RangeError(`describeClusters: threshold must be > 0, got ${threshold}`);
  if (!Number.isInteger(maxTraits) || maxTraits < 0) {
    throw new RangeError(`describeClusters: maxTraits must be a non-negative integer, got ${maxTraits}`);
  }
  const out: ClusterDescription[] = [];
  for (let c = 0; c < k; c++) {
    const traits: ClusterTrait[] = [];
    for (let f = 0; f < d; f++) {
      const z = centroids[c * d + f];
      if (!(Math.abs(z) >= threshold)) continue; // NaN is never a trait
      const level = z > 0 ? 'high' : 'low';
      const trait: ClusterTrait = { feature: features[f].key, level, z };
      const higherIs = features[f].higherIs;
      if (higherIs) trait.tone = (level === 'high') === (higherIs === 'good') ? 'good' : 'bad';
      traits.push(trait);
    }
    traits.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)); // stable: column order on ties
    out.push({ cluster: c, traits: traits.slice(0, maxTraits) });
  }
  return out;
}
