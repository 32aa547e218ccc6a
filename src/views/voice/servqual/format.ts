/** How the SERVQUAL part writes its figures: scores on the 7-point scale, signed gaps, dimension names. */
import type { MessageKey } from '../../../lib/i18n/messages';
import { INTL_LOCALE, type Locale } from '../../../lib/i18n/format';
import type { ServqualDimension } from '../../../lib/domain';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

const DASH = '—';
const cache = new Map<string, Intl.NumberFormat>();

function fixed(locale: Locale, digits: number, signed: boolean): Intl.NumberFormat {
  const key = `${locale}${digits}${signed}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: signed ? 'exceptZero' : 'auto' });
    cache.set(key, f);
  }
  return f;
}

/** A mean on the 1–7 scale ("6.4"); '—' without answers. */
export function score(value: number | null, locale: Locale, digits = 1): string {
  return value === null || !Number.isFinite(value) ? DASH : fixed(locale, digits, false).format(value);
}

/** A gap with its sign and a true minus ("−1.3", "+0.4", "0.0"); '—' without answers. */
export function signed(value: number | null, locale: Locale, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  // a value that rounds to zero is written without a sign
  const v = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  return fixed(locale, digits, true).format(v).replace('-', '−');
}

/** A dimension's name in the interface language. */
export function dimensionName(d: ServqualDimension, t: T): string {
  return t(`servqual.dim.${d}` as MessageKey);
}
