/**
 * Voice of the customer: feedback and complaints by group, time to resolve, service level, topics
 * and the open-complaints queue. Complaints are interactions of the kind 'complaint' dated on or
 * before the analysis day (undated ones always count); one resolved after the analysis day was
 * still open then.
 */
import { INTERACTION_KINDS, monthIndexOfDay, monthLabel, NO_DAY } from '../../src/lib/domain';
import {
  daysToResolve, DEFAULT_TOPIC_RULES, medianOf, rankComplaints, resolvedBy, topicMatcher, withinService, type TopicRule,
} from '../../src/lib/domain/voice/complaints';
import type { InteractionKind } from '../../src/lib/domain/types';
import type { EngineContext } from '../core/context';
import type { LoadedDataset } from '../core/loaded';
import { DEFAULT_RFM, type GroupingHandle } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import { COMPLAINT, type ComplaintFigures } from './api';
import { countsBy, ordered } from './scores';
import { complaintsByLabel } from './segments';

/** Open complaints listed in the queue (the count is always complete). */
const MAX_QUEUE = 500;
/** Resolved complaints with a note listed. */
const MAX_RESOLVED = 50;
/** Days of orders the value without a fit is the net revenue of. */
const VALUE_DAYS = 365;
/** The service level when none is asked for, in hours. */
export const DEFAULT_SLA_HOURS = 48;

export interface ComplaintsRequest {
  /** The grouping the figures are shown by (default: the 11 RFM segments with default settings). */
  grouping?: GroupingHandle;
  /** As of this day (default: the latest day of the data). */
  analysisDay?: number;
  /** The service level in hours (default 48). */
  slaHours?: number;
  /** Keyword rules for entries without a topic in the file (default DEFAULT_TOPIC_RULES). */
  rules?: TopicRule[];
}

/** Complaints of a group, how fast they were resolved and how many are open. */
export interface ComplaintGroup extends ComplaintFigures {
  key: string;
  /** Resolved complaints with a known resolved day, and the median days they took (NaN without any). */
  resolved: number;
  medianDays: number;
  /** Resolved within the service level, of those whose outcome is known (see withinService). */
  within: number;
  due: number;
  withinShare: number;
  /** Complaints open on the as-of day. */
  open: number;
}

/** An open complaint in the queue. */
export interface QueueEntry {
  entryId: string;
  customerId: string;
  name: string;
  day: number;
  /** Days since it was opened, to the as-of day (null when undated). */
  daysWaiting: number | null;
  /** 1 low, 2 medium, 3 high, 0 unknown (weighted as 2). */
  severity: number;
  topic: string;
  channel: string;
  text: string;
  /** CLV after a value fit, else last-12-month net revenue (NaN when unknown). */
  value: number;
  priority: number;
}

/** A resolved complaint that carries a note (resolved by hand). */
export interface ResolvedEntry {
  entryId: string;
  customerId: string;
  name: string;
  day: number;
  resolvedDay: number;
  topic: string;
  text: string;
  note: string;
}

export interface ComplaintsResult {
  /** Interactions that count (any kind). */
  interactions: number;
  /** The day days waiting and the value are counted to (null without any dated data). */
  asOfDay: number | null;
  slaHours: number;
  overall: ComplaintGroup;
  grouping: { kind: GroupingHandle['definition']['kind']; id: string };
  groups: ComplaintGroup[];
  /** Interactions of each kind, in INTERACTION_KINDS order. */
  kinds: { kind: InteractionKind; count: number }[];
  /** Complaints per topic, most first (ties by name). */
  topics: { topic: string; count: number; fromFile: number }[];
  /** Complaints per calendar month ('YYYY-MM') they were opened, in order, with how many of them are still open. */
  byMonth: { month: string; complaints: number; open: number }[];
  /** Open complaints by priority (highest first); `count` is complete, `entries` lists up to 500. */
  queue: { basis: 'clv' | 'net'; count: number; entries: QueueEntry[] };
  /** Resolved complaints with a note, latest resolved first (up to 50). */
  resolved: { count: number; entries: ResolvedEntry[] };
}

export interface ComplaintsApi {
  /** Feedback and complaints of the loaded dataset, by group, with the open-complaints queue. */
  complaints(jobId: string, datasetId: string, request?: ComplaintsRequest): Promise<ComplaintsResult>;
}

