/**
 * KPI targets (issue 16, point 5): the KPIs a target can be set for, each with its natural
 * direction and unit; a target's status against an actual value; the checks of a target a user
 * types, and the normalisation of one read back from storage. Pure.
 *
 * Units: `count` and `money` as they are; `ratio` a share 0 … 1 (typed and shown in percent);
 * `points` NPS points −100 … 100; `perThousand` complaints per 1,000 orders; `perBuyer` orders per
 * buying customer.
 */
import type { Notice } from '../types';

export const KPI_KEYS = [
  'customers', 'activeCustomers', 'revenue', 'aov', 'frequency', 'repurchaseRate', 'churn', 'nps', 'csat', 'complaintRate',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export type KpiUnit = 'count' | 'money' | 'ratio' | 'points' | 'perThousand' | 'perBuyer';
export type TargetDirection = 'higher' | 'lower';

export interface KpiDefinition {
  key: KpiKey;
  unit: KpiUnit;
  /** Which way is better when the user does not say. */
  direction: TargetDirection;
}

export const KPI_DEFINITIONS: Record<KpiKey, KpiDefinition> = {
  customers: { key: 'customers', unit: 'count', direction: 'higher' },
  activeCustomers: { key: 'activeCustomers', unit: 'count', direction: 'higher' },
  revenue: { key: 'revenue', unit: 'money', direction: 'higher' },
  aov: { key: 'aov', unit: 'money', direction: 'higher' },
  frequency: { key: 'frequency', unit: 'perBuyer', direction: 'higher' },
  repurchaseRate: { key: 'repurchaseRate', unit: 'ratio', direction: 'higher' },
  churn: { key: 'churn', unit: 'ratio', direction: 'lower' },
  nps: { key: 'nps', unit: 'points', direction: 'higher' },
  csat: { key: 'csat', unit: 'ratio', direction: 'higher' },
  complaintRate: { key: 'complaintRate', unit: 'perThousand', direction: 'lower' },
};

/** A KPI target: the value to reach (in the KPI's unit), which way is better, and the amber band. */
export interface KpiTarget {
  value: number;
  direction: TargetDirection;
  /** Amber when the actual misses the target by at most band × |target| (a share 0 … 1; 0.05 = 5%). */
  band: number;
}

export type TargetStatus = 'green' | 'amber' | 'red' | 'none';

/** The amber band when the user does not set one: within 5% of the target. */
export const DEFAULT_BAND = 0.05;
/** Largest target value accepted (beyond it a number is a typing slip, and loses precision). */
export const MAX_TARGET = 1e15;

export function isKpiKey(value: unknown): value is KpiKey {
  return typeof value === 'string' && (KPI_KEYS as readonly string[]).includes(value);
}

/** Rounding slack on the boundaries (0.07 × 100 is 7.000000000000001). */
const EPS = 1e-9;

/**
 * Status of an actual value against a target. With direction 'higher' (lower is mirrored):
 * green when actual ≥ target; amber when actual ≥ target − band × |target|; red otherwise. 'none'
 * without a target or without a finite actual value.
 * @param kpi the KPI (its definition is not needed for the status: the target carries its direction)
 * @example targetStatus('revenue', 96, { value: 100, direction: 'higher', band: 0.05 }) // 'amber'
 * @example targetStatus('churn', 0.05, { value: 0.04, direction: 'lower', band: 0.05 }) // 'red'
 */
export function targetStatus(kpi: KpiKey, actual: number | null | undefined, target: KpiTarget | null | undefined): TargetStatus {
  void kpi;
  if (!target || actual == null || !Number.isFinite(actual) || !Number.isFinite(target.value)) return 'none';
  const slack = EPS * Math.max(1, Math.abs(target.value));
  const gap = target.direction === 'lower' ? actual - target.value : target.value - actual; // > 0: missed
  if (gap <= slack) return 'green';
  if (gap <= target.band * Math.abs(target.value) + slack) return 'amber';
  return 'red';
}

/**
 * The edge of the amber band: the worst actual value that is still amber.
 * @example amberEdge({ value: 100, direction: 'higher', band: 0.05 }) // 95
 */
export function amberEdge(target: KpiTarget): number {
  const width = target.band * Math.abs(target.value);
  return target.direction === 'lower' ? target.value + width : target.value - width;
}

/** The range a target value of a unit must lie in (inclusive), and whether it must be whole. */
export function targetRange(unit: KpiUnit): { min: number; max: number; integer: boolean } {
  switch (unit) {
    case 'count': return { min: 0, max: MAX_TARGET, integer: true };
    case 'ratio': return { min: 0, max: 1, integer: false };
    case 'points': return { min: -100, max: 100, integer: false };
    case 'perThousand': return { min: 0, max: MAX_TARGET, integer: false };
    default: return { min: 0, max: MAX_TARGET, integer: false };
  }
}

/**
 * Problems with a target of a KPI (empty: none). Codes, each with params.kpi:
 * `target.error.value` (not a finite number), `target.error.negative`, `target.error.integer`
 * (a count with decimals), `target.error.tooLarge` (params.max), `target.error.percent` (a share
 * outside 0–100%), `target.error.nps` (outside −100 … 100), `target.error.direction`,
 * `target.error.band` (the amber band outside 0–100%).
 * @example validateTarget('csat', { value: 1.2, direction: 'higher', band: 0.05 })
 *   // → [{ code: 'target.error.percent', params: { kpi: 'csat' } }]
 */
export function validateTarget(kpi: KpiKey, target: KpiTarget): Notice[] {
  const out: Notice[] = [];
  const unit = KPI_DEFINITIONS[kpi].unit;
  const { min, max, integer } = targetRange(unit);
  const v = target.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) out.push({ code: 'target.error.value', params: { kpi } });
  else if (unit === 'ratio' && (v < min || v > max)) out.push({ code: 'target.error.percent', params: { kpi } });
  else if (unit === 'points' && (v < min || v > max)) out.push({ code: 'target.error.nps', params: { kpi } });
  else if (v < min) out.push({ code: 'target.error.negative', params: { kpi } });
  else if (v > max) out.push({ code: 'target.error.tooLarge', params: { kpi, max: '10^15' } });
  else if (integer && !Number.isInteger(v)) out.push({ code: 'target.error.integer', params: { kpi } });
  if (target.direction !== 'higher' && target.direction !== 'lower') out.push({ code: 'target.error.direction', params: { kpi } });
  if (typeof target.band !== 'number' || !Number.isFinite(target.band) || target.band < 0 || target.band > 1) {
    out.push({ code: 'target.error.band', params: { kpi } });
  }
  return out;
}

