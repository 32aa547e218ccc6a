/**
 * How the read-out and the calculators word their figures: rates as percentages, differences in
 * signed percentage points, money in whole units of the dataset's currency, p-values.
 */
import type { Readout } from '../../../lib/domain';
import type { MessageKey } from '../../../lib/i18n/messages';
import { INTL_LOCALE, formatMoney, formatNumber, formatPercent, type Locale } from '../../../lib/i18n/format';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

const MINUS = '\u2212';

/** A rate as a percentage with one decimal (0.081 → 8.1%). */
export function rate(value: number, locale: Locale): string {
  return formatPercent(value, locale, 1);
}

/** A difference of rates in percentage points, one decimal (0.033 → "+3.3" with `signed`, "3.3" without; 0.00004 → "0.004"). */
export function pts(value: number, locale: Locale, signed = false): string {
  if (!Number.isFinite(value)) return '—';
  // one decimal; a figure just off 0 gets one significant digit instead of showing as "0.0"
  const points = Math.abs(value * 100);
  const digits = points > 0 && points < 0.05 ? Math.min(4, Math.ceil(-Math.log10(points))) : 1;
  const rounded = Math.round(value * 100 * 10 ** digits) / 10 ** digits;
  const text = new Intl.NumberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(rounded === 0 ? 0 : rounded);
  return text.replace('-', MINUS);
}

/** Money in whole units of the currency, with a true minus sign. */
export function money(value: number, currency: string, locale: Locale): string {
  if (!Number.isFinite(value)) return '—';
  let text: string;
  try {
    text = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
  } catch {
    text = formatMoney(value, currency, locale);
  }
  return Math.round(value) === 0 ? text.replace('-', '') : text.replace('-', MINUS);
}

/** Money per customer: two decimals below 100, whole units above; `signed` puts + before a gain. */
export function moneyEach(value: number, currency: string, locale: Locale, signed = false): string {
  if (!Number.isFinite(value)) return '—';
  const text = Math.abs(value) >= 100 ? money(value, currency, locale) : formatMoney(value, currency, locale).replace('-', MINUS);
  return signed && value > 0 && !text.startsWith('+') ? `+${text}` : text;
}

/** A p-value: "< 0.001" below 0.001, else three decimals. */
export function pValue(p: number, locale: Locale): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.001) return `< ${formatNumber(0.001, locale, { maximumFractionDigits: 3 })}`;
  return formatNumber(p, locale, { maximumFractionDigits: 3 });
}

/** A p-value said in full: "p < 0.001" or "p = 0.013". */
export function pIs(p: number, locale: Locale): string {
  const v = pValue(p, locale);
  return v.startsWith('<') ? `p ${v}` : `p = ${v}`;
}

/** A confidence level as "95%". */
export function level(confidence: number, locale: Locale): string {
  return formatPercent(confidence, locale, Number.isInteger(Math.round(confidence * 1000) / 10) ? 0 : 1);
}

export interface VerdictOptions {
  currency: string;
  locale: Locale;
  t: T;
  /** Who or what acted, e.g. the action's name; default "The treatment". */
  subject?: string;
  /** The measuring window: "30-day repurchase"; without it "conversion". */
  windowDays?: number;
  /** Word the revenue (default true; false: the figures have none, the conversion alone is said). */
  revenue?: boolean;
}

/** The verdict without its money, for figures without revenue. */
const PLAIN: Partial<Record<MessageKey, MessageKey>> = {
  'readout.verdict.lift': 'readout.verdict.liftPlain',
  'readout.verdict.liftCost': 'readout.verdict.liftPlain',
  'readout.verdict.worse': 'readout.verdict.worsePlain',
  'readout.verdict.worseCost': 'readout.verdict.worsePlain',
  'readout.verdict.none': 'readout.verdict.nonePlain',
  'readout.verdict.noneCost': 'readout.verdict.nonePlain',
};

/** The read-out's verdict as a sentence in the interface language. */
export function verdictText(r: Readout, o: VerdictOptions): string {
  const p = r.verdict.params;
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : NaN);
  const named = o.subject?.trim() || o.t('readout.subject');
  // Chinese sets a Latin name apart from the characters after it ("B 将转化率…", "挽回活动将…")
  const subject = o.locale === 'zh' && /[A-Za-z0-9)）\]]$/.test(named) ? `${named} ` : named;
  const metric = o.windowDays != null && Number.isFinite(o.windowDays) && o.windowDays > 0
    ? o.t('readout.metric.window', { days: formatNumber(o.windowDays, o.locale, { maximumFractionDigits: 0 }) })
    : o.t('readout.metric.conversion');
  const count = (k: string) => formatNumber(num(k), o.locale, { maximumFractionDigits: 0 });
  const words: Record<string, string> = {
    subject, metric, control: count('control'), treated: count('treated'), min: count('min'),
  };
  if ('from' in p) {
    Object.assign(words, {
      from: rate(num('from'), o.locale), to: rate(num('to'), o.locale),
      diff: pts(num('diff'), o.locale, true), low: pts(num('low'), o.locale), high: pts(num('high'), o.locale),
      level: level(num('level'), o.locale), incremental: money(num('incremental'), o.currency, o.locale),
    });
  }
  if ('cost' in p) Object.assign(words, { cost: money(num('cost'), o.currency, o.locale), net: money(num('net'), o.currency, o.locale) });
  const code = o.revenue === false ? (PLAIN[r.verdict.code] ?? r.verdict.code) : r.verdict.code;
  return o.t(code, words);
}
