/**
 * Groupings other than RFM: value tiers, lifecycle stages, a rule segment, k-means clusters.
 * Each returns its summary and its labels; the labels are kept under the grouping's handle, so
 * personas, members and exports work the same for all of them.
 */
import {
  ageOn, chooseK, defaultAnalysisDay, describeClusters, evaluateRule, kmeans, LIFECYCLE_STAGES, lifecycleStages,
  NO_DAY, paretoCurve, standardize, usualGaps, validateRule, valueTiers, type LifecycleOptions, type RuleGroup,
  type TierBasis,
} from '../../src/lib/domain';
import type { LoadedDataset, Segmentation } from '../core/loaded';
import type { ClusterRequest, ClusterResult, GroupCount, GroupingRun, LifecycleResult, RuleResult, TiersResult } from './api';

type Summary<T> = Omit<T, 'handle'>;

/**
 * A grouping's labels with the facts of the default analysis day (every order counts). Shares are
 * of the labelled customers (as the grouping's table shows them), or of everyone (`all`, a rule).
 */
function labelled(ds: LoadedDataset, labels: string[], all = false): Segmentation {
  const f = facts(ds);
  const grouped = all ? labels.length : labels.reduce((k, l) => k + (l ? 1 : 0), 0);
  return { labels, recencyDays: f.recency, frequency: ds.summary.orders, monetary: f.net, asOfDay: f.analysisDay - 1, net: f.net, grouped };
}

/** Per-customer facts shared by the groupings (computed once per loaded dataset). */
function facts(ds: LoadedDataset) {
  if (ds.facts) return ds.facts;
  const c = ds.indexed.customers;
  const s = ds.summary;
  const n = c.id.length;
  const analysisDay = defaultAnalysisDay(s.lastDay);
  const net = new Float64Array(n);
  const recency = new Float64Array(n);
  const age = new Float64Array(n);
  const tenure = new Float64Array(n);
  const aov = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    net[i] = s.sales[i] - s.returns[i];
    recency[i] = s.lastDay[i] === NO_DAY ? NaN : analysisDay - s.lastDay[i];
    tenure[i] = s.firstDay[i] === NO_DAY ? NaN : analysisDay - s.firstDay[i];
    age[i] = c.birthDay[i] === NO_DAY ? NaN : ageOn(c.birthDay[i], analysisDay - 1);
    aov[i] = s.orders[i] > 0 ? s.sales[i] / s.orders[i] : NaN;
  }
  ds.facts = { analysisDay, net, recency, age, tenure, aov };
  return ds.facts;
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
export function runTiers(ds: LoadedDataset, shares: number[], basis: TierBasis): GroupingRun<Summary<TiersResult>> {
  const f = facts(ds);
  const t = valueTiers(f.net, shares, basis);
  const labels = Array.from(t.tier, (k) => `tier_${k + 1}`);
  return {
    result: { tiers: t.tiers, edges: t.edges, pareto: paretoCurve(f.net, 51) },
    segmentation: labelled(ds, labels),
  };
}

/** Lifecycle stage of every customer. */
export function runLifecycle(ds: LoadedDataset, options: Omit<LifecycleOptions, 'analysisDay'>): GroupingRun<Summary<LifecycleResult>> {
  const f = facts(ds);
  const s = ds.summary;
  const n = ds.indexed.customers.id.length;
  ds.gaps ??= usualGaps(ds.indexed.orders, n);
  const stages = lifecycleStages({ orders: s.orders, firstDay: s.firstDay, lastDay: s.lastDay, usualGap: ds.gaps }, { ...options, analysisDay: f.analysisDay });
  const labels = Array.from(stages, (k) => LIFECYCLE_STAGES[k]);
  return {
    result: { analysisDay: f.analysisDay, stages: countLabels(labels, [...LIFECYCLE_STAGES], f.net, ds.value?.clv) },
    segmentation: labelled(ds, labels),
  };
}

/** Members of a rule built from attributes and behaviour. */
export function runRule(ds: LoadedDataset, group: RuleGroup): GroupingRun<Summary<RuleResult>> | { result: Summary<RuleResult>; segmentation: null } {
  const problems = validateRule(group);
  if (problems.length) return { result: { size: 0, share: 0, revenue: 0, revenueShare: 0, problems }, segmentation: null };
  const f = facts(ds);
  const c = ds.indexed.customers;
  const s = ds.summary;
  const member = evaluateRule(group, {
    length: c.id.length, age: f.age, gender: c.gender, city: c.city, province: c.province, channel: c.channel,
    signupDay: c.signupDay, orders: s.orders, netSpend: f.net, lastOrderDaysAgo: f.recency, returns: s.returns,
  });
  const labels = Array.from(member, (m) => (m ? 'rule' : ''));
  const [g] = countLabels(labels, ['rule'], f.net, ds.value?.clv);
  // share of all customers (countLabels' share is of the labelled ones, here the members themselves)
  return {
    result: { size: g.size, share: c.id.length ? g.size / c.id.length : 0, revenue: g.revenue, revenueShare: g.revenueShare, problems: [] },
    segmentation: labelled(ds, labels, true),
  };
}

const FEATURE_COLUMNS = ['recency', 'frequency', 'monetary', 'tenure', 'age', 'aov'] as const;

/** k-means on standardized features of buying customers; k chosen by sampled silhouette or given. */
export function runClusters(ds: LoadedDataset, request: ClusterRequest): GroupingRun<Summary<ClusterResult>> {
  const f = facts(ds);
  const s = ds.summary;
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
  let result;
  if (request.k === 'auto') {
    const chosen = chooseK(z.data, z.n, z.d, { kMin: 2, kMax: 8, seed });
    ({ k, scores, result } = chosen);
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
      k, scores, features,
      clusters: counts.map((g, c) => ({
        ...g,
        means: means[c].map((m, d) => (seen[c][d] ? m / seen[c][d] : null)),
        traits: words[c].traits.map((t) => ({ feature: t.feature, level: t.level })),
      })),
    },
    segmentation: labelled(ds, labels),
  };
}