/** What a user types for a target: the value and the band as text (a share in percent), and the direction. */
export interface TargetInput {
  value: string;
  direction: TargetDirection;
  /** The amber band in percent of the target ('' = the default, 5). */
  band: string;
}

/**
 * Read a number typed by hand: full-width digits (１２．５), spaces and thousands separators
 * (1,000 / 1 000) are accepted, a trailing % is ignored; anything else is NaN ('' too).
 * @example readNumber('１，２００.５') // 1200.5
 */
export function readNumber(text: string): number {
  const ascii = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.').replace(/[，,\s\u00a0]/g, '').replace(/[－−]/g, '-').replace(/[%％]$/, '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(ascii)) return NaN;
  return Number(ascii);
}

/**
 * A target from what the user typed: shares (repurchase rate, churn, CSAT) are typed in percent
 * and stored as 0 … 1; the band is typed in percent. `target.error.empty` when no value is typed.
 */
export function parseTarget(kpi: KpiKey, input: TargetInput): { target: KpiTarget; notices: Notice[] } {
  const unit = KPI_DEFINITIONS[kpi].unit;
  const typed = input.value.trim();
  const raw = readNumber(typed);
  const bandText = input.band.trim();
  const bandPercent = bandText === '' ? DEFAULT_BAND * 100 : readNumber(bandText);
  const target: KpiTarget = {
    value: unit === 'ratio' ? raw / 100 : raw,
    direction: input.direction,
    band: bandPercent / 100,
  };
  if (typed === '') {
    const rest = validateTarget(kpi, { ...target, value: 0 });
    return { target, notices: [{ code: 'target.error.empty', params: { kpi } }, ...rest] };
  }
  return { target, notices: validateTarget(kpi, target) };
}

