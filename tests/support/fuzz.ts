/**
 * Fuzzing helpers shared by tests: a seeded PRNG, random and mutated bytes, a guard against
 * hangs, and CSV-shaped generators for the importer.
 *
 * Deterministic: every case draws from its own seed, printed in failure messages. Replay one case
 * with FUZZ_CASE=<case seed>; run a different set of cases with FUZZ_SEED=<n> (or FUZZ_SEED=random),
 * and more of them with FUZZ_SCALE=<k>.
 *
 * @example
 * for (const seed of fuzzCases(100)) {
 *   const r = rng(seed);
 *   const input = r.chance(0.5) ? randomBytes(r, 4096) : mutate(validFile, r);
 *   // … feed input, and put `seed` in every assertion message
 * }
 */

// ─── PRNG and seeds ──────────────────────────────────────────────────────────────────────────

/** A seeded source of pseudo-random choices (mulberry32). */
export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n) (0 when n ≤ 0). */
  int(n: number): number;
  /** Integer in [lo, hi], both included. */
  between(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A length skewed towards small values (log-uniform in [0, max]): most short, some long. */
  size(max: number): number;
}

/**
 * A PRNG for `seed` (mulberry32: tiny, fast, good enough for test inputs).
 * @example
 * const r = rng(42);
 * r.int(10); // the same number for seed 42 on every run
 */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => (n > 0 ? Math.floor(next() * n) : 0);
  return {
    seed: seed >>> 0,
    next,
    int,
    between: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)],
    size: (max) => Math.min(max, Math.floor(Math.exp(next() * Math.log(max + 1))) - (next() < 0.5 ? 1 : 0)),
  };
}

/** Default base seed, so runs are reproducible unless FUZZ_SEED says otherwise. */
export const DEFAULT_SEED = 20250601;

/** The base seed: FUZZ_SEED (a number, or 'random'), else {@link DEFAULT_SEED}. */
export function fuzzSeed(): number {
  const env = globalThis.process?.env?.FUZZ_SEED;
  if (env === 'random') return (Date.now() ^ Math.floor(Math.random() * 2 ** 32)) >>> 0;
  return env && /^\d+$/.test(env) ? Number(env) >>> 0 : DEFAULT_SEED;
}

/**
 * Seeds of `count` independent cases drawn from the base seed (and a label, so two loops of one
 * file get different cases). FUZZ_CASE=<seed> runs that one case only; FUZZ_SCALE=<k> runs k
 * times as many cases (for a longer local search).
 */
export function fuzzCases(count: number, label = '', base = fuzzSeed()): number[] {
  const env = globalThis.process?.env ?? {};
  if (env.FUZZ_CASE && /^\d+$/.test(env.FUZZ_CASE)) return [Number(env.FUZZ_CASE) >>> 0];
  const scale = env.FUZZ_SCALE && /^\d+(\.\d+)?$/.test(env.FUZZ_SCALE) ? Number(env.FUZZ_SCALE) : 1;
  let h = base >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  const r = rng(h);
  return Array.from({ length: Math.max(1, Math.round(count * scale)) }, () => Math.floor(r.next() * 2 ** 32) >>> 0);
}

// ─── Bytes ───────────────────────────────────────────────────────────────────────────────────

const encoder = new TextEncoder();

/** Bytes of a string (UTF-8) or the bytes themselves. */
export function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/** Concatenation of byte strings. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Random bytes, up to `maxLength`, in one of several flavours: uniform bytes, printable ASCII
 * with separators and line ends, high bytes (UTF-8/GBK-like), or runs of a repeated byte.
 */
export function randomBytes(r: Rng, maxLength: number): Uint8Array {
  const n = r.size(maxLength);
  const out = new Uint8Array(n);
  const flavour = r.int(4);
  for (let i = 0; i < n; i++) {
    if (flavour === 0) out[i] = r.int(256);
    else if (flavour === 1) out[i] = r.chance(0.15) ? r.pick([10, 13, 44, 9, 34, 59, 32]) : r.between(32, 126);
    else if (flavour === 2) out[i] = r.chance(0.5) ? r.between(0x80, 0xff) : r.between(32, 126);
    else {
      const b = r.int(256);
      const run = Math.min(n - i, r.size(512) + 1);
      out.fill(b, i, i + run);
      i += run - 1;
    }
  }
  return out;
}

/** Byte values that tend to break parsers. */
const INTERESTING_BYTES = [0x00, 0x01, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x7f, 0x80, 0xbf, 0xc0, 0xef, 0xfe, 0xff];

