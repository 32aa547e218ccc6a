/** How KPI values, targets and changes are written on the targets section and the dashboard. */
import {
  amberEdge, changeInPoints, KPI_DEFINITIONS, relativeChange, type KpiKey, type KpiTarget, type TargetDirection, type TargetStatus,
} from '../../../lib/domain';
import { formatMoney, formatNumber, formatPercent, INTL_LOCALE, type Locale } from '../../../lib/i18n/format';
import type { MessageKey } from '../../../lib/i18n/messages';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

/** A KPI's value in its unit ('—' when there is none). */
export function formatKpi(kpi: KpiKey, value: number | null | undefined, currency: string, locale: Locale, compact = false): string {
  switch (KPI_DEFINITIONS[kpi].unit) {
    case 'money': return compact || value == null || !Number.isFinite(value) || Math.abs(value) < 1000 ? formatMoney(value, currency, locale, { compact }) : wholeMoney(value, currency, locale);
    case 'ratio': return formatPercent(value, locale, 1);
    case 'points': return formatNumber(value == null ? value : Math.round(value * 10) / 10, locale, { maximumFractionDigits: 1 });
    case 'count': return formatNumber(value, locale, { compact, maximumFractionDigits: 0 });
    default: return formatNumber(value, locale, { maximumFractionDigits: 2 });
  }
}

/** An amount of 1,000 or more in whole units of its currency (cents are noise beside a target). */
function wholeMoney(value: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
  } catch {
    return formatMoney(value, currency, locale); // not an ISO currency code: its own fallback
  }
}

/** The unit a target is typed in, for the field's label. */
export function unitLabel(kpi: KpiKey, currency: string, t: T): string {
  switch (KPI_DEFINITIONS[kpi].unit) {
    case 'money': return currency;
    case 'ratio': return t('target.unit.percent');
    case 'points': return t('target.unit.points');
    case 'perThousand': return t('target.unit.perThousand');
    case 'perBuyer': return t('target.unit.perBuyer');
    default: return t('target.unit.count');
  }
}

const signed = (text: string, v: number): string => (v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-|^−/, '')}` : text);

/**
 * The change from a base value: shares and NPS in points (+3.3 points), the others in percent
 * (+12.5%); '—' without a base.
 */
export function formatChange(kpi: KpiKey, now: number | null | undefined, base: number | null | undefined, locale: Locale, t: T): string {
  if (now == null || base == null || !Number.isFinite(now) || !Number.isFinite(base)) return t('target.changeNone');
  if (changeInPoints(kpi)) {
    const ratio = KPI_DEFINITIONS[kpi].unit === 'ratio';
    const d = ratio ? (now - base) * 100 : now - base;
    const text = new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(Math.round(d * 10) / 10));
    return t(ratio ? 'target.ppChange' : 'target.pointsChange', { value: signed(text, Math.round(d * 10)) });
  }
  const r = relativeChange(now, base);
  if (r === null) return t('target.changeNone');
  return signed(formatPercent(Math.abs(r), locale, 1), Math.round(r * 1000));
}

/** The rule of a target in words: green / amber / red with their edges. */
export function ruleText(kpi: KpiKey, target: KpiTarget, currency: string, locale: Locale, t: T): string {
  return t(target.direction === 'lower' ? 'target.ruleLower' : 'target.ruleHigher', {
    target: formatKpi(kpi, target.value, currency, locale),
    edge: formatKpi(kpi, amberEdge(target), currency, locale),
    band: formatPercent(target.band, locale, target.band * 100 === Math.round(target.band * 100) ? 0 : 1),
  });
}

const NAME: Record<KpiKey, MessageKey> = {
  customers: 'target.kpi.customers', activeCustomers: 'target.kpi.activeCustomers', revenue: 'target.kpi.revenue', aov: 'target.kpi.aov',
  frequency: 'target.kpi.frequency', repurchaseRate: 'target.kpi.repurchaseRate', churn: 'target.kpi.churn', nps: 'target.kpi.nps',
  csat: 'target.kpi.csat', complaintRate: 'target.kpi.complaintRate',
};
const DEFINITION: Record<KpiKey, MessageKey> = {
  customers: 'target.def.customers', activeCustomers: 'target.def.activeCustomers', revenue: 'target.def.revenue', aov: 'target.def.aov',
  frequency: 'target.def.frequency', repurchaseRate: 'target.def.repurchaseRate', churn: 'target.def.churn', nps: 'target.def.nps',
  csat: 'target.def.csat', complaintRate: 'target.def.complaintRate',
};
const STATUS: Record<TargetStatus, MessageKey> = {
  green: 'target.status.green', amber: 'target.status.amber', red: 'target.status.red', none: 'target.status.none',
};
const DIRECTION: Record<TargetDirection, MessageKey> = { higher: 'target.direction.higher', lower: 'target.direction.lower' };

/** The words of a KPI's definition (with the active window and the churn silence filled in). */
export function definitionText(kpi: KpiKey, t: T, days: number, inactive: number): string {
  return t(DEFINITION[kpi], { days, inactive });
}

/** A KPI's name. */
export function kpiName(kpi: KpiKey, t: T): string {
  return t(NAME[kpi]);
}

/** A status in words (StatusBadge adds its icon). */
export function statusText(status: TargetStatus, t: T): string {
  return t(STATUS[status]);
}

/** Which way is better, in words. */
export function directionText(direction: TargetDirection, t: T): string {
  return t(DIRECTION[direction]);
}

/** The header of the targets CSV. */
export function csvHeader(t: T): string[] {
  return [
    t('target.csv.kpi'), t('target.csv.definition'), t('target.csv.periodStart'), t('target.csv.periodEnd'), t('target.csv.current'),
    t('target.csv.target'), t('target.csv.direction'), t('target.csv.band'), t('target.csv.status'), t('target.csv.previous'), t('target.csv.yearAgo'),
  ];
}

