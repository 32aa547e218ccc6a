/**
 * Files that are tables already: Excel workbooks (.xlsx, .xlsm; read by SheetJS, republished
 * as @e965/xlsx 0.20 — the npm `xlsx` 0.18.5 has unfixed advisories) and Parquet files (read by
 * hyparquet: uncompressed, Snappy — DuckDB's, Spark's and pandas' default — and gzip through
 * fflate; hyparquet-compressors was left out: its Snappy is WebAssembly, which the app's
 * Content-Security-Policy does not allow). A workbook's rows are handed to the importer as the
 * text a CSV export would hold (src/lib/domain/import/cells.ts), so preview, mapping, rejects,
 * progress, cancel and the all-or-nothing commit are the CSV path's. A Parquet file is previewed
 * the same way, and imported column by column, one row group at a time (parquetColumns), as typed
 * values the converter reads to the same result as their text. A workbook's zip is checked with
 * fflate before SheetJS reads it (see checkWorkbookZip).
 */
import { read, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';
import {
  parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type ColumnData, type FileMetaData, type RowGroup,
} from 'hyparquet';
import { gunzipSync, unzipSync } from 'fflate';
import { parquetParsers, parquetStringFromBytes, parquetValueText, sheetCellText, type ColumnBatch } from '../../src/lib/domain/import';

export type TableFormat = 'xlsx' | 'parquet';

/** Rows of a table file, in batches: each row's cells as text and its line (sheet row or record number, 1-based). */
export interface TableRows {
  /** Rows in the table (a sheet's used range; a Parquet file's row count). */
  total: number;
  batches(): AsyncGenerator<{ fields: string[]; line: number }[]>;
}

/** A workbook's sheets and the one proposed, for the preview. */
export interface SheetChoice {
  sheets: string[];
  sheet: string;
}

/** Largest table file read (a workbook is unpacked in memory whole). */
export const MAX_TABLE_BYTES = 512 * 1024 * 1024;

/**
 * The table format of a file from its first bytes: a zip holding xl/workbook.xml is a workbook
 * (told apart from other zips when read), 'PAR1' is Parquet; null for anything else (text).
 */
export function tableFormatOf(head: Uint8Array, name: string): TableFormat | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    // a zip: a workbook when named so, or when its first entry is one of a workbook's parts
    const entry = new TextDecoder('latin1').decode(head.subarray(30, Math.min(head.length, 30 + 64)));
    if (/\.xls[xm]$/i.test(name) || /^(\[Content_Types\]\.xml|_rels\/|xl\/|docProps\/)/.test(entry)) return 'xlsx';
  }
  return null;
}

/** Rows read for a preview (and the sheet choice). */
const PREVIEW_ROWS = 2001;

async function bytesOf(file: Blob): Promise<Uint8Array> {
  if (file.size > MAX_TABLE_BYTES) throw { code: 'import.table.tooLarge', params: { size: file.size, max: MAX_TABLE_BYTES } };
  return new Uint8Array(await file.arrayBuffer());
}

/** Largest total the entries of a workbook may unpack to (a zip bomb is refused before it is unpacked). */
const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * A workbook's zip checked before SheetJS sees it: SheetJS loops forever on some broken zips (a
 * few bytes of a zip header, found by this project's tests), so the central directory is read
 * first with fflate (entries listed, nothing unpacked): it must be whole, hold a workbook part,
 * and not unpack to more than MAX_UNPACKED_BYTES.
 */
function checkWorkbookZip(bytes: Uint8Array): void {
  let workbook = false;
  let unpacked = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (/^xl\/workbook\.(xml|bin)$/i.test(entry.name)) workbook = true;
        unpacked += entry.originalSize;
        return false;
      },
    });
  } catch {
    throw { code: 'import.xlsx.unreadable' };
  }
  if (!workbook) throw { code: 'import.xlsx.unreadable' };
  if (unpacked > MAX_UNPACKED_BYTES) throw { code: 'import.table.tooLarge', params: { size: unpacked, max: MAX_UNPACKED_BYTES } };
}

function readWorkbook(bytes: Uint8Array, rows?: number): WorkBook {
  checkWorkbookZip(bytes);
  try {
    const wb = read(bytes, { type: 'array', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellText: true, sheetRows: rows });
    if (!wb.SheetNames?.length || !wb.Workbook && !wb.Sheets) throw new Error('no sheets');
    return wb;
  } catch {
    throw { code: 'import.xlsx.unreadable' };
  }
}

/** Row `r` of a dense sheet as text, `width` cells. */
function rowText(sheet: WorkSheet, r: number, width: number, date1904: boolean): string[] {
  const row = (sheet['!data'] as (CellObject | undefined)[][] | undefined)?.[r];
  const out = new Array<string>(width);
  for (let c = 0; c < width; c++) out[c] = sheetCellText(row?.[c] as never, date1904);
  return out;
}

