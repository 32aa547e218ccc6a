/**
 * Typed cells of workbooks and Parquet files as the importer reads them: as the text a CSV export
 * of the same table would hold, so one converter (the CSV one) reads every format the same way.
 * Dates become 'YYYY-MM-DD' (read under any date order), numbers their shortest exact decimal,
 * ids keep a zero-padded format's leading zeros, and nothing becomes "[object Object]".
 */
import { dayFromCivil, isoDate } from '../days';

/** Day 0 of Excel's 1900 date system from serial 61 on (Excel counts a 1900-02-29 that never was). */
const EPOCH_1900 = dayFromCivil(1899, 12, 30);
const EPOCH_1904 = dayFromCivil(1904, 1, 1);

/**
 * The day of an Excel date serial (the time of day dropped).
 * @param serial days since the workbook's epoch, with the time as a fraction
 * @param date1904 the workbook uses the 1904 date system (old Mac Excel)
 * @example excelSerialDay(45292) // day of 2024-01-01
 * @example excelSerialDay(1) // day of 1900-01-01
 */
export function excelSerialDay(serial: number, date1904 = false): number {
  const whole = Math.floor(serial);
  if (date1904) return EPOCH_1904 + whole;
  return EPOCH_1900 + whole + (whole < 61 ? 1 : 0);
}

/** A spreadsheet cell as the reader gives it: its type, value, formatted text and number format. */
export interface SheetCell {
  /** 's' text, 'n' number, 'b' boolean, 'd' date, 'e' error, 'z' empty. */
  t: string;
  v?: unknown;
  /** The text Excel shows (formatted). */
  w?: string;
  /** The number format ('0.00', 'yyyy-mm-dd', '00000'…). */
  z?: string | number;
}

/** A number format that shows a date or a time (ignoring literal text and colours in it). */
export function isDateFormat(format: string | number | undefined): boolean {
  if (typeof format === 'number') return (format >= 14 && format <= 22) || (format >= 45 && format <= 47);
  if (!format || format === 'General') return false;
  const bare = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%E+-]*$/i.test(bare);
}

/** The text of a sheet cell as a CSV export of the table would write it. */
export function sheetCellText(cell: SheetCell | undefined | null, date1904 = false): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
    case 'str':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n': {
      const v = cell.v;
      if (typeof v !== 'number' || !Number.isFinite(v)) return '';
      if (isDateFormat(cell.z)) return isoDate(excelSerialDay(v, date1904));
      // an id shown zero-padded ("00042"): what Excel shows is the id
      if (typeof cell.z === 'string' && /^0+$/.test(cell.z) && typeof cell.w === 'string') return cell.w;
      return String(v);
    }
    case 'b':
      return cell.v ? 'true' : 'false';
    case 'd':
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v.toISOString().slice(0, 10) : '';
    default:
      // errors (#N/A, #DIV/0!) and empty cells hold no value
      return '';
  }
}

const utf8 = new TextDecoder('utf-8');

/** A Parquet value (as hyparquet decodes it) as text: dates as 'YYYY-MM-DD' (UTC), integers exact. */
export function parquetValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (value instanceof Uint8Array) return utf8.decode(value);
  // lists and structs have no place in a table of orders or customers
  return '';
}

const DAY_MS = 86_400_000;
/** Largest distance from 1970 a Date holds (ms): beyond it a Date is invalid, and its text empty. */
const MAX_DATE_MS = 8.64e15;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The UTC day of a time in ms, or null where `new Date(ms)` is invalid. */
function dayOfMs(ms: number): number | null {
  return Math.abs(ms) <= MAX_DATE_MS ? Math.floor(ms / DAY_MS) : null;
}

/** `Number(value / BigInt(by))` (division towards zero, as hyparquet's parsers divide), without a BigInt in the usual case. */
function truncDiv(value: bigint, by: number): number {
  if (typeof value === 'bigint' && value >= -SAFE && value <= SAFE) {
    const x = Number(value);
    return (x - (x % by)) / by;
  }
  return Number(value / BigInt(by));
}

/** Longest text read byte by byte in parquetStringFromBytes (longer ones go to the TextDecoder). */
const SHORT_TEXT = 64;

/**
 * A Parquet text value (UTF-8 bytes) as a string, exactly as hyparquet's own parser gives it (a
 * TextDecoder: UTF-8, invalid bytes replaced, a leading BOM dropped), but a short ASCII text is
 * read byte by byte: a browser's TextDecoder costs about half a microsecond a call, which for the
 * ids of a million rows is most of the file's decoding.
 */
export function parquetStringFromBytes(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  const n = bytes.length;
  if (n > SHORT_TEXT) return utf8.decode(bytes);
  for (let i = 0; i < n; i++) if (bytes[i] > 0x7f) return utf8.decode(bytes);
  // ids are short: their codes passed one by one (about three times as fast as spread or apply)
  const b = bytes;
  const c = String.fromCharCode;
  switch (n) {
    case 0: return '';
    case 1: return c(b[0]);
    case 2: return c(b[0], b[1]);
    case 3: return c(b[0], b[1], b[2]);
    case 4: return c(b[0], b[1], b[2], b[3]);
    case 5: return c(b[0], b[1], b[2], b[3], b[4]);
    case 6: return c(b[0], b[1], b[2], b[3], b[4], b[5]);
    case 7: return c(b[0], b[1], b[2], b[3], b[4], b[5], b[6]);
    case 8: return c(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
    case 9: return c(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8]);
    case 10: return c(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9]);
    case 11: return c(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10]);
    case 12: return c(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11]);
    default: return c(...b);
  }
}

/**
 * hyparquet parsers (its `parsers` option) for an import: texts as parquetStringFromBytes reads
 * them, and dates and timestamps as day numbers (days since 1970-01-01) instead of Dates: the UTC
 * day of the Date hyparquet's own parsers would give, which is the day parquetValueText writes for
 * it; null where that Date would be invalid (its text is empty). No Date is made. `onDay` is called
 * whenever a date or timestamp is read.
 */
export function parquetParsers(onDay?: () => void) {
  const seen = onDay ?? (() => undefined);
  return {
    stringFromBytes: parquetStringFromBytes,
    dateFromDays: (days: number): number | null => (seen(), Math.abs(days * DAY_MS) <= MAX_DATE_MS ? days : null),
    timestampFromMilliseconds: (ms: bigint): number | null => (seen(), dayOfMs(Number(ms))),
    timestampFromMicroseconds: (us: bigint): number | null => (seen(), dayOfMs(truncDiv(us, 1000))),
    timestampFromNanoseconds: (ns: bigint): number | null => (seen(), dayOfMs(truncDiv(ns, 1_000_000))),
  };
}

/** The text of a day from parquetParsers: what parquetValueText writes for the Date hyparquet would give. */
export function parquetDayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The text of a value of a typed column (see RowConverter.acceptColumns): `day` when the column
 * holds day numbers from parquetParsers, else values as hyparquet decodes them.
 */
export function columnValueText(value: unknown, day: boolean): string {
  if (typeof value === 'string') return value;
  if (day) return typeof value === 'number' ? parquetDayText(value) : '';
  return parquetValueText(value);
}
