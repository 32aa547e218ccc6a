// The typed path of the row converter (acceptColumns: Parquet row groups as hyparquet decodes them,
// dates as day numbers) against the text path (accept of each row's text, columnValueText): the
// same rows, values, duplicates, counts and rejects, for hand-picked values and seeded random batches.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import {
  columnValueText, FIRST_DATE_DAY, LAST_DATE_DAY, parquetParsers, parquetDayText, parquetValueText, parseDate, parseNumber,
  RowConverter, type ColumnBatch, type ConvertOptions, type ImportKind,
} from '../../../../../src/lib/domain/import';
import { dayFromCivil } from '../../../../../src/lib/domain/days';
import { fuzzCases, rng, type Rng } from '../../../../support/fuzz';

const day = (y: number, m: number, d: number) => dayFromCivil(y, m, d);

/** A batch from rows of values (transposed into columns); `days` marks the day-number columns. */
function batchOf(rows: unknown[][], days: boolean[], firstLine = 1): ColumnBatch {
  const width = days.length;
  return { columns: Array.from({ length: width }, (_, c) => rows.map((r) => r[c])), days, firstLine, count: rows.length };
}

/** The same batches through both paths: typed (acceptColumns) and text (accept of each row's text). */
function both(options: ConvertOptions, batches: ColumnBatch[]) {
  const run = (typed: boolean) => {
    const c = new RowConverter(options);
    const tables: unknown[] = [];
    for (const b of batches) {
      if (typed) c.acceptColumns(b);
      else for (let i = 0; i < b.count; i++) c.accept(b.columns.map((col, k) => columnValueText(col[i], b.days[k])), b.firstLine + i);
      tables.push(...c.takeFull());
    }
    tables.push(c.take());
    return { stats: c.stats, rejects: c.rejects, tables };
  };
  return { typed: run(true), text: run(false) };
}

function options(kind: ImportKind, columnNames: string[], mapping: Record<string, number | null>, extra: Partial<ConvertOptions> = {}): ConvertOptions {
  return { kind, mapping, columnNames, dateOrder: 'ymd', dropDuplicates: false, ...extra };
}

const ORDER_NAMES = ['customer_id', 'order_id', 'order_date', 'amount', 'quantity', 'is_return'];
const ORDER_MAPPING = { customerId: 0, orderId: 1, date: 2, amount: 3, quantity: 4, returnFlag: 5 };

