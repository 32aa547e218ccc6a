// Workbooks and Parquet files through the same preview, mapping, rejects and commit as CSV: written
// here by maintained writers (SheetJS for .xlsx, DuckDB for Parquet), then imported. A Parquet file's
// rows are read as typed columns, compared here with the text of the same values.
import { describe, expect, it } from 'vitest';
import { utils, write } from '@e965/xlsx';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadataAsync, parquetRead, type ColumnData } from 'hyparquet';
import { createEngine } from '../../../../workers/engine';
import { columnValues, parquetColumns } from '../../../../workers/import/tables';
import { openDatabase } from '../../../../src/lib/db';
import { parseIsoDay } from '../../../../src/lib/domain';
import { parquetValueText, RowConverter, type ConvertOptions, type ImportKind } from '../../../../src/lib/domain/import';
import { importOne, settingsOf } from '../../import-helpers';

let n = 0;
const fresh = () => {
  const db = openDatabase(`tables-${++n}-${Math.random()}`);
  return { db, engine: createEngine(db) };
};

/** A workbook from sheets of cells (SheetJS cell objects or plain values). */
function workbook(sheets: Record<string, unknown[][]>, extra?: (wb: ReturnType<typeof utils.book_new>) => void): File {
  const wb = utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) utils.book_append_sheet(wb, utils.aoa_to_sheet(rows), name);
  extra?.(wb);
  const bytes = write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  return new File([bytes], 'orders.xlsx');
}

/** Excel's serial of a calendar day (1900 system, after 1900-03-01). */
const serial = (iso: string) => parseIsoDay(iso)! - parseIsoDay('1899-12-30')!;

