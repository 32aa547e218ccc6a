/**
 * Guessing the text encoding of an imported file from its first bytes, and decoders for it.
 * Order: BOM, known binary signatures, UTF-16 without BOM, binary, strict UTF-8, else GB18030.
 * Pure: uses only TextDecoder (available in workers, browsers and Node with full ICU).
 */

/** Encodings the importer decodes, in the order offered to the user as an override. */
export const ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;

/** A text encoding the importer can decode (a TextDecoder label). */
export type ImportEncoding = (typeof ENCODINGS)[number];

/**
 * Result of {@link detectEncoding}. `bomLength` is the number of BOM bytes at the start (the
 * decoder from {@link decoderFor} drops them itself). Reasons: 'bom' byte-order mark;
 * 'utf16-pattern' NUL bytes at alternating positions (UTF-16 without BOM); 'utf8-valid' strict
 * UTF-8 with non-ASCII characters; 'ascii' only ASCII seen (when the sample is not the whole file,
 * later bytes may still be in another encoding); 'fallback' not UTF-8, read as GB18030 (a superset
 * of GBK and GB2312). `encoding: null`: 'empty' no bytes, 'binary' not a text file.
 */
export type EncodingGuess =
  | { encoding: ImportEncoding; bomLength: number; reason: 'bom' | 'utf16-pattern' | 'utf8-valid' | 'ascii' | 'fallback' }
  | { encoding: null; reason: 'binary' | 'empty' };

/** Bytes inspected by the byte-pattern heuristics (UTF-16 and binary). */
const HEURISTIC_BYTES = 65_536;
/** Share of control characters above which a sample is binary. */
const MAX_CONTROL_SHARE = 0.05;

/** File signatures of formats users pick by mistake: zip (xlsx), OLE2 (xls), PNG, JPEG, gzip, PDF. */
const BINARY_MAGIC: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff],
  [0x1f, 0x8b],
  [0x25, 0x50, 0x44, 0x46, 0x2d],
];

/**
 * Guesses the encoding of a file from its first bytes.
 * @param sample the first bytes of the file (e.g. 64 KiB), or the whole file
 * @param isWholeFile true when `sample` is the entire file; when false, a multi-byte character cut
 *   at the end of the sample is ignored
 * @returns the guess with its reason, or `encoding: null` for empty or binary input
 * @example
 * detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), true);
 * // { encoding: 'utf-8', bomLength: 3, reason: 'bom' }
 * detectEncoding(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7]), true); // '客户' in GBK
 * // { encoding: 'gb18030', bomLength: 0, reason: 'fallback' }
 */
export function detectEncoding(sample: Uint8Array, isWholeFile: boolean): EncodingGuess {
  const n = sample.length;
  if (n === 0) return { encoding: null, reason: 'empty' };
  const b0 = sample[0];
  const b1 = n > 1 ? sample[1] : -1;
  if (b0 === 0xef && b1 === 0xbb && n > 2 && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, reason: 'bom' };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2, reason: 'bom' };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2, reason: 'bom' };
  if (BINARY_MAGIC.some((magic) => startsWith(sample, magic))) return { encoding: null, reason: 'binary' };

  const utf16 = utf16ByNulPattern(sample, isWholeFile);
  if (utf16 === 'binary') return { encoding: null, reason: 'binary' };
  if (utf16) return { encoding: utf16, bomLength: 0, reason: 'utf16-pattern' };

  const scanned = Math.min(n, HEURISTIC_BYTES);
  let controls = 0;
  let ascii = true;
  for (let i = 0; i < scanned; i++) {
    const b = sample[i];
    if (b === 0) return { encoding: null, reason: 'binary' };
    if (isControlCode(b)) controls++;
    else if (b > 0x7f) ascii = false;
  }
  if (controls > scanned * MAX_CONTROL_SHARE) return { encoding: null, reason: 'binary' };
  if (ascii) {
    for (let i = scanned; i < n && ascii; i++) ascii = sample[i] <= 0x7f;
    if (ascii) return { encoding: 'utf-8', bomLength: 0, reason: 'ascii' };
  }
  const end = isWholeFile ? n : endOfCompleteUtf8(sample);
  return isStrictUtf8(sample.subarray(0, end))
    ? { encoding: 'utf-8', bomLength: 0, reason: 'utf8-valid' }
    : { encoding: 'gb18030', bomLength: 0, reason: 'fallback' };
}

/**
 * A streaming, non-fatal decoder for an encoding; it drops a leading BOM itself.
 * Call `decode(bytes, { stream: true })` per chunk and `decode()` at the end.
 * @param encoding one of {@link ENCODINGS}
 * @example
 * decoderFor('gb18030').decode(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7])); // '客户'
 */
export function decoderFor(encoding: ImportEncoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** C0 controls and DEL, except tab, line feed, form feed and carriage return. */
function isControlCode(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

/**
 * UTF-16 without BOM: ASCII characters put NUL bytes at odd (LE) or even (BE) offsets. Returns
 * the byte order, 'binary' when the pattern is there but the text is not, or null.
 */
function utf16ByNulPattern(sample: Uint8Array, isWholeFile: boolean): 'utf-16le' | 'utf-16be' | 'binary' | null {
  const pairs = Math.min(sample.length, HEURISTIC_BYTES) >> 1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenNul++;
    if (sample[2 * i + 1] === 0) oddNul++;
  }
  const le = oddNul >= pairs * 0.2 && evenNul * 10 <= oddNul;
  const be = evenNul >= pairs * 0.2 && oddNul * 10 <= evenNul;
  if (pairs === 0 || (!le && !be)) return null;
  const encoding = le ? 'utf-16le' : 'utf-16be';
  let end = sample.length - (sample.length & 1);
  if (!isWholeFile && end >= 2) {
    const last = le ? sample[end - 2] | (sample[end - 1] << 8) : (sample[end - 2] << 8) | sample[end - 1];
    if (last >= 0xd800 && last <= 0xdbff) end -= 2; // high surrogate cut from its pair
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(sample.subarray(0, end));
  } catch {
    return 'binary';
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0 || isControlCode(text.charCodeAt(i))) controls++;
  return controls > text.length * MAX_CONTROL_SHARE ? 'binary' : encoding;
}

/**
 * Length of `bytes` without a UTF-8 sequence cut at the end (at most 3 bytes dropped): a lead
 * byte followed by fewer continuation bytes than it announces.
 */
function endOfCompleteUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = n - 1;
  while (i >= 0 && n - i <= 3 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i < 0 || n - i > 3) return n;
  const lead = bytes[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return n - i < need && i > 0 ? i : n;
}

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
