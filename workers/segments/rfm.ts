import {
  ageOn, assignRfmSegments, maskId, maskPersonal, NO_DAY, personaSummary, rfmInputs, rfmScores, rfmThresholds, shadowedRules,
  OTHERS_SEGMENT, RFM11_RULES, RFM8_KEYS, type Notice, type Persona,
} from '../../src/lib/domain';
import { toCsv } from '../../src/lib/domain/import';
import { asOf } from '../core/as-of';
import type { LoadedDataset, Segmentation } from '../core/loaded';
import type { GroupingRun, RfmRequest, RfmResult, SegmentStat } from './api';

/** Score every buying customer, assign the preset's segments, and summarise each segment. */
export function runRfm(ds: LoadedDataset, request: RfmRequest): GroupingRun<Omit<RfmResult, 'handle'>> {
  const ids = ds.indexed.customers.id;
  // as of the analysis day: only orders on or before it count (later customers are not customers yet)
  const f = asOf(ds, request.analysisDay);
  const { analysisDay, summary: s } = f;
  const inputs = rfmInputs(ids, s, { analysisDay, monetary: request.monetary });
  const bins = Math.max(2, Math.min(10, Math.floor(request.bins) || 5));
  const method = request.method ?? 'tie-aware';
  const own = (t?: number[]) => (t ?? []).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const edges = (t: number[] | undefined, values: number[]) => (own(t).length ? own(t) : rfmThresholds(values, bins, { method }));
  // the edges once, then scored with them (the same edges are shown)
  const thresholds = {
    R: edges(request.thresholds?.R, inputs.map((r) => r.recencyDays)),
    F: edges(request.thresholds?.F, inputs.map((r) => r.frequency)),
    M: edges(request.thresholds?.M, inputs.map((r) => r.monetary)),
  };
  const scores = rfmScores(inputs, { bins, thresholds });
  const rows = inputs.map((r, i) => ({
    customerId: r.customerId, recencyDays: r.recencyDays, frequency: r.frequency, monetary: r.monetary,
    R: scores[i].R, F: scores[i].F, M: scores[i].M,
  }));
  const labels = assignRfmSegments(rows, request.preset, { reference: request.reference, bins });
  const distributions = {
    R: new Array<number>(thresholds.R.length + 1).fill(0),
    F: new Array<number>(thresholds.F.length + 1).fill(0),
    M: new Array<number>(thresholds.M.length + 1).fill(0),
  };
  const gridBins = { R: distributions.R.length, F: distributions.F.length };
  const gridCount = new Float64Array(gridBins.R * gridBins.F);
  const gridM = new Float64Array(gridBins.R * gridBins.F);
  const n = ids.length;
  const seg: Segmentation = {
    labels: new Array<string>(n).fill(''), recencyDays: new Float64Array(n).fill(NaN),
    frequency: new Int32Array(n), monetary: new Float64Array(n).fill(NaN),
    asOfDay: f.asOfDay, net: f.net, grouped: inputs.length,
  };
  const index = ds.indexed.customerIndex;
  const stats = new Map<string, SegmentStat>();
  let totalRevenue = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const k = index.get(r.customerId)!;
    const net = s.sales[k] - s.returns[k];
    totalRevenue += net;
    seg.labels[k] = labels[i];
    seg.recencyDays[k] = r.recencyDays;
    seg.frequency[k] = r.frequency;
    seg.monetary[k] = r.monetary;
    distributions.R[r.R - 1]++;
    distributions.F[r.F - 1]++;
    distributions.M[r.M - 1]++;
    const cell = (r.R - 1) * gridBins.F + (r.F - 1);
    gridCount[cell]++;
    gridM[cell] += r.monetary;
    let st = stats.get(labels[i]);
    if (!st) {
      st = { key: labels[i], size: 0, customerShare: 0, revenue: 0, revenueShare: 0, avgRecencyDays: 0, avgFrequency: 0, avgMonetary: 0, avgR: 0, avgF: 0, avgM: 0 };
      stats.set(labels[i], st);
    }
    st.size++;
    st.revenue += net;
    st.avgRecencyDays += r.recencyDays;
    st.avgFrequency += r.frequency;
    st.avgMonetary += r.monetary;
    st.avgR += r.R;
    st.avgF += r.F;
    st.avgM += r.M;
  }
  const clvSum = new Map<string, number>();
  if (ds.value) for (const [k, label] of seg.labels.entries()) if (label && Number.isFinite(ds.value.clv[k])) clvSum.set(label, (clvSum.get(label) ?? 0) + ds.value.clv[k]);
  for (const st of stats.values()) {
    if (ds.value) st.meanClv = (clvSum.get(st.key) ?? 0) / st.size;
    st.customerShare = st.size / rows.length;
    st.revenueShare = totalRevenue > 0 ? st.revenue / totalRevenue : 0;
    for (const key of ['avgRecencyDays', 'avgFrequency', 'avgMonetary', 'avgR', 'avgF', 'avgM'] as const) st[key] /= st.size;
  }
  const order = presetOrder(request.preset);
  const segments = [...stats.values()].sort((a, b) => rank(order, a.key) - rank(order, b.key) || b.size - a.size);
  const grid: RfmResult['grid'] = [];
  for (let r = 0; r < gridBins.R; r++) {
    for (let f = 0; f < gridBins.F; f++) {
      const c = r * gridBins.F + f;
      grid.push({ R: r + 1, F: f + 1, count: gridCount[c], meanMonetary: gridCount[c] ? gridM[c] / gridCount[c] : 0 });
    }
  }
  const shadowed = request.preset === 'rfm11'
    ? shadowedRules(RFM11_RULES, bins, { rulesBins: 5 })
    : Array.isArray(request.preset) ? shadowedRules(request.preset, bins) : [];
  return {
    result: {
      analysisDay, asOfDay: f.asOfDay, bins, method, thresholds, distributions, grid, segments, scored: rows.length, shadowed,
      warnings: rfmWarnings(distributions, stats.get(OTHERS_SEGMENT)?.size ?? 0, rows.length),
    },
    segmentation: seg,
  };
}