describe('typed columns read as their text', () => {
  it('orders: ids, dates, numbers, big integers, nulls and non-finite numbers give the text path’s rows, stats and rejects', () => {
    const rows = [
      ['00042', 'SO1', day(2024, 1, 5), 12.5, 2n, false],
      [' 00042 ', 'SO2', day(2024, 1, 6), -3, -1n, null], // trimmed id; a negative amount and quantity: a return
      ["'007", 'C100', day(2024, 2, 29), 0, null, true], // a C-invoice, a return flag
      ['17850.0', null, day(1900, 1, 1), -0, 1n, false], // an id Excel made a float; no order id: customer|day
      ['', 'SO5', day(2024, 1, 1), 1, 1n, false], // empty id: missingId
      ['#N/A', 'SO6', day(2024, 1, 1), 1, 1n, false], // placeholder id: missingId
      ['a', 'SO7', day(1899, 12, 31), 1, 1n, false], // before 1900: badDate
      ['a', 'SO8', day(2101, 1, 1), 1, 1n, false], // after 2100: badDate
      ['a', 'SO9', day(10000, 3, 1), 1, 1n, false], // a year past 9999 (text '+010000-03'): badDate
      ['a', 'SO10', null, 1, 1n, false], // no date: badDate
      ['a', 'SO11', day(2024, 1, 1), NaN, 1n, false], // NaN amount: text '' — badAmount
      ['a', 'SO12', day(2024, 1, 1), Infinity, 1n, false],
      ['a', 'SO13', day(2024, 1, 1), null, 1n, false],
      ['a', 'SO14', day(2100, 12, 31), 1e21, 2n ** 60n, false], // '1e+21'; a quantity past 2^53
      ['a', 'SO15', day(2024, 1, 1), 1.5e-7, -(2n ** 63n), false],
      ['a', 'SO16', day(2024, 1, 1), 0.1 + 0.2, 0n, false],
    ];
    const { typed, text } = both(options('orders', ORDER_NAMES, ORDER_MAPPING), [batchOf(rows, [false, false, true, false, false, false], 2)]);
    expect(typed).toEqual(text);
    // the cases above do what their comments say (so the comparison covers them)
    expect(text.stats).toMatchObject({ rows: 16, accepted: 7, rejected: 9, returns: 3, rejectedBy: { missingId: 2, badDate: 4, badAmount: 3 } });
    expect(text.rejects.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([
      [6, 'customer_id', '', 'missingId'], [7, 'customer_id', '#N/A', 'missingId'],
      [8, 'order_date', '1899-12-31', 'badDate'], [9, 'order_date', '2101-01-01', 'badDate'], [10, 'order_date', '+010000-03', 'badDate'],
      [11, 'order_date', '', 'badDate'], [12, 'amount', '', 'badAmount'], [13, 'amount', '', 'badAmount'], [14, 'amount', '', 'badAmount'],
    ]);
    expect(typed.rejects[2].row).toEqual(['a', 'SO7', '1899-12-31', '1', '1', 'false']);
    const t = typed.tables[0] as { customerId: string[]; orderId: string[]; amount: Float64Array; quantity: Float64Array };
    expect(t.customerId).toEqual(['00042', '00042', '007', '17850', 'a', 'a', 'a']);
    expect(t.orderId[3]).toBe(`17850|${day(1900, 1, 1)}`);
    expect(Array.from(t.amount)).toEqual([12.5, -3, -0, 0, 1e21, -1.5e-7, 0.1 + 0.2]); // a negative quantity makes a return: its amount negative
    expect(Array.from(t.quantity)).toEqual([2, 1, NaN, 1, 2 ** 60, 2 ** 63, 0]);
  });

  it('orders without an amount: quantity × unit price from numbers, DECIMAL values and text', () => {
    const names = ['customer_id', 'order_date', 'quantity', 'unit_price'];
    const rows = [
      ['a', '2024-01-05', 3, 0.1], ['a', '2024/1/6', 2n, 1.25], ['b', '5 Jan 2024', null, 2], ['b', '20240105', 1, NaN], ['c', 'soon', 1, 1],
    ];
    const { typed, text } = both(options('orders', names, { customerId: 0, date: 1, quantity: 2, unitPrice: 3 }), [batchOf(rows, [false, false, false, false])]);
    expect(typed).toEqual(text);
    expect(text.rejects.map((r) => [r.column, r.reason])).toEqual([['quantity', 'badAmount'], ['unit_price', 'badAmount'], ['order_date', 'badDate']]);
    expect(Array.from((typed.tables[0] as { amount: Float64Array }).amount)).toEqual([0.3, 2.5]);
  });

  it('customers and surveys: optional dates, costs and scores', () => {
    const customers = [
      ['c1', 'Ann', 'F', day(1990, 5, 1), day(2024, 1, 2), 12.5], ['c2', null, '男', null, null, null], ['c3', 'Bo', null, day(1850, 1, 1), null, 1],
      ['c4', 'Cy', 'm', day(1980, 1, 1), day(2023, 2, 28), NaN], ['c5', 7n, true, day(2000, 1, 1), day(2020, 1, 1), 10n],
    ];
    const c = both(
      options('customers', ['id', 'name', 'gender', 'birthday', 'signup', 'cost'], { customerId: 0, name: 1, gender: 2, birthday: 3, signupDate: 4, acquisitionCost: 5 }),
      [batchOf(customers, [false, false, false, true, true, false])],
    );
    expect(c.typed).toEqual(c.text);
    expect(c.text.stats).toMatchObject({ accepted: 4, rejected: 1, rejectedBy: { badDate: 1 } });
    const surveys = [['c1', day(2024, 1, 1), 9n, 5], ['c2', null, 11n, 4], ['c3', day(2024, 1, 2), null, 4.5], ['c4', day(2024, 1, 3), 0n, null], ['c5', null, NaN, 1]];
    const s = both(options('surveys', ['id', 'date', 'nps', 'csat'], { customerId: 0, date: 1, nps: 2, csat: 3 }), [batchOf(surveys, [false, true, false, false])]);
    expect(s.typed).toEqual(s.text);
    expect(s.text.stats).toMatchObject({ accepted: 3, rejected: 2, rejectedBy: { outOfRange: 2 } });
  });

  it('counts rows as duplicates exactly when their text is the same, across batches', () => {
    const rows = [
      ['a', 'O1', day(2024, 1, 1), 0, 1n],
      ['a', 'O1', day(2024, 1, 1), -0, 1n], // -0 is written '0': the same row
      ['a', 'O2', day(2024, 1, 1), NaN, null],
      ['a', 'O2', day(2024, 1, 1), null, null], // NaN and null are both '': the same row
      ['a', 'O3', day(10000, 1, 1), 1, 1n],
      ['a', 'O3', day(10000, 1, 20), 1, 1n], // the same text, '+010000-01'
      ['a', 'O4', day(2024, 1, 1), 0.3, 1n],
      ['a', 'O4', day(2024, 1, 1), 0.1 + 0.2, 1n], // '0.3' and '0.30000000000000004': not the same
      ['a', 'O5', day(2024, 1, 1), 5, 2n ** 60n],
      ['a', 'O5', day(2024, 1, 1), 5, 2n ** 60n + 1n], // different big integers
      ['a', 'O6', day(2024, 1, 1), 1, 1n],
      ['a', 'O6', day(2024, 1, 1), -1, -1n], // two signs flipped: not the same (their bits differ in the same place twice)
    ];
    const days = [false, false, true, false, false];
    const batches = [batchOf(rows, days, 1), batchOf(rows.slice(0, 2), days, 11)];
    for (const dropDuplicates of [false, true]) {
      const { typed, text } = both(options('orders', ORDER_NAMES.slice(0, 5), ORDER_MAPPING, { dropDuplicates }), batches);
      expect(typed).toEqual(text);
      // rows 2, 4 and 6 repeat rows 1, 3 and 5; the second batch repeats rows 1 and 2
      expect(text.stats).toMatchObject({ duplicates: 5, duplicatesDropped: dropDuplicates ? 5 : 0 });
    }
  });

  it('refuses a row wider than the file unless its extra cells are empty, and reads a mapping past the row as empty', () => {
    const rows = [['a', day(2024, 1, 1), 1, null], ['b', day(2024, 1, 1), 2, NaN], ['c', day(2024, 1, 1), 3, 0], ['d', day(2024, 1, 1), 4, '']];
    const wide = both(options('orders', ['c', 'd', 'a'], { customerId: 0, date: 1, amount: 2 }), [batchOf(rows, [false, true, false, false])]);
    expect(wide.typed).toEqual(wide.text);
    expect(wide.text.stats).toMatchObject({ accepted: 3, rejectedBy: { columnCount: 1 } });
    const narrow = both(options('orders', ['c', 'd', 'a', 'x', 'y'], { customerId: 0, date: 1, amount: 2 }), [batchOf(rows, [false, true, false, false])]);
    expect(narrow.typed).toEqual(narrow.text);
    expect(narrow.text.stats).toMatchObject({ accepted: 0, rejectedBy: { columnCount: 4 } });
    const past = both(options('orders', ['c', 'd', 'a', 'x'], { customerId: 0, date: 1, amount: 7 }), [batchOf(rows, [false, true, false, false])]);
    expect(past.typed).toEqual(past.text);
    expect(past.text.stats).toMatchObject({ accepted: 0, rejectedBy: { badAmount: 4 } });
  });

  it('agrees with the text path on seeded random batches of every kind of column', () => {
    const pools: Record<string, (r: Rng) => unknown> = {
      text: (r) => r.pick(['a', 'A', ' a ', '', '00042', '#N/A', 'null', "'7", '12.0', 'C12', 'c12', '2024-01-05', '1,234.50', '¥12', '退货', '5', '-2', 'x\u001fy']),
      number: (r) => r.pick([0, -0, 1, -1, 2.5, -2.5, 0.1 + 0.2, 1e21, -1e-7, NaN, Infinity, -Infinity, null, 45292, 7, 10, 11]),
      bigint: (r) => r.pick([0n, 1n, -1n, 7n, 11n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), null, 45292n]),
      day: (r) => r.pick([day(2024, 1, 5), day(1900, 1, 1), day(2100, 12, 31), day(1899, 12, 31), day(2101, 1, 1), day(1, 1, 1), day(12000, 6, 6), -1, 0, null]),
      boolean: (r) => r.pick([true, false, null]),
      other: (r) => r.pick([new TextEncoder().encode('b'), { x: 1 }, [1], undefined, new Date(Date.UTC(2024, 0, 5, 12))]),
    };
    const kinds = Object.keys(pools);
    const fields: Record<ImportKind, string[]> = {
      orders: ['customerId', 'orderId', 'date', 'amount', 'quantity', 'unitPrice', 'returnFlag'],
      customers: ['customerId', 'name', 'gender', 'birthday', 'city', 'acquisitionCost', 'signupDate'],
      surveys: ['customerId', 'date', 'nps', 'csat'],
      interactions: ['customerId', 'date', 'interactionType', 'severity', 'status', 'resolvedDate', 'text', 'interactionId'],
      servqual: ['customerId', 'date', 'item', 'dimension', 'expectation', 'perception'],
      importance: ['customerId', 'tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'],
    };
    let accepted = 0, rejected = 0, duplicates = 0;
    for (const seed of fuzzCases(60, 'typed columns')) {
      const r = rng(seed);
      const kind = r.pick(['orders', 'customers', 'surveys', 'interactions', 'servqual', 'importance'] as const);
      const width = r.between(2, 7);
      const columnKinds = Array.from({ length: width }, () => r.pick(kinds));
      const mapping: Record<string, number | null> = {};
      for (const f of fields[kind]) mapping[f] = r.chance(0.8) ? r.int(width) : null;
      if (kind === 'orders' && r.chance(0.5)) mapping.amount = null;
      const batches = Array.from({ length: r.between(1, 3) }, (_, b) =>
        batchOf(Array.from({ length: r.between(0, 40) }, () => columnKinds.map((k) => pools[k](r))), columnKinds.map((k) => k === 'day'), 1 + b * 100));
      const names = Array.from({ length: r.chance(0.1) ? width + 1 : width }, (_, i) => `col${i}`);
      const o = options(kind, names, mapping, { dropDuplicates: r.chance(0.5), chunkRows: r.pick([4, 65_536]), dateOrder: r.pick(['ymd', 'mdy', 'dmy']) });
      const { typed, text } = both(o, batches);
      expect(typed, `case seed ${seed}`).toEqual(text);
      accepted += text.stats.accepted;
      rejected += text.stats.rejected;
      duplicates += text.stats.duplicates;
    }
    // the cases reached every outcome
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
  });
});

