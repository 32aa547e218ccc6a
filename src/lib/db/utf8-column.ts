/**
 * Arrow Utf8 columns built and read in bulk. flechette encodes and decodes each string with
 * its own TextEncoder/TextDecoder call (~3 µs each in Chromium: 1M order ids took seconds);
 * here a whole column is one encode or decode call plus linear scans over the bytes.
 */
import { batchType, Column, utf8 } from '@uwdata/flechette';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** UTF-8 byte length of each string, as TextEncoder will write it (lone surrogates become U+FFFD). */
function byteLengths(strings: readonly string[], out: Int32Array): number {
  let total = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    let n = 0;
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && j + 1 < s.length && (s.charCodeAt(j + 1) & 0xfc00) === 0xdc00) {
        n += 4;
        j++;
      } else n += 3;
    }
    out[i] = n;
    total += n;
  }
  return total;
}

/** An Arrow Utf8 column of the given strings (one TextEncoder call for the whole column). */
export function utf8Column(strings: readonly string[]): Column<string> {
  const n = strings.length;
  const lengths = new Int32Array(n);
  const total = byteLengths(strings, lengths);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + lengths[i];
  let values = new Uint8Array(total);
  if (encoder.encodeInto(strings.join(''), values).written !== total) {
    // Lone surrogates at string edges can pair up once joined: encode one by one instead.
    const parts = strings.map((s) => encoder.encode(s));
    let at = 0;
    values = new Uint8Array(parts.reduce((t, p) => t + p.length, 0));
    parts.forEach((p, i) => {
      values.set(p, at);
      at += p.length;
      offsets[i + 1] = at;
    });
  }
  const Batch = batchType(utf8()) as unknown as new (o: object) => never;
  const batch = new Batch({ length: n, nullCount: 0, type: utf8(), validity: new Uint8Array(0), offsets, values });
  return new Column<string>([batch]);
}

interface Utf8BatchData {
  length: number;
  offsets: Int32Array;
  values: Uint8Array;
}

/** All strings of an Arrow Utf8 column (one TextDecoder call per batch; nulls become ''). */
export function readUtf8Column(column: Column<unknown>): string[] {
  const out = new Array<string>(column.length);
  let k = 0;
  for (const batch of column.data as unknown as Utf8BatchData[]) {
    const { length, offsets, values } = batch;
    const start = offsets[0];
    const end = offsets[length];
    const bytes = values.subarray(start, end);
    const text = decoder.decode(bytes);
    if (text.length === bytes.length) {
      // ASCII: byte offsets are character offsets
      for (let i = 0; i < length; i++) out[k++] = text.slice(offsets[i] - start, offsets[i + 1] - start);
    } else {
      // Count UTF-16 units per value: one per lead byte, two for 4-byte sequences.
      let char = 0;
      let byte = 0;
      for (let i = 0; i < length; i++) {
        const from = char;
        const stop = offsets[i + 1] - start;
        for (; byte < stop; byte++) {
          const b = bytes[byte];
          if ((b & 0xc0) !== 0x80) char += b >= 0xf0 ? 2 : 1;
        }
        out[k++] = text.slice(from, char);
      }
    }
  }
  return out;
}
