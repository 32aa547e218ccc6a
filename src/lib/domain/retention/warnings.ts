import type { Notice } from '../types';

/**
 * Early-warning rules: user-defined conditions checked against the latest figures.
 *
 * Rule kinds (comparisons are exactly as written):
 * - `segmentChurnAbove` — the segment's churn rate > threshold (a share 0 … 1). Not triggered when
 *   the rate is missing, null or NaN (no data is not an alarm).
 * - `inactiveBeyondGap` — customers silent for more than factor × their usual gap
 *   (daysSinceLast > factor × usualGap, the lifecycle "at risk" test). One-time buyers (usualGap
 *   NaN) use the context's baseGap, and are skipped when there is none. With minValueTier, only
 *   customers whose tier is that tier or a better one (earlier in context.tierOrder) count.
 *   Triggered when at least one customer matches.
 * - `segmentValueDrop` — the segment's value fell by at least dropShare of its value at the last
 *   snapshot: (before − now) / before ≥ dropShare, with before > 0. A segment missing from the
 *   current values counts as 0 now (it emptied); missing or non-positive before → not triggered.
 *
 * The result names each triggered rule with a message code and its figures for the UI's catalog.
 */

/** One early-warning rule; `id` is the user's stable name for it. */
export type WarningRule =
  | { id: string; kind: 'segmentChurnAbove'; segment: string; threshold: number }
  | { id: string; kind: 'inactiveBeyondGap'; factor: number; minValueTier?: string }
  | { id: string; kind: 'segmentValueDrop'; segment: string; dropShare: number };

/** The figures rules are checked against. Per-customer arrays are parallel (same length). */
export interface WarningContext {
  /** Churn rate per segment name (e.g. the latest period of churnRateByPeriod). */
  segmentChurn: Record<string, number | null>;
  /** Per customer: id, days since the last purchase, usual gap (NaN when unknown), value tier name. */
  customerId: string[];
  daysSinceLast: Float64Array;
  usualGap: Float64Array;
  valueTier: string[];
  /** Tier names, best first (e.g. ['A', 'B', 'C']); needed by rules with minValueTier. */
  tierOrder?: string[];
  /** Expected gap of one-time buyers for inactiveBeyondGap; default: none (they never trigger). */
  baseGap?: number;
  /** Optional segment of each customer: when given, segment rules list the segment's customers. */
  customerSegment?: string[];
  /**
   * Per segment, the customers who churned in the period `segmentChurn` is measured on: a churn
   * alert lists them (not the whole segment). Without it, a churn alert lists nobody.
   */
  segmentChurned?: Record<string, string[]>;
  /** Value per segment now and at the last snapshot. */
  segmentValueNow: Record<string, number>;
  segmentValueBefore: Record<string, number>;
}

/** A rule that fired: a message code, its parameters, and the customers concerned. */
export interface TriggeredWarning {
  ruleId: string;
  code: 'warning.segmentChurn' | 'warning.inactive' | 'warning.valueDrop';
  params: Record<string, string | number>;
  /** Customers concerned, in context order; empty for segment rules without context.customerSegment. */
  customerIds: string[];
}

const KINDS = ['segmentChurnAbove', 'inactiveBeyondGap', 'segmentValueDrop'];
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Problems with a rule, for the rule editor: `warnings.rule.invalid` (not an object),
 * `warnings.kind.unknown` with params.kind, or `warnings.field.invalid` with params.field for an
 * id or segment that is not a non-empty string, a threshold outside 0 … 1, a factor that is not
 * a finite number > 0, a dropShare outside (0, 1], or a minValueTier that is not a non-empty string.
 * @example validateWarningRule({ id: 'r1', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 1.5 })
 *   // → [{ code: 'warnings.field.invalid', params: { field: 'threshold' } }]
 */
export function validateWarningRule(rule: WarningRule): Notice[] {
  if (typeof rule !== 'object' || rule === null) return [{ code: 'warnings.rule.invalid' }];
  const r = rule as Record<string, unknown>;
  const out: Notice[] = [];
  const bad = (field: string) => out.push({ code: 'warnings.field.invalid', params: { field } });
  if (!isText(r.id)) bad('id');
  if (!KINDS.includes(r.kind as string)) {
    out.push({ code: 'warnings.kind.unknown', params: { kind: String(r.kind) } });
    return out;
  }
  if (r.kind === 'inactiveBeyondGap') {
    if (!(isNum(r.factor) && r.factor > 0)) bad('factor');
    if (r.minValueTier !== undefined && !isText(r.minValueTier)) bad('minValueTier');
    return out;
  }
  if (!isText(r.segment)) bad('segment');
  if (r.kind === 'segmentChurnAbove' && !(isNum(r.threshold) && r.threshold >= 0 && r.threshold <= 1)) bad('threshold');
  if (r.kind === 'segmentValueDrop' && !(isNum(r.dropShare) && r.dropShare > 0 && r.dropShare <= 1)) bad('dropShare');
  return out;
}

