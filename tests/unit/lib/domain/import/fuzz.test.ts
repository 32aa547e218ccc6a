// Fuzzing the importer's pure parts (no database): thousands of random and mutated inputs through
// encoding detection, the stream decoder, delimiter sniffing, the tokenizer, header mapping, cell
// parsers and the row converter. Nothing may throw, hang or take super-linear time, and results
// must keep their documented shape. A failure names its case seed: replay with FUZZ_CASE=<seed>
// (FUZZ_SEED and FUZZ_SCALE: see tests/support/fuzz.ts).
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  CsvTokenizer, decoderFor, DELIMITERS, detectEncoding, ENCODINGS, FIELDS, guessKind, headerSignature, IMPORT_KINDS, inferDateOrder,
  mapHeaders, normaliseId, parseDate, parseNumber, RowConverter, sniffDelimiter, StreamDecoder, type CsvTokenizerOptions, type Delimiter,
  type ImportKind,
} from '../../../../../src/lib/domain/import';
import { dayFromCivil } from '../../../../../src/lib/domain/days';
import {
  bytesOf, concat, fuzzCases, fuzzSeed, mutate, mutateCsv, randomBytes, randomTable, rng, tableCsv, CSV_TOKENS, type CsvKind, type Rng,
} from '../../../../support/fuzz';

const MIN_DAY = dayFromCivil(1900, 1, 1);
const MAX_DAY = dayFromCivil(2100, 12, 31);
/** A cell parser taking longer than this on a ≤ 200-character cell is super-linear (normal: microseconds). */
const CELL_MS = 25;

/** Runs `check` for each case seed, naming the seed in any failure. */
function forCases(count: number, label: string, check: (r: Rng, seed: number) => void): void {
  for (const seed of fuzzCases(count, label)) {
    try {
      check(rng(seed), seed);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      e.message = `${label}, case seed ${seed} (replay: FUZZ_CASE=${seed}; base FUZZ_SEED=${fuzzSeed()}): ${e.message}`;
      throw e;
    }
  }
}

/** Rows and error of tokenizing `chunks` in order. */
function tokenize(chunks: string[], options: CsvTokenizerOptions) {
  const t = new CsvTokenizer(options);
  const rows: { line: number; fields: string[] }[] = [];
  const onRow = (fields: string[], line: number) => rows.push({ line, fields });
  for (const chunk of chunks) t.push(chunk, onRow);
  t.finish(onRow);
  return { rows, error: t.error };
}

/** `text` cut at random places (empty pieces included). */
function chunksOf(text: string, r: Rng): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = r.size(r.pick([4, 64, 4096]));
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Bytes cut at random places. */
function slicesOf(bytes: Uint8Array, r: Rng): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + r.size(r.pick([3, 64, 4096]));
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

/** Mutations sized for thousands of cases. */
const SMALL = { hugeField: 3000, maxField: 1000, maxCells: 300 };

/** Text decoded from random or mutated bytes, the way a file may arrive. */
function randomText(r: Rng): string {
  const bytes = r.chance(0.3) ? randomBytes(r, 2048) : mutateCsv(tableCsv(randomTable(r, r.pick<CsvKind>(['orders', 'customers', 'surveys']), 30), r), r, SMALL);
  return decoderFor(r.pick(ENCODINGS)).decode(bytes);
}

/** A cell built from pieces that number, date and id parsers treat specially, with long runs. */
function oddCell(r: Rng): string {
  const pieces = [
    '1', '12', '2024', '0', '9', ',', '.', ' ', '\t', '\u3000', '\u00a0', '-', '+', '(', ')', '$', '¥', '￥', 'e', 'E', 'e+', '元', 'USD', 'RMB',
    ':', '/', '年', '月', '日', 'T', 'Z', 'am', 'PM', 'Jan', 'sept', 'Friday,', 'GMT+0800', '(CST)', "'", '="', '"', 'NA', '#N/A', 'x', '１', '－',
  ];
  // Runs (padding as fixed-width exports write it, long digit strings) are where backtracking hides.
  const runs = [' ', '\t', '\u3000', '0', '1', ',', '-', '.', '(', 'e'];
  let s = '';
  const parts = 1 + r.size(12);
  for (let i = 0; i < parts && s.length < 200; i++) s += r.chance(0.3) ? r.pick(runs).repeat(r.size(120)) : r.pick(pieces);
  return s.slice(0, 200);
}

