import {
  CsvTokenizer, decoderFor, detectEncoding, guessColumns, guessKind, headerSignature, inferDateOrder, mapHeaders, missingFields,
  parseDate, parseNumber, sniffDelimiter, type ImportKind,
} from '../../src/lib/domain/import';
import type { Notice } from '../../src/lib/domain';
import { toNotice } from '../../src/lib/db';
import type { FilePreview, PreviewOverrides } from './api';
import { previewParquet, previewWorkbook, tableFormatOf, type TableFormat } from './tables';

/** Bytes read for a preview. */
export const PREVIEW_BYTES = 512 * 1024;
const SAMPLE_ROWS = 2000;
const SHOWN_ROWS = 20;

/** Read the start of a file and propose how to import it. */
export async function previewFile(file: File, overrides: PreviewOverrides = {}): Promise<FilePreview> {
  const base: FilePreview = {
    fileName: file.name, size: file.size, encoding: null, encodingReason: '', delimiter: ',', hasHeader: true,
    columnNames: [], rows: [], kind: overrides.kind ?? 'orders', mapping: {}, dateOrder: 'ymd', dateAmbiguous: false,
    signature: '', problems: [],
  };
  const whole = file.size <= PREVIEW_BYTES;
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const format = tableFormatOf(bytes, file.name);
  if (format) return previewTable(file, format, base, overrides);
  const guess = detectEncoding(bytes, whole);
  if (guess.encoding === null && !overrides.encoding) {
    return { ...base, problems: [{ code: guess.reason === 'empty' ? 'import.empty' : 'import.binary' }] };
  }
  const encoding = overrides.encoding ?? guess.encoding!;
  let text = decoderFor(encoding).decode(bytes);
  if (!whole) {
    // Drop the last, probably cut, line (and any character cut in half before it).
    const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (cut <= 0) {
      // one field (opened by a quote, never closed) longer than what was read, or a row without line breaks
      const quoted = /^\uFEFF?\s*"/.test(text) && text.indexOf('"', text.indexOf('"') + 1) < 0;
      const problem = quoted ? { code: 'import.hugeField', params: { kb: PREVIEW_BYTES / 1024 } } : { code: 'import.noLineBreak' };
      return { ...base, encoding, encodingReason: overrides.encoding ? 'user' : guess.reason, problems: [problem] };
    }
    text = text.slice(0, cut + 1);
  }
  const delimiter = overrides.delimiter ?? sniffDelimiter(text);
  const rows: { fields: string[]; line: number }[] = [];
  const tokenizer = new CsvTokenizer({ delimiter });
  const collect = (fields: string[], line: number) => {
    if (rows.length < SAMPLE_ROWS + 1) rows.push({ fields, line });
  };
  tokenizer.push(text, collect);
  if (whole) tokenizer.finish(collect);
  const problems: Notice[] = [];
  const tokenError = tokenizer.error;
  if (tokenError && (whole || tokenError.code !== 'import.unbalancedQuotes')) problems.push({ code: tokenError.code, params: { line: tokenError.line } });
  if (rows.length === 0) {
    if (!problems.length) problems.push({ code: 'import.empty' });
    return { ...base, encoding, encodingReason: overrides.encoding ? 'user' : guess.reason, delimiter, problems };
  }
  return propose({ ...base, encoding, encodingReason: overrides.encoding ? 'user' : guess.reason, delimiter }, rows, whole, overrides, problems);
}

/** A workbook or a Parquet file: its table's rows, proposed as for a CSV file. */
async function previewTable(file: File, format: TableFormat, base: FilePreview, overrides: PreviewOverrides): Promise<FilePreview> {
  const table = { ...base, format, encoding: 'utf-8' as const, encodingReason: 'table' };
  try {
    if (format === 'parquet') return propose(table, await previewParquet(file), true, { ...overrides, hasHeader: true }, []);
    const book = await previewWorkbook(file, overrides.sheet);
    const proposed = { ...table, sheets: book.sheets, sheet: book.sheet };
    if (book.rows.length === 0) return { ...proposed, problems: [{ code: 'import.xlsx.emptySheet', params: { sheet: book.sheet } }] };
    return propose(proposed, book.rows, true, overrides, []);
  } catch (error) {
    return { ...table, problems: [toNotice(error)] };
  }
}

/** Header, kind, mapping and date order proposed from a file's first rows (`whole`: they are all of it). */
function propose(base: FilePreview, rows: { fields: string[]; line: number }[], whole: boolean, overrides: PreviewOverrides, problems: Notice[]): FilePreview {
  const hasHeader = overrides.hasHeader ?? looksLikeHeader(rows.map((r) => r.fields));
  const width = usualWidth(rows.slice(0, 50).map((r) => r.fields.length));
  const first = rows[0].fields;
  const columnNames = Array.from({ length: width }, (_, i) => (hasHeader && first[i]?.trim() ? first[i].trim() : `#${i + 1}`));
  const data = hasHeader ? rows.slice(1) : rows;
  const kind: ImportKind = overrides.kind ?? (hasHeader ? guessKind(columnNames) : null) ?? 'orders';
  // without a header, the columns are guessed from what they hold, for the user to confirm
  const mapping = hasHeader ? mapHeaders(columnNames, kind) : guessColumns(data.slice(0, 500).map((r) => r.fields.slice(0, width)), kind, 'mdy');
  const dateSamples: string[] = [];
  for (const field of ['date', 'birthday', 'signupDate', 'consentDate']) {
    const c = mapping[field];
    if (c == null) continue;
    for (const r of data) if (r.fields[c]?.trim()) dateSamples.push(r.fields[c]);
  }
  const inferred = inferDateOrder(dateSamples);
  if (data.length === 0) problems.push({ code: whole ? 'import.onlyHeader' : 'import.noLineBreak' });
  const missing = missingFields(kind, mapping);
  if (missing.length) problems.push({ code: 'import.missingColumns', params: { fields: missing.join(', ') } });
  return {
    ...base,
    hasHeader,
    columnNames,
    rows: data.slice(0, SHOWN_ROWS).map((r) => r.fields),
    kind,
    mapping,
    dateOrder: inferred.order,
    dateAmbiguous: inferred.ambiguous,
    signature: hasHeader ? headerSignature(columnNames) : '',
    ...(hasHeader ? {} : { guessed: true }),
    problems,
  };
}

/** A first row is a header when it has text where the rows below have numbers or dates. */
function looksLikeHeader(rows: string[][]): boolean {
  if (rows.length < 2) return true;
  const valueLike = (s: string) => parseNumber(s) !== null || parseDate(s, 'ymd') !== null;
  const first = rows[0];
  const below = rows.slice(1, 21);
  let textOverValues = 0;
  for (let c = 0; c < first.length; c++) {
    const cell = first[c]?.trim() ?? '';
    if (cell === '' || valueLike(cell)) continue;
    if (below.some((r) => valueLike(r[c] ?? ''))) textOverValues++;
  }
  const allText = first.every((cell) => cell.trim() === '' || !valueLike(cell));
  return textOverValues > 0 || allText;
}

/**
 * The number of columns most of the first rows have (the larger on a tie): a stray row with an
 * extra field is then the one rejected, not every row without it.
 */
function usualWidth(counts: number[]): number {
  const seen = new Map<number, number>();
  for (const c of counts) seen.set(c, (seen.get(c) ?? 0) + 1);
  let best = 0, most = 0;
  for (const [width, n] of seen) if (n > most || (n === most && width > best)) [best, most] = [width, n];
  return best;
}
