/**
 * Text as people mean it, for comparing values typed by a user with values read from a file:
 * case, full-width / half-width forms and stray spaces do not make two values different.
 */

/** Zero-width characters that exports leave in cells (zero-width space, joiners, BOM). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * The comparable form of a text: Unicode NFKC (full-width Ａ１ and the ideographic space become
 * A1 and a space; half-width katakana become full-width), lower case, zero-width characters
 * removed, runs of white space made one space, and trimmed. '' for a text of spaces only.
 * Used on both sides of a comparison, so `foldText(a) === foldText(b)` is "the same value".
 * @param text any text
 * @example foldText('\u3000ＳＨＡＮＧＨＡＩ ') // → 'shanghai'
 * @example foldText('Ｎｏ．１２') // → 'no.12'
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A name no other item has: `name` itself when it is free, else `name 2`, `name 3`, … (names are
 * compared as {@link foldText} does, so "Shop" and "ｓｈｏｐ " are the same name).
 * @param name the wanted name
 * @param taken the names in use
 * @example distinctName('Shop', ['Shop', 'Shop 2']) // → 'Shop 3'
 */
export function distinctName(name: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, foldText));
  if (!used.has(foldText(name))) return name;
  for (let k = 2; ; k++) if (!used.has(foldText(`${name} ${k}`))) return `${name} ${k}`;
}