export function complaintsApi(ctx: EngineContext): ComplaintsApi {
  return {
    complaints(jobId, datasetId, request = {}) {
      return ctx.run(jobId, async (checkpoint) => runComplaints(ctx.current(datasetId), request, checkpoint));
    },
  };
}

/** The latest day of the data: orders, interactions opened and resolved (null without any). */
function latestDay(ds: LoadedDataset): number | null {
  let last = -Infinity;
  const od = ds.indexed.orders.day;
  for (let i = 0; i < od.length; i++) if (od[i] !== NO_DAY && od[i] > last) last = od[i];
  const it = ds.content.interactions;
  for (let r = 0; r < it.day.length; r++) {
    if (it.day[r] !== NO_DAY && it.day[r] > last) last = it.day[r];
    if (it.resolvedDay[r] !== NO_DAY && it.resolvedDay[r] > last) last = it.resolvedDay[r];
  }
  return Number.isFinite(last) ? last : null;
}

/** Net revenue per customer of the orders in the 365 days up to and including `day`. */
function trailingNet(ds: LoadedDataset, day: number): Float64Array {
  const o = ds.indexed.orders;
  const net = new Float64Array(ds.indexed.customers.id.length);
  for (let i = 0; i < o.length; i++) {
    const d = o.day[i];
    if (d !== NO_DAY && d <= day && d > day - VALUE_DAYS) net[o.customer[i]] += o.amount[i];
  }
  return net;
}

const emptyStats = () => ({ resolvedDays: [] as number[], openDays: [] as number[], open: 0 });

