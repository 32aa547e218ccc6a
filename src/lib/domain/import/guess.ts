/**
 * Columns of a file without a header, guessed from what they hold, for the user to confirm:
 * a column of dates is the date, one of decimal amounts the amount, one of small whole numbers
 * the quantity (or NPS/CSAT for survey answers), a column of ids that repeat the customer id and
 * one of ids that barely repeat the order id. A column that fits nothing is left unmapped.
 */
import { parseDate, type DateOrder } from './dates';
import { FIELDS, type ImportKind } from './fields';
import { parseNumber } from './numbers';

/** Share of a column's non-empty cells that must read as a kind for the column to be of it. */
const MOSTLY = 0.9;

interface ColumnFacts {
  index: number;
  filled: number;
  dates: number;
  numbers: number;
  integers: number;
  decimals: number;
  negatives: number;
  min: number;
  max: number;
  distinct: number;
  /** Cells with a letter (an id like C00042, a name, a city). */
  letters: number;
  /** Longest cell. */
  longest: number;
  /** Whole numbers written with leading zeros (0001): codes, not quantities. */
  padded: number;
}

function factsOf(rows: readonly string[][], c: number, order: DateOrder): ColumnFacts {
  const f: ColumnFacts = { index: c, filled: 0, dates: 0, numbers: 0, integers: 0, decimals: 0, negatives: 0, min: Infinity, max: -Infinity, distinct: 0, letters: 0, longest: 0, padded: 0 };
  const seen = new Set<string>();
  for (const row of rows) {
    const cell = (row[c] ?? '').trim();
    if (cell === '') continue;
    f.filled++;
    seen.add(cell);
    f.longest = Math.max(f.longest, cell.length);
    if (/\p{L}/u.test(cell)) f.letters++;
    if (/^0\d/.test(cell)) f.padded++;
    // a date written as a date (not a bare number, which reads as a serial), year-last either way round
    const date = (t: string) => parseDate(t, order) !== null || parseDate(t, 'mdy') !== null || parseDate(t, 'dmy') !== null;
    if ((!/^\d{1,7}(\.\d+)?$/.test(cell) || /^\d{8}$/.test(cell)) && date(cell)) f.dates++;
    const n = parseNumber(cell);
    if (n !== null) {
      f.numbers++;
      if (Number.isInteger(n) && !/[.,]\d/.test(cell)) f.integers++;
      else f.decimals++;
      if (n < 0) f.negatives++;
      f.min = Math.min(f.min, n);
      f.max = Math.max(f.max, n);
    }
  }
  f.distinct = seen.size;
  return f;
}

const mostly = (part: number, whole: number) => whole > 0 && part >= MOSTLY * whole;

/**
 * The proposed mapping of a headerless file's columns.
 * @param rows the first rows (a few hundred are plenty)
 * @param kind what the file holds
 * @param order how year-last dates read
 * @returns field → column index or null, every field of the kind present
 * @example // CDNOW: customer, YYYYMMDD, CDs, dollars
 * guessColumns([['1', '19970101', '1', '11.77'], ['2', '19970112', '1', '12.00'], ['2', '19970112', '5', '77.00']], 'orders', 'ymd')
 *   // { customerId: 0, date: 1, quantity: 2, amount: 3, orderId: null, unitPrice: null, returnFlag: null }
 */
export function guessColumns(rows: readonly string[][], kind: ImportKind, order: DateOrder = 'ymd'): Record<string, number | null> {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const facts = Array.from({ length: width }, (_, c) => factsOf(rows, c, order)).filter((f) => f.filled > 0);
  const mapping: Record<string, number | null> = Object.fromEntries(FIELDS[kind].map((s) => [s.field, null]));
  const taken = new Set<number>();
  const take = (field: string, f: ColumnFacts | undefined) => {
    if (!f || !(field in mapping) || mapping[field] !== null) return;
    mapping[field] = f.index;
    taken.add(f.index);
  };
  const free = () => facts.filter((f) => !taken.has(f.index));
  const isDate = (f: ColumnFacts) => mostly(f.dates, f.filled);
  const isNumber = (f: ColumnFacts) => mostly(f.numbers, f.filled) && !isDate(f);
  // ids: text codes or whole numbers that are not dates, not amounts
  const isId = (f: ColumnFacts) => !isDate(f) && f.longest <= 64 && (f.letters > 0 ? f.numbers < f.filled : mostly(f.integers, f.filled));

  // dates first: they are the least ambiguous
  take(kind === 'customers' ? 'signupDate' : 'date', free().find(isDate));
  if (kind === 'orders') {
    // the amount: decimals (or negatives) in a numeric column; the quantity: small whole numbers
    const numeric = free().filter(isNumber);
    take('amount', numeric.find((f) => f.decimals > 0) ?? numeric.find((f) => f.negatives > 0));
    // the quantity: small whole numbers, never zero-padded codes; of several, the one with the fewest values
    const qty = free().filter(isNumber)
      .filter((f) => mostly(f.integers, f.filled) && f.padded === 0 && f.max <= 1000 && f.min >= -1000 && f.distinct <= 200)
      .sort((a, b) => a.distinct - b.distinct)[0];
    // ids repeat for customers and barely for orders
    const ids = free().filter((f) => isId(f) && f.index !== qty?.index);
    const repeating = ids.filter((f) => f.distinct < f.filled);
    take('customerId', repeating[0] ?? ids[0]);
    take('orderId', free().filter((f) => isId(f) && f.index !== qty?.index).find((f) => f.distinct >= 0.5 * f.filled && f.letters > 0));
    take('quantity', qty && !taken.has(qty.index) ? qty : undefined);
    // no decimal column: a numeric column left over is the amount
    if (mapping.amount === null) take('amount', free().filter(isNumber).at(-1));
  } else if (kind === 'surveys') {
    const scores = free().filter((f) => isNumber(f) && mostly(f.integers, f.filled));
    take('nps', scores.find((f) => f.min >= 0 && f.max <= 10 && f.max > 5));
    take('csat', free().filter((f) => isNumber(f) && mostly(f.integers, f.filled)).find((f) => f.min >= 1 && f.max <= 5));
    take('customerId', free().find(isId));
  } else {
    take('customerId', free().find((f) => isId(f) && f.distinct === f.filled));
    take('birthday', free().find(isDate));
  }
  return mapping;
}