/** Rows and columns that hold something, and the first row that does. */
function extent(sheet: WorkSheet): { rows: number; width: number; filled: number; firstRow: number } {
  const data = (sheet['!data'] ?? []) as (CellObject | undefined)[][];
  let width = 0, rows = 0, filled = 0, firstRow = -1;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    let any = false;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell && cell.t !== 'z' && cell.v !== undefined && cell.v !== '') {
        any = true;
        filled++;
        if (c + 1 > width) width = c + 1;
      }
    }
    if (any) {
      rows++;
      if (firstRow < 0) firstRow = r;
    }
  }
  return { rows, width, filled, firstRow };
}

/**
 * The sheet that holds the table: the first with at least two rows and two columns of values
 * (a cover sheet with a title only is passed over), else the first with anything in it.
 */
function proposeSheet(wb: WorkBook): string | null {
  let any: string | null = null;
  for (const name of wb.SheetNames) {
    const e = extent(wb.Sheets[name]);
    if (e.rows >= 2 && e.width >= 2) return name;
    if (e.filled > 0 && any === null) any = name;
  }
  return any;
}

const is1904 = (wb: WorkBook) => Boolean(wb.Workbook?.WBProps?.date1904);

/** The preview of a workbook: its sheets, the one proposed (or asked for), and its first rows. */
export async function previewWorkbook(file: Blob, wanted?: string): Promise<SheetChoice & { rows: { fields: string[]; line: number }[] }> {
  const wb = readWorkbook(await bytesOf(file), PREVIEW_ROWS);
  return unreadableUnlessNotice(() => {
    const sheet = wanted && wb.SheetNames.includes(wanted) ? wanted : proposeSheet(wb);
    if (sheet === null) return { sheets: wb.SheetNames, sheet: wb.SheetNames[0], rows: [] };
    return { sheets: wb.SheetNames, sheet, rows: sheetRows(wb.Sheets[sheet], is1904(wb)) };
  });
}

/** A damaged workbook can break the reading of its sheets too: that is the workbook's fault, said as such. */
function unreadableUnlessNotice<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error) throw error;
    throw { code: 'import.xlsx.unreadable' };
  }
}

/** Non-empty rows of a sheet from its first filled row. */
function sheetRows(ws: WorkSheet, date1904: boolean, from = 0, to = Infinity): { fields: string[]; line: number }[] {
  const e = extent(ws);
  const data = (ws['!data'] ?? []) as unknown[];
  const out: { fields: string[]; line: number }[] = [];
  for (let r = Math.max(from, e.firstRow); r < Math.min(data.length, to); r++) {
    const fields = rowText(ws, r, e.width, date1904);
    if (fields.some((f) => f !== '')) out.push({ fields, line: r + 1 });
  }
  return out;
}

/** The rows of one sheet of a workbook, for the import. */
export async function workbookRows(file: Blob, sheet: string | undefined): Promise<TableRows> {
  const wb = readWorkbook(await bytesOf(file));
  const name = unreadableUnlessNotice(() => (sheet && wb.SheetNames.includes(sheet) ? sheet : proposeSheet(wb)));
  if (name === null) return { total: 0, async *batches() {} };
  const ws = wb.Sheets[name];
  const date1904 = is1904(wb);
  const total = ((ws['!data'] ?? []) as unknown[]).length;
  return {
    total,
    async *batches() {
      for (let r = 0; r < total; r += BATCH_ROWS) yield unreadableUnlessNotice(() => sheetRows(ws, date1904, r, r + BATCH_ROWS));
    },
  };
}

/** Rows handed to the converter at a time (progress and cancel between batches). */
const BATCH_ROWS = 50_000;

