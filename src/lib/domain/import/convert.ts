/**
 * Turns tokenized rows into columnar tables, one row at a time: validation, conversion, returns,
 * duplicate detection. Pure; the engine worker feeds it and flushes its columns to storage.
 */
import { NO_DAY, type TableColumnsByKind } from '../types';
import type { DateOrder } from './dates';
import { parseDate } from './dates';
import type { ImportKind } from './fields';
import { normaliseId } from './ids';
import { parseNumber } from './numbers';
import { HASH_SEED, HashSet64, hashString } from './hash-set';
import { GENDER_CODINGS, normaliseGender, type GenderCoding } from '../gender';

export type RejectReason = 'missingId' | 'badDate' | 'badAmount' | 'badNumber' | 'outOfRange' | 'columnCount';

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

type Builder = Record<string, unknown[]>;

const RETURN_WORDS = new Set(['1', 'y', 'yes', 'true', 't', 'return', 'returned', '是', '退货', '退', '退款']);

const hashState: [number, number] = [0, 0];

/** 64-bit hash of a row's fields (a separator between fields, so ["ab","c"] ≠ ["a","bc"]). */
function hashRow(fields: string[]): void {
  hashState[0] = HASH_SEED[0];
  hashState[1] = HASH_SEED[1];
  for (const f of fields) {
    hashString(f, hashState);
    hashState[0] = Math.imul(hashState[0] ^ 31, 16777619);
    hashState[1] = Math.imul(hashState[1] ^ 31, 2246822519);
  }
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

export class RowConverter {
  readonly stats: ConvertStats = emptyStats();
  readonly rejects: Reject[] = [];
  #options: ConvertOptions;
  /** The row being converted (for its reject). */
  #fields: string[] = [];
  #columns = 0;
  #builder: Builder;
  #seenRows = new HashSet64();
  #customers = new HashSet64();
  #orders = new HashSet64();
  #purchases = new HashSet64();
  #ready: TableColumnsByKind[ImportKind][] = [];
  #pending = 0;
  #col: (field: string) => number | null;

  constructor(options: ConvertOptions) {
    this.#options = options;
    this.#columns = options.columnNames.length;
    this.#builder = this.#empty();
    this.#col = (field) => options.mapping[field] ?? null;
  }

  /** Rows converted and waiting to be flushed. */
  get pending(): number {
    return this.#pending;
  }

  /** Convert one row (fields as tokenized; line = where it starts in the file). */
  accept(fields: string[], line: number): void {
    const s = this.stats;
    s.rows++;
    this.#fields = fields;
    if (fields.length !== this.#columns && !(fields.length > this.#columns && fields.slice(this.#columns).every((f) => f === ''))) {
      this.#reject(line, '', `${fields.length}/${this.#columns}`, 'columnCount');
      return;
    }
    hashRow(fields);
    if (!this.#seenRows.add(hashState[0], hashState[1])) {
      s.duplicates++;
      if (this.#options.dropDuplicates) {
        s.duplicatesDropped++;
        return;
      }
    }
    const ok =
      this.#options.kind === 'orders' ? this.#order(fields, line)
      : this.#options.kind === 'customers' ? this.#customer(fields, line)
      : this.#survey(fields, line);
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
    for (const [name, values] of Object.entries(b)) out[name] = TYPED[name] ? TYPED[name](values as number[]) : values;
    return out as unknown as TableColumnsByKind[ImportKind];
  }

  #empty(): Builder {
    const names = COLUMNS[this.#options.kind];
    return Object.fromEntries(names.map((n) => [n, []]));
  }

  #text(fields: string[], field: string): string {
    const c = this.#col(field);
    return c === null ? '' : (fields[c] ?? '');
  }

  #reject(line: number, field: string, value: string, reason: RejectReason): false {
    this.stats.rejected++;
    this.stats.rejectedBy[reason] = (this.stats.rejectedBy[reason] ?? 0) + 1;
    if (this.rejects.length < (this.#options.maxRejects ?? 100_000)) {
      const c = field ? this.#col(field) : null;
      const column = c === null ? '' : (this.#options.columnNames[c] ?? '');
      const row = this.#fields.map((f) => (f.length > MAX_REJECT_CELL ? f.slice(0, MAX_REJECT_CELL) : f));
      this.rejects.push({ line, column, value: value.length > 200 ? value.slice(0, 200) + '…' : value, reason, row });
    }
    return false;
  }

  #id(fields: string[], line: number): string | false {
    const raw = this.#text(fields, 'customerId');
    const id = normaliseId(raw);
    if (id === null) return this.#reject(line, 'customerId', raw, 'missingId');
    return id;
  }

  #day(fields: string[], line: number, field: string, required: boolean): number | false {
    if (this.#col(field) === null) return NO_DAY;
    const raw = this.#text(fields, field);
    if (!required && raw.trim() === '') return NO_DAY;
    const day = parseDate(raw, this.#options.dateOrder);
    if (day === null) return this.#reject(line, field, raw, 'badDate');
    return day;
  }

  #number(fields: string[], line: number, field: string, reason: RejectReason = 'badNumber'): number | false {
    if (this.#col(field) === null) return NaN;
    const raw = this.#text(fields, field);
    if (raw.trim() === '') return NaN;
    const v = parseNumber(raw);
    if (v === null) return this.#reject(line, field, raw, reason);
    return v;
  }

  /** true: accepted; false: rejected; 'existing': its order was already in the dataset (skipped). */
  #order(fields: string[], line: number): boolean | 'existing' {
    const id = this.#id(fields, line);
    if (id === false) return false;
    const day = this.#day(fields, line, 'date', true);
    if (day === false) return false;
    const qty = this.#number(fields, line, 'quantity', 'badAmount');
    if (qty === false) return false;
    let amount: number;
    if (this.#col('amount') !== null) {
      const raw = this.#text(fields, 'amount');
      const v = parseNumber(raw);
      if (v === null) return this.#reject(line, 'amount', raw, 'badAmount');
      amount = v;
    } else {
      const price = this.#number(fields, line, 'unitPrice', 'badAmount');
      if (price === false) return false;
      if (Number.isNaN(price) || Number.isNaN(qty)) {
        return this.#reject(line, Number.isNaN(price) ? 'unitPrice' : 'quantity', this.#text(fields, Number.isNaN(price) ? 'unitPrice' : 'quantity'), 'badAmount');
      }
      amount = Math.round(qty * price * 1e6) / 1e6;
    }
    const orderRaw = this.#col('orderId') === null ? null : normaliseId(this.#text(fields, 'orderId'));
    const flag = this.#text(fields, 'returnFlag').trim().toLowerCase();
    const isReturn = amount < 0 || qty < 0 || (orderRaw !== null && /^c\d/i.test(orderRaw)) || RETURN_WORDS.has(flag);
    // Without an order id, an order is a customer's purchase day (DESIGN.md → RFM).
    const orderId = orderRaw ?? `${id}|${day}`;
    if (this.#options.existing?.has(orderId, isReturn, id)) {
      this.stats.existing++;
      if (!this.#options.keepExisting) {
        this.stats.existingSkipped++;
        return 'existing';
      }
    }
    if (isReturn) {
      amount = -Math.abs(amount);
      this.stats.returns++;
    }
    const b = this.#builder;
    b.customerId.push(id);
    b.orderId.push(orderId);
    b.day.push(day);
    b.amount.push(amount);
    b.quantity.push(Number.isNaN(qty) ? NaN : Math.abs(qty));
    b.isReturn.push(isReturn ? 1 : 0);
    this.#count(id, orderRaw, day, amount);
    if (!isReturn) {
      hashOne(orderId);
      if (this.#purchases.add(hashState[0], hashState[1])) this.stats.orders++;
    }
    return true;
  }

  #customer(fields: string[], line: number): boolean {
    const id = this.#id(fields, line);
    if (id === false) return false;
    const birthDay = this.#day(fields, line, 'birthday', false);
    if (birthDay === false) return false;
    const signupDay = this.#day(fields, line, 'signupDate', false);
    if (signupDay === false) return false;
    const cost = this.#number(fields, line, 'acquisitionCost', 'badAmount');
    if (cost === false) return false;
    const gender = this.#text(fields, 'gender').trim();
    const b = this.#builder;
    b.id.push(id);
    b.name.push(this.#text(fields, 'name').trim());
    // 男 / Male / ｆ … become M or F; other codes (1 / 2) are kept, since no file says what they mean
    b.gender.push(normaliseGender(gender, this.#options.genderCoding ? GENDER_CODINGS[this.#options.genderCoding] : undefined).slice(0, 20));
    b.birthDay.push(birthDay);
    b.city.push(this.#text(fields, 'city').trim());
    b.province.push(this.#text(fields, 'province').trim());
    b.channel.push(this.#text(fields, 'channel').trim());
    b.acquisitionCost.push(cost);
    b.signupDay.push(signupDay);
    this.#count(id, null, NO_DAY, 0);
    return true;
  }

  #survey(fields: string[], line: number): boolean {
    const id = this.#id(fields, line);
    if (id === false) return false;
    const day = this.#day(fields, line, 'date', false);
    if (day === false) return false;
    const nps = this.#number(fields, line, 'nps');
    if (nps === false) return false;
    if (!Number.isNaN(nps) && !(Number.isInteger(nps) && nps >= 0 && nps <= 10)) return this.#reject(line, 'nps', this.#text(fields, 'nps'), 'outOfRange');
    const csat = this.#number(fields, line, 'csat');
    if (csat === false) return false;
    if (!Number.isNaN(csat) && !(Number.isInteger(csat) && csat >= 1 && csat <= 5)) return this.#reject(line, 'csat', this.#text(fields, 'csat'), 'outOfRange');
    const b = this.#builder;
    b.customerId.push(id);
    b.day.push(day);
    b.nps.push(Number.isNaN(nps) ? -1 : nps);
    b.csat.push(Number.isNaN(csat) ? 0 : csat);
    this.#count(id, null, day, 0);
    return true;
  }

  #count(customerId: string, orderId: string | null, day: number, amount: number): void {
    const s = this.stats;
    hashOne(customerId);
    if (this.#customers.add(hashState[0], hashState[1])) s.customers++;
    if (orderId !== null) {
      hashOne(orderId);
      if (this.#orders.add(hashState[0], hashState[1])) s.orderIds++;
    }
    s.amount += amount;
    if (day !== NO_DAY) {
      if (s.minDay === null || day < s.minDay) s.minDay = day;
      if (s.maxDay === null || day > s.maxDay) s.maxDay = day;
    }
  }
}

const COLUMNS: Record<ImportKind, string[]> = {
  orders: ['customerId', 'orderId', 'day', 'amount', 'quantity', 'isReturn'],
  customers: ['id', 'name', 'gender', 'birthDay', 'city', 'province', 'channel', 'acquisitionCost', 'signupDay'],
  surveys: ['customerId', 'day', 'nps', 'csat'],
};

const TYPED: Record<string, (v: number[]) => ArrayLike<number>> = {
  day: (v) => Int32Array.from(v),
  amount: (v) => Float64Array.from(v),
  quantity: (v) => Float64Array.from(v),
  isReturn: (v) => Uint8Array.from(v),
  birthDay: (v) => Int32Array.from(v),
  acquisitionCost: (v) => Float64Array.from(v),
  signupDay: (v) => Int32Array.from(v),
  nps: (v) => Int8Array.from(v),
  csat: (v) => Int8Array.from(v),
};
