/** How voice figures are written wherever they appear: NPS in whole points, CSAT as a percentage, intervals as ranges. */
import type { MessageKey } from './messages';
import { formatNumber, formatPercent, type Locale } from './format';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

/** NPS points, whole ('—' without answers). */
export function points(value: number, locale: Locale): string {
  return formatNumber(Number.isFinite(value) ? Math.round(value) : NaN, locale, { maximumFractionDigits: 0 });
}

/** An interval as "9–39", or "−3 to 20" when its lower end is negative (a dash would read as a minus). */
export function range(lo: string, hi: string, negative: boolean, t: T): string {
  return t(negative ? 'voice.rangeSigned' : 'voice.range', { lo, hi });
}

/** The 95% interval of an NPS, in points. */
export function npsRange(ci: [number, number], locale: Locale, t: T): string {
  return range(points(ci[0], locale), points(ci[1], locale), Math.round(ci[0]) < 0, t);
}

/** The 95% interval of a CSAT share, in percent. */
export function csatRange(ci: [number, number], locale: Locale, t: T): string {
  return range(formatPercent(ci[0], locale, 0), formatPercent(ci[1], locale, 0), false, t);
}