/** Options of {@link mutate}. */
export interface MutateOptions {
  /** Byte strings worth inserting or overwriting with (delimiters, magic numbers…). */
  tokens?: readonly (string | Uint8Array)[];
  /** Most edits applied, at least one [8]. */
  maxEdits?: number;
  /** Longest result, in bytes [twice the input plus 64 KiB]. */
  maxLength?: number;
}

/**
 * A mutated copy of `bytes`: 1…maxEdits random edits among bit flips, interesting bytes,
 * inserted or overwritten tokens, deleted, duplicated, repeated or swapped ranges, truncation,
 * and splices of random bytes. Never changes the input.
 * @example
 * const broken = mutate(new TextEncoder().encode('a,b\n1,2\n'), rng(7), { tokens: ['"', '\r'] });
 */
export function mutate(bytes: Uint8Array, r: Rng, options: MutateOptions = {}): Uint8Array {
  const tokens = (options.tokens ?? ['\0', '\n', '\r\n', '"', ',', '\uFEFF', '\xff\xfe']).map(bytesOf);
  const maxLength = options.maxLength ?? bytes.length * 2 + 65_536;
  const edits = 1 + r.int(Math.max(1, options.maxEdits ?? 8));
  let b: Uint8Array = bytes.slice();
  for (let e = 0; e < edits; e++) {
    const n = b.length;
    const at = r.int(n + 1);
    const span = Math.min(n - at, r.size(Math.max(1, n >> 2)) + 1);
    switch (r.int(10)) {
      case 0: // flip a bit
        if (n) b[r.int(n)] ^= 1 << r.int(8);
        break;
      case 1: // an interesting byte
        if (n) b[r.int(n)] = r.pick(INTERESTING_BYTES);
        break;
      case 2: // insert a token
      case 3:
        b = concat([b.subarray(0, at), r.pick(tokens), b.subarray(at)]);
        break;
      case 4: // overwrite with a token
        {
          const t = r.pick(tokens);
          b = concat([b.subarray(0, at), t, b.subarray(Math.min(n, at + t.length))]);
        }
        break;
      case 5: // delete a range
        b = concat([b.subarray(0, at), b.subarray(at + span)]);
        break;
      case 6: // duplicate a range, possibly many times
        {
          const times = r.chance(0.8) ? 1 : r.size(64) + 1;
          const piece = b.slice(at, at + span);
          b = concat([b.subarray(0, at + span), ...Array.from({ length: times }, () => piece), b.subarray(at + span)]);
        }
        break;
      case 7: // swap two ranges
        {
          const other = r.int(n + 1);
          const [x, y] = at < other ? [at, other] : [other, at];
          const len = Math.min(span, y - x, n - y);
          if (len > 0) {
            const first = b.slice(x, x + len);
            b.copyWithin(x, y, y + len);
            b.set(first, y);
          }
        }
        break;
      case 8: // truncate
        b = b.slice(0, at);
        break;
      default: // splice in random bytes
        b = concat([b.subarray(0, at), randomBytes(r, 64), b.subarray(at)]);
    }
    if (b.length > maxLength) b = b.slice(0, maxLength);
  }
  return b;
}

// ─── Hangs ───────────────────────────────────────────────────────────────────────────────────

/**
 * `promise`, or a rejection with Error('hang: …') after `ms`. Catches work that never settles
 * (an await that never resumes); synchronous loops block the timer too, so also check the
 * elapsed time afterwards.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ─── CSV ─────────────────────────────────────────────────────────────────────────────────────

/** Byte sequences that stress a CSV importer: quoting, separators, line ends, BOMs, bad encodings. */
export const CSV_TOKENS: readonly (string | Uint8Array)[] = [
  '"', '""', '","', '\n', '\r', '\r\n', '\n\n', ',', ';', '\t', '|', ' ', '   ', '\0', '\\',
  '\uFEFF', new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe]), new Uint8Array([0xfe, 0xff]),
  // invalid UTF-8: lone continuation, overlong, surrogate, cut sequence, 0xF8+
  new Uint8Array([0x80]), new Uint8Array([0xc0, 0xaf]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xe4, 0xb8]),
  new Uint8Array([0xf8, 0x88, 0x80, 0x80, 0x80]), new Uint8Array([0xff]),
  // GBK: '客户', a lone lead byte, a four-byte GB18030 sequence
  new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7]), new Uint8Array([0x81]), new Uint8Array([0x81, 0x30, 0x81, 0x30]),
  '客户', '金额', '\u3000', '\u2028', '\u00a0',
  '=cmd|\' /C calc\'!A0', '+1', '-1', '@SUM(A1)', "'00123", '="00042"',
  '1e309', '-1e309', 'NaN', 'Infinity', '-0', '0x1F', '1,234.50', '(12.00)', '12.00-', '￥1,234', '1.234,50',
  '2024-02-30', '9999-99-99', '0000-00-00', '2023-02-29', '1899-12-31', '13/13/2024', '45292', '60', '20240230',
  'NA', 'null', '#N/A', '-', '无',
];