/**
 * Check the rules against the context (see the file comment for each kind); returns the rules
 * that fired, in rule order. O(rules × customers).
 * Throws the first {@link validateWarningRule} notice of any rule; `warnings.lengthMismatch` when
 * the per-customer arrays differ in length; `warnings.tier.unknown` (params ruleId, tier) when a
 * rule's minValueTier is not in context.tierOrder.
 * @param rules the user's rules
 * @param context current figures
 * @example // segment VIP churns at 0.3 > 0.2:
 * evaluateWarnings([{ id: 'r1', kind: 'segmentChurnAbove', segment: 'VIP', threshold: 0.2 }], context)
 *   // → [{ ruleId: 'r1', code: 'warning.segmentChurn', params: { segment: 'VIP', rate: 0.3, threshold: 0.2 }, customerIds: [] }]
 */
export function evaluateWarnings(rules: WarningRule[], context: WarningContext): TriggeredWarning[] {
  for (const rule of rules) {
    const problems = validateWarningRule(rule);
    if (problems.length) throw problems[0];
  }
  const n = context.customerId.length;
  const lengths = { customerId: n, daysSinceLast: context.daysSinceLast.length, usualGap: context.usualGap.length, valueTier: context.valueTier.length, customerSegment: context.customerSegment?.length ?? n };
  if (Object.values(lengths).some((l) => l !== n)) throw { code: 'warnings.lengthMismatch', params: lengths };
  for (const rule of rules) {
    if (rule.kind === 'inactiveBeyondGap' && rule.minValueTier !== undefined && !(context.tierOrder ?? []).includes(rule.minValueTier)) {
      throw { code: 'warnings.tier.unknown', params: { ruleId: rule.id, tier: rule.minValueTier } };
    }
  }
  const out: TriggeredWarning[] = [];
  for (const rule of rules) {
    const hit = rule.kind === 'segmentChurnAbove' ? segmentChurn(rule, context)
      : rule.kind === 'inactiveBeyondGap' ? inactive(rule, context)
        : valueDrop(rule, context);
    if (hit) out.push(hit);
  }
  return out;
}

type RuleOf<K extends WarningRule['kind']> = Extract<WarningRule, { kind: K }>;

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

function membersOf(segment: string, context: WarningContext): string[] {
  const seg = context.customerSegment;
  if (!seg) return [];
  const out: string[] = [];
  for (let c = 0; c < seg.length; c++) if (seg[c] === segment) out.push(context.customerId[c]);
  return out;
}

function segmentChurn(rule: RuleOf<'segmentChurnAbove'>, context: WarningContext): TriggeredWarning | null {
  const rate = own(context.segmentChurn, rule.segment);
  if (typeof rate !== 'number' || !(rate > rule.threshold)) return null;
  return {
    ruleId: rule.id, code: 'warning.segmentChurn',
    params: { segment: rule.segment, rate, threshold: rule.threshold },
    customerIds: [...(Object.prototype.hasOwnProperty.call(context.segmentChurned ?? {}, rule.segment) ? context.segmentChurned![rule.segment] : [])],
  };
}

function inactive(rule: RuleOf<'inactiveBeyondGap'>, context: WarningContext): TriggeredWarning | null {
  const { daysSinceLast, usualGap, valueTier, customerId } = context;
  const order = context.tierOrder ?? [];
  const rank = rule.minValueTier === undefined ? -1 : order.indexOf(rule.minValueTier);
  const allowed = rank < 0 ? null : new Set(order.slice(0, rank + 1));
  const base = context.baseGap ?? NaN;
  const ids: string[] = [];
  for (let c = 0; c < customerId.length; c++) {
    if (allowed && !allowed.has(valueTier[c])) continue;
    const gap = usualGap[c] >= 0 ? usualGap[c] : base;
    if (daysSinceLast[c] > rule.factor * gap) ids.push(customerId[c]); // NaN compares false
  }
  if (ids.length === 0) return null;
  const params: Record<string, string | number> = { factor: rule.factor, count: ids.length };
  if (rule.minValueTier !== undefined) params.minValueTier = rule.minValueTier;
  return { ruleId: rule.id, code: 'warning.inactive', params, customerIds: ids };
}

function valueDrop(rule: RuleOf<'segmentValueDrop'>, context: WarningContext): TriggeredWarning | null {
  const before = own(context.segmentValueBefore, rule.segment);
  if (typeof before !== 'number' || !(before > 0) || before === Infinity) return null;
  const now = own(context.segmentValueNow, rule.segment) ?? 0;
  const drop = (before - now) / before;
  if (!(drop >= rule.dropShare)) return null; // NaN now → not triggered
  return {
    ruleId: rule.id, code: 'warning.valueDrop',
    params: { segment: rule.segment, before, now, drop, dropShare: rule.dropShare }, customerIds: membersOf(rule.segment, context),
  };
}
