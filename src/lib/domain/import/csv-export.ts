/**
 * CSV for users to open in Excel (rejected rows, result tables): RFC 4180 quoting, CRLF line ends,
 * a UTF-8 BOM so Excel reads Chinese correctly, and cells that cannot run as formulas.
 */

/** Text Excel or LibreOffice could take as a formula (or DDE command): = + - @ (also full-width), or a leading tab or CR. */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@＝＋－＠])/;
/** A plain decimal number with an optional sign: safe as is, and a number to spreadsheets. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Characters that force quotes (';' too, for Excel in locales that split on it). */
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/**
 * One cell as CSV text. Numbers are written as numbers (non-finite ones as empty); null is empty.
 * A string that could start a formula gets a leading apostrophe and quotes, unless it is a plain
 * number like '-12.5' or '+3', which spreadsheets read as that number and cannot execute.
 */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value === 0 ? 0 : value) : '';
  let s = String(value);
  let quote = NEEDS_QUOTES.test(s);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) {
    s = "'" + s;
    quote = true;
  }
  return quote ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes a table as CSV: a UTF-8 BOM, then the header and each row, every line ended by CRLF.
 * Rows are written as given (no padding to the header's width).
 * @param header column names
 * @param rows cells; null is an empty cell
 * @returns the file's text (encode it as UTF-8)
 * @example
 * toCsv(['客户', 'value'], [['=1+1', -12.5]]); // '\uFEFF客户,value\r\n"\'=1+1",-12.5\r\n'
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  let out = '\uFEFF' + header.map(cell).join(',') + '\r\n';
  for (const row of rows) out += row.map(cell).join(',') + '\r\n';
  return out;
}

/** A rejected row as {@link rejectsCsv} writes it. */
export interface RejectedRow {
  line: number;
  column: string;
  reason: string;
  row: string[];
}

/**
 * The rejected rows of a file, to fix and import again: the line, the column at fault and the
 * reason first, then the row as it was in the file, under the file's own column names (so the
 * fixed file maps as the original did; the three added columns map to nothing).
 * @param columnNames the file's columns (header, or #1, #2 … without one)
 * @param rejects the rejected rows
 * @param words the added columns' names, in the user's language
 * @example rejectsCsv(['客户编号', '金额'], [{ line: 3, column: '金额', reason: 'unreadable amount', row: ['a', 'x'] }], { line: 'Line', column: 'Column', reason: 'Reason' })
 *   // '\uFEFFLine,Column,Reason,客户编号,金额\r\n3,金额,unreadable amount,a,x\r\n'
 */
export function rejectsCsv(columnNames: string[], rejects: readonly RejectedRow[], words: { line: string; column: string; reason: string }): string {
  return toCsv(
    [words.line, words.column, words.reason, ...columnNames],
    rejects.map((r) => [r.line, r.column, r.reason, ...r.row]),
  );
}