/** Cell values that are edge cases for the importer's conversions. */
const ODD_CELLS = [
  '', ' ', 'NA', 'N/A', 'null', '#N/A', '-', '—', '无', 'undefined', '=1+1', '=HYPERLINK("x")', '+12', '-0', '@x', "'00042", '="00042"',
  '1e309', '1e3', 'NaN', 'Infinity', '0x10', '1,234.5', '12,5', '(5)', '5-', '$-1', '１２３', '1.5e-3', '-', '1' + ' '.repeat(90) + 'x',
  '2024-02-30', '9999-99-99', '2024-13-01', '1899-12-31', '2101-01-01', '31/12/2024', '12/31/2024', '45292', '60', '0', '99999999',
  '2024年2月30日', 'Jan 32, 2024', '2024-01-01T25:00', '2024-01-01 10:42', 'c123', 'C1', 'yes', '退货', '\u00a0', '\u3000',
];

/** A line of text with its line end ('' for a last line without one). */
interface Line {
  text: string;
  end: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(from, m.index), end: m[0] });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push({ text: text.slice(from), end: '' });
  return out;
}

/** The separator a line most likely uses (for cell-level edits). */
function guessSeparator(line: string): string {
  let best = ',';
  let count = 0;
  for (const d of [',', '\t', ';', '|']) {
    const c = line.split(d).length;
    if (c > count) [best, count] = [d, c];
  }
  return count > 1 ? best : /\s{2,}|\s\S/.test(line.trim()) ? ' ' : ',';
}

/** Options of {@link mutateCsvText} and {@link mutateCsv}. */
export interface CsvMutateOptions {
  maxEdits?: number;
  hugeField?: number;
  maxField?: number;
  maxCells?: number;
}

/**
 * A mutated copy of CSV text, by line and cell: duplicated, dropped or swapped lines, CR-only or
 * mixed line ends, mixed delimiters, odd cell values, cells padded with white space, extra or
 * missing cells, huge fields, very long lines, broken quoting, blank lines.
 * @param options.maxEdits most edits [6]
 * @param options.hugeField length of the rare huge field [1_000_001, just over the importer's limit]
 * @param options.maxField longest other long field [200_000]
 * @param options.maxCells most cells of a very long line [50_000]
 */
