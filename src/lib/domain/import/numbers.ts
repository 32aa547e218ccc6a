/**
 * Amounts and quantities as exports write them: thousands separators, currency marks, accounting
 * negatives, full-width digits.
 */

/** Cells that mean "no value". */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', 'none', 'nan', 'nil', '-', '--', '—', '无', '空']);
/** Longest cell worth reading as a number. */
const MAX_LENGTH = 100;

/** The common case, read directly: optional minus, digits, optional decimals (never overflows at this length). */
const PLAIN = /^-?\d{1,15}(?:\.\d{1,15})?$/;

const CURRENCY = String.raw`(?:(?:us|hk)?\$|[¥€£]|rmb|cny|usd|eur|gbp|hkd|人民币|元)`;
/** Digits with comma thousands separators (groups of exactly three) or none, a decimal point, an exponent. */
const BODY = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?`;
// Groups: 1 currency, 2 '(', 3 currency, 4 sign, 5 currency, 6 digits, 7 currency, 8 trailing '-', 9 ')', 10 currency.
const NUMBER = new RegExp(
  String.raw`^(${CURRENCY})?\s*(\()?\s*(${CURRENCY})?\s*([+-])?\s*(${CURRENCY})?\s*(${BODY})\s*(${CURRENCY})?\s*(-)?\s*(\))?\s*(${CURRENCY})?$`,
  'i',
);

/**
 * Reads an amount or quantity. Accepts '1,234.50', '-12', '+3', '(12.00)' and '12.00-' (negative),
 * one currency mark before or after (¥ ￥ $ € £ US$ HK$ RMB CNY USD EUR GBP HKD 人民币 元),
 * full-width digits, '1e3'. A comma is a thousands separator only between groups of three digits:
 * '1,234' is 1234, but '12,5' and '1.234,50' are refused rather than guessed.
 * @param text the cell
 * @returns a finite number, or null when the cell is empty, a placeholder ('NA', '-', 'null', …),
 *   a percentage, or not a plain number
 * @example
 * parseNumber('￥1,234.50'); // 1234.5
 * parseNumber('(12.00)');   // -12
 * parseNumber('12,5');      // null
 */
export function parseNumber(text: string): number | null {
  if (typeof text === 'string' && PLAIN.test(text)) return Number(text) || 0;
  const s = String(text ?? '')
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .trim();
  if (s.length > MAX_LENGTH || MISSING.has(s.toLowerCase())) return null;
  // One space per run: the same match (white space only ever separates parts), and runs of it
  // between NUMBER's optional parts would backtrack polynomially ('1' + 90 spaces + 'x' took 0.2 s).
  const m = NUMBER.exec(s.replace(/\s+/g, ' '));
  if (!m) return null;
  const currencies = [m[1], m[3], m[5], m[7], m[10]].filter(Boolean).length;
  const parens = Boolean(m[2]) !== Boolean(m[9]) ? -1 : m[2] ? 1 : 0;
  const signs = (m[4] ? 1 : 0) + (m[8] ? 1 : 0) + parens;
  if (currencies > 1 || parens < 0 || signs > 1) return null;
  const value = Number(m[6].replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  const negative = m[4] === '-' || Boolean(m[8]) || parens === 1;
  const result = negative ? -value : value;
  return result === 0 ? 0 : result;
}
