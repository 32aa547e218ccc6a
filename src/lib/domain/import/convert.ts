/**
 * Turns tokenized rows into columnar tables, one row at a time: validation, conversion, returns,
 * duplicate detection. Rows come as text (CSV, workbooks: accept) or as typed columns (Parquet row
 * groups: acceptColumns), read through the same checks so both give what the text would.
 * Pure; the engine worker feeds it and flushes its columns to storage.
 */
import { CONSENT_NO, CONSENT_UNKNOWN, CONSENT_YES, NO_DAY, type InteractionKind, type TableColumnsByKind } from '../types';
import { SERVQUAL_DIMENSIONS, SERVQUAL_DIMENSION_ZH, servqualDimensionIndex } from '../voice/servqual';
import { dayFromCivil } from '../days';
import type { DateOrder } from './dates';
import { FIRST_DATE_DAY, LAST_DATE_DAY, parseDate } from './dates';
import { columnValueText } from './cells';
import type { ImportKind } from './fields';
import { normaliseId } from './ids';
import { parseNumber } from './numbers';
import { HASH_SEED, HashSet64, hashString } from './hash-set';
import { GENDER_CODINGS, normaliseGender, type GenderCoding } from '../gender';

export type RejectReason = 'missingId' | 'badDate' | 'badAmount' | 'badNumber' | 'outOfRange' | 'columnCount' | 'badValue' | 'resolvedBefore';

/** A row that was not imported: where, which column, what value, why. */
export interface Reject {
  line: number;
  column: string;
  value: string;
  reason: RejectReason;
  /** The row as it was in the file, every column (each cell cut at 10,000 characters), so it can be fixed and imported again. */
  row: string[];
}

/** Longest cell of a rejected row kept. */
const MAX_REJECT_CELL = 10_000;

export interface ConvertOptions {
  kind: ImportKind;
  /** Field → column index (null when not in the file). */
  mapping: Record<string, number | null>;
  /** Column names as shown to the user (header or "Column n"). */
  columnNames: string[];
  dateOrder: DateOrder;
  dropDuplicates: boolean;
  /** Rejects kept in detail (the rest are only counted). */
  maxRejects?: number;
  /** Rows per finished chunk handed out by takeFull() (default 65,536). */
  chunkRows?: number;
  /**
   * Orders already in the dataset before this import (see ExistingOrders): a line of such an
   * order is counted in `existing`, and skipped unless `keepExisting`. Lines of one order within
   * the file are never compared with each other. `customerId` is the line's (as in the file).
   */
  existing?: { has(orderId: string, isReturn: boolean, customerId: string): boolean };
  keepExisting?: boolean;
  /** Customers files: the numeric gender coding the user declared (else 1 / 2 are kept as they are). */
  genderCoding?: GenderCoding;
  /** Rows the file holds, where known (a Parquet file's): the sets of rows and order ids are made that large at once. */
  expectedRows?: number;
  /**
   * Feedback files without a ticket number: each entry's id is this prefix and its line (the
   * import's batch id makes it unique in the dataset). Default 'row-'.
   */
  idPrefix?: string;
}

export interface ConvertStats {
  rows: number;
  accepted: number;
  rejected: number;
  returns: number;
  /** Rows identical to an earlier row of the file. */
  duplicates: number;
  duplicatesDropped: number;
  /** Order lines of an order already in the dataset before this import (a return: of a return of it). */
  existing: number;
  /** Of those, skipped (not imported). */
  existingSkipped: number;
  customers: number;
  /** Rejected rows per reason (every one, also beyond the rejects kept in detail). */
  rejectedBy: Partial<Record<RejectReason, number>>;
  /** Distinct order ids among accepted rows, returns included (0 when the file has no order id column). */
  orderIds: number;
  /**
   * Orders as the dashboard counts them: distinct order ids among accepted purchase lines (a
   * customer's purchase day where the file has no order id); returns are not orders.
   */
  orders: number;
  /** Sum of accepted amounts (returns negative). */
  amount: number;
  minDay: number | null;
  maxDay: number | null;
}

/**
 * A table's rows as typed columns (a Parquet row group as hyparquet decodes it), for
 * RowConverter.acceptColumns.
 */
export interface ColumnBatch {
  /** One array of `count` values per column of the file, in the order of `columnNames`. */
  columns: readonly ArrayLike<unknown>[];
  /**
   * Per column: true when it holds day numbers (from parquetParsers; null where there is no
   * date), false when it holds values as hyparquet decodes them (strings, numbers, bigints, …).
   */
  days: readonly boolean[];
  /** The line of the first row (its record number, 1-based). */
  firstLine: number;
  count: number;
}

const NO_BATCH: ColumnBatch = { columns: [], days: [], firstLine: 0, count: 0 };