/** Share of scored customers in 'others' above which the result warns. */
const MANY_OTHERS = 0.1;

/**
 * What the user should know about a scoring: score levels no customer has (ties, or too few
 * distinct values for the bins), and many customers in 'others' (the rules leave them out).
 */
function rfmWarnings(distributions: RfmResult['distributions'], others: number, scored: number): Notice[] {
  const out: Notice[] = [];
  for (const score of ['R', 'F', 'M'] as const) {
    const empty = distributions[score].flatMap((count, i) => (count === 0 ? [i + 1] : []));
    if (empty.length && scored > 0) out.push({ code: 'rfm.emptyLevels', params: { score, levels: empty.join(', ') } });
  }
  if (scored > 0 && others / scored > MANY_OTHERS) out.push({ code: 'rfm.manyOthers', params: { share: others / scored } });
  return out;
}

function presetOrder(preset: RfmRequest['preset']): string[] {
  if (preset === 'rfm11') return [...RFM11_RULES.map((r) => r.key), OTHERS_SEGMENT];
  if (preset === 'rfm8') return [...RFM8_KEYS];
  return [...preset.map((r) => r.key), OTHERS_SEGMENT];
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

/** Persona of one segment of a grouping. */
export function segmentPersona(ds: LoadedDataset, seg: Segmentation, segment: string): Persona {
  const c = ds.indexed.customers;
  const n = c.id.length;
  const member = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (seg.labels[i] === segment) member[i] = 1;
  const age = new Float64Array(n);
  for (let i = 0; i < n; i++) age[i] = c.birthDay[i] === NO_DAY ? NaN : ageOn(c.birthDay[i], seg.asOfDay);
  const net = seg.net;
  return personaSummary(member, {
    customers: n, age, gender: c.gender, city: c.city, channel: c.channel, netSpend: net,
    recencyDays: seg.recencyDays, frequency: seg.frequency, monetary: seg.monetary, grouped: seg.grouped,
  });
}

/** The members of a segment as CSV (id, name, city, channel, orders, net spend, recency days). */
export function segmentCsv(ds: LoadedDataset, seg: Segmentation, segment: string, header: string[], mask = false): string {
  const c = ds.indexed.customers;
  const rows: (string | number | null)[][] = [];
  for (let i = 0; i < c.id.length; i++) {
    if (seg.labels[i] !== segment) continue;
    rows.push([
      mask ? maskId(c.id[i]) : c.id[i], mask ? maskPersonal(c.name[i]) : c.name[i], c.city[i], c.channel[i], seg.frequency[i],
      Math.round(seg.net[i] * 100) / 100, seg.recencyDays[i],
    ]);
  }
  return toCsv(header, rows);
}
