/**
 * Groupings other than RFM: value tiers, lifecycle stages, a rule segment, k-means clusters.
 * Each returns its summary and its labels; the labels are kept under the grouping's handle, so
 * personas, members and exports work the same for all of them. Each is as of an analysis day
 * (default: the day after the last order): only orders on or before it count, and customers whose
 * first order is later are in no group.
 */
import {
  chooseK, describeClusters, evaluateRule, kmeans, LIFECYCLE_STAGES, lifecycleStages, paretoCurve, standardize,
  validateRule, valueTiers, type RuleGroup, type TierBasis,
} from '../../src/lib/domain';
import { asOf, gapsAsOf, type AsOf } from '../core/as-of';
import type { LoadedDataset, Segmentation } from '../core/loaded';
import {
  MAX_ATTRIBUTE_GROUPS, OTHER_VALUES, type AttributeField, type ClusterRequest, type ClusterResult, type GroupCount, type GroupingRun,
  type LifecycleRequest, type LifecycleResult, type RuleResult, type TiersResult,
} from './api';

type Summary<T> = Omit<T, 'handle'>;

/**
 * A grouping's labels with the facts of its analysis day. Shares are of the labelled customers
 * (as the grouping's table shows them), or of everyone who was a customer by then (`all`, a rule).
 */
function labelled(f: AsOf, labels: string[], all = false): Segmentation {
  const grouped = all ? f.customers : labels.reduce((k, l) => k + (l ? 1 : 0), 0);
  return { labels, recencyDays: f.recency, frequency: f.summary.orders, monetary: f.net, asOfDay: f.asOfDay, net: f.net, grouped };
}

function countLabels(labels: string[], keys: string[], net: Float64Array, clv?: Float64Array): GroupCount[] {
  const clvSums = new Map<string, number>();
  const size = new Map<string, number>();
  const revenue = new Map<string, number>();
  let total = 0;
  let members = 0;
  for (let i = 0; i < labels.length; i++) {
    if (net[i] > 0) total += net[i]; // revenue shares are of the whole base
    const k = labels[i];
    if (!k) continue;
    members++;
    size.set(k, (size.get(k) ?? 0) + 1);
    revenue.set(k, (revenue.get(k) ?? 0) + net[i]);
    if (clv && Number.isFinite(clv[i])) clvSums.set(k, (clvSums.get(k) ?? 0) + clv[i]);
  }
  return keys.map((key) => ({
    key, size: size.get(key) ?? 0, share: members ? (size.get(key) ?? 0) / members : 0,
    revenue: revenue.get(key) ?? 0, revenueShare: total > 0 ? Math.max(0, revenue.get(key) ?? 0) / total : 0,
    ...(clv ? { meanClv: size.get(key) ? (clvSums.get(key) ?? 0) / size.get(key)! : null } : {}),
  }));
}

/** High / medium / low value by share of customers (Pareto) or of revenue (ABC). */
export function runTiers(ds: LoadedDataset, shares: number[], basis: TierBasis, analysisDay?: number): GroupingRun<Summary<TiersResult>> {
  const f = asOf(ds, analysisDay);
  // the customers of that day only
  const members = presentIndices(f);
  const values = Float64Array.from(members, (i) => f.net[i]);
  const t = valueTiers(values, shares, basis);
  const labels = new Array<string>(f.net.length).fill('');
  members.forEach((i, j) => (labels[i] = `tier_${t.tier[j] + 1}`));
  return {
    result: { analysisDay: f.analysisDay, asOfDay: f.asOfDay, tiers: t.tiers, edges: t.edges, pareto: paretoCurve(values, 51) },
    segmentation: labelled(f, labels),
  };
}

/** Indices of the customers present on the analysis day. */
function presentIndices(f: AsOf): Int32Array {
  const out = new Int32Array(f.customers);
  for (let i = 0, j = 0; i < f.present.length; i++) if (f.present[i]) out[j++] = i;
  return out;
}

/** Lifecycle stage of every customer. */
export function runLifecycle(ds: LoadedDataset, request: LifecycleRequest): GroupingRun<Summary<LifecycleResult>> {
  const { analysisDay, ...options } = request;
  const f = asOf(ds, analysisDay);
  const s = f.summary;
  const stages = lifecycleStages({ orders: s.orders, firstDay: s.firstDay, lastDay: s.lastDay, usualGap: gapsAsOf(ds, f) }, { ...options, analysisDay: f.analysisDay });
  const labels = Array.from(stages, (k, i) => (f.present[i] ? LIFECYCLE_STAGES[k] : ''));
  return {
    result: { analysisDay: f.analysisDay, asOfDay: f.asOfDay, stages: countLabels(labels, [...LIFECYCLE_STAGES], f.net, ds.value?.clv) },
    segmentation: labelled(f, labels),
  };
}

