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