describe('Excel workbooks', () => {
  it('passes a cover sheet over, reads date cells, serials, numbers stored as text, zero-padded ids and cached formula values', async () => {
    const { db, engine } = fresh();
    const dateCell = (iso: string) => ({ t: 'n', v: serial(iso), z: 'yyyy-mm-dd' });
    const file = workbook({
      Cover: [['Sales export, FY 2024']],
      订单: [
        ['客户编号', '订单编号', '下单日期', '金额'],
        [{ t: 'n', v: 42, z: '00000' }, 'SO1', dateCell('2024-01-05'), 120.5],
        ['00042', 'SO2', serial('2024-02-29'), '88'], // a serial in a General cell; an amount stored as text
        ['00007', 'SO3', '2024/3/1', { t: 'n', v: 30, f: 'SUM(10,20)' }], // text date; a formula's cached value
        ['00007', 'SO4', dateCell('2024-03-02'), { t: 'e', v: 0x2a }], // #N/A amount: rejected
      ],
    });
    const preview = await engine.preview(file);
    expect(preview).toMatchObject({ format: 'xlsx', sheets: ['Cover', '订单'], sheet: '订单', hasHeader: true, kind: 'orders' });
    expect(preview.mapping).toMatchObject({ customerId: 0, orderId: 1, date: 2, amount: 3 });
    expect(preview.rows[0]).toEqual(['00042', 'SO1', '2024-01-05', '120.5']);
    expect(preview.problems).toEqual([]);
    const result = await importOne(engine, file);
    const [f] = result.files;
    expect(f.stats).toMatchObject({ rows: 4, accepted: 3, rejected: 1, customers: 2, orders: 3 });
    expect(f.rejects[0]).toMatchObject({ line: 5, column: '金额' });
    await engine.load('l', result.datasetId);
    const page = await engine.customers(result.datasetId, { sortBy: 'id' });
    // ids stay text with their leading zeros; 42 shown as 00042 is the same customer as '00042'
    expect(page.rows.map((r) => [r.id, r.orders, r.net])).toEqual([['00007', 1, 30], ['00042', 2, 208.5]]);
    const detail = (await engine.customer(result.datasetId, '00042'))!;
    expect(detail.lines.map((l) => l.day).sort()).toEqual([parseIsoDay('2024-01-05'), parseIsoDay('2024-02-29')]);
    db.close();
  });

  it('lets the user pick another sheet, and says so for an empty one', async () => {
    const { engine, db } = fresh();
    const file = workbook({ Notes: [['read me'], ['second line']], Empty: [], Data: [['customer_id', 'order_date', 'amount'], ['a', '2024-01-01', 5]] });
    const proposed = await engine.preview(file);
    expect(proposed.sheet).toBe('Data');
    const empty = await engine.preview(file, { sheet: 'Empty' });
    expect(empty.problems).toEqual([{ code: 'import.xlsx.emptySheet', params: { sheet: 'Empty' } }]);
    const notes = await engine.preview(file, { sheet: 'Notes' });
    expect(notes.sheet).toBe('Notes');
    expect(notes.problems.some((p) => p.code === 'import.missingColumns')).toBe(true);
    db.close();
  });

  it('reads a header with merged cells: the cells under a merge are unnamed columns', async () => {
    const { engine, db } = fresh();
    const file = workbook({ S: [['customer_id', 'Order', null, 'amount'], [null, 'id', 'date', null], ['a', 'O1', '2024-01-01', 5]] }, (wb) => {
      wb.Sheets.S['!merges'] = [{ s: { r: 0, c: 1 }, e: { r: 0, c: 2 } }];
    });
    const preview = await engine.preview(file);
    expect(preview.columnNames).toEqual(['customer_id', 'Order', '#3', 'amount']);
    expect(preview.mapping.customerId).toBe(0);
    db.close();
  });

  it('refuses a zip that is not a workbook, and a workbook cut short, in words', async () => {
    const { engine, db } = fresh();
    const good = new Uint8Array(await workbook({ S: [['a', 'b'], [1, 2]] }).arrayBuffer());
    const cut = await engine.preview(new File([good.slice(0, good.length >> 1)], 'cut.xlsx'));
    expect(cut.problems[0].code).toBe('import.xlsx.unreadable');
    // a zip holding a text file, renamed .xlsx
    const { zipSync, strToU8 } = await import('fflate');
    const zip = await engine.preview(new File([zipSync({ 'notes.txt': strToU8('hello') })], 'renamed.xlsx'));
    expect(zip.problems[0].code).toBe('import.xlsx.unreadable');
    db.close();
  });

  it('answers every cut or damaged copy of a workbook with a preview or a problem in words, never a hang', async () => {
    const { engine, db } = fresh();
    const good = new Uint8Array(await workbook({ S: [['customer_id', 'order_date', 'amount'], ...Array.from({ length: 50 }, (_, i) => [`c${i}`, '2024-01-01', i])] }).arrayBuffer());
    // a seeded walk over cuts and flipped bytes (xorshift, so a failure can be replayed)
    let x = 20261202;
    const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
    for (let k = 0; k < 60; k++) {
      const bytes = k % 2 ? good.slice(0, 4 + Math.floor(next() * (good.length - 4))) : good.slice();
      if (k % 2 === 0) for (let j = 0; j < 1 + Math.floor(next() * 8); j++) bytes[Math.floor(next() * bytes.length)] ^= 1 + Math.floor(next() * 255);
      const p = await engine.preview(new File([bytes], `m${k}.xlsx`));
      expect(Array.isArray(p.problems), `case ${k}`).toBe(true);
      for (const problem of p.problems) expect(problem.code, `case ${k}`).toMatch(/^import\./);
    }
    db.close();
  }, 60_000);

  it('gives the same dataset as the same orders in CSV', async () => {
    const rows = [['customer_id', 'order_id', 'order_date', 'amount'], ['a', '1', '2024-01-05', '10.5'], ['b', '2', '2024-02-01', '-3'], ['a', '3', '2024-02-03', '7']];
    const csv = fresh();
    const viaCsv = await importOne(csv.engine, new File([rows.map((r) => r.join(',')).join('\n')], 'o.csv'));
    const xlsx = fresh();
    const viaXlsx = await importOne(xlsx.engine, workbook({ Orders: rows }));
    expect(viaXlsx.files[0].stats).toEqual({ ...viaCsv.files[0].stats });
    await csv.engine.load('l', viaCsv.datasetId);
    await xlsx.engine.load('l', viaXlsx.datasetId);
    const a = await csv.engine.dashboard(viaCsv.datasetId, { activeDays: 90 });
    const b = await xlsx.engine.dashboard(viaXlsx.datasetId, { activeDays: 90 });
    expect(b.kpis).toEqual(a.kpis);
    csv.db.close();
    xlsx.db.close();
  });
});