export function runComplaints(ds: LoadedDataset, request: ComplaintsRequest, checkpoint: () => void): ComplaintsResult {
  const analysisDay = request.analysisDay;
  const slaHours = request.slaHours !== undefined && Number.isFinite(request.slaHours) && request.slaHours > 0 ? request.slaHours : DEFAULT_SLA_HOURS;
  const topicOf = topicMatcher(request.rules ?? DEFAULT_TOPIC_RULES);
  const asOfDay = analysisDay ?? latestDay(ds);
  const it = ds.content.interactions;
  const customers = ds.indexed.customers;

  const handle = request.grouping ?? handleFor({ kind: 'rfm', request: { ...DEFAULT_RFM, analysisDay } });
  const seg = resolveGrouping(ds, handle);
  checkpoint();

  const kinds = new Map<string, number>();
  const topics = new Map<string, { count: number; fromFile: number }>();
  const months = new Map<number, { complaints: number; open: number }>();
  const statsByLabel = new Map<string, ReturnType<typeof emptyStats>>();
  const overallStats = emptyStats();
  const complained = new Uint8Array(customers.id.length);
  const openRows: number[] = [];
  const resolvedRows: number[] = [];
  let interactions = 0;
  for (let r = 0; r < it.customerId.length; r++) {
    if (!countsBy(it.day[r], analysisDay)) continue;
    interactions++;
    kinds.set(it.kind[r], (kinds.get(it.kind[r]) ?? 0) + 1);
    if (it.kind[r] !== COMPLAINT) continue;
    const k = ds.indexed.customerIndex.get(it.customerId[r]);
    if (k !== undefined) complained[k] = 1;
    const topic = topicOf(it.text[r], it.topic[r]);
    const t = topics.get(topic) ?? { count: 0, fromFile: 0 };
    t.count++;
    if (it.topic[r].trim()) t.fromFile++;
    topics.set(topic, t);
    const isResolved = resolvedBy(it.resolved[r], it.resolvedDay[r], analysisDay);
    if (it.day[r] !== NO_DAY) {
      const m = monthIndexOfDay(it.day[r]);
      const mm = months.get(m) ?? { complaints: 0, open: 0 };
      mm.complaints++;
      if (!isResolved) mm.open++;
      months.set(m, mm);
    }
    const label = k === undefined ? '' : seg.labels[k];
    let s = label ? statsByLabel.get(label) : undefined;
    if (label && !s) statsByLabel.set(label, (s = emptyStats()));
    const into = s ? [overallStats, s] : [overallStats];
    if (isResolved) {
      const days = daysToResolve(it.day[r], it.resolvedDay[r]);
      if (days !== null) for (const x of into) x.resolvedDays.push(days);
      if (ds.interactionNotes?.get(it.id[r])) resolvedRows.push(r);
    } else {
      const waiting = it.day[r] === NO_DAY || asOfDay === null ? null : Math.max(0, asOfDay - it.day[r]);
      for (const x of into) {
        x.open++;
        if (waiting !== null) x.openDays.push(waiting);
      }
      openRows.push(r);
    }
  }
  checkpoint();

  const withStats = (key: string, f: ComplaintFigures, s: ReturnType<typeof emptyStats>): ComplaintGroup => {
    const sla = withinService(s.resolvedDays, s.openDays, slaHours);
    return { key, ...f, resolved: s.resolvedDays.length, medianDays: medianOf(s.resolvedDays), within: sla.within, due: sla.due, withinShare: sla.share, open: s.open };
  };
  const byLabel = complaintsByLabel(ds, seg, analysisDay);
  const groups = ordered(handle.definition.kind, [...byLabel.keys()]).map((key) => withStats(key, byLabel.get(key)!, statsByLabel.get(key) ?? emptyStats()));
  // overall: every customer who bought by then or complained
  const all = seg.labels.map((_, k) => (seg.frequency[k] > 0 || complained[k] ? 'all' : ''));
  const overallFigures = complaintsByLabel(ds, { labels: all, frequency: seg.frequency }, analysisDay).get('all')
    ?? { customers: 0, complainers: 0, complaints: 0, orders: 0, rate: NaN, per1000Orders: NaN };
  let complaintsAll = 0;
  for (const t of topics.values()) complaintsAll += t.count;
  // complaints of customers unknown to the dataset count too, though not in the rate
  const overall = withStats('', { ...overallFigures, complaints: complaintsAll }, overallStats);

  const clv = ds.value?.clv;
  const basis = clv ? 'clv' : 'net';
  const net = clv || asOfDay === null ? null : trailingNet(ds, asOfDay);
  const ranked = rankComplaints(openRows.map((r) => {
    const k = ds.indexed.customerIndex.get(it.customerId[r]);
    const value = k === undefined ? NaN : clv ? clv[k] : net ? net[k] : NaN;
    return {
      id: it.id[r], r, k, value,
      daysWaiting: it.day[r] === NO_DAY || asOfDay === null ? null : Math.max(0, asOfDay - it.day[r]),
      severity: it.severity[r],
    };
  }));
  const entries: QueueEntry[] = ranked.slice(0, MAX_QUEUE).map((c) => ({
    entryId: c.id, customerId: it.customerId[c.r], name: c.k === undefined ? '' : customers.name[c.k], day: it.day[c.r],
    daysWaiting: c.daysWaiting, severity: c.severity, topic: topicOf(it.text[c.r], it.topic[c.r]), channel: it.channel[c.r], text: it.text[c.r],
    value: Number.isFinite(c.value) ? Math.round(c.value * 100) / 100 : NaN, priority: c.priority,
  }));

  resolvedRows.sort((a, b) => it.resolvedDay[b] - it.resolvedDay[a] || (it.id[a] < it.id[b] ? -1 : 1));
  const resolved: ResolvedEntry[] = resolvedRows.slice(0, MAX_RESOLVED).map((r) => {
    const k = ds.indexed.customerIndex.get(it.customerId[r]);
    return {
      entryId: it.id[r], customerId: it.customerId[r], name: k === undefined ? '' : customers.name[k], day: it.day[r], resolvedDay: it.resolvedDay[r],
      topic: topicOf(it.text[r], it.topic[r]), text: it.text[r], note: ds.interactionNotes?.get(it.id[r]) ?? '',
    };
  });

  return {
    interactions, asOfDay, slaHours, overall,
    grouping: { kind: handle.definition.kind, id: handle.id },
    groups,
    kinds: INTERACTION_KINDS.map((kind) => ({ kind, count: kinds.get(kind) ?? 0 })),
    topics: [...topics].map(([topic, t]) => ({ topic, ...t })).sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)),
    byMonth: [...months.keys()].sort((a, b) => a - b).map((m) => ({ month: monthLabel(m), ...months.get(m)! })),
    queue: { basis, count: ranked.length, entries },
    resolved: { count: resolvedRows.length, entries: resolved },
  };
}
