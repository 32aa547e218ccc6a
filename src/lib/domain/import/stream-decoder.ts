import { decoderFor, type ImportEncoding } from './encoding';

/**
 * Valid non-ASCII characters before the first invalid byte, in the same slice, that prove UTF-8.
 * Fewer can be GBK bytes that happen to form UTF-8 (about one Chinese character in ten does).
 */
const UTF8_EVIDENCE = 8;
/** Most bytes held back from a GB18030 slice (see StreamDecoder.#lossy). */
const HOLD_MAX = 4096;
const EMPTY = new Uint8Array(0);

/**
 * Decodes a file slice by slice. A file whose sample was plain ASCII may still hold GBK text
 * further down: UTF-8 is then decoded strictly, and at the first invalid byte, if everything
 * before was ASCII, decoding switches to GB18030 (ASCII reads the same in both). A few non-ASCII
 * characters just before the invalid byte (in the same slice) do not count: GBK forms them by chance.
 * A real UTF-8 file with a stray bad byte keeps UTF-8, with U+FFFD for the bad byte: one that
 * starts with a BOM, has non-ASCII text in an earlier slice, or {@link UTF8_EVIDENCE} valid
 * non-ASCII characters before the bad byte. Either way no byte is dropped: the text is the
 * whole file read in the one encoding reported.
 */
export class StreamDecoder {
  #encoding: ImportEncoding;
  #decoder: TextDecoder;
  #strict: boolean;
  #asciiSoFar = true;
  /** Bytes decoded so far while strict, and the first three of them (to recognise a BOM). */
  #seen = 0;
  #head: number[] = [];
  /** An incomplete UTF-8 sequence at the end of the bytes so far (held inside the strict decoder). */
  #tail: Uint8Array = EMPTY;
  /** GB18030: the end of the last slice, not decoded yet (see #lossy). */
  #held: Uint8Array = EMPTY;

  constructor(encoding: ImportEncoding) {
    this.#encoding = encoding;
    this.#strict = encoding === 'utf-8';
    this.#decoder = this.#strict ? new TextDecoder('utf-8', { fatal: true }) : decoderFor(encoding);
  }

  /** The encoding in use now (may have switched from UTF-8 to GB18030). */
  get encoding(): ImportEncoding {
    return this.#encoding;
  }

  /** Decode the next slice; pass no bytes at the end of the file. */
  decode(bytes?: Uint8Array): string {
    const last = bytes === undefined;
    if (!this.#strict) return this.#lossy(bytes ?? EMPTY, last);
    let text: string;
    try {
      text = last ? this.#decoder.decode() : this.#decoder.decode(bytes, { stream: true });
    } catch {
      return this.#fallBack(bytes ?? EMPTY, last);
    }
    if (this.#asciiSoFar && !isAscii(text)) this.#asciiSoFar = false;
    if (bytes) this.#advance(bytes);
    return text;
  }

  /** Remember the start of the stream and the incomplete sequence at its end. */
  #advance(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.#head.length < 3; i++) this.#head.push(bytes[i]);
    this.#seen += bytes.length;
    const recent = bytes.length >= 4 ? bytes.subarray(bytes.length - 4) : concat(this.#tail, bytes);
    this.#tail = recent.slice(incompleteTailStart(recent));
  }

  /** Invalid UTF-8 in this slice: choose the encoding for the rest, and decode the slice with it (held bytes included). */
  #fallBack(bytes: Uint8Array, last: boolean): string {
    const data = concat(this.#tail, bytes);
    // The head holds every byte seen when fewer than three were: the rest of the file's first three are in this slice.
    const first = [...this.#head, ...bytes.subarray(0, 3 - this.#head.length)];
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
    const utf8 = bom || !this.#asciiSoFar || validNonAsciiBefore(data) >= UTF8_EVIDENCE;
    this.#strict = false;
    this.#encoding = utf8 ? 'utf-8' : 'gb18030';
    // From the start of the file, the decoder drops a BOM itself; in the middle, U+FEFF is text.
    this.#decoder = this.#seen - this.#tail.length === 0 ? decoderFor(this.#encoding) : new TextDecoder(this.#encoding, { ignoreBOM: true });
    this.#tail = EMPTY;
    return this.#lossy(data, last);
  }

  /**
   * Decode with the non-fatal decoder. GB18030 goes in pieces that end just after a byte below
   * 0x30 (never part of a multi-byte character), holding the rest for the next call, so no
   * character is cut between calls: Node's decoder (ICU) throws, although not fatal, when a cut
   * four-byte sequence turns out invalid in a one-byte call ('\x81\x30', then 'A').
   */
  #lossy(bytes: Uint8Array, last: boolean): string {
    if (this.#encoding !== 'gb18030') return last ? this.#decoder.decode(bytes) : this.#decoder.decode(bytes, { stream: true });
    const data = concat(this.#held, bytes);
    let cut = data.length;
    if (last) this.#held = EMPTY;
    else {
      while (cut > 0 && data[cut - 1] >= 0x30 && data.length - cut < HOLD_MAX) cut--;
      if (cut > 0 && data[cut - 1] >= 0x30) cut = data.length - 3; // none near the end: at least never a one-byte call
      this.#held = data.slice(cut);
    }
    return this.#decoder.decode(data.subarray(0, cut), { stream: !last });
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Where a UTF-8 sequence cut off at the end of `bytes` starts (bytes.length when none is). */
function incompleteTailStart(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - i < length ? i : n;
  }
  return n;
}

/** Valid non-ASCII UTF-8 characters before the first invalid sequence (or the end) of `bytes`. */
function validNonAsciiBefore(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → length, and the range of the second byte (no overlongs, surrogates or > U+10FFFF).
    const [length, low, high] =
      b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
      : b === 0xe0 ? [3, 0xa0, 0xbf]
      : b === 0xed ? [3, 0x80, 0x9f]
      : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
      : b === 0xf0 ? [4, 0x90, 0xbf]
      : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf]
      : b === 0xf4 ? [4, 0x80, 0x8f]
      : [0, 0, 0];
    if (length === 0 || i + length > bytes.length || bytes[i + 1] < low || bytes[i + 1] > high) return count;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return count;
    count++;
    i += length;
  }
  return count;
}