/** A target as the form shows it (shares in percent). */
export function targetInput(kpi: KpiKey, target: KpiTarget | null): TargetInput {
  const unit = KPI_DEFINITIONS[kpi].unit;
  if (!target) return { value: '', direction: KPI_DEFINITIONS[kpi].direction, band: String(DEFAULT_BAND * 100) };
  const value = unit === 'ratio' ? round(target.value * 100, 6) : target.value;
  return { value: String(value), direction: target.direction, band: String(round(target.band * 100, 6)) };
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/**
 * A target read back from storage, normalised: a missing direction or band takes the KPI's
 * default; an unknown KPI or a target that fails {@link validateTarget} is null (not shown, not used).
 */
export function restoreTarget(kpi: unknown, raw: unknown): KpiTarget | null {
  if (!isKpiKey(kpi) || typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const target: KpiTarget = {
    value: typeof r.value === 'number' ? r.value : NaN,
    direction: r.direction === 'higher' || r.direction === 'lower' ? r.direction : KPI_DEFINITIONS[kpi].direction,
    band: typeof r.band === 'number' ? r.band : DEFAULT_BAND,
  };
  return validateTarget(kpi, target).length === 0 ? target : null;
}

/**
 * A suggested target from the data: the best of this period, the previous period and the same
 * period a year earlier (in the KPI's better direction), improved by 5%, rounded to a figure a
 * person would type; null without a finite figure. So a growing business is never offered a target
 * below where it stands. Shares stay within 0 … 1, NPS within ±100.
 * @example suggestTarget('revenue', 101234, 90000, 95000) // 106000 (101,234 × 1.05 = 106,295.7 → 3 significant digits)
 */
export function suggestTarget(
  kpi: KpiKey, current: number | null | undefined, yearAgo: number | null | undefined, previous: number | null | undefined,
): number | null {
  const figures = [current, yearAgo, previous].filter((v): v is number => v != null && Number.isFinite(v));
  if (figures.length === 0) return null;
  const { unit, direction } = KPI_DEFINITIONS[kpi];
  const base = direction === 'higher' ? Math.max(...figures) : Math.min(...figures);
  const { min, max, integer } = targetRange(unit);
  const step = 0.05 * Math.abs(base);
  let v = direction === 'higher' ? base + step : base - step;
  v = roundNice(v, unit);
  if (integer) v = Math.round(v);
  return Math.min(max, Math.max(min, v));
}

/** Round to 3 significant digits (shares to 0.1 point, NPS to whole points). */
function roundNice(v: number, unit: KpiUnit): number {
  if (unit === 'ratio') return Math.round(v * 1000) / 1000;
  if (unit === 'points') return Math.round(v);
  return Number(v.toPrecision(3));
}

/**
 * Relative change from a base value: (now − base) / |base|; null when either is missing or the
 * base is 0. Shares and NPS are compared in points by the UI instead (see {@link changeInPoints}).
 */
export function relativeChange(now: number | null | undefined, base: number | null | undefined): number | null {
  if (now == null || base == null || !Number.isFinite(now) || !Number.isFinite(base) || base === 0) return null;
  return (now - base) / Math.abs(base);
}

/** Whether a KPI's change is told in points (shares in percentage points, NPS in points) rather than in percent. */
export function changeInPoints(kpi: KpiKey): boolean {
  const unit = KPI_DEFINITIONS[kpi].unit;
  return unit === 'ratio' || unit === 'points';
}
