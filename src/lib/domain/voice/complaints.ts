/**
 * Feedback and complaints: the topic of an entry (from the file, else from keyword rules the user
 * edits), time to resolve and the share resolved within a service level, and the priority of an
 * open complaint in the queue (customer value × days waiting × severity weight). Pure.
 */
import { NO_DAY } from '../types';
import { foldText } from '../text';

/** A keyword rule: entries whose text contains one of `keywords` get `topic` (a default topic key, or a name the user gave). */
export interface TopicRule {
  topic: string;
  keywords: string[];
}

/** The default topics' keys (worded by the catalog as complaints.topic.<key>). */
export const DEFAULT_TOPICS = ['delivery', 'quality', 'price', 'staff', 'refund'] as const;
export type DefaultTopic = (typeof DEFAULT_TOPICS)[number];

/** The topic of an entry that neither its file nor a rule names. */
export const OTHER_TOPIC = 'other';

/** Default keyword rules, both languages, checked in this order. */
export const DEFAULT_TOPIC_RULES: readonly TopicRule[] = [
  { topic: 'delivery', keywords: ['快递', '物流', '配送', '送货', '发货', '没到', '未送达', '延迟', 'delivery', 'delivered', 'parcel', 'package', 'shipping', 'courier', 'late'] },
  { topic: 'quality', keywords: ['质量', '破损', '坏', '瑕疵', '次品', '损坏', 'quality', 'broken', 'defect', 'damaged', 'faulty'] },
  { topic: 'price', keywords: ['价格', '贵', '优惠', '多收', '扣款', 'price', 'expensive', 'overcharged', 'discount', 'charged twice'] },
  { topic: 'staff', keywords: ['态度', '客服', '店员', '服务', '导购', 'staff', 'rude', 'service', 'unhelpful', 'agent'] },
  { topic: 'refund', keywords: ['退款', '退货', '退钱', '换货', 'refund', 'return', 'money back', 'exchange'] },
];

/**
 * Rules as the user typed them, cleaned: names and keywords trimmed, empty keywords and rules
 * without a name or keyword dropped, duplicate keywords within a rule removed.
 */
export function cleanTopicRules(rules: readonly TopicRule[]): TopicRule[] {
  const out: TopicRule[] = [];
  for (const r of rules) {
    const topic = r.topic.trim();
    const seen = new Set<string>();
    const keywords: string[] = [];
    for (const k of r.keywords) {
      const t = k.trim();
      if (!t || seen.has(foldText(t))) continue;
      seen.add(foldText(t));
      keywords.push(t);
    }
    if (topic && keywords.length > 0) out.push({ topic, keywords });
  }
  return out;
}

/** Keywords typed as one line: split at commas (also the full-width ，、 and ；;). */
export function splitKeywords(line: string): string[] {
  return line.split(/[,，、;；]/).map((k) => k.trim()).filter((k) => k.length > 0);
}

/** Rules folded once for matching many texts. */
export interface TopicMatcher {
  (text: string, fileTopic: string): string;
}

/**
 * A matcher: an entry's topic is its file topic when it has one (written as a rule's topic when
 * it is that topic in another case or width), else the first rule with a keyword its text contains
 * (NFKC, case-insensitive), else 'other'.
 * @example
 * topicMatcher(DEFAULT_TOPIC_RULES)('快递三天没到', '') // 'delivery'
 */
export function topicMatcher(rules: readonly TopicRule[]): TopicMatcher {
  const folded = rules.map((r) => ({ topic: r.topic, keywords: r.keywords.map(foldText).filter((k) => k.length > 0) }));
  // a file's topic spelled like a rule's ("Delivery", "ＤＥＬＩＶＥＲＹ") is that rule's topic
  const named = new Map<string, string>();
  for (const r of rules) if (!named.has(foldText(r.topic))) named.set(foldText(r.topic), r.topic);
  return (text, fileTopic) => {
    const given = fileTopic.trim();
    if (given) return named.get(foldText(given)) ?? given;
    if (!text) return OTHER_TOPIC;
    const t = foldText(text);
    for (const r of folded) if (r.keywords.some((k) => t.includes(k))) return r.topic;
    return OTHER_TOPIC;
  };
}