function asyncBuffer(file: Blob): AsyncBuffer {
  return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

/** Codecs this reader decompresses: hyparquet's own and gzip. */
const CODECS = new Set(['UNCOMPRESSED', 'SNAPPY', 'GZIP']);
const compressors = { GZIP: (input: Uint8Array) => gunzipSync(input) };

async function parquetMeta(file: Blob): Promise<{ metadata: FileMetaData; columns: string[] }> {
  let metadata: FileMetaData, columns: string[];
  try {
    metadata = await parquetMetadataAsync(asyncBuffer(file));
    columns = parquetSchema(metadata).children.map((c) => c.element.name);
  } catch {
    throw { code: 'import.parquet.unreadable' };
  }
  for (const group of metadata.row_groups) {
    for (const column of group.columns) {
      const codec = column.meta_data?.codec;
      if (codec && !CODECS.has(codec)) throw { code: 'import.parquet.codec', params: { codec } };
    }
  }
  return { metadata, columns };
}

async function parquetBatch(file: Blob, metadata: FileMetaData, columns: string[], rowStart: number, rowEnd: number): Promise<{ fields: string[]; line: number }[]> {
  let rows: unknown[][] = [];
  try {
    await parquetRead({
      file: asyncBuffer(file), metadata, columns, rowStart, rowEnd, compressors, rowFormat: 'array', onComplete: (r) => (rows = r),
      parsers: { stringFromBytes: parquetStringFromBytes },
    });
  } catch {
    throw { code: 'import.parquet.unreadable' };
  }
  return rows.map((row, i) => ({ fields: row.map(parquetValueText), line: rowStart + i + 1 }));
}

/** The preview of a Parquet file: its columns as the header row, then its first rows. */
export async function previewParquet(file: Blob): Promise<{ fields: string[]; line: number }[]> {
  const { metadata, columns } = await parquetMeta(file);
  const rows = await parquetBatch(file, metadata, columns, 0, Math.min(Number(metadata.num_rows), PREVIEW_ROWS - 1));
  return [{ fields: columns, line: 0 }, ...rows];
}

/** A Parquet file's rows as typed columns, one row group per batch (for RowConverter.acceptColumns). */
export interface TableColumns {
  /** Rows in the file. */
  total: number;
  /** The file's column names (the header the preview showed). */
  columns: string[];
  batches(): AsyncGenerator<ColumnBatch>;
}

/**
 * One column of rows start..start+count-1 (a row group) as hyparquet decodes it, with texts and
 * dates read by parquetParsers: `day` says whether hyparquet read the column as dates or
 * timestamps (it called one of their parsers; a chunk of nothing but nulls calls none, and then
 * holds no day to tell apart).
 */
async function parquetColumn(file: AsyncBuffer, metadata: FileMetaData, name: string, start: number, count: number): Promise<{ values: ArrayLike<unknown>; day: boolean }> {
  let day = false;
  const chunks: ColumnData[] = [];
  await parquetRead({
    file, metadata, columns: [name], rowStart: start, rowEnd: start + count, compressors,
    parsers: parquetParsers(() => (day = true)), onChunk: (chunk) => chunks.push(chunk),
  });
  return { values: columnValues(chunks, start, count), day };
}

/** Largest row group read into memory at once by groupBuffer (a larger one is read column by column). */
const MAX_GROUP_BYTES = 256 * 1024 * 1024;

/**
 * A file whose row group's bytes (all its column chunks) are read at once: its columns are read
 * one hyparquet call each, which would otherwise read the file once per column.
 */
async function groupBuffer(file: Blob, group: RowGroup): Promise<AsyncBuffer> {
  let from = Infinity;
  let to = 0;
  for (const { meta_data: meta } of group.columns) {
    if (!meta) continue;
    const offset = Number(meta.dictionary_page_offset || meta.data_page_offset);
    from = Math.min(from, offset);
    to = Math.max(to, offset + Number(meta.total_compressed_size));
  }
  const direct = asyncBuffer(file);
  if (!(from >= 0 && to > from && to - from <= MAX_GROUP_BYTES)) return direct;
  const bytes = await file.slice(from, to).arrayBuffer();
  return {
    byteLength: file.size,
    slice: (start, end = file.size) => (start >= from && end <= from + bytes.byteLength ? bytes.slice(start - from, end - from) : direct.slice(start, end)),
  };
}

/**
 * Rows start..start+count-1 of a column from hyparquet's chunks of it: the one chunk when it is
 * exactly those rows (an optional column's pages are joined into one), else the chunks' values
 * placed by their rows (a required column comes page by page), rows outside dropped, rows missing null.
 */
export function columnValues(chunks: readonly ColumnData[], start: number, count: number): ArrayLike<unknown> {
  const [only] = chunks;
  if (chunks.length === 1 && only.rowStart === start && only.columnData.length === count) return only.columnData;
  const values = new Array<unknown>(count).fill(null);
  for (const chunk of chunks) {
    const from = Math.max(0, start - chunk.rowStart);
    const to = Math.min(chunk.columnData.length, start + count - chunk.rowStart);
    for (let i = from; i < to; i++) values[chunk.rowStart - start + i] = chunk.columnData[i];
  }
  return values;
}

/**
 * The rows of a Parquet file, for the import: every column (a duplicate row is one equal in every
 * column), one row group at a time, each decoded once; no header row (the column names are the header).
 */
export async function parquetColumns(file: Blob): Promise<TableColumns> {
  const { metadata, columns } = await parquetMeta(file);
  return {
    total: Number(metadata.num_rows),
    columns,
    async *batches() {
      let start = 0;
      for (const group of metadata.row_groups) {
        const count = Number(group.num_rows);
        if (count > 0) {
          let read: { values: ArrayLike<unknown>; day: boolean }[];
          try {
            const bytes = await groupBuffer(file, group);
            read = [];
            for (const name of columns) read.push(await parquetColumn(bytes, metadata, name, start, count));
          } catch {
            throw { code: 'import.parquet.unreadable' };
          }
          yield { columns: read.map((r) => r.values), days: read.map((r) => r.day), firstLine: start + 1, count };
        }
        start += count;
      }
    },
  };
}