/** Members of a rule built from attributes and behaviour. */
export function runRule(ds: LoadedDataset, group: RuleGroup, analysisDay?: number): GroupingRun<Summary<RuleResult>> | { result: Summary<RuleResult>; segmentation: null } {
  const problems = validateRule(group);
  const f = asOf(ds, analysisDay);
  if (problems.length) return { result: { analysisDay: f.analysisDay, asOfDay: f.asOfDay, size: 0, share: 0, revenue: 0, revenueShare: 0, problems }, segmentation: null };
  const c = ds.indexed.customers;
  const s = f.summary;
  const member = evaluateRule(group, {
    length: c.id.length, age: f.age, gender: c.gender, city: c.city, province: c.province, channel: c.channel,
    signupDay: c.signupDay, orders: s.orders, netSpend: f.net, lastOrderDaysAgo: f.recency, returns: s.returns,
  });
  const labels = Array.from(member, (m, i) => (m && f.present[i] ? 'rule' : ''));
  const [g] = countLabels(labels, ['rule'], f.net, ds.value?.clv);
  // share of the customers of that day (countLabels' share is of the labelled ones, here the members themselves)
  return {
    result: {
      analysisDay: f.analysisDay, asOfDay: f.asOfDay, size: g.size, share: f.customers ? g.size / f.customers : 0, revenue: g.revenue,
      revenueShare: g.revenueShare, problems: [],
    },
    segmentation: labelled(f, labels, true),
  };
}

/**
 * Customers by an attribute as of the analysis day: the MAX_ATTRIBUTE_GROUPS most common values
 * (by customers, trimmed; ties by the value) are groups of their own, the rest OTHER_VALUES;
 * customers without a value, or not yet customers that day, are in none.
 */
export function runAttribute(ds: LoadedDataset, field: AttributeField, analysisDay?: number): Segmentation {
  const f = asOf(ds, analysisDay);
  const values = ds.indexed.customers[field];
  const raw = Array.from(values, (v, i) => (f.present[i] ? v.trim() : ''));
  const count = new Map<string, number>();
  for (const v of raw) if (v) count.set(v, (count.get(v) ?? 0) + 1);
  const kept = new Set([...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, MAX_ATTRIBUTE_GROUPS).map(([v]) => v));
  const labels = raw.map((v) => (!v ? '' : kept.has(v) ? v : OTHER_VALUES));
  return labelled(f, labels, true);
}

const FEATURE_COLUMNS = ['recency', 'frequency', 'monetary', 'tenure', 'age', 'aov'] as const;

/** k-means on standardized features of buying customers; k chosen by sampled silhouette or given. */
export function runClusters(ds: LoadedDataset, request: ClusterRequest): GroupingRun<Summary<ClusterResult>> {
  const f = asOf(ds, request.analysisDay);
  const s = f.summary;
  const features = request.features.filter((x) => (FEATURE_COLUMNS as readonly string[]).includes(x));
  if (features.length === 0) throw { code: 'clusters.noFeatures' };
  const buyers: number[] = [];
  for (let i = 0; i < s.orders.length; i++) if (s.orders[i] > 0) buyers.push(i);
  if (buyers.length < 10) throw { code: 'clusters.tooFew', params: { count: buyers.length } };
  const column = (key: string) => {
    const src = key === 'recency' ? f.recency : key === 'frequency' ? s.orders : key === 'monetary' ? f.net : key === 'tenure' ? f.tenure : key === 'age' ? f.age : f.aov;
    return Float64Array.from(buyers, (i) => src[i]);
  };
  // Money and counts are heavily skewed: cluster on their logarithm.
  const skewed = new Set(['frequency', 'monetary', 'aov']);
  const z = standardize(features.map(column), { log: features.map((k) => skewed.has(k)) });
  const seed = request.seed ?? 1;
  let k: number;
  let scores: { k: number; silhouette: number }[] = [];
  let sample = 0;
  let result;
  if (request.k === 'auto') {
    const chosen = chooseK(z.data, z.n, z.d, { kMin: 2, kMax: 8, seed });
    ({ k, scores, result, sample } = chosen);
  } else {
    k = Math.max(2, Math.min(12, Math.floor(request.k)));
    result = kmeans(z.data, z.n, z.d, k, { seed });
  }
  const words = describeClusters(result.centroids, k, features.map((key) => ({ key })));
  const labels = new Array<string>(s.orders.length).fill('');
  buyers.forEach((cust, j) => (labels[cust] = `cluster_${result.labels[j] + 1}`));
  const counts = countLabels(labels, Array.from({ length: k }, (_, i) => `cluster_${i + 1}`), f.net, ds.value?.clv);
  const means = Array.from({ length: k }, () => new Array<number>(features.length).fill(0));
  const seen = Array.from({ length: k }, () => new Array<number>(features.length).fill(0));
  const raw = features.map(column);
  buyers.forEach((_, j) => {
    const c = result.labels[j];
    raw.forEach((col, d) => {
      if (Number.isFinite(col[j])) {
        means[c][d] += col[j];
        seen[c][d]++;
      }
    });
  });
  return {
    result: {
      analysisDay: f.analysisDay, asOfDay: f.asOfDay, k, scores, sample, clustered: buyers.length, features,
      clusters: counts.map((g, c) => ({
        ...g,
        means: means[c].map((m, d) => (seen[c][d] ? m / seen[c][d] : null)),
        traits: words[c].traits.map((t) => ({ feature: t.feature, level: t.level })),
      })),
    },
    segmentation: labelled(f, labels),
  };
}