describe('Parquet files', () => {
  it('maps typed columns (dates, decimals, text ids, booleans) directly, as DuckDB wrote them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cswb-parquet-'));
    try {
      const path = join(dir, 'orders.parquet');
      const duck = await (await DuckDBInstance.create(':memory:')).connect();
      await duck.run(`COPY (
        SELECT lpad((i % 7)::VARCHAR, 5, '0') AS customer_id, 'SO' || i AS order_id, DATE '2024-01-01' + i::INTEGER AS order_date,
               (i * 1.25)::DECIMAL(10, 2) AS amount, i % 5 = 4 AS is_return
        FROM range(1, 101) t(i)
      ) TO '${path}' (FORMAT parquet)`);
      const file = new File([readFileSync(path)], 'orders.parquet');
      const { db, engine } = fresh();
      const preview = await engine.preview(file);
      expect(preview).toMatchObject({ format: 'parquet', hasHeader: true, kind: 'orders' });
      expect(preview.columnNames).toEqual(['customer_id', 'order_id', 'order_date', 'amount', 'is_return']);
      expect(preview.mapping).toMatchObject({ customerId: 0, orderId: 1, date: 2, amount: 3, returnFlag: 4 });
      expect(preview.rows[0]).toEqual(['00001', 'SO1', '2024-01-02', '1.25', 'false']);
      const result = await importOne(engine, file);
      // 100 rows; i = 4, 9, … 99 are returns (20)
      expect(result.files[0].stats).toMatchObject({ rows: 100, accepted: 100, rejected: 0, returns: 20, customers: 7, orders: 80 });
      await engine.load('l', result.datasetId);
      const dash = await engine.dashboard(result.datasetId, { activeDays: 90 });
      // returns i = 4, 9, …, 99 sum to 1,030; purchases to 5,050 − 1,030 = 4,020: net (4,020 − 1,030) × 1.25 = 3,737.5
      expect(dash.kpis.netRevenue).toBeCloseTo(3737.5, 6);
      db.close();

      // cut short: refused in words, nothing imported
      const cut = fresh();
      const bytes = readFileSync(path);
      const truncated = new File([bytes.subarray(0, bytes.length - 100)], 'cut.parquet');
      expect((await cut.engine.preview(truncated)).problems[0].code).toBe('import.parquet.unreadable');
      await expect(cut.engine.importFiles('cut', [{ file: truncated, settings: settingsOf(preview) }], { newDataset: { name: 'x', currency: 'USD' } }))
        .rejects.toMatchObject({ code: 'import.parquet.unreadable' });
      expect(await cut.db.datasets.count()).toBe(0);
      cut.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('Parquet codecs', () => {
  it('reads gzip and refuses zstd in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cswb-parquet-codec-'));
    try {
      const duck = await (await DuckDBInstance.create(':memory:')).connect();
      for (const codec of ['gzip', 'zstd']) {
        await duck.run(`COPY (SELECT 'c' || (i % 3) AS customer_id, DATE '2024-01-01' + i::INTEGER AS order_date, i * 2.0 AS amount FROM range(10) t(i))
          TO '${join(dir, codec)}.parquet' (FORMAT parquet, COMPRESSION ${codec})`);
      }
      const { db, engine } = fresh();
      const gzip = await importOne(engine, new File([readFileSync(join(dir, 'gzip.parquet'))], 'g.parquet'));
      expect(gzip.files[0].stats).toMatchObject({ accepted: 10, rejected: 0, customers: 3 });
      const zstd = await engine.preview(new File([readFileSync(join(dir, 'zstd.parquet'))], 'z.parquet'));
      expect(zstd.problems).toEqual([{ code: 'import.parquet.codec', params: { codec: 'ZSTD' } }]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Both ways of reading a Parquet file's rows into a converter: typed columns (the import's) and each row's text (the way before). */
async function bothPaths(file: File, options: ConvertOptions) {
  const tables = { typed: [] as unknown[], text: [] as unknown[] };
  const columns = await parquetColumns(file);
  const typed = new RowConverter({ ...options, expectedRows: columns.total });
  let batches = 0;
  for await (const batch of columns.batches()) {
    typed.acceptColumns(batch);
    tables.typed.push(...typed.takeFull());
    batches++;
  }
  tables.typed.push(typed.take());
  // the text path as it was: rows with hyparquet's own parsers (Dates), each value as the text a CSV would hold
  const buffer = { byteLength: file.size, slice: (s: number, e?: number) => file.slice(s, e).arrayBuffer() };
  const metadata = await parquetMetadataAsync(buffer);
  const text = new RowConverter(options);
  let start = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    let rows: unknown[][] = [];
    await parquetRead({ file: buffer, metadata, rowStart: start, rowEnd: start + n, rowFormat: 'array', onComplete: (r) => (rows = r) });
    rows.forEach((row, i) => text.accept(row.map(parquetValueText), start + i + 1));
    tables.text.push(...text.takeFull());
    start += n;
  }
  tables.text.push(text.take());
  return {
    batches,
    typed: { stats: typed.stats, rejects: typed.rejects, tables: tables.typed },
    text: { stats: text.stats, rejects: text.rejects, tables: tables.text },
  };
}

/** A mapping by column name. */
function mapped(names: string[], fields: Record<string, string>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(fields).map(([field, name]) => [field, names.includes(name) ? names.indexOf(name) : null]));
}

describe('Parquet files as typed columns', () => {
  // 3,000 rows, then the first 700 again (exact repeats, across row groups), and 69 that differ from
  // earlier ones only where their text does not (47 in a time of day, 11 in 0 for -0, 11 in null for NaN):
  // 3,769 rows, in row groups of 2,048 (DuckDB's ROW_GROUP_SIZE counts in vectors of 2,048)
  const SOURCE = `
    WITH base AS (
      SELECT i,
        CASE i % 97 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN ' #N/A ' WHEN 3 THEN '''00' || i ELSE lpad((i % 300)::VARCHAR, 6, '0') END AS customer_id,
        CASE WHEN i % 50 = 0 THEN 'C' || i WHEN i % 83 = 0 THEN NULL ELSE 'SO' || (i // 2) END AS order_id,
        CASE i % 101 WHEN 0 THEN NULL WHEN 1 THEN DATE '1899-12-31' WHEN 2 THEN DATE '2101-01-01' WHEN 3 THEN DATE '1900-01-01'
          ELSE DATE '2023-01-01' + (i % 700)::INTEGER END AS order_date,
        CASE WHEN i % 103 = 0 THEN NULL ELSE TIMESTAMP '1969-12-30 22:30:00' + to_seconds(i * 97 * 977) END AS ordered_at,
        CASE i % 89 WHEN 0 THEN NULL WHEN 1 THEN 'NaN'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN -0.0 WHEN 4 THEN 1e21
          ELSE round((i % 400) * 1.37 - 50, 2) END AS amount,
        ((i % 400) * 1.25 - 100)::DECIMAL(12, 2) AS net,
        CASE i % 61 WHEN 0 THEN NULL WHEN 1 THEN 9007199254740993 WHEN 2 THEN -9223372036854775808 ELSE (i % 7) - 1 END::BIGINT AS qty,
        CASE WHEN i % 67 = 0 THEN NULL ELSE (i % 9) * 0.5 END AS price,
        CASE WHEN i % 13 = 0 THEN true WHEN i % 13 = 1 THEN NULL ELSE false END AS is_return,
        (i % 12)::BIGINT AS nps, (i % 7)::INTEGER AS csat, (i / 7)::FLOAT AS cost,
        CASE WHEN i % 5 = 0 THEN NULL ELSE '客户 ' || i END AS name
      FROM range(3000) t(i)
    )
    SELECT * EXCLUDE (k, i) FROM (
      SELECT 0 AS k, * FROM base
      UNION ALL SELECT 1, * FROM base WHERE i < 700
      UNION ALL SELECT 2, * REPLACE (ordered_at + INTERVAL 1 SECOND AS ordered_at) FROM base WHERE i BETWEEN 1000 AND 1049 AND hour(ordered_at) < 23
      UNION ALL SELECT 3, * REPLACE (CASE WHEN isnan(amount) THEN NULL ELSE 0.0 END AS amount) FROM base WHERE i % 89 IN (1, 3) AND i < 1000
    ) ORDER BY k, i`;

  async function write(dir: string, name: string, sql: string, options = 'ROW_GROUP_SIZE 1000'): Promise<File> {
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const path = join(dir, name);
    await duck.run(`COPY (${sql}) TO '${path}' (FORMAT parquet, ${options})`);
    return new File([readFileSync(path)], name);
  }

  it('give the same rows, counts, duplicates and rejects as their text, for every kind of file and column type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cswb-parquet-typed-'));
    try {
      const file = await write(dir, 'typed.parquet', `SELECT *, ordered_at::TIMESTAMP_MS AS at_ms, ordered_at::TIMESTAMP_NS AS at_ns,
        ordered_at::TIMESTAMPTZ AS at_tz FROM (${SOURCE})`);
      const table = await parquetColumns(file);
      const names = table.columns;
      // read typed: dates and every kind of timestamp as day numbers, numbers and big integers as they are
      const first = (await table.batches().next()).value!;
      expect(names.filter((_, c) => first.days[c])).toEqual(['order_date', 'ordered_at', 'at_ms', 'at_ns', 'at_tz']);
      const value = (name: string, row: number) => first.columns[names.indexOf(name)][row];
      expect([value('order_date', 4), value('ordered_at', 4), value('amount', 5), value('qty', 5), value('customer_id', 4)])
        .toEqual([parseIsoDay('2023-01-05'), parseIsoDay('1970-01-04'), 1.37 * 5 - 50, 4n, '000004']); // row 4 ordered at 1970-01-04 07:47:56
      const cases: [string, ImportKind, Record<string, string>][] = [
        ['orders, DATE and DOUBLE', 'orders', { customerId: 'customer_id', orderId: 'order_id', date: 'order_date', amount: 'amount', quantity: 'qty', returnFlag: 'is_return' }],
        ['orders, TIMESTAMP and DECIMAL', 'orders', { customerId: 'customer_id', date: 'ordered_at', amount: 'net' }],
        ['orders, quantity × price', 'orders', { customerId: 'customer_id', orderId: 'order_id', date: 'at_ms', quantity: 'qty', unitPrice: 'price' }],
        ['orders, ids and dates from other types', 'orders', { customerId: 'nps', orderId: 'qty', date: 'amount', amount: 'csat' }],
        ['customers', 'customers', { customerId: 'customer_id', name: 'name', birthday: 'at_ns', signupDate: 'at_tz', acquisitionCost: 'cost', gender: 'is_return' }],
        ['surveys', 'surveys', { customerId: 'customer_id', date: 'order_date', nps: 'nps', csat: 'csat' }],
      ];
      for (const [label, kind, fields] of cases) {
        for (const dropDuplicates of [false, true]) {
          const options: ConvertOptions = { kind, mapping: mapped(names, fields), columnNames: names, dateOrder: 'ymd', dropDuplicates, chunkRows: 1000 };
          const { typed, text, batches } = await bothPaths(file, options);
          expect(batches, label).toBe(2);
          expect(typed, `${label}, dropDuplicates ${dropDuplicates}`).toEqual(text);
          // the file's awkward rows are there to be compared: repeats, rejects, returns
          expect(text.stats.duplicates, label).toBeGreaterThanOrEqual(700);
          expect(text.stats.rejected, label).toBeGreaterThan(0);
          if (kind === 'orders' && fields.amount !== 'csat') expect(text.stats.returns, label).toBeGreaterThan(0);
        }
      }
      // the repeats that differ only in a time of day, in -0 for 0 or null for NaN are duplicates (their text is the same)
      const { text } = await bothPaths(file, {
        kind: 'orders', mapping: mapped(names, { customerId: 'customer_id', date: 'order_date', amount: 'amount' }), columnNames: names,
        dateOrder: 'ymd', dropDuplicates: false,
      });
      expect(text.stats).toMatchObject({ rows: 3769, duplicates: 700 + 47 + 22 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('import through the engine with the counts and rejects of their text, a progress event per row group, and cancel between row groups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cswb-parquet-engine-'));
    try {
      const file = await write(dir, 'orders.parquet', SOURCE);
      const { db, engine } = fresh();
      const preview = await engine.preview(file);
      expect(preview.mapping).toMatchObject({ customerId: 0, orderId: 1, date: 2, amount: 4 });
      const progress: number[] = [];
      const result = await engine.importFiles('typed', [{ file, settings: settingsOf(preview) }], { newDataset: { name: 'p', currency: 'USD' } }, (p) => progress.push(p.done));
      const { text } = await bothPaths(file, {
        kind: 'orders', mapping: preview.mapping, columnNames: preview.columnNames, dateOrder: preview.dateOrder, dropDuplicates: false,
      });
      expect(result.files[0].stats).toEqual(text.stats);
      expect(result.files[0].rejects).toEqual(text.rejects);
      expect(text.stats).toMatchObject({ rows: 3769, rejectedBy: { missingId: expect.any(Number), badDate: expect.any(Number), badAmount: expect.any(Number) } });
      // 3,769 rows in row groups of 2,048: two progress events, the last at the whole file
      expect(progress).toEqual([Math.round((file.size * 2048) / 3769), file.size]);
      db.close();

      const cancelled = fresh();
      await expect(cancelled.engine.importFiles('stop', [{ file, settings: settingsOf(preview) }], { newDataset: { name: 'p', currency: 'USD' } }, () => {
        cancelled.engine.cancel('stop');
      })).rejects.toEqual({ code: 'job.cancelled' });
      expect(await cancelled.db.datasets.count()).toBe(0);
      cancelled.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('give the dataset and dashboard of the CSV of the same rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cswb-parquet-csv-'));
    try {
      // what a CSV writes differently from Parquet's text (NaN, -0, 1e21, a time of day) is left out here
      const sql = `SELECT customer_id, order_id, order_date, ordered_at, net AS amount, qty, is_return FROM (${SOURCE})`;
      const parquet = await write(dir, 'orders.parquet', sql);
      const duck = await (await DuckDBInstance.create(':memory:')).connect();
      await duck.run(`COPY (SELECT * REPLACE (strftime(ordered_at, '%Y-%m-%d') AS ordered_at) FROM (${sql})) TO '${join(dir, 'orders.csv')}' (HEADER, DELIMITER ',')`);
      const csvFile = new File([readFileSync(join(dir, 'orders.csv'))], 'orders.csv');
      const viaCsv = fresh();
      const a = await importOne(viaCsv.engine, csvFile);
      const viaParquet = fresh();
      const b = await importOne(viaParquet.engine, parquet);
      expect(b.files[0].stats).toEqual(a.files[0].stats);
      // the same rows refused for the same reasons (a CSV line counts the header line; the cells' text may differ: -100.00 / -100)
      const why = (r: { line: number; column: string; reason: string }, header: number) => [r.line - header, r.column, r.reason];
      expect(b.files[0].rejects.map((r) => why(r, 0))).toEqual(a.files[0].rejects.map((r) => why(r, 1)));
      // the repeats, those differing in a time of day (a date in the CSV) included
      expect(a.files[0].stats).toMatchObject({ rows: 3769, duplicates: 700 + 47 + 22 });
      expect(a.files[0].stats.rejected).toBeGreaterThan(0);
      await viaCsv.engine.load('l', a.datasetId);
      await viaParquet.engine.load('l', b.datasetId);
      const kpis = (await viaCsv.engine.dashboard(a.datasetId, { activeDays: 90 })).kpis;
      expect((await viaParquet.engine.dashboard(b.datasetId, { activeDays: 90 })).kpis).toEqual(kpis);
      expect(kpis.returnsShare).toBeGreaterThan(0);
      viaCsv.db.close();
      viaParquet.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('join a column given page by page, placing each page by its rows', () => {
    const chunk = (rowStart: number, columnData: ArrayLike<unknown>) => ({ columnName: 'c', columnData, rowStart, rowEnd: rowStart + columnData.length }) as ColumnData;
    const whole = ['a', 'b', 'c'];
    expect(columnValues([chunk(10, whole)], 10, 3)).toBe(whole);
    expect(Array.from(columnValues([chunk(8, new Float64Array([1, 2, 3])), chunk(11, new Float64Array([4, 5]))], 10, 4) as ArrayLike<unknown>))
      .toEqual([3, 4, 5, null]);
  });
});
