/**
 * Customer and order ids. Ids are text: leading zeros, letters and inner spaces are kept as written.
 */

/** Cells that mean "no id" (compared case-insensitively, after full-width folding). */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', 'none', 'nan', 'nil', 'undefined', '-', '--', '—', '无', '空']);
const MAX_PLACEHOLDER = 9;

/**
 * Cleans an id cell:
 * - trims surrounding whitespace (including full-width spaces and a BOM);
 * - drops the leading apostrophe Excel uses to keep a cell as text ('00123 → 00123) and the
 *   ="…" wrapper some exports use for the same purpose (="00123" → 00123);
 * - turns an id Excel made into a float back into digits: '12345.0' → '12345'. Only exactly
 *   digits + '.0'; '12345.5', '12345.00' and '1.2E+5' stay as written (no information is invented);
 * - returns null for missing-value placeholders: '', NA, N/A, #N/A, NULL, None, nan, -, --, 无, 空.
 * Nothing else changes: case, leading zeros, inner characters and full-width characters are kept.
 * @param text the cell
 * @returns the id, or null when missing
 * @example
 * normaliseId("'000123");  // '000123'
 * normaliseId('17850.0'); // '17850'
 * normaliseId('#N/A');    // null
 */
export function normaliseId(text: string): string | null {
  let s = String(text ?? '').trim();
  if (s.startsWith('="') && s.endsWith('"') && s.length >= 3) s = s.slice(2, -1).trim();
  else if (s.startsWith("'")) s = s.slice(1).trim();
  if (s.length <= MAX_PLACEHOLDER && mayBeMissing(s) && MISSING.has(s.normalize('NFKC').toLowerCase())) return null;
  if (s.endsWith('.0') && /^\d+\.0$/.test(s)) s = s.slice(0, -2);
  return s;
}

/** Cheap pre-check (ids are checked a million times per import): ASCII placeholders start with one of n u # - . */
function mayBeMissing(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0) | 0x20; // ASCII lower case
  return c === 0x6e /* n */ || c === 0x75 /* u */ || c === 0x23 /* # */ || c === 0x2d /* - */ || s.charCodeAt(0) > 0x7f;
}