type NumberArray = Int8Array | Uint8Array | Int32Array | Float64Array;

/** A number column being built: a typed array of its kind, grown by doubling (no array of numbers to convert after). */
class NumberColumn {
  #values: NumberArray;
  #length = 0;

  constructor(readonly make: (length: number) => NumberArray) {
    this.#values = make(1024);
  }

  push(v: number): void {
    if (this.#length === this.#values.length) {
      const grown = this.make(this.#length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = v;
  }

  /** The values pushed, in an array of their length. */
  values(): NumberArray {
    return this.#length === this.#values.length ? this.#values : this.#values.slice(0, this.#length);
  }
}

/** Columns being built: arrays of text, NumberColumns of numbers. */
type Builder = Record<string, { push(v: unknown): void }>;

const RETURN_WORDS = new Set(['1', 'y', 'yes', 'true', 't', 'return', 'returned', '是', '退货', '退', '退款']);

const hashState: [number, number] = [0, 0];

/** Ends a field of a row's hash (a separator between fields, so ["ab","c"] ≠ ["a","bc"]). */
function hashFieldEnd(): void {
  hashState[0] = Math.imul(hashState[0] ^ 31, 16777619);
  hashState[1] = Math.imul(hashState[1] ^ 31, 2246822519);
}

/** 64-bit hash of a row's fields. */
function hashRow(fields: string[]): void {
  hashState[0] = HASH_SEED[0];
  hashState[1] = HASH_SEED[1];
  for (const f of fields) {
    hashString(f, hashState);
    hashFieldEnd();
  }
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/** Fed before a number's bits: above every UTF-16 code unit, so no text hashes the same way. */
const NUMBER_MARK = 0x10000;
const SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);
/** The days whose text (parquetDayText) is YYYY-MM-DD, one text per day (years 0–9999). */
const ISO_FIRST_DAY = dayFromCivil(0, 1, 1);
const ISO_LAST_DAY = dayFromCivil(9999, 12, 31);

/**
 * A 32-bit word mixed so that every bit of it moves every bit of the result (MurmurHash3's
 * finaliser; one to one). Fed raw, two words differing in a high bit (a number's sign) would move
 * only the high bits of the hash, and two such differences in a row could cancel out.
 */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

function hashNumber(v: number): void {
  scratch[0] = v;
  const lo = mix32(scratchWords[0]);
  const hi = mix32(scratchWords[1]);
  let h1 = Math.imul(hashState[0] ^ NUMBER_MARK, 16777619);
  let h2 = Math.imul(hashState[1] ^ NUMBER_MARK, 2246822519);
  h1 = Math.imul(h1 ^ lo, 16777619);
  h2 = Math.imul(h2 ^ lo, 2246822519);
  hashState[0] = Math.imul(h1 ^ hi, 16777619);
  hashState[1] = Math.imul(h2 ^ hi, 2246822519);
}

/**
 * One value of a typed column fed into the row's hash, so that two rows hash alike exactly when
 * their text (columnValueText) is the same, without making that text in the usual cases: text is
 * hashed as text; a number by its bits (its text is one per number, except that 0 and -0 are both
 * '0' and a number that is not finite is ''); a day by its number where its text is YYYY-MM-DD.
 * Within a column the values are all of one kind, so numbers never meet text of the same column.
 */
function hashValue(v: unknown, day: boolean): void {
  if (typeof v === 'string') return hashString(v, hashState);
  if (v === null || v === undefined) return;
  if (typeof v === 'number') {
    if (day ? v >= ISO_FIRST_DAY && v <= ISO_LAST_DAY : Number.isFinite(v)) return hashNumber(v === 0 ? 0 : v);
    if (!day) return; // not finite: its text is empty
  } else if (typeof v === 'bigint' && !day && v >= -SAFE_BIGINT && v <= SAFE_BIGINT) return hashNumber(Number(v));
  hashString(columnValueText(v, day), hashState);
}

function hashOne(s: string): void {
  hashState[0] = HASH_SEED[0];
  hashState[1] = HASH_SEED[1];
  hashString(s, hashState);
}

/** The counts of a file no row of which was read. */
export function emptyStats(): ConvertStats {
  return {
    rows: 0, accepted: 0, rejected: 0, returns: 0, duplicates: 0, duplicatesDropped: 0, existing: 0, existingSkipped: 0,
    customers: 0, rejectedBy: {}, orderIds: 0, orders: 0, amount: 0, minDay: null, maxDay: null,
  };
}

/** Keys waiting to be added to a set, in the order they came, with their marks (HashSet64.markMany). */
class PendingKeys {
  hi = new Int32Array(1024);
  lo = new Int32Array(1024);
  marks = new Uint8Array(1024);
  count = 0;

  /** Add the key in hashState. */
  push(marks = 0): void {
    if (this.count === this.hi.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(this.count * 2);
        b.set(a);
        return b;
      };
      this.hi = grow(this.hi, (n) => new Int32Array(n));
      this.lo = grow(this.lo, (n) => new Int32Array(n));
      this.marks = grow(this.marks, (n) => new Uint8Array(n));
    }
    this.hi[this.count] = hashState[0];
    this.lo[this.count] = hashState[1];
    this.marks[this.count++] = marks;
  }
}

/** Marks of an order key: seen as an order id, seen as the order of a purchase. */
const ORDER_ID = 1;
const PURCHASE = 2;

/** Text rows whose keys are counted together (see RowConverter #settle). */
const SETTLE_KEYS = 1 << 16;

export class RowConverter {
  #stats: ConvertStats = emptyStats();
  readonly rejects: Reject[] = [];
  #options: ConvertOptions;
  /** The row being converted: its text (a text row), or its index in #batch (a typed row: #row ≥ 0). */
  #fields: string[] = [];
  #batch: ColumnBatch = NO_BATCH;
  #row = -1;
  #columns = 0;
  #builder: Builder;
  #seenRows: HashSet64;
  #customers = new HashSet64();
  /** Order ids and purchases (customer|day where the file has no order id), marked ORDER_ID and PURCHASE. */
  #orders: HashSet64;
  #before = new Int8Array(0);
  #ready: TableColumnsByKind[ImportKind][] = [];
  #pending = 0;
  #col: (field: string) => number | null;
  /** A batch's row hashes (typed rows), and whether each row repeats an earlier one of the file. */
  #rowHash1 = new Int32Array(0);
  #rowHash2 = new Int32Array(0);
  #repeats = new Uint8Array(0);
  /**
   * Hashes of accepted rows' customer ids, and of their order ids and purchases, not yet counted:
   * #settle adds them to their sets many at a time (HashSet64.addMany, markMany), at the end of a
   * batch, every SETTLE_KEYS text rows and when the stats are read.
   */
  #customerKeys = new PendingKeys();
  #orderKeys = new PendingKeys();

