/**
 * Locale-aware formatting with Intl. Money uses the dataset's currency, never the language's.
 * Large figures are compacted the way each language counts: 万/亿 in Chinese, K/M/B in English.
 */
import { civilFromDay } from '../domain/days';

export type Locale = 'zh' | 'en';

/** BCP 47 tag used with Intl for an interface language. */
export const INTL_LOCALE: Record<Locale, string> = { zh: 'zh-CN', en: 'en-US' };

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    cache.set(key, f);
  }
  return f;
}

/** Figures at or above this magnitude are compacted when compact formatting is asked for. */
export const COMPACT_FROM = 10_000;

export interface NumberOptions {
  /** Compact large figures (1.2万 / 12K). */
  compact?: boolean;
  maximumFractionDigits?: number;
}

function compactOptions(value: number, compact?: boolean): Intl.NumberFormatOptions {
  return compact && Math.abs(value) >= COMPACT_FROM ? { notation: 'compact', maximumSignificantDigits: 3 } : {};
}

const DASH = '—';

/** A plain number; '—' for null, NaN or infinite values. */
export function formatNumber(value: number | null | undefined, locale: Locale, options: NumberOptions = {}): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(locale, {
    maximumFractionDigits: options.maximumFractionDigits ?? 2,
    ...compactOptions(value, options.compact),
  }).format(value);
}

/** An amount of money in the given ISO 4217 currency. */
export function formatMoney(
  value: number | null | undefined, currency: string, locale: Locale, options: NumberOptions = {},
): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  const base: Intl.NumberFormatOptions = { style: 'currency', currency: safeCurrency(currency) };
  const compact = compactOptions(value, options.compact);
  return numberFormat(locale, { ...base, ...compact }).format(value);
}

/** A share (0.123 → 12.3%). */
export function formatPercent(value: number | null | undefined, locale: Locale, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day (days since 1970-01-01), formatted without any time-zone shift. */
export function formatDay(day: number | null | undefined, locale: Locale, style: 'short' | 'month' = 'short'): string {
  if (day == null || !Number.isFinite(day) || day < -1e8) return DASH;
  const key = locale + style;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      INTL_LOCALE[locale],
      style === 'month'
        ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
        : { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' },
    );
    dateFormats.set(key, f);
  }
  const [y, m, d] = civilFromDay(day);
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment (milliseconds since the epoch) as a date in the user's own time zone. */
export function formatTimestamp(ms: number | null | undefined, locale: Locale): string {
  if (ms == null || !Number.isFinite(ms)) return DASH;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** A moment as a date and time of day in the user's own time zone (two imports of one day differ). */
export function formatDateTime(ms: number | null | undefined, locale: Locale): string {
  if (ms == null || !Number.isFinite(ms)) return DASH;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(ms);
}

/** A byte count (storage usage). */
export function formatBytes(bytes: number | null | undefined, locale: Locale): string {
  if (bytes == null || !Number.isFinite(bytes)) return DASH;
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let v = bytes, u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return numberFormat(locale, { style: 'unit', unit: units[u], unitDisplay: 'short', maximumFractionDigits: u ? 1 : 0 }).format(v);
}

function safeCurrency(code: string): string {
  return /^[A-Z]{3}$/.test(code) ? code : 'XXX';
}
