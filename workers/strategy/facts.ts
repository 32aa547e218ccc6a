/**
 * What the Strategy page knows of each group of a grouping (its panels share it): size, current
 * value (net revenue in the last 12 months and in total), future value (mean CLV after a value
 * fit, mean P(alive), recency), NPS, complaints, churn and the share of new customers. All as of
 * the grouping's day.
 */
import { schemeOf, type Archetype } from '../../src/lib/domain';
import { archetypeOf } from '../../src/lib/domain/strategy/archetypes';
import type { LoadedDataset, Segmentation, ValueModel } from '../core/loaded';
import { DEFAULT_RFM, type GroupingHandle } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import { ordered } from '../voice/scores';
import { voiceOfGroups } from '../voice/segments';

/** Days of the "last 12 months" window, up to and including the grouping's day. */
export const YEAR_DAYS = 365;
/** A customer whose first order is at most this many days before the grouping's day is new. */
export const NEW_DAYS = 90;

export interface StrategyRequest {
  /** The grouping (default: the 11 RFM segments with default settings). */
  grouping?: GroupingHandle;
  /** The day the grouping is as of (default: the day after the last order). */
  analysisDay?: number;
}

/** One group's facts. Means are over its customers; NaN where there is nothing to average. */
export interface SegmentFacts {
  key: string;
  /** The archetype its key implies (null for clusters, rule segments and attributes). */
  archetype: Archetype | null;
  customers: number;
  /** Net revenue (sales − returns) of its customers in the 365 days up to the grouping's day, and in total by then. */
  net12: number;
  netTotal: number;
  /** Its share of all grouped customers' net12 (0–1; NaN when that is 0). */
  revenueShare: number;
  /** Mean CLV and mean P(alive) after a value fit (null without one). */
  meanClv: number | null;
  meanPAlive: number | null;
  /** Mean days since the last purchase (NaN when none bought). */
  meanRecency: number;
  /** Share of its customers without a purchase in the 365 days up to the grouping's day. */
  lapsedShare: number;
  /** Share of its customers whose first purchase is within 90 days of the grouping's day. */
  newShare: number;
  /** NPS points (−100…100; NaN without answers) and its answers. */
  nps: number;
  npsAnswers: number;
  /** Share of its customers with a complaint (null when the dataset holds no feedback). */
  complaintRate: number | null;
}

export interface StrategyFacts {
  grouping: { kind: GroupingHandle['definition']['kind']; id: string; scheme: string };
  /** The last day whose orders count. */
  asOfDay: number;
  /** Customers in some group. */
  customers: number;
  /** The value fit CLV and P(alive) come from (null: none in this session). */
  value: ValueModel | null;
  segments: SegmentFacts[];
}

/** Per-customer net revenue (sales − returns) of the orders dated in [day − 364, day]. */
export function netInYear(ds: LoadedDataset, day: number): Float64Array {
  const o = ds.indexed.orders;
  const out = new Float64Array(ds.indexed.customers.id.length);
  const from = day - YEAR_DAYS + 1;
  for (let i = 0; i < o.length; i++) {
    const d = o.day[i];
    if (d < from || d > day) continue;
    out[o.customer[i]] += o.isReturn[i] ? -Math.abs(o.amount[i]) : o.amount[i];
  }
  return out;
}

/** The handle asked for, or the default 11 RFM segments as of the analysis day. */
export function strategyHandle(request: StrategyRequest): GroupingHandle {
  return request.grouping ?? handleFor({ kind: 'rfm', request: { ...DEFAULT_RFM, analysisDay: request.analysisDay } });
}

/** The facts of every group of the grouping, in the grouping's order (customers in no group left out). */
export function runStrategyFacts(ds: LoadedDataset, request: StrategyRequest, checkpoint: () => void): StrategyFacts {
  const handle = strategyHandle(request);
  const seg: Segmentation = resolveGrouping(ds, handle);
  checkpoint();
  const day = seg.asOfDay;
  const year = netInYear(ds, day);
  const first = ds.summary.firstDay;
  const value = ds.value;
  type Sum = { customers: number; net12: number; netTotal: number; clv: number; clvN: number; alive: number; aliveN: number; rec: number; recN: number; lapsed: number; fresh: number };
  const sums = new Map<string, Sum>();
  let customers = 0, allNet12 = 0;
  seg.labels.forEach((label, k) => {
    if (!label) return;
    let s = sums.get(label);
    if (!s) sums.set(label, (s = { customers: 0, net12: 0, netTotal: 0, clv: 0, clvN: 0, alive: 0, aliveN: 0, rec: 0, recN: 0, lapsed: 0, fresh: 0 }));
    customers++;
    s.customers++;
    s.net12 += year[k];
    allNet12 += year[k];
    s.netTotal += seg.net[k];
    if (value && Number.isFinite(value.clv[k])) {
      s.clv += value.clv[k];
      s.clvN++;
    }
    if (value && Number.isFinite(value.pAlive[k])) {
      s.alive += value.pAlive[k];
      s.aliveN++;
    }
    const r = seg.recencyDays[k];
    if (Number.isFinite(r)) {
      s.rec += r;
      s.recN++;
    }
    if (!(Number.isFinite(r) && r < YEAR_DAYS)) s.lapsed++;
    if (first[k] !== undefined && first[k] <= day && day - first[k] < NEW_DAYS) s.fresh++;
  });
  const keys = ordered(handle.definition.kind, [...sums.keys()]);
  const voices = voiceOfGroups(ds, seg, keys, request.analysisDay);
  const scheme = schemeOf(handle.definition);
  const segments = keys.map((key, i): SegmentFacts => {
    const s = sums.get(key)!;
    const v = voices?.[i];
    return {
      key,
      archetype: archetypeOf(scheme, key),
      customers: s.customers,
      net12: s.net12,
      netTotal: s.netTotal,
      revenueShare: allNet12 !== 0 ? s.net12 / allNet12 : NaN,
      meanClv: value ? (s.clvN > 0 ? s.clv / s.clvN : NaN) : null,
      meanPAlive: value ? (s.aliveN > 0 ? s.alive / s.aliveN : NaN) : null,
      meanRecency: s.recN > 0 ? s.rec / s.recN : NaN,
      lapsedShare: s.lapsed / s.customers,
      newShare: s.fresh / s.customers,
      nps: v ? v.nps.nps : NaN,
      npsAnswers: v ? v.nps.n : 0,
      complaintRate: v?.complaints ? v.complaints.rate : null,
    };
  });
  return {
    grouping: { kind: handle.definition.kind, id: handle.id, scheme },
    asOfDay: day,
    customers,
    value: value && ds.valueModel ? ds.valueModel : null,
    segments,
  };
}