  constructor(options: ConvertOptions) {
    this.#options = options;
    this.#columns = options.columnNames.length;
    this.#builder = this.#empty();
    // made large at once up to 4M rows (64 MB a set); past that they grow as keys come
    const rows = Math.min(options.expectedRows ?? 0, 1 << 22);
    this.#seenRows = new HashSet64(rows || undefined);
    this.#orders = new HashSet64(options.kind === 'orders' ? rows || undefined : 0, { marks: true });
    this.#col = (field) => options.mapping[field] ?? null;
  }

  /** The counts so far. */
  get stats(): ConvertStats {
    this.#settle();
    return this.#stats;
  }

  /** Rows converted and waiting to be flushed. */
  get pending(): number {
    return this.#pending;
  }

  /** Convert one row (fields as tokenized; line = where it starts in the file). */
  accept(fields: string[], line: number): void {
    this.#fields = fields;
    this.#row = -1;
    this.#convert(fields.length, line);
  }

  /**
   * Convert the rows of typed columns (a Parquet row group), with the same result as their text
   * (columnValueText) through `accept`: the same rows kept, the same values, duplicates, counts and
   * rejects. Numbers and days are read as they are where their text would read the same; the
   * text of a row is made only for a reject.
   */
  acceptColumns(batch: ColumnBatch): void {
    this.#batch = batch;
    try {
      this.#findRepeats(batch);
      for (let i = 0; i < batch.count; i++) {
        this.#row = i;
        this.#convert(batch.columns.length, batch.firstLine + i);
      }
    } finally {
      this.#row = -1;
      this.#batch = NO_BATCH;
      this.#settle();
    }
  }

  /** Whether the row being converted, `width` cells wide, has the file's columns (and nothing but empty cells after them). */
  #fits(width: number): boolean {
    return width === this.#columns || (width > this.#columns && this.#blankFrom(this.#columns, width));
  }

