// Workbooks and Parquet files through the same preview, mapping, rejects and commit as CSV: written
// here by maintained writers (SheetJS for .xlsx, DuckDB for Parquet), then imported.
import { describe, expect, it } from 'vitest';
import { utils, write } from '@e965/xlsx';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { parseIsoDay } from '../../../../src/lib/domain';
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
