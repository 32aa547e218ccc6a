// Rejects you can fix: the downloaded rejects hold every column of each rejected row (with its line
// and reason first), so the user fixes the cells and imports the file again into the same dataset.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { rejectsCsv } from '../../../../src/lib/domain/import';
import { importOne, textFile } from '../../import-helpers';

const CSV = [
  '客户编号,订单编号,下单日期,金额,城市',
  'a,SO1,2024-01-05,100,上海',
  'b,SO2,not-a-date,50,北京',
  'c,SO3,2024-01-07,12x,"Shenzhen, GD"',
  'd,SO4,2024-01-08,30,广州',
].join('\n');
const WORDS = { line: 'Line', column: 'Column', reason: 'Reason' };

describe('a rejects file', () => {
  it('holds the rows as they were, and imports again once fixed', async () => {
    const db = openDatabase(`rejects-fixed-${Math.random()}`);
    const engine = createEngine(db);
    const first = await importOne(engine, textFile('orders.csv', CSV));
    const [f] = first.files;
    expect(f.stats).toMatchObject({ accepted: 2, rejected: 2, rejectedBy: { badDate: 1, badAmount: 1 } });
    const text = rejectsCsv(f.columnNames, f.rejects.map((r) => ({ line: r.line, column: r.column, reason: r.reason, row: r.row })), WORDS);
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'Line,Column,Reason,客户编号,订单编号,下单日期,金额,城市',
      '3,下单日期,badDate,b,SO2,not-a-date,50,北京',
      '4,金额,badAmount,c,SO3,2024-01-07,12x,"Shenzhen, GD"',
    ]);
    // the user fixes the two cells and imports the file into the same dataset
    const fixed = text.replace('not-a-date', '2024-01-06').replace('12x', '12');
    const again = await importOne(engine, textFile('orders-rejects.csv', fixed), { datasetId: first.datasetId });
    expect(again.files[0].stats).toMatchObject({ accepted: 2, rejected: 0 });
    // the three added columns map to nothing; the file's own columns map as before
    const preview = await engine.preview(textFile('orders-rejects.csv', fixed));
    expect(preview.mapping).toMatchObject({ customerId: 3, orderId: 4, date: 5, amount: 6 });
    await engine.load('l', first.datasetId);
    const dash = await engine.dashboard(first.datasetId, { activeDays: 90 });
    expect(dash.kpis).toMatchObject({ customers: 4, orders: 4, netRevenue: 192 });
    db.close();
  });

  it('keeps every column of a row with the wrong number of columns', async () => {
    const db = openDatabase(`rejects-columns-${Math.random()}`);
    const engine = createEngine(db);
    const result = await importOne(engine, textFile('o.csv', 'customer_id,order_date,amount\na,2024-01-01,5\nb,2024-01-02,6,extra\n'));
    expect(result.files[0].rejects[0]).toMatchObject({ line: 3, reason: 'columnCount', row: ['b', '2024-01-02', '6', 'extra'] });
    db.close();
  });
});