  /**
   * A batch's rows hashed column by column (a column's values are all of one kind), then looked up
   * in the rows seen one after another, in order: whether each repeats an earlier row, in #repeats.
   * A row of the wrong width is not looked up (it is refused before).
   */
  #findRepeats({ columns, days, count }: ColumnBatch): void {
    if (this.#repeats.length < count) {
      this.#rowHash1 = new Int32Array(count);
      this.#rowHash2 = new Int32Array(count);
      this.#repeats = new Uint8Array(count);
    }
    const h1 = this.#rowHash1.fill(HASH_SEED[0], 0, count);
    const h2 = this.#rowHash2.fill(HASH_SEED[1], 0, count);
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      const day = days[c];
      for (let i = 0; i < count; i++) {
        hashState[0] = h1[i];
        hashState[1] = h2[i];
        hashValue(column[i], day);
        hashFieldEnd();
        h1[i] = hashState[0];
        h2[i] = hashState[1];
      }
    }
    const repeats = this.#repeats;
    if (columns.length === this.#columns) {
      this.#seenRows.addMany(h1, h2, count, repeats);
      for (let i = 0; i < count; i++) repeats[i] ^= 1;
      return;
    }
    for (let i = 0; i < count; i++) {
      this.#row = i;
      repeats[i] = this.#fits(columns.length) && !this.#seenRows.add(h1[i], h2[i]) ? 1 : 0;
    }
  }

  /** The row being converted, `width` cells wide. */
  #convert(width: number, line: number): void {
    const s = this.#stats;
    s.rows++;
    if (!this.#fits(width)) {
      this.#reject(line, '', `${width}/${this.#columns}`, 'columnCount');
      return;
    }
    if (this.#row < 0) hashRow(this.#fields);
    if (this.#row < 0 ? !this.#seenRows.add(hashState[0], hashState[1]) : this.#repeats[this.#row] === 1) {
      s.duplicates++;
      if (this.#options.dropDuplicates) {
        s.duplicatesDropped++;
        return;
      }
    }
    const kind = this.#options.kind;
    const ok =
      kind === 'orders' ? this.#order(line)
      : kind === 'customers' ? this.#customer(line)
      : kind === 'surveys' ? this.#survey(line)
      : kind === 'interactions' ? this.#interaction(line)
      : kind === 'servqual' ? this.#servqual(line)
      : this.#importance(line);
    if (ok === true) {
      s.accepted++;
      this.#pending++;
      if (this.pending >= (this.#options.chunkRows ?? 65_536)) this.#ready.push(this.take());
    }
  }

  /** Full chunks converted so far (each `chunkRows` long), handed over once. */
  takeFull(): TableColumnsByKind[ImportKind][] {
    const out = this.#ready;
    this.#ready = [];
    return out;
  }

  /** Take the rows converted since the last take (or full chunk) as a columnar table. */
  take(): TableColumnsByKind[ImportKind] {
    const b = this.#builder;
    this.#builder = this.#empty();
    this.#pending = 0;
    const out: Record<string, unknown> = {};
    for (const [name, values] of Object.entries(b)) out[name] = values instanceof NumberColumn ? values.values() : values;
    return out as unknown as TableColumnsByKind[ImportKind];
  }

  #empty(): Builder {
    const names = COLUMNS[this.#options.kind];
    return Object.fromEntries(names.map((n) => [n, Object.hasOwn(TYPED, n) ? new NumberColumn(TYPED[n]) : []]));
  }

  /** The text of cell `c` of the row being converted. */
  #cell(c: number): string {
    if (this.#row < 0) return this.#fields[c] ?? '';
    const column = this.#batch.columns[c];
    return column ? columnValueText(column[this.#row], this.#batch.days[c]) : '';
  }

  #text(field: string): string {
    const c = this.#col(field);
    return c === null ? '' : this.#cell(c);
  }

  /** Whether cells from..width-1 are all empty. */
  #blankFrom(from: number, width: number): boolean {
    for (let c = from; c < width; c++) if (this.#cell(c) !== '') return false;
    return true;
  }

  /**
   * Cell `c` of a typed row read as a number without its text, where its text would read as that
   * number (parseNumber): NaN where the text is empty; undefined where the text must be read.
   */
  #typedNumber(c: number): number | undefined {
    if (this.#row < 0 || this.#batch.days[c]) return undefined;
    const column = this.#batch.columns[c];
    if (!column) return undefined;
    const v = column[this.#row];
    if (typeof v === 'number') return Number.isFinite(v) ? v || 0 : NaN;
    if (typeof v === 'bigint') return Number(v);
    if (v === null || v === undefined) return NaN;
    return undefined;
  }

  /** Count the keys of the rows accepted since the last time (see #customerKeys). */
  #settle(): void {
    const s = this.#stats;
    const c = this.#customerKeys;
    s.customers += this.#customers.addMany(c.hi, c.lo, c.count);
    c.count = 0;
    const o = this.#orderKeys;
    if (this.#before.length < o.count) this.#before = new Int8Array(o.marks.length);
    this.#orders.markMany(o.hi, o.lo, o.count, o.marks, this.#before);
    for (let i = 0; i < o.count; i++) {
      const was = this.#before[i];
      const marks = o.marks[i];
      // a key new, or new as an order id / as a purchase
      if (marks & ORDER_ID && (was < 0 || !(was & ORDER_ID))) s.orderIds++;
      if (marks & PURCHASE && (was < 0 || !(was & PURCHASE))) s.orders++;
    }
    o.count = 0;
  }

  #reject(line: number, field: string, value: string, reason: RejectReason): false {
    this.#stats.rejected++;
    this.#stats.rejectedBy[reason] = (this.#stats.rejectedBy[reason] ?? 0) + 1;
    if (this.rejects.length < (this.#options.maxRejects ?? 100_000)) {
      const c = field ? this.#col(field) : null;
      const column = c === null ? '' : (this.#options.columnNames[c] ?? '');
      const fields = this.#row < 0 ? this.#fields : Array.from(this.#batch.columns, (_, i) => this.#cell(i));
      const row = fields.map((f) => (f.length > MAX_REJECT_CELL ? f.slice(0, MAX_REJECT_CELL) : f));
      this.rejects.push({ line, column, value: value.length > 200 ? value.slice(0, 200) + '…' : value, reason, row });
    }
    return false;
  }

  #id(line: number): string | false {
    const raw = this.#text('customerId');
    const id = normaliseId(raw);
    if (id === null) return this.#reject(line, 'customerId', raw, 'missingId');
    return id;
  }

  #day(line: number, field: string, required: boolean): number | false {
    const c = this.#col(field);
    if (c === null) return NO_DAY;
    if (this.#row >= 0 && this.#batch.days[c]) {
      // a day of a date column: its text, YYYY-MM-DD, reads as that day when parseDate reads it at all
      const d = this.#batch.columns[c]?.[this.#row];
      if (typeof d === 'number' && d >= FIRST_DATE_DAY && d <= LAST_DATE_DAY) return d;
    }
    const raw = this.#cell(c);
    if (!required && raw.trim() === '') return NO_DAY;
    const day = parseDate(raw, this.#options.dateOrder);
    if (day === null) return this.#reject(line, field, raw, 'badDate');
    return day;
  }

  #number(line: number, field: string, reason: RejectReason = 'badNumber'): number | false {
    const c = this.#col(field);
    if (c === null) return NaN;
    const typed = this.#typedNumber(c);
    if (typed !== undefined) return typed;
    const raw = this.#cell(c);
    if (raw.trim() === '') return NaN;
    const v = parseNumber(raw);
    if (v === null) return this.#reject(line, field, raw, reason);
    return v;
  }

  /** true: accepted; false: rejected; 'existing': its order was already in the dataset (skipped). */
  #order(line: number): boolean | 'existing' {
    const id = this.#id(line);
    if (id === false) return false;
    const day = this.#day(line, 'date', true);
    if (day === false) return false;
    const qty = this.#number(line, 'quantity', 'badAmount');
    if (qty === false) return false;
    let amount: number;
    const amountColumn = this.#col('amount');
    if (amountColumn !== null) {
      // required: an empty amount is refused, not read as missing
      const typed = this.#typedNumber(amountColumn);
      if (typed !== undefined && !Number.isNaN(typed)) amount = typed;
      else {
        const raw = this.#cell(amountColumn);
        const v = parseNumber(raw);
        if (v === null) return this.#reject(line, 'amount', raw, 'badAmount');
        amount = v;
      }
    } else {
      const price = this.#number(line, 'unitPrice', 'badAmount');
      if (price === false) return false;
      if (Number.isNaN(price) || Number.isNaN(qty)) {
        return this.#reject(line, Number.isNaN(price) ? 'unitPrice' : 'quantity', this.#text(Number.isNaN(price) ? 'unitPrice' : 'quantity'), 'badAmount');
      }
      amount = Math.round(qty * price * 1e6) / 1e6;
    }
    const orderRaw = this.#col('orderId') === null ? null : normaliseId(this.#text('orderId'));
    const flag = this.#text('returnFlag').trim().toLowerCase();
    const isReturn = amount < 0 || qty < 0 || (orderRaw !== null && /^c\d/i.test(orderRaw)) || RETURN_WORDS.has(flag);
    // Without an order id, an order is a customer's purchase day (DESIGN.md → RFM).
    const orderId = orderRaw ?? `${id}|${day}`;
    if (this.#options.existing?.has(orderId, isReturn, id)) {
      this.#stats.existing++;
      if (!this.#options.keepExisting) {
        this.#stats.existingSkipped++;
        return 'existing';
      }
    }
    if (isReturn) {
      amount = -Math.abs(amount);
      this.#stats.returns++;
    }
    const b = this.#builder;
    b.customerId.push(id);
    b.orderId.push(orderId);
    b.day.push(day);
    b.amount.push(amount);
    b.quantity.push(Number.isNaN(qty) ? NaN : Math.abs(qty));
    b.isReturn.push(isReturn ? 1 : 0);
    this.#count(id, orderRaw, isReturn ? null : orderId, day, amount);
    return true;
  }

  #customer(line: number): boolean {
    const id = this.#id(line);
    if (id === false) return false;
    const birthDay = this.#day(line, 'birthday', false);
    if (birthDay === false) return false;
    const signupDay = this.#day(line, 'signupDate', false);
    if (signupDay === false) return false;
    const cost = this.#number(line, 'acquisitionCost', 'badAmount');
    if (cost === false) return false;
    // yes / no / 是 / 否 …; blank is unknown, any other word refuses the row (it is not a consent)
    const consent = this.#word(line, 'consent', CONSENT_WORDS);
    if (consent === false) return false;
    const consentDay = this.#day(line, 'consentDate', false);
    if (consentDay === false) return false;
    const gender = this.#text('gender').trim();
    const b = this.#builder;
    b.id.push(id);
    b.name.push(this.#text('name').trim());
    // 男 / Male / ｆ … become M or F; other codes (1 / 2) are kept, since no file says what they mean
    b.gender.push(normaliseGender(gender, this.#options.genderCoding ? GENDER_CODINGS[this.#options.genderCoding] : undefined).slice(0, 20));
    b.birthDay.push(birthDay);
    b.city.push(this.#text('city').trim());
    b.province.push(this.#text('province').trim());
    b.channel.push(this.#text('channel').trim());
    b.acquisitionCost.push(cost);
    b.signupDay.push(signupDay);
    b.referredBy.push(this.#col('referredBy') === null ? '' : (normaliseId(this.#text('referredBy')) ?? ''));
    b.consent.push(consent ?? CONSENT_UNKNOWN);
    b.consentDay.push(consentDay);
    this.#count(id, null, null, NO_DAY, 0);
    return true;
  }

  /** A word of a column read through a table of words (lower case, trimmed); undefined when empty. */
  #word<T>(line: number, field: string, words: ReadonlyMap<string, T>): T | undefined | false {
    const raw = this.#text(field);
    const key = raw.trim().toLowerCase().normalize('NFKC');
    if (key === '') return undefined;
    const v = words.get(key);
    if (v === undefined) return this.#reject(line, field, raw, 'badValue');
    return v;
  }

  #interaction(line: number): boolean {
    const id = this.#id(line);
    if (id === false) return false;
    const day = this.#day(line, 'date', true);
    if (day === false) return false;
    const kind = this.#col('interactionType') === null ? 'complaint' : this.#word(line, 'interactionType', INTERACTION_WORDS);
    if (kind === false) return false;
    if (kind === undefined) return this.#reject(line, 'interactionType', '', 'badValue');
    const severity = this.#word(line, 'severity', SEVERITY_WORDS);
    if (severity === false) return false;
    const status = this.#word(line, 'status', STATUS_WORDS);
    if (status === false) return false;
    const resolvedDay = this.#day(line, 'resolvedDate', false);
    if (resolvedDay === false) return false;
    if (resolvedDay !== NO_DAY && resolvedDay < day) return this.#reject(line, 'resolvedDate', this.#text('resolvedDate'), 'resolvedBefore');
    // without a status, an entry is resolved when it has a resolved date
    const resolved = status ?? (resolvedDay !== NO_DAY ? 1 : 0);
    const ticket = this.#col('interactionId') === null ? null : normaliseId(this.#text('interactionId'));
    const b = this.#builder;
    b.id.push(ticket ?? `${this.#options.idPrefix ?? 'row-'}${line}`);
    b.customerId.push(id);
    b.day.push(day);
    b.channel.push(this.#text('serviceChannel').trim().slice(0, 100));
    b.kind.push(kind);
    b.topic.push(this.#text('topic').trim().slice(0, 100));
    b.resolved.push(resolved);
    b.severity.push(severity ?? 0);
    b.resolvedDay.push(resolved ? resolvedDay : NO_DAY);
    b.text.push(this.#text('text').trim().slice(0, MAX_TEXT));
    this.#count(id, null, null, day, 0);
    return true;
  }

  /** A whole number lo–hi of a column: NaN when empty (or unmapped), false when rejected. */
  #score(line: number, field: string, lo: number, hi: number): number | false {
    const v = this.#number(line, field);
    if (v === false || Number.isNaN(v)) return v;
    if (!(Number.isInteger(v) && v >= lo && v <= hi)) return this.#reject(line, field, this.#text(field), 'outOfRange');
    return v;
  }

  #servqual(line: number): boolean {
    const id = this.#id(line);
    if (id === false) return false;
    const day = this.#day(line, 'date', false);
    if (day === false) return false;
    const item = this.#score(line, 'item', 1, 22);
    if (item === false) return false;
    const named = this.#word(line, 'dimension', DIMENSION_WORDS);
    if (named === false) return false;
    const dimension = Number.isNaN(item) ? named : servqualDimensionIndex(item);
    if (dimension === undefined) return this.#reject(line, this.#col('item') === null ? 'dimension' : 'item', '', 'badValue');
    // an item of another dimension than the one written beside it: which one is meant is unknown
    if (named !== undefined && named !== dimension) return this.#reject(line, 'dimension', this.#text('dimension'), 'badValue');
    const expectation = this.#score(line, 'expectation', 1, 7);
    if (expectation === false) return false;
    const perception = this.#score(line, 'perception', 1, 7);
    if (perception === false) return false;
    if (Number.isNaN(expectation) || Number.isNaN(perception)) {
      const field = Number.isNaN(expectation) ? 'expectation' : 'perception';
      return this.#reject(line, field, '', 'outOfRange');
    }
    const b = this.#builder;
    b.customerId.push(id);
    b.day.push(day);
    b.item.push(Number.isNaN(item) ? 0 : item);
    b.dimension.push(dimension);
    b.expectation.push(expectation);
    b.perception.push(perception);
    this.#count(id, null, null, day, 0);
    return true;
  }

  #importance(line: number): boolean {
    const id = this.#id(line);
    if (id === false) return false;
    const day = this.#day(line, 'date', false);
    if (day === false) return false;
    const points: number[] = [];
    for (const field of IMPORTANCE_FIELDS) {
      const v = this.#number(line, field);
      if (v === false) return false;
      if (v < 0 || v > 100) return this.#reject(line, field, this.#text(field), 'outOfRange');
      points.push(Number.isNaN(v) ? 0 : v);
    }
    if (points.every((p) => p === 0)) return this.#reject(line, IMPORTANCE_FIELDS[0], '', 'outOfRange');
    const b = this.#builder;
    b.customerId.push(id);
    b.day.push(day);
    IMPORTANCE_FIELDS.forEach((f, i) => b[f].push(points[i]));
    this.#count(id, null, null, day, 0);
    return true;
  }

  #survey(line: number): boolean {
    const id = this.#id(line);
    if (id === false) return false;
    const day = this.#day(line, 'date', false);
    if (day === false) return false;
    const nps = this.#number(line, 'nps');
    if (nps === false) return false;
    if (!Number.isNaN(nps) && !(Number.isInteger(nps) && nps >= 0 && nps <= 10)) return this.#reject(line, 'nps', this.#text('nps'), 'outOfRange');
    const csat = this.#number(line, 'csat');
    if (csat === false) return false;
    if (!Number.isNaN(csat) && !(Number.isInteger(csat) && csat >= 1 && csat <= 10)) return this.#reject(line, 'csat', this.#text('csat'), 'outOfRange');
    const b = this.#builder;
    b.customerId.push(id);
    b.day.push(day);
    b.nps.push(Number.isNaN(nps) ? -1 : nps);
    b.csat.push(Number.isNaN(csat) ? 0 : csat);
    this.#count(id, null, null, day, 0);
    return true;
  }

  /**
   * Count an accepted row: its customer, its order id (null when the file has none) and the
   * order it is a purchase of (null for a return), all distinct; its amount and day.
   */
  #count(customerId: string, orderId: string | null, purchase: string | null, day: number, amount: number): void {
    const s = this.#stats;
    hashOne(customerId);
    this.#customerKeys.push();
    if (orderId !== null) {
      // an order id: a purchase of that order unless a return
      hashOne(orderId);
      this.#orderKeys.push(purchase === null ? ORDER_ID : ORDER_ID | PURCHASE);
    } else if (purchase !== null) {
      hashOne(purchase);
      this.#orderKeys.push(PURCHASE);
    }
    if (this.#row < 0 && this.#customerKeys.count >= SETTLE_KEYS) this.#settle();
    s.amount += amount;
    if (day !== NO_DAY) {
      if (s.minDay === null || day < s.minDay) s.minDay = day;
      if (s.maxDay === null || day > s.maxDay) s.maxDay = day;
    }
  }
}

const COLUMNS: Record<ImportKind, string[]> = {
  orders: ['customerId', 'orderId', 'day', 'amount', 'quantity', 'isReturn'],
  customers: ['id', 'name', 'gender', 'birthDay', 'city', 'province', 'channel', 'acquisitionCost', 'signupDay', 'referredBy', 'consent', 'consentDay'],
  surveys: ['customerId', 'day', 'nps', 'csat'],
  interactions: ['id', 'customerId', 'day', 'channel', 'kind', 'topic', 'resolved', 'severity', 'resolvedDay', 'text'],
  servqual: ['customerId', 'day', 'item', 'dimension', 'expectation', 'perception'],
  importance: ['customerId', 'day', 'tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'],
};

/** The longest text of an interaction kept. */
const MAX_TEXT = 4000;

const IMPORTANCE_FIELDS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

/** Words (lower case) → value, for the columns read as words. */
const wordsOf = <T>(entries: [T, string[]][]): ReadonlyMap<string, T> =>
  new Map(entries.flatMap(([v, words]) => words.map((w) => [w.normalize('NFKC'), v] as [string, T])));

const INTERACTION_WORDS = wordsOf<InteractionKind>([
  ['complaint', ['complaint', 'complaints', 'complain', 'claim', '投诉', '抱怨', '客诉', '差评']],
  ['inquiry', ['inquiry', 'enquiry', 'question', 'request', '咨询', '询问', '问询', '查询', '求助']],
  ['praise', ['praise', 'compliment', 'thanks', '表扬', '好评', '称赞', '赞扬', '感谢']],
  ['suggestion', ['suggestion', 'idea', 'feedback', '建议', '意见', '提议']],
]);

const SEVERITY_WORDS = wordsOf<number>([
  [1, ['1', 'low', 'minor', 'p3', '低', '轻微', '一般', '轻']],
  [2, ['2', 'medium', 'normal', 'moderate', 'major', 'p2', '中', '中等', '较重', '重要']],
  [3, ['3', 'high', 'critical', 'severe', 'urgent', 'p1', '高', '严重', '紧急', '重大', '重']],
]);

const STATUS_WORDS = wordsOf<number>([
  [1, ['resolved', 'closed', 'done', 'solved', 'completed', 'complete', 'fixed', '1', 'yes', 'y', 'true',
    '已解决', '已处理', '已关闭', '已完成', '已结案', '解决', '完成', '关闭', '结案', '是']],
  [0, ['open', 'pending', 'new', 'in progress', 'unresolved', 'waiting', 'on hold', 'reopened', '0', 'no', 'n', 'false',
    '未解决', '处理中', '待处理', '未处理', '未关闭', '新建', '进行中', '待回复', '否']],
]);

/**
 * Marketing consent as written (同意营销): yes / no in English and Chinese, opt-in / opt-out, 1 / 0.
 * Compared trimmed, in lower case and NFKC (full-width ＹＥＳ, １ read as yes, 1).
 */
const CONSENT_WORDS = wordsOf<number>([
  [CONSENT_YES, ['yes', 'y', 'true', 't', '1', 'opt-in', 'opt in', 'opted in', 'opted-in', 'optin', 'subscribed', 'agree', 'agreed',
    'consent', 'consented', 'granted', '是', '同意', '已同意', '愿意', '接受', '允许', '授权', '已授权', '订阅', '已订阅', '√', '✓']],
  [CONSENT_NO, ['no', 'n', 'false', 'f', '0', 'opt-out', 'opt out', 'opted out', 'opted-out', 'optout', 'unsubscribed', 'declined',
    'refused', 'withdrawn', 'revoked', 'disagree', '否', '不同意', '未同意', '拒绝', '不愿意', '不接受', '不允许', '未授权', '撤回', '已撤回',
    '退订', '已退订', '×', '✗']],
]);

/** A dimension as written: its key, its Chinese name, or its number in the questionnaire's order (1–5). */
const DIMENSION_WORDS = wordsOf<number>(SERVQUAL_DIMENSIONS.map((d, i) => [i, [d, SERVQUAL_DIMENSION_ZH[d], String(i + 1)]]));

/** The number columns, each as the typed array it is stored in. */
const TYPED: Record<string, (length: number) => NumberArray> = {
  day: (n) => new Int32Array(n),
  amount: (n) => new Float64Array(n),
  quantity: (n) => new Float64Array(n),
  isReturn: (n) => new Uint8Array(n),
  birthDay: (n) => new Int32Array(n),
  acquisitionCost: (n) => new Float64Array(n),
  signupDay: (n) => new Int32Array(n),
  consent: (n) => new Uint8Array(n),
  consentDay: (n) => new Int32Array(n),
  nps: (n) => new Int8Array(n),
  csat: (n) => new Int8Array(n),
  resolved: (n) => new Uint8Array(n),
  severity: (n) => new Int8Array(n),
  resolvedDay: (n) => new Int32Array(n),
  item: (n) => new Int8Array(n),
  dimension: (n) => new Int8Array(n),
  expectation: (n) => new Int8Array(n),
  perception: (n) => new Int8Array(n),
  tangibles: (n) => new Float64Array(n),
  reliability: (n) => new Float64Array(n),
  responsiveness: (n) => new Float64Array(n),
  assurance: (n) => new Float64Array(n),
  empathy: (n) => new Float64Array(n),
};
