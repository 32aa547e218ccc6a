/**
 * Where the time of a table import goes (stderr notes only, no figure): the steps of
 * workers/import/tables.ts and workers/import/run.ts redone one at a time in a fresh bench worker,
 * on the import phase's files, with the same library calls and options, each timed on its own:
 *
 * - .xlsx: the bytes read (file.arrayBuffer()), the preview's read (sheetRows 2,001), the import's
 *   whole read, the cells turned into text (sheetCellText, as rowText), then the text rows through
 *   the RowConverter (nothing written);
 * - Parquet: the footer read (parquetColumns), each row group decoded by hyparquet column by column
 *   with dates as day numbers (the import's batches, as workers/import/tables.ts reads them), then
 *   the typed columns through the RowConverter (acceptColumns, sized by the row count, as run.ts);
 * - for comparison, the 1M CSV: decoded and tokenized (StreamDecoder + CsvTokenizer, 2 MB slices as
 *   run.ts reads them), then the RowConverter.
 *
 * What the import takes beyond these (SHA-256, chunk encoding and writes, commit, Comlink, the
 * preview) is the figure less their sum.
 */
import { read, type CellObject, type WorkSheet } from '@e965/xlsx';
import {
  CsvTokenizer, mapHeaders, RowConverter, sheetCellText, StreamDecoder, type ColumnBatch,
} from '../../src/lib/domain/import';
import { parquetColumns } from '../../workers/import/tables';
import { IMPORT_XLSX_SHEET, type Notes } from './protocol';

const round = (ms: number): number => Math.round(ms * 100) / 100;
const XLSX_OPTIONS = { type: 'array', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellText: true } as const;
/** Bytes read at a time by run.ts for text files. */
const SLICE_BYTES = 2 * 1024 * 1024;

type Row = { fields: string[]; line: number };

/** A RowConverter as run.ts builds it for an orders file with this header. */
function converterFor(header: string[], expectedRows?: number): RowConverter {
  return new RowConverter({
    kind: 'orders', mapping: mapHeaders(header, 'orders'), columnNames: header, dateOrder: 'ymd', dropDuplicates: false, expectedRows,
  });
}

/** Text rows through a RowConverter as run.ts builds it (header skipped), full chunks taken as it does. */
function convert(rows: Iterable<Row>, header: string[]): { ms: number; accepted: number; rejected: number } {
  const converter = converterFor(header);
  const t0 = performance.now();
  let n = 0;
  for (const r of rows) {
    converter.accept(r.fields, r.line);
    if (++n % 50_000 === 0) converter.takeFull();
  }
  converter.takeFull();
  if (converter.pending > 0) converter.take();
  return { ms: performance.now() - t0, accepted: converter.stats.accepted, rejected: converter.stats.rejected };
}

async function xlsxBreakdown(file: File, notes: Notes): Promise<void> {
  let t = performance.now();
  const bytes = new Uint8Array(await file.arrayBuffer());
  notes['xlsx 100k breakdown: file.arrayBuffer() ms'] = round(performance.now() - t);
  t = performance.now();
  read(bytes, { ...XLSX_OPTIONS, sheetRows: 2001 });
  notes['xlsx 100k breakdown: preview read (sheetRows 2,001: the whole zip inflated, 2,001 rows parsed) ms'] = round(performance.now() - t);
  t = performance.now();
  const wb = read(bytes, XLSX_OPTIONS);
  notes['xlsx 100k breakdown: import read (whole workbook: unzip + XML parse into cell objects) ms'] = round(performance.now() - t);
  const ws: WorkSheet = wb.Sheets[IMPORT_XLSX_SHEET];
  const data = (ws['!data'] ?? []) as (CellObject | undefined)[][];
  t = performance.now();
  const rows: Row[] = [];
  const width = data[0]?.length ?? 0;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    const fields = new Array<string>(width);
    for (let c = 0; c < width; c++) fields[c] = sheetCellText(row?.[c] as never);
    rows.push({ fields, line: r + 1 });
  }
  notes['xlsx 100k breakdown: cells to text (sheetCellText) ms'] = round(performance.now() - t);
  const conv = convert(rows.slice(1), rows[0].fields);
  notes['xlsx 100k breakdown: RowConverter over the text rows ms'] = `${round(conv.ms)} (${conv.accepted} accepted, ${conv.rejected} rejected)`;
}

async function parquetBreakdown(file: File, notes: Notes): Promise<void> {
  let t = performance.now();
  const table = await parquetColumns(file);
  notes['parquet 1M breakdown: footer (metadata) ms'] = round(performance.now() - t);
  let decodeMs = 0, groups = 0;
  const batches: ColumnBatch[] = [];
  t = performance.now();
  for await (const batch of table.batches()) {
    decodeMs += performance.now() - t;
    batches.push(batch);
    groups++;
    t = performance.now();
  }
  notes['parquet 1M breakdown: row groups decoded by hyparquet (column by column, dates as day numbers) ms'] =
    `${round(decodeMs)} (${groups} groups, ${(decodeMs / Math.max(1, groups)).toFixed(0)} ms each)`;
  const converter = converterFor(table.columns, table.total);
  t = performance.now();
  for (const batch of batches) {
    converter.acceptColumns(batch);
    converter.takeFull();
  }
  if (converter.pending > 0) converter.take();
  const ms = performance.now() - t;
  notes['parquet 1M breakdown: RowConverter over the typed columns (acceptColumns) ms'] =
    `${round(ms)} (${converter.stats.accepted} accepted, ${converter.stats.rejected} rejected)`;
}

async function csvBreakdown(file: File, notes: Notes): Promise<void> {
  const decoder = new StreamDecoder('utf-8');
  const tokenizer = new CsvTokenizer({ delimiter: ',' });
  const rows: Row[] = [];
  const onRow = (fields: string[], line: number) => rows.push({ fields, line });
  let readMs = 0, tokenMs = 0;
  for (let pos = 0; pos < file.size; pos += SLICE_BYTES) {
    let t = performance.now();
    const bytes = new Uint8Array(await file.slice(pos, pos + SLICE_BYTES).arrayBuffer());
    readMs += performance.now() - t;
    t = performance.now();
    tokenizer.push(decoder.decode(bytes), onRow);
    tokenMs += performance.now() - t;
  }
  const t = performance.now();
  tokenizer.push(decoder.decode(), onRow);
  tokenizer.finish(onRow);
  tokenMs += performance.now() - t;
  notes['csv 1M breakdown: slices read (file.slice().arrayBuffer()) ms'] = round(readMs);
  notes['csv 1M breakdown: decoded and tokenized (StreamDecoder + CsvTokenizer) ms'] = round(tokenMs);
  const conv = convert(rows.slice(1), rows[0].fields);
  notes['csv 1M breakdown: RowConverter over the text rows ms'] = `${round(conv.ms)} (${conv.accepted} accepted, ${conv.rejected} rejected)`;
}

/** The three breakdowns, in notes. */
export async function tableBreakdown(csv: File, xlsx: File, parquet: File): Promise<Notes> {
  const notes: Notes = {};
  await xlsxBreakdown(xlsx, notes);
  await parquetBreakdown(parquet, notes);
  await csvBreakdown(csv, notes);
  return notes;
}
