// Counts on real public files, from their SOURCE.md and an independent Python count.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';
import { importOne, sharedFile } from '../../import-helpers';

describe('real files', () => {
  it('CDNOW master log: whitespace-aligned, no order id, zero-padded ids', async () => {
    const db = openDatabase('real-cdnow');
    const engine = createEngine(db);
    const file = sharedFile('cdnow/CDNOW_master.txt');
    const preview = await engine.preview(file);
    expect(preview.delimiter).toBe('whitespace');
    expect(preview.hasHeader).toBe(true);
    expect(preview.kind).toBe('orders');
    expect(preview.problems).toEqual([]);
    const result = await importOne(engine, file);
    expect(result.committed).toBe(true);
    const [f] = result.files;
    expect(f.stats.accepted).toBe(69_659);
    expect(f.stats.rejected).toBe(0);
    expect(f.stats.customers).toBe(23_570);
    expect(f.stats.amount).toBeCloseTo(2_500_315.63, 2);
    await engine.load('l', result.datasetId);
    const dash = await engine.dashboard(result.datasetId, { activeDays: 90 });
    expect(dash.kpis.customers).toBe(23_570);
    expect(dash.kpis.netRevenue).toBeCloseTo(2_500_315.63, 2);
    expect(dash.kpis.asOfDay).toBe(Date.UTC(1998, 5, 30) / 86_400_000);
    const first = await engine.customers(result.datasetId, { sortBy: 'id', descending: false, limit: 1 });
    expect(first.rows[0].id).toBe('00001');
    db.close();
  });

  it('UCI Online Retail sample: NA ids rejected, returns kept, M/D/YYYY H:MM dates', async () => {
    const db = openDatabase('real-retail');
    const engine = createEngine(db);
    const file = sharedFile('online-retail/online_retail_sample.csv');
    const preview = await engine.preview(file);
    expect(preview.dateOrder).toBe('mdy');
    expect(preview.mapping).toMatchObject({ customerId: 7, orderId: 1, date: 5, quantity: 4, unitPrice: 6, amount: null });
    const result = await importOne(engine, file);
    const [f] = result.files;
    expect(f.stats.rows).toBe(2_709);
    expect(f.stats.rejected).toBe(668);
    expect(f.rejects.length).toBeGreaterThan(0);
    expect(f.rejects.every((r) => r.reason === 'missingId' && r.value === 'NA' && r.column === 'CustomerID')).toBe(true);
    expect(f.stats.accepted).toBe(2_041);
    expect(f.stats.customers).toBe(1_171);
    expect(f.stats.returns).toBe(46);
    expect(f.stats.orderIds).toBe(1_834);
    // 10/31/2011 10:42 is the first data row (line 2)
    expect(f.stats.minDay).toBe(Date.UTC(2010, 11, 1) / 86_400_000);
    expect(f.stats.maxDay).toBe(Date.UTC(2011, 11, 9) / 86_400_000);
    db.close();
  });

  it('CDNOW 1/10 sample: no header, so the columns are guessed from their content for the user to confirm', async () => {
    const db = openDatabase('real-cdnow-sample');
    const engine = createEngine(db);
    const file = sharedFile('cdnow/CDNOW_sample.txt');
    const preview = await engine.preview(file);
    expect(preview).toMatchObject({ delimiter: 'whitespace', hasHeader: false, guessed: true, columnNames: ['#1', '#2', '#3', '#4', '#5'] });
    // master_id sample_id date number_of_cds dollar_value (SOURCE.md): the first id column (it
    // repeats) is the customer, YYYYMMDD the date, the CD count the quantity, dollars the amount
    expect(preview.mapping).toMatchObject({ customerId: 0, orderId: null, date: 2, quantity: 3, amount: 4 });
    expect(preview.problems).toEqual([]);
    // master_id and sample_id name the same 2,357 customers; the user may take either
    const mapping = { ...preview.mapping, customerId: 1 };
    const result = await importOne(engine, file, undefined, { mapping });
    expect(result.files[0].stats).toMatchObject({ rows: 6_919, accepted: 6_919, rejected: 0, customers: 2_357 });
    db.close();
  });
});