/** Milliseconds `fn` takes on its slowest input, re-timed before blaming it (a GC pause is not a hang). */
function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  if (ms < CELL_MS) return ms;
  let best = ms;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('tokenizer fuzz', () => {
  it('reads back any generated table, in any chunking and with any line ends', () => {
    forCases(400, 'unit-roundtrip', (r) => {
      const delimiter = r.pick([',', '\t', ';', '|'] as const);
      const alphabet = ['a', 'Z', '0', ' ', '"', '""', delimiter, ',', '\n', '\r', '\r\n', '客', '\uFEFF', '\0', '😀', "'", '='];
      const rows: string[][] = [];
      for (let n = r.size(40); rows.length < n; ) {
        const width = 1 + r.size(8);
        const row = Array.from({ length: width }, () => Array.from({ length: r.size(12) }, () => r.pick(alphabet)).join(''));
        if (width === 1 && row[0].trim() === '') continue; // a blank line, which the tokenizer skips
        rows.push(row);
      }
      let text = '';
      const expected: { line: number; fields: string[] }[] = [];
      let line = 1;
      for (const row of rows) {
        expected.push({ line, fields: row });
        const cells = row.map((c, i) => (r.chance(0.3) || /["\r\n]/.test(c) || c.includes(delimiter) || (i === 0 && c.startsWith('\uFEFF')) ? `"${c.replace(/"/g, '""')}"` : c));
        const end = r.pick(['\n', '\r\n', '\r']);
        const written = cells.join(delimiter) + end;
        line += (written.match(/\r\n|\r|\n/g) ?? []).length;
        text += written;
      }
      if (r.chance(0.3)) text = text.replace(/(\r\n|\r|\n)$/, '');
      const got = tokenize(chunksOf(text, r), { delimiter });
      expect(got.error).toBeNull();
      expect(got.rows).toEqual(expected);
    });
  });

  it('gives the same rows and error for any chunking of any text, limits included', () => {
    forCases(600, 'unit-chunking', (r) => {
      const text = randomText(r);
      const options: CsvTokenizerOptions = {
        delimiter: r.pick(DELIMITERS),
        maxFieldChars: r.chance(0.5) ? 1 + r.size(300) : undefined,
        maxRowChars: r.chance(0.5) ? 1 + r.size(1000) : undefined,
      };
      const whole = tokenize([text], options);
      expect(tokenize(chunksOf(text, r), options)).toEqual(whole);
      let line = 1;
      for (const row of whole.rows) {
        expect(row.line).toBeGreaterThanOrEqual(line);
        line = row.line;
        expect(row.fields.length).toBeGreaterThan(0);
        for (const f of row.fields) expect(f.length).toBeLessThanOrEqual(options.maxFieldChars ?? 1_000_000);
      }
      if (whole.error) expect(whole.error.line).toBeGreaterThanOrEqual(line);
    });
  });
});

describe('encoding fuzz', () => {
  /** Non-ASCII characters a strict UTF-8 decoder reads before it meets the first invalid byte. */
  function validNonAsciiBefore(bytes: Uint8Array): number {
    const readable = (k: number) => {
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, k), { stream: true });
      } catch {
        return null;
      }
    };
    let [lo, hi] = [0, bytes.length]; // readable(lo) holds; find the longest readable prefix
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (readable(mid) === null) hi = mid - 1;
      else lo = mid;
    }
    return Array.from(readable(lo)!).filter((c) => c.charCodeAt(0) > 0x7f).length;
  }

  /** Bytes of a text file in some encoding (or two: ASCII rows, then GBK ones), then maybe damaged. */
  function fileBytes(r: Rng): Uint8Array {
    const text = () => tableCsv(randomTable(r, r.pick<CsvKind>(['orders', 'customers', 'surveys']), 40), r);
    const gbk = (t: string) => new Uint8Array(iconv.encode(t.replace(/^\uFEFF/, ''), 'gbk'));
    const encoded = r.pick([
      () => bytesOf(text()),
      () => gbk(text()),
      () => concat([bytesOf(text()).filter((b) => b < 0x80), gbk(text())]), // ASCII rows, then GBK ones
      () => new Uint8Array(iconv.encode(text(), r.pick(['utf16le', 'utf16be']))),
      () => randomBytes(r, 1024),
    ])();
    return r.chance(0.5) ? mutate(encoded, r, { tokens: CSV_TOKENS, maxEdits: 3 }) : encoded;
  }

  it('detects an encoding or binary for any bytes, and the guess decodes', () => {
    forCases(800, 'unit-detect', (r) => {
      const bytes = fileBytes(r);
      const whole = r.chance(0.7);
      const guess = detectEncoding(whole ? bytes : bytes.subarray(0, r.int(bytes.length + 1)), whole);
      if (guess.encoding === null) expect(['binary', 'empty']).toContain(guess.reason);
      else {
        expect(ENCODINGS).toContain(guess.encoding);
        expect(['bom', 'utf16-pattern', 'utf8-valid', 'ascii', 'fallback']).toContain(guess.reason);
        expect(typeof decoderFor(guess.encoding).decode(bytes)).toBe('string');
      }
    });
  });

  it('decodes a UTF-8 guess as the whole file in one encoding, for any slicing, switching to GB18030 as documented', () => {
    forCases(800, 'unit-stream-decoder', (r) => {
      const bytes = fileBytes(r);
      const d = new StreamDecoder('utf-8');
      let text = '';
      for (const slice of slicesOf(bytes, r)) text += d.decode(slice);
      text += d.decode();
      const got = { text, encoding: d.encoding };
      const asUtf8 = { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
      const asGb18030 = { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      const evidence = validNonAsciiBefore(bytes);
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      if (valid || bom || evidence >= 8) expect(got).toEqual(asUtf8);
      else if (evidence === 0) expect(got).toEqual(asGb18030);
      else expect([asUtf8, asGb18030]).toContainEqual(got);
    });
  });

  it('decodes other encodings the same as a one-shot decoder, for any slicing', () => {
    forCases(300, 'unit-stream-other', (r) => {
      const bytes = fileBytes(r);
      const encoding = r.pick(ENCODINGS.filter((e) => e !== 'utf-8'));
      const d = new StreamDecoder(encoding);
      let text = '';
      for (const slice of slicesOf(bytes, r)) text += d.decode(slice);
      text += d.decode();
      expect(text).toBe(decoderFor(encoding).decode(bytes));
    });
  });
});

describe('cell parsers fuzz', () => {
  it('read any cell to a valid value or null, in linear time', () => {
    forCases(3000, 'unit-cells', (r) => {
      const cell = r.chance(0.8) ? oddCell(r) : decoderFor(r.pick(ENCODINGS)).decode(randomBytes(r, 200));
      let n: number | null = null;
      expect(timed(() => (n = parseNumber(cell))), `parseNumber(${JSON.stringify(cell)})`).toBeLessThan(CELL_MS);
      if (n !== null) expect(Number.isFinite(n) && !Object.is(n, -0), `parseNumber(${JSON.stringify(cell)}) = ${n}`).toBe(true);
      for (const order of ['ymd', 'mdy', 'dmy'] as const) {
        let day: number | null = null;
        expect(timed(() => (day = parseDate(cell, order))), `parseDate(${JSON.stringify(cell)})`).toBeLessThan(CELL_MS);
        if (day !== null) expect(Number.isInteger(day) && day >= MIN_DAY && day <= MAX_DAY, `parseDate(${JSON.stringify(cell)}) = ${day}`).toBe(true);
      }
      let id: string | null = null;
      expect(timed(() => (id = normaliseId(cell)))).toBeLessThan(CELL_MS);
      if (id !== null) expect((id as string).length).toBeGreaterThan(0);
    });
  });

  it('infer a date order from any samples', () => {
    forCases(300, 'unit-date-order', (r) => {
      const samples = Array.from({ length: r.size(50) }, () => oddCell(r));
      const guess = inferDateOrder(samples);
      expect(['ymd', 'mdy', 'dmy']).toContain(guess.order);
      expect(guess.evidence).toBeGreaterThanOrEqual(0);
    });
  });
});

describe('headers and rows fuzz', () => {
  it('map any header row to distinct columns of the file', () => {
    forCases(600, 'unit-headers', (r) => {
      const headers = Array.from({ length: r.size(30) }, () =>
        r.pick([() => oddCell(r), () => randomText(r).slice(0, r.size(300)), () => r.pick(['customer_id', '客户编号', 'date', 'amount', 'id', 'NPS', '金额（元）', ''])])(),
      );
      const kind = guessKind(headers);
      if (kind !== null) expect(IMPORT_KINDS).toContain(kind);
      for (const k of IMPORT_KINDS) {
        const mapping = mapHeaders(headers, k);
        expect(Object.keys(mapping).sort()).toEqual(FIELDS[k].map((f) => f.field).sort());
        const used = Object.values(mapping).filter((c): c is number => c !== null);
        expect(new Set(used).size).toBe(used.length);
        for (const c of used) expect(Number.isInteger(c) && c >= 0 && c < headers.length).toBe(true);
      }
      expect(headerSignature(headers)).toMatch(/^h1:\d+:/);
      expect(DELIMITERS).toContain(sniffDelimiter(headers.join(r.pick([',', '\n', '\t']))));
    });
  });

  it('convert any rows with any mapping, counting every row exactly once', () => {
    forCases(400, 'unit-convert', (r) => {
      const kind = r.pick<ImportKind>(IMPORT_KINDS);
      const text = randomText(r);
      const delimiter: Delimiter = r.chance(0.7) ? sniffDelimiter(text) : r.pick(DELIMITERS);
      const rows = tokenize([text], { delimiter }).rows;
      const width = Math.max(1, ...rows.slice(0, 5).map((x) => x.fields.length));
      const mapping = Object.fromEntries(FIELDS[kind].map((f) => [f.field, r.chance(0.6) ? r.int(width) : null]));
      const converter = new RowConverter({
        kind, mapping, columnNames: Array.from({ length: width }, (_, i) => `#${i + 1}`), dateOrder: r.pick(['ymd', 'mdy', 'dmy'] as const),
        dropDuplicates: r.chance(0.5), maxRejects: r.chance(0.2) ? r.int(5) : undefined, chunkRows: 1 + r.size(50),
      });
      for (const row of rows) converter.accept(row.fields, row.line);
      const chunks = [...converter.takeFull(), converter.take()];
      const s = converter.stats;
      expect(s.rows).toBe(rows.length);
      expect(s.accepted + s.rejected + s.duplicatesDropped).toBe(s.rows);
      const first = (c: (typeof chunks)[number]) => Object.values(c)[0] as ArrayLike<unknown>;
      expect(chunks.reduce((n, c) => n + first(c).length, 0)).toBe(s.accepted);
      expect(Number.isFinite(s.amount)).toBe(true);
    });
  });
});

// Bugs the fuzzing found, pinned.
describe('fuzz regressions', () => {
  it('parseNumber: runs of white space between the parts no longer backtrack for seconds', () => {
    const cells = ['1' + ' '.repeat(95) + 'x', ' ￥' + '\t'.repeat(95) + 'USD,', '$' + ' '.repeat(97) + 'x', '1' + ' \u3000'.repeat(48) + 'x'];
    for (const cell of cells) {
      let value: number | null = 0;
      expect(timed(() => (value = parseNumber(cell))), JSON.stringify(cell)).toBeLessThan(CELL_MS);
      expect(value).toBeNull();
    }
    // the same numbers as before: a run counts as one space
    expect(parseNumber('1' + ' '.repeat(60) + '元')).toBe(1);
    expect(parseNumber('(  12.00\t\t)')).toBe(-12);
    expect(parseNumber('12' + ' '.repeat(40) + '-')).toBe(-12);
  });

  const utf8 = (s: string) => new TextEncoder().encode(s);
  const decodeAll = (slices: Uint8Array[]) => {
    const d = new StreamDecoder('utf-8');
    const text = slices.map((s) => d.decode(s)).join('') + d.decode();
    return { text, encoding: d.encoding };
  };

  it('StreamDecoder: UTF-8 text with a stray bad byte in the same slice stays UTF-8 (was all read as GB18030)', () => {
    const good = utf8('客户编号,城市\nC1,上海市浦东新区\n');
    expect(decodeAll([concat([good, new Uint8Array([0xff]), utf8('C2,北京\n')])])).toEqual({ text: '客户编号,城市\nC1,上海市浦东新区\n\ufffdC2,北京\n', encoding: 'utf-8' });
    // a BOM settles it even with few characters before the bad byte
    expect(decodeAll([concat([new Uint8Array([0xef, 0xbb, 0xbf]), utf8('id,城\n'), new Uint8Array([0xff]), utf8('1,2\n')])]))
      .toEqual({ text: 'id,城\n\ufffd1,2\n', encoding: 'utf-8' });
  });

  it('StreamDecoder: a sequence cut at a slice end is not dropped when the next slice is invalid', () => {
    // kept UTF-8: the cut sequence becomes U+FFFD (it was lost)
    expect(decodeAll([utf8('上海,'), new Uint8Array([0x41, 0xe4, 0xb8]), utf8('B\n')])).toEqual({ text: '上海,A\ufffdB\n', encoding: 'utf-8' });
    // switched to GB18030: the held bytes are read with the rest (they were lost)
    const gbk = new Uint8Array(iconv.encode('客户,城市\n', 'gbk'));
    expect(decodeAll([utf8('id\n'), gbk.subarray(0, 1), gbk.subarray(1)])).toEqual({ text: 'id\n客户,城市\n', encoding: 'gb18030' });
    // and an incomplete sequence at the very end
    expect(decodeAll([utf8('a,b\n'), new Uint8Array([0xe4, 0xb8])])).toEqual({ text: new TextDecoder('gb18030').decode(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xe4, 0xb8])), encoding: 'gb18030' });
  });

  it('StreamDecoder: GB18030 cut inside a broken four-byte sequence keeps every byte (Node\'s decoder throws there; the old catch-all dropped bytes)', () => {
    for (const slices of [[[0xb4, 0x36, 0xe6], [0x9c]], [[0x61, 0x2c, 0x81, 0x30], [0x41, 0x0a]], [[0xcf, 0x39], [0x40]]]) {
      const bytes = new Uint8Array(slices.flat());
      for (const start of ['gb18030', 'utf-8'] as const) {
        const d = new StreamDecoder(start);
        const text = slices.map((s) => d.decode(new Uint8Array(s))).join('') + d.decode();
        expect(text, `${start} ${slices}`).toBe(new TextDecoder('gb18030').decode(bytes));
      }
    }
  });

  it('StreamDecoder: GBK after ASCII still switches when its first characters happen to be valid UTF-8', () => {
    // '女' in GBK is C5 AE, which is also valid UTF-8 ('Ů'); '男' (C4 D0) is not
    const bytes = concat([utf8('id,gender\n1,'), new Uint8Array(iconv.encode('女\n2,男\n', 'gbk'))]);
    expect(decodeAll([bytes])).toEqual({ text: 'id,gender\n1,女\n2,男\n', encoding: 'gb18030' });
  });
});
