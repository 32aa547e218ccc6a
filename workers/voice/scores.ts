/**
 * NPS and CSAT of the loaded dataset's survey answers. Every answer counts (a customer who
 * answered twice counts twice); an answer belongs to the group its customer is in on the
 * grouping's day. The high-value detractors are judged on each customer's latest NPS answer.
 */
import {
  CSAT_SCALES, csatScaleFor, csatSummary, DEFAULT_TOP_BOX, LIFECYCLE_STAGES, monthIndexOfDay, monthLabel, NO_DAY, npsSummary, OTHERS_SEGMENT, RFM11_RULES, RFM8_KEYS, valueTiers,
} from '../../src/lib/domain';
import type { CsatScale } from '../../src/lib/domain';
import type { LoadedDataset } from '../core/loaded';
import { DEFAULT_RFM, type GroupingHandle } from '../segments/api';
import { handleFor, resolveGrouping } from '../segments/handles';
import { MIN_ANSWERS, type DetractorCustomer, type VoiceFigures, type VoiceRequest, type VoiceResult } from './api';

/** Customers listed as high-value detractors (the count is always complete). */
const MAX_LISTED = 500;
/** The share of customers, by value, that counts as high value. */
const HIGH_VALUE_SHARE = 20;

/** The answers that count: NPS 0–10 (−1 = not asked) and CSAT 1–5 (0 = not asked), with their customer. */
export interface Answers {
  rows: number[];
  customer: Int32Array;
}

/**
 * NPS and CSAT of the answers at `rows` (indices into the survey table). CSAT on `scale` points
 * (default: the dataset's, csatScaleOf); answers above it are left out.
 */
export function figures(ds: LoadedDataset, rows: ArrayLike<number>, scale: CsatScale = csatScaleOf(ds)): VoiceFigures {
  const sv = ds.content.surveys;
  const nps: number[] = [];
  const csat: number[] = [];
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    if (isNps(sv.nps[r])) nps.push(sv.nps[r]);
    if (isCsat(sv.csat[r]) && sv.csat[r] <= scale) csat.push(sv.csat[r]);
  }
  const n = npsSummary(nps);
  const c = csatSummary(csat, { scale });
  return { nps: { ...n, tooFew: n.n < MIN_ANSWERS }, csat: { ...c, tooFew: c.n < MIN_ANSWERS } };
}

const isNps = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 10;
const isCsat = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= 10;

/** The scale of a dataset's CSAT answers (csatScaleFor its highest answer), found once per loaded dataset. */
export function csatScaleOf(ds: LoadedDataset): CsatScale {
  if (ds.csatScale === undefined) {
    let highest = 0;
    for (const v of ds.content.surveys.csat) if (v > highest) highest = v;
    ds.csatScale = csatScaleFor(highest);
  }
  return ds.csatScale;
}

/** Whether an answer or interaction of `day` counts as of the analysis day: dated on or before it (as orders do), or undated. */
export function countsBy(day: number, analysisDay: number | undefined): boolean {
  return analysisDay === undefined || day === NO_DAY || day <= analysisDay;
}

/** Survey rows with an NPS or CSAT answer dated on or before the analysis day (undated answers always count). */
export function answersOf(ds: LoadedDataset, analysisDay: number | undefined): Answers {
  const sv = ds.content.surveys;
  const rows: number[] = [];
  for (let r = 0; r < sv.customerId.length; r++) {
    if (!isNps(sv.nps[r]) && !isCsat(sv.csat[r])) continue;
    if (!countsBy(sv.day[r], analysisDay)) continue;
    rows.push(r);
  }
  const customer = Int32Array.from(rows, (r) => ds.indexed.customerIndex.get(sv.customerId[r]) ?? -1);
  return { rows, customer };
}

/** Rows per group label of the answers' customers (answers of customers in no group are counted apart). */
export function byLabel(answers: Answers, labels: string[]): { groups: Map<string, number[]>; ungrouped: number } {
  const groups = new Map<string, number[]>();
  let ungrouped = 0;
  answers.rows.forEach((r, j) => {
    const k = answers.customer[j];
    const label = k >= 0 ? labels[k] : '';
    if (!label) {
      ungrouped++;
      return;
    }
    let list = groups.get(label);
    if (!list) groups.set(label, (list = []));
    list.push(r);
  });
  return { groups, ungrouped };
}

const RFM_ORDER: readonly string[] = [...RFM11_RULES.map((r) => r.key), ...RFM8_KEYS, OTHERS_SEGMENT];