describe('Parquet dates and timestamps as day numbers', () => {
  const parsers = parquetParsers();
  const text = (d: number | null) => (d === null ? '' : parquetDayText(d));
  const big = [
    0n, 1n, -1n, 999n, -999n, 1000n, -1000n, -1001n, 86_399_999n, 86_400_000n, -86_400_000n, -86_400_001n,
    2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) + 1n, -(2n ** 53n), -(2n ** 53n) - 1n,
    8_640_000_000_000_000n, 8_640_000_000_000_001n, -8_640_000_000_000_000n, -8_640_000_000_000_001n,
    8_640_000_000_000_000_000n, 8_640_000_000_000_000_999n, 8_640_000_000_000_001_000n, -8_640_000_000_000_000_999n,
    8_640_000_000_000_000_000_000n, 8_640_000_000_000_000_999_999n, 8_640_000_000_000_001_000_000n,
    1_704_412_800_123_456n, -1_704_412_800_123_456n, 1_704_499_199_999_999n, 2n ** 63n - 1n, -(2n ** 63n),
  ];

  it('give the day hyparquet’s own Date is written as, and no day where that Date is invalid', () => {
    const r = rng(7);
    const random = Array.from({ length: 2000 }, () => BigInt(Math.floor((r.next() - 0.5) * 2 ** 53)) * BigInt(1 + r.int(1_000_000)));
    for (const name of ['timestampFromMilliseconds', 'timestampFromMicroseconds', 'timestampFromNanoseconds'] as const) {
      for (const v of [...big, ...random]) expect(text(parsers[name](v)), `${name}(${v})`).toBe(parquetValueText(DEFAULT_PARSERS[name](v)));
    }
    for (const v of [0, 1, -1, 19_727, 1e8, 1e8 + 1, -1e8, -1e8 - 1, 2 ** 31 - 1, -(2 ** 31)]) {
      expect(text(parsers.dateFromDays(v)), `dateFromDays(${v})`).toBe(parquetValueText(DEFAULT_PARSERS.dateFromDays(v)));
    }
    // a time of day before 1970 still counts towards its own day; a date beyond a Date's range has no text
    expect(parsers.timestampFromMicroseconds(-1n)).toBe(0); // hyparquet divides towards zero: 1970-01-01T00:00:00.000
    expect(parsers.timestampFromMilliseconds(-1n)).toBe(-1);
    expect(parsers.dateFromDays(1e8 + 1)).toBeNull();
  });

  it('read texts as hyparquet’s own parser does, short ASCII ones included', () => {
    const r = rng(3);
    const cases: (Uint8Array | undefined)[] = [undefined, new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), new TextEncoder().encode('上海 C0000042')];
    for (let i = 0; i < 3000; i++) {
      const n = r.int(80);
      const ascii = r.chance(0.7);
      cases.push(Uint8Array.from({ length: n }, () => (ascii ? r.int(0x80) : r.int(0x100))));
    }
    for (const bytes of cases) expect(parsers.stringFromBytes(bytes!), String(bytes)).toBe(DEFAULT_PARSERS.stringFromBytes(bytes!));
  });

  it('say when a column was read as dates', () => {
    let calls = 0;
    const p = parquetParsers(() => calls++);
    p.dateFromDays(1);
    p.timestampFromNanoseconds(1n);
    expect(calls).toBe(2);
  });

  it('read back as the same day wherever parseDate reads a date, and nowhere else', () => {
    for (let d = FIRST_DATE_DAY - 3; d <= LAST_DATE_DAY + 3; d += d < FIRST_DATE_DAY + 400 || d > LAST_DATE_DAY - 400 ? 1 : 97) {
      expect(parseDate(parquetDayText(d), 'dmy'), String(d)).toBe(d >= FIRST_DATE_DAY && d <= LAST_DATE_DAY ? d : null);
    }
  });
});

describe('numbers and big integers as their text reads', () => {
  it('parseNumber of a number’s text is the number (0 for -0), and of a big integer’s its nearest number', () => {
    const r = rng(11);
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    for (let i = 0; i < 20_000; i++) {
      words[0] = r.int(2 ** 32);
      words[1] = r.int(2 ** 32);
      const v = bits[0];
      expect(parseNumber(parquetValueText(v)), String(v)).toBe(Number.isFinite(v) ? v || 0 : null);
    }
    for (const v of [0, -0, 5e-324, -5e-324, Number.MAX_VALUE, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2]) {
      expect(parseNumber(parquetValueText(v)), String(v)).toBe(v || 0);
    }
    for (let i = 0; i < 2000; i++) {
      const b = BigInt.asIntN(64, BigInt(r.int(2 ** 32)) * 2n ** 32n + BigInt(r.int(2 ** 32)));
      expect(parseNumber(parquetValueText(b)), String(b)).toBe(Number(b));
    }
  });
});