/** One entry's topic (see topicMatcher). */
export function topicOf(text: string, fileTopic: string, rules: readonly TopicRule[] = DEFAULT_TOPIC_RULES): string {
  return topicMatcher(rules)(text, fileTopic);
}

/** Days from opened to resolved (null when either day is unknown or the entry is not resolved). */
export function daysToResolve(day: number, resolvedDay: number): number | null {
  if (day === NO_DAY || resolvedDay === NO_DAY) return null;
  return resolvedDay - day;
}

/** The median of the values (NaN without any; the mean of the two middle ones for an even count). */
export function medianOf(values: ArrayLike<number>): number {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  if (n === 0) return NaN;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/** Hours a span of whole days stands for (dates only: an entry resolved on day d + k took k × 24 h). */
export const HOURS_PER_DAY = 24;

/**
 * Service level: of the complaints whose outcome is known — resolved (with a known day), or still
 * open longer than the level — the share resolved within it (days × 24 ≤ slaHours). Open complaints
 * not yet past the level are not counted either way. NaN when none is known.
 * @param resolvedDays days to resolve of the resolved complaints
 * @param openDays days waiting of the open ones
 */
export function withinService(resolvedDays: ArrayLike<number>, openDays: ArrayLike<number>, slaHours: number): { within: number; due: number; share: number } {
  let within = 0;
  let due = 0;
  for (let i = 0; i < resolvedDays.length; i++) {
    due++;
    if (resolvedDays[i] * HOURS_PER_DAY <= slaHours) within++;
  }
  for (let i = 0; i < openDays.length; i++) if (openDays[i] * HOURS_PER_DAY > slaHours) due++;
  return { within, due, share: due > 0 ? within / due : NaN };
}

/** Weight of a severity in the priority: 1 low, 2 medium, 3 high; unknown (0) counts as medium. */
export function severityWeight(severity: number): number {
  return severity === 1 || severity === 2 || severity === 3 ? severity : 2;
}

/** The least value a customer counts with in the priority (so a new customer still ranks by waiting × severity). */
export const MIN_PRIORITY_VALUE = 1;

/** An open complaint as the queue ranks it. */
export interface QueueCandidate {
  id: string;
  /** Customer value (CLV after a value fit, else last-12-month net revenue); NaN when unknown. */
  value: number;
  /** Days since it was opened (null when its day is unknown). */
  daysWaiting: number | null;
  severity: number;
}

/**
 * Priority of an open complaint: max(value, 1) × max(days waiting, 1) × severity weight. A
 * complaint opened on the day itself, or undated, counts as one day waiting.
 */
export function complaintPriority(c: Pick<QueueCandidate, 'value' | 'daysWaiting' | 'severity'>): number {
  const value = Number.isFinite(c.value) ? Math.max(c.value, MIN_PRIORITY_VALUE) : MIN_PRIORITY_VALUE;
  const waiting = c.daysWaiting === null ? 1 : Math.max(c.daysWaiting, 1);
  return value * waiting * severityWeight(c.severity);
}

/** Candidates with their priority, highest first; ties by days waiting (longest first), then by id. */
export function rankComplaints<T extends QueueCandidate>(candidates: readonly T[]): (T & { priority: number })[] {
  return candidates
    .map((c) => ({ ...c, priority: complaintPriority(c) }))
    .sort((a, b) => b.priority - a.priority || (b.daysWaiting ?? -1) - (a.daysWaiting ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether an entry counts as resolved on `asOf`: resolved, on or before that day (an unknown resolved day counts as resolved). */
export function resolvedBy(resolved: number, resolvedDay: number, asOf: number | undefined): boolean {
  if (resolved !== 1) return false;
  return asOf === undefined || resolvedDay === NO_DAY || resolvedDay <= asOf;
}
