/**
 * The base name of a report's files (the .md in the zip, the zip and .html themselves): safe on
 * Windows, macOS and Linux and inside a zip, Chinese and other letters kept.
 */

/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;

/**
 * Sanitises a base name: no path separators, no characters file systems refuse, no '..', no
 * leading or trailing dots or spaces, at most 100 characters; empty becomes 'report'.
 * @param name the wished name, without extension
 * @returns a name safe as a file name and a zip entry
 * @example
 * reportBaseName('../战略报告: 2026/12'); // '战略报告 2026 12'
 */
export function reportBaseName(name: string): string {
  let s = String(name ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  s = Array.from(s).slice(0, 100).join('').replace(/[\s.]+$/, '');
  if (RESERVED.test(s)) s = `_${s}`;
  return s || 'report';
}