export function mutateCsvText(text: string, r: Rng, options: CsvMutateOptions = {}): string {
  const lines = splitLines(text);
  const edits = 1 + r.int(Math.max(1, options.maxEdits ?? 6));
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const i = r.int(lines.length);
    const line = lines[i];
    const sep = guessSeparator(line.text);
    const cells = line.text.split(sep);
    const c = r.int(cells.length);
    switch (r.int(12)) {
      case 0: // duplicate lines
        lines.splice(i, 0, ...lines.slice(i, i + 1 + r.size(20)).map((l) => ({ ...l })));
        break;
      case 1: // drop lines
        lines.splice(i, 1 + r.size(10));
        break;
      case 2: // swap with the header
        [lines[0], lines[i]] = [lines[i], lines[0]];
        break;
      case 3: // line ends: CR only, CRLF, LF, or mixed
        {
          const end = r.pick(['\r', '\r\n', '\n', 'mixed']);
          for (const l of lines) if (l.end) l.end = end === 'mixed' ? r.pick(['\r', '\r\n', '\n', '\n\n', '\r\r\n']) : end;
        }
        break;
      case 4: // another delimiter on some lines
        {
          const d = r.pick([',', ';', '\t', '|', '  ']);
          for (let k = i; k < lines.length; k += 1 + r.int(3)) lines[k].text = lines[k].text.split(sep).join(d);
        }
        break;
      case 5: // an odd value in one cell, or down one column
        {
          const value = r.chance(0.8) ? r.pick(ODD_CELLS) : new TextDecoder().decode(bytesOf(r.pick(CSV_TOKENS)));
          const all = r.chance(0.3);
          for (let k = all ? 1 : i; k < (all ? lines.length : i + 1); k++) {
            const cs = lines[k].text.split(sep);
            if (c < cs.length) cs[c] = value;
            lines[k].text = cs.join(sep);
          }
        }
        break;
      case 6: // cells padded with white space (as fixed-width exports write them), down a column
        {
          const padding = ' '.repeat(r.size(120)) + (r.chance(0.3) ? '\t' : '');
          const tail = r.pick(['', 'x', '元', 'USD', '-']);
          for (let k = i; k < lines.length; k++) {
            const cs = lines[k].text.split(sep);
            if (c < cs.length) cs[c] = r.chance(0.5) ? cs[c] + padding + tail : padding + cs[c];
            lines[k].text = cs.join(sep);
          }
        }
        break;
      case 7: // extra or missing cells
        if (r.chance(0.5)) cells.splice(c, 0, ...Array.from({ length: 1 + r.size(5) }, () => r.pick(ODD_CELLS)));
        else cells.splice(c, 1 + r.int(cells.length));
        line.text = cells.join(sep);
        break;
      case 8: // a huge field, quoted or not
        {
          const n = r.chance(0.2) ? (options.hugeField ?? 1_000_001) : r.size(options.maxField ?? 200_000);
          const value = r.pick(['x', '"', ',', 'é', '客']).repeat(n);
          cells[c] = r.chance(0.5) ? `"${value.replace(/"/g, '""')}"` : value;
          line.text = cells.join(sep);
        }
        break;
      case 9: // a very long line: many cells
        line.text = Array.from({ length: r.size(options.maxCells ?? 50_000) + 1 }, (_, k) => cells[k % cells.length]).join(sep);
        break;
      case 10: // quotes opened or closed only, doubled, with text after, or around a line break
        cells[c] = r.pick([`"${cells[c]}"`, `"${cells[c]}`, `${cells[c]}"`, `""${cells[c]}""`, `"${cells[c]}"x`, `"${cells[c]}\n${cells[c]}"`]);
        line.text = cells.join(sep);
        break;
      default: // blank, white-space-only or separator-only lines
        lines.splice(i, 0, { text: r.pick(['', ' ', '\t', sep.repeat(cells.length - 1), '""']), end: '\n' });
    }
  }
  return lines.map((l) => l.text + l.end).join('');
}

/**
 * A mutated copy of a CSV file: often {@link mutateCsvText} on its text (read as UTF-8), then
 * often byte-level edits with {@link CSV_TOKENS} (bad encodings, BOMs, NUL…).
 */
export function mutateCsv(data: string | Uint8Array, r: Rng, options: CsvMutateOptions = {}): Uint8Array {
  if (r.chance(0.25)) return mutate(bytesOf(data), r, { tokens: CSV_TOKENS, maxEdits: 4 });
  const text = typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data);
  const out = bytesOf(mutateCsvText(text, r, options));
  return r.chance(0.4) ? mutate(out, r, { tokens: CSV_TOKENS, maxEdits: 4 }) : out;
}

/** What a generated file holds. */
export type CsvKind = 'orders' | 'customers' | 'surveys';