/** Groups in the order their grouping lists them: RFM rules, tiers and clusters by number, lifecycle stages; else by name. */
export function ordered(kind: GroupingHandle['definition']['kind'], keys: string[]): string[] {
  const numbered = /^(?:tier|cluster)_(\d+)$/;
  const rank = (key: string): number => {
    const m = numbered.exec(key);
    if (m) return Number(m[1]);
    const list: readonly string[] = kind === 'lifecycle' ? LIFECYCLE_STAGES : RFM_ORDER;
    const i = list.indexOf(key);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function grouped(
  ds: LoadedDataset, answers: Answers, handle: GroupingHandle, labels: string[], scale: CsatScale,
): { groups: VoiceResult['groups']; ungrouped: number } {
  const { groups, ungrouped } = byLabel(answers, labels);
  return {
    groups: ordered(handle.definition.kind, [...groups.keys()]).map((key) => ({ key, ...figures(ds, groups.get(key)!, scale) })),
    ungrouped,
  };
}

/** NPS and CSAT overall, by month, by group of the grouping asked for and by value tier; the high-value detractors. */
export function runVoice(ds: LoadedDataset, request: VoiceRequest, checkpoint: () => void): VoiceResult {
  const analysisDay = request.analysisDay;
  const answers = answersOf(ds, analysisDay);
  const sv = ds.content.surveys;
  let firstDay = Infinity, lastDay = -Infinity;
  const months = new Map<number, number[]>();
  for (const r of answers.rows) {
    const d = sv.day[r];
    if (d === NO_DAY) continue;
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
    const m = monthIndexOfDay(d);
    let list = months.get(m);
    if (!list) months.set(m, (list = []));
    list.push(r);
  }
  const detected = csatScaleOf(ds);
  const scale = request.csatScale ?? detected;
  if (!(CSAT_SCALES as readonly number[]).includes(scale)) throw { code: 'voice.csatScale', params: { scale: String(scale) } };
  let aboveScale = 0;
  for (const r of answers.rows) if (sv.csat[r] > scale) aboveScale++;
  const overall = figures(ds, answers.rows, scale);
  const byMonth = [...months.keys()].sort((a, b) => a - b).map((m) => ({ month: monthLabel(m), ...figures(ds, months.get(m)!, scale) }));
  checkpoint();

  const handle = request.grouping ?? handleFor({ kind: 'rfm', request: { ...DEFAULT_RFM, analysisDay } });
  const seg = resolveGrouping(ds, handle);
  const { groups, ungrouped } = grouped(ds, answers, handle, seg.labels, scale);
  checkpoint();

  const tierHandle = handleFor({ kind: 'tiers', shares: [20, 30, 50], basis: 'customers', analysisDay });
  const tierSeg = resolveGrouping(ds, tierHandle);
  const tiers = grouped(ds, answers, tierHandle, tierSeg.labels, scale).groups;

  return {
    answers: answers.rows.length,
    csatScale: { scale, topBox: DEFAULT_TOP_BOX[scale], detected, aboveScale },
    firstDay: Number.isFinite(firstDay) ? firstDay : null,
    lastDay: Number.isFinite(lastDay) ? lastDay : null,
    overall, byMonth,
    grouping: { kind: handle.definition.kind, id: handle.id },
    groups, ungrouped, tiers,
    detractors: highValueDetractors(ds, answers, tierSeg.labels, tierSeg.net),
  };
}

/**
 * Customers whose latest NPS answer (by day; undated answers only when they have no dated one) is
 * 0–6, in the top 20% by value: CLV after a value fit, else net revenue (the high-value tier).
 */
function highValueDetractors(ds: LoadedDataset, answers: Answers, tierLabels: string[], net: Float64Array): VoiceResult['detractors'] {
  const sv = ds.content.surveys;
  // latest NPS answer per customer: row index, or −1
  const latest = new Map<number, number>();
  answers.rows.forEach((r, j) => {
    const k = answers.customer[j];
    if (k < 0 || !isNps(sv.nps[r])) return;
    const before = latest.get(k);
    if (before === undefined || sv.day[r] >= sv.day[before] || sv.day[before] === NO_DAY) latest.set(k, r);
  });
  const clv = ds.value?.clv;
  const basis = clv ? 'clv' : 'net';
  let high: (k: number) => boolean;
  if (clv) {
    const present = Int32Array.from({ length: clv.length }, (_, k) => k).filter((k) => Number.isFinite(clv[k]));
    const t = valueTiers(Float64Array.from(present, (k) => clv[k]), [HIGH_VALUE_SHARE, 100 - HIGH_VALUE_SHARE], 'customers');
    const top = new Uint8Array(clv.length);
    present.forEach((k, j) => (top[k] = t.tier[j] === 0 ? 1 : 0));
    high = (k) => top[k] === 1;
  } else {
    high = (k) => tierLabels[k] === 'tier_1';
  }
  const found: { k: number; r: number; value: number }[] = [];
  for (const [k, r] of latest) {
    if (sv.nps[r] <= 6 && high(k)) found.push({ k, r, value: clv ? clv[k] : net[k] });
  }
  found.sort((a, b) => b.value - a.value || a.k - b.k);
  const c = ds.indexed.customers;
  const customers: DetractorCustomer[] = found.slice(0, MAX_LISTED).map(({ k, r }) => ({
    id: c.id[k], name: c.name[k], nps: sv.nps[r], day: sv.day[r], net: Math.round(net[k] * 100) / 100,
    clv: clv && Number.isFinite(clv[k]) ? clv[k] : null,
  }));
  return { basis, count: found.length, customers };
}