/** A generated table with, per data row, whether the importer must accept it. */
export interface CsvTable {
  kind: CsvKind;
  header: string[];
  rows: string[][];
  /** Per row: true when every cell is valid (the importer must accept it). */
  valid: boolean[];
  /** Per row: the amount the importer must store (orders; returns negative), else 0. */
  amounts: number[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid calendar date in one of the unambiguous formats (year first). */
function validDate(r: Rng): string {
  const y = r.between(1950, 2099);
  const m = r.between(1, 12);
  const d = r.between(1, 28);
  switch (r.int(6)) {
    case 0: return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
    case 1: return `${y}/${m}/${d}`;
    case 2: return `${y}${pad(m, 2)}${pad(d, 2)}`;
    case 3: return `${y}年${m}月${d}日`;
    case 4: return `${y}-${pad(m, 2)}-${pad(d, 2)}T${pad(r.int(24), 2)}:${pad(r.int(60), 2)}:00`;
    default: return `${y}.${m}.${d} ${r.int(24)}:${pad(r.int(60), 2)}`;
  }
}

const BAD_DATES = ['2024-02-30', '9999-99-99', '2023-02-29', '2024-13-01', '1899-12-31', '2101-01-01', 'yesterday', '2024-00-10', '20240230', '2024年2月30日'];

/** A valid amount as exports write it, and its value. */
function validAmount(r: Rng): [string, number] {
  const cents = r.between(-50_000, 500_000);
  const v = cents / 100;
  const abs = Math.abs(v);
  const plain = abs.toFixed(2);
  const grouped = abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  switch (r.int(7)) {
    case 0: return [v.toFixed(2), v];
    case 1: return [`${v < 0 ? '-' : ''}${grouped}`, v];
    case 2: return [v < 0 ? `(${plain})` : `¥${plain}`, v];
    case 3: return [v < 0 ? `${plain}-` : `${plain}元`, v];
    case 4: return [String(v === 0 ? '-0' : v), v];
    case 5: return [`${v < 0 ? '-' : '+'}${plain}`, v];
    default: return [`${(v / 1000).toString()}e3`, v];
  }
}

const BAD_AMOUNTS = ['ten', '1e309', '-1e309', '12,5', '1.234,50', 'NaN', '', 'NA', '=1+1', '0x10', '$$5', '5 5', '1' + ' '.repeat(40) + 'x'];

function validId(r: Rng): string {
  const n = r.int(400);
  switch (r.int(5)) {
    case 0: return `C${n}`;
    case 1: return pad(n, 5);
    case 2: return `客户${n}`;
    case 3: return `cust-${n}-${r.pick(['a', 'b'])}`;
    default: return `${n}`;
  }
}

const BAD_IDS = ['', 'NA', 'null', '#N/A', '-', '无', ' ', 'None'];

const NAMES = ['Li Wei', '王芳', 'O\'Brien', 'Smith, John', 'Zoë', '"Quoted"', 'line\nbreak', '=1+2', '@home', '   ', '张\u3000三'];

/**
 * A random table of `kind` with standard headers (so the importer maps them), mostly valid rows
 * and some invalid ones, and the outcome the importer must reach for each row.
 */
export function randomTable(r: Rng, kind: CsvKind, maxRows = 300): CsvTable {
  const rows: string[][] = [];
  const valid: boolean[] = [];
  const amounts: number[] = [];
  const n = r.size(maxRows);
  const badShare = r.pick([0, 0.05, 0.3, 1]);
  const header =
    kind === 'orders' ? ['customer_id', 'order_id', 'order_date', 'amount', 'quantity']
    : kind === 'customers' ? ['customer_id', 'name', 'gender', 'city', 'signup_date', 'acquisition_cost']
    : ['customer_id', 'survey_date', 'nps', 'csat'];
  for (let i = 0; i < n; i++) {
    const bad = r.chance(badShare) ? 1 + r.int(kind === 'orders' ? 4 : 3) : 0; // which check fails (0: none)
    const id = bad === 1 ? r.pick(BAD_IDS) : validId(r);
    if (kind === 'orders') {
      const [text, value] = validAmount(r);
      const returnId = r.chance(0.05);
      const orderId = returnId ? `C${r.int(1e6)}` : `SO${r.int(1e6)}`;
      rows.push([id, orderId, bad === 2 ? r.pick(BAD_DATES) : validDate(r), bad === 3 ? r.pick(BAD_AMOUNTS) : text, bad === 4 ? 'many' : String(r.between(1, 9))]);
      amounts.push(bad ? 0 : value < 0 || returnId ? -Math.abs(value) : value);
    } else if (kind === 'customers') {
      const cost = bad === 3 ? r.pick(BAD_AMOUNTS.filter((s) => s.trim() !== '' && s !== 'NA' && s !== 'NaN')) : r.chance(0.2) ? '' : validAmount(r)[0];
      rows.push([id, r.pick(NAMES), r.pick(['M', 'F', '男', '女', '', 'x']), r.pick(['上海', 'Beijing', '', 'New York, NY']), bad === 2 ? r.pick(BAD_DATES) : r.chance(0.2) ? '' : validDate(r), cost]);
      amounts.push(0);
    } else {
      const nps = bad === 2 ? r.pick(['11', '-1', '7.5', 'ten', '1e309']) : r.chance(0.1) ? '' : String(r.between(0, 10));
      const csat = bad === 3 ? r.pick(['0', '11', '4.5', 'x']) : r.chance(0.1) ? '' : String(r.between(1, r.pick([5, 7, 10])));
      rows.push([id, r.chance(0.1) ? '' : validDate(r), nps, csat]);
      amounts.push(0);
    }
    valid.push(bad === 0);
  }
  return { kind, header, rows, valid, amounts };
}

/**
 * A table as CSV text: a chosen delimiter and line end, cells quoted when needed (or always),
 * an optional BOM and a last line with or without its line end.
 */
export function tableCsv(table: CsvTable, r: Rng, delimiter = r.pick([',', '\t', ';', '|'])): string {
  const end = r.pick(['\n', '\r\n', '\r']);
  const always = r.chance(0.2);
  const cell = (s: string) =>
    always || s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  const lines = [table.header, ...table.rows].map((row) => row.map(cell).join(delimiter));
  return (r.chance(0.2) ? '\uFEFF' : '') + lines.join(end) + (r.chance(0.8) ? end : '');
}
