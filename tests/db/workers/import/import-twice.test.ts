// An import can never silently double the data: a file imported before is recognised by its
// content (skipped by default, or replacing the earlier import, or imported again when asked),
// order lines of orders already in the dataset are skipped by default, and an import can be
// removed again in one step.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { listImports, openDatabase, readDataset, removeImport, type WorkbenchDB } from '../../../../src/lib/db';
import type { EngineApi, ImportFile, ImportSettings, ImportTarget, RepeatChoice } from '../../../../workers/api';
import { settingsOf, sharedFile, textFile } from '../../import-helpers';

let n = 0;
let job = 0;

function fresh() {
  const db = openDatabase(`import-twice-${++n}`);
  return { db, engine: createEngine(db) };
}

/** Preview then import files, each with the user's choice when it was imported before. */
async function run(
  engine: EngineApi, files: File[], target: ImportTarget,
  options: { ifImported?: RepeatChoice; settings?: Partial<ImportSettings> } = {},
) {
  const list: ImportFile[] = [];
  for (const file of files) {
    const preview = await engine.preview(file);
    list.push({ file, settings: settingsOf(preview, options.settings), ifImported: options.ifImported });
  }
  return engine.importFiles(`twice-${++job}`, list, target);
}

async function counts(db: WorkbenchDB, id: string) {
  return (await db.datasets.get(id))!.counts;
}

async function netRevenue(engine: EngineApi, id: string) {
  await engine.load(`load-${++job}`, id);
  return (await engine.dashboard(id, { activeDays: 90 })).kpis.netRevenue;
}

const CDNOW = 'cdnow/CDNOW_master.txt';

describe('the same file imported twice into one dataset', () => {
  it('is recognised by its content and skipped by default: the counts stay those of one import', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [sharedFile(CDNOW)], { newDataset: { name: 'CDNOW', currency: 'USD' } });
    expect(first.committed).toBe(true);
    const id = first.datasetId;
    const once = await counts(db, id);
    expect(once.orders).toBe(69_659);
    const revenue = await netRevenue(engine, id);

    const second = await run(engine, [sharedFile(CDNOW)], { datasetId: id });
    expect(second).toMatchObject({ committed: false, reason: 'alreadyImported', replaced: [] });
    expect(second.files[0]).toMatchObject({ outcome: 'skipped', sha256: first.files[0].sha256 });
    expect(second.files[0].earlier.map((e) => e.id)).toEqual((await listImports(db, id)).map((e) => e.id));
    expect(await counts(db, id)).toEqual(once);
    expect(await listImports(db, id)).toHaveLength(1);
    expect(await netRevenue(engine, id)).toBeCloseTo(revenue, 6);
    db.close();
  });

  it('even after ticking "Drop rows that repeat…" (the advice of the first result): only the repeats go', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [sharedFile(CDNOW)], { newDataset: { name: 'CDNOW', currency: 'USD' } });
    const id = first.datasetId;
    expect(first.files[0].stats.duplicates).toBe(255);
    const earlier = await listImports(db, id);
    const again = await run(engine, [sharedFile(CDNOW)], { datasetId: id }, { ifImported: 'replace', settings: { dropDuplicates: true } });
    expect(again.committed).toBe(true);
    expect(again.replaced.map((r) => r.id)).toEqual(earlier.map((r) => r.id));
    expect((await counts(db, id)).orders).toBe(69_659 - 255);
    expect(await listImports(db, id)).toHaveLength(1);
    db.close();
  });

  it('is imported a second time with "import anyway": every row twice', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [sharedFile(CDNOW)], { newDataset: { name: 'CDNOW', currency: 'USD' } });
    const id = first.datasetId;
    const revenue = await netRevenue(engine, id);
    const second = await run(engine, [sharedFile(CDNOW)], { datasetId: id }, { ifImported: 'anyway' });
    expect(second.committed).toBe(true);
    expect(second.files[0]).toMatchObject({ outcome: 'anyway' });
    expect(second.files[0].stats.accepted).toBe(69_659);
    expect((await counts(db, id)).orders).toBe(2 * 69_659);
    expect(await netRevenue(engine, id)).toBeCloseTo(2 * revenue, 4);
    expect(await listImports(db, id)).toHaveLength(2);
    db.close();
  });

  it('replaces the earlier import in the same commit with "replace": one import, its counts', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [sharedFile(CDNOW)], { newDataset: { name: 'CDNOW', currency: 'USD' } });
    const id = first.datasetId;
    const [earlier] = await listImports(db, id);
    const chunks = await db.chunks.count();
    const second = await run(engine, [sharedFile(CDNOW)], { datasetId: id }, { ifImported: 'replace' });
    expect(second.committed).toBe(true);
    expect(second.files[0]).toMatchObject({ outcome: 'replaced' });
    // the replaced import's orders do not count as "already there"
    expect(second.files[0].stats).toMatchObject({ accepted: 69_659, existing: 0, existingSkipped: 0 });
    expect(second.replaced.map((r) => r.id)).toEqual([earlier.id]);
    const after = await listImports(db, id);
    expect(after).toHaveLength(1);
    expect(after[0].id).not.toBe(earlier.id);
    expect(after[0].files).toEqual([{ name: 'CDNOW_master.txt', size: 1_950_500, kind: 'orders', sha256: first.files[0].sha256 }]);
    expect(await db.chunks.where('batchId').equals(earlier.id).count()).toBe(0);
    expect(await db.chunks.count()).toBe(chunks);
    expect((await counts(db, id)).orders).toBe(69_659);
    db.close();
  });

  it('in one request, a file chosen twice is imported once', async () => {
    const { db, engine } = fresh();
    const file = textFile('o.csv', 'customer_id,order_id,order_date,amount\nA,O1,2024-01-01,5\n');
    const result = await run(engine, [file, textFile('copy of o.csv', await file.arrayBuffer().then((b) => new Uint8Array(b)))], {
      newDataset: { name: 'x', currency: 'USD' },
    });
    expect(result.files.map((f) => f.outcome)).toEqual(['imported', 'skipped']);
    expect((await counts(db, result.datasetId)).orders).toBe(1);
    db.close();
  });

  it('keeps each file with its content hash on the import', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [sharedFile('online-retail/online_retail_sample.csv')], { newDataset: { name: 'retail', currency: 'GBP' } });
    const [record] = await listImports(db, first.datasetId);
    expect(record.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.files).toEqual([{ name: 'online_retail_sample.csv', size: 280_093, kind: 'orders', sha256: first.files[0].sha256 }]);
    db.close();
  });
});

describe('after a backup is restored in another browser', () => {
  it('the restored dataset still recognises its files', async () => {
    const source = fresh();
    const file = () => textFile('orders.csv', 'customer_id,order_id,order_date,amount\nA,O1,2024-01-01,5\nB,O2,2024-01-02,6\n');
    const first = await run(source.engine, [file()], { newDataset: { name: 'shop', currency: 'USD' } });
    const blob = await source.engine.backup('b', { datasetId: first.datasetId });
    const target = fresh();
    await target.engine.restoreBackup('r', blob, { conflict: 'replace' });
    const again = await run(target.engine, [file()], { datasetId: first.datasetId });
    expect(again).toMatchObject({ committed: false, reason: 'alreadyImported' });
    expect((await counts(target.db, first.datasetId)).orders).toBe(2);
    source.db.close();
    target.db.close();
  });
});

const HEADER = 'customer_id,order_id,order_date,amount';

describe('order lines of orders already in the dataset', () => {
  // O1 has two lines, O2 two, O3 one
  const A = [HEADER, 'C1,O1,2024-01-05,10', 'C1,O1,2024-01-05,5', 'C2,O2,2024-02-01,20', 'C2,O2,2024-02-01,7', 'C3,O3,2024-02-03,3'].join('\n') + '\n';
  // a later export: O2 again (both lines), O4 with three lines, and a return of O1 (same order id, negative amount)
  const B = [HEADER, 'C2,O2,2024-02-01,20', 'C2,O2,2024-02-01,7', 'C4,O4,2024-03-01,1', 'C4,O4,2024-03-01,2', 'C4,O4,2024-03-01,3', 'C1,O1,2024-03-02,-5'].join('\n') + '\n';

  async function withA() {
    const { db, engine } = fresh();
    const first = await run(engine, [textFile('a.csv', A)], { newDataset: { name: 'shop', currency: 'USD' } });
    return { db, engine, id: first.datasetId };
  }

  it('are skipped by default and counted; every line of a new order in the file is kept, and so is a late return', async () => {
    const { db, engine, id } = await withA();
    const result = await run(engine, [textFile('b.csv', B)], { datasetId: id });
    expect(result.committed).toBe(true);
    expect(result.files[0].outcome).toBe('imported');
    expect(result.files[0].stats).toMatchObject({ rows: 6, accepted: 4, rejected: 0, existing: 2, existingSkipped: 2, returns: 1, orderIds: 2 });
    expect((await counts(db, id)).orders).toBe(5 + 4);
    const orders = (await readDataset(db, id)).orders;
    expect(orders.orderId.filter((o) => o === 'O2')).toHaveLength(2);
    expect(orders.orderId.filter((o) => o === 'O4')).toHaveLength(3);
    expect([...orders.amount].reduce((s, v) => s + v, 0)).toBeCloseTo(45 + 6 - 5, 6);
    db.close();
  });

  it('are kept when the user asks', async () => {
    const { db, engine, id } = await withA();
    const result = await run(engine, [textFile('b.csv', B)], { datasetId: id }, { settings: { keepExistingOrders: true } });
    expect(result.files[0].stats).toMatchObject({ accepted: 6, existing: 2, existingSkipped: 0 });
    expect((await counts(db, id)).orders).toBe(5 + 6);
    db.close();
  });

  it('without an order id column, the same customer on the same day is the same order', async () => {
    const { db, engine } = fresh();
    const csv = (rows: string[]) => ['customer_id,order_date,amount', ...rows].join('\n') + '\n';
    const first = await run(engine, [textFile('jan.csv', csv(['C1,2024-01-05,10', 'C1,2024-01-05,5', 'C2,2024-01-06,1']))], {
      newDataset: { name: 'days', currency: 'USD' },
    });
    const result = await run(engine, [textFile('jan-feb.csv', csv(['C1,2024-01-05,10', 'C2,2024-01-06,1', 'C2,2024-02-01,4', 'C2,2024-02-01,4']))], {
      datasetId: first.datasetId,
    });
    expect(result.files[0].stats).toMatchObject({ accepted: 2, existingSkipped: 2, duplicates: 1, orderIds: 0 });
    expect((await counts(db, first.datasetId)).orders).toBe(3 + 2);
    db.close();
  });

  it('a file of nothing new stores nothing and says so', async () => {
    const { db, engine, id } = await withA();
    const before = await db.batches.toArray();
    const only = [HEADER, 'C2,O2,2024-02-01,20', 'C3,O3,2024-02-03,3'].join('\n') + '\n';
    const result = await run(engine, [textFile('again.csv', only)], { datasetId: id });
    expect(result).toMatchObject({ committed: false, reason: 'nothingNew' });
    expect(result.files[0].stats).toMatchObject({ accepted: 0, existingSkipped: 2 });
    expect(await db.batches.toArray()).toEqual(before);
    db.close();
  });

  it('are recognised in a pseudonymised dataset too (ids that are phone numbers, no order id column)', async () => {
    const { db, engine } = fresh();
    const csv = (rows: string[]) => ['customer_id,order_date,amount', ...rows].join('\n') + '\n';
    const target = { pseudonymise: { keepMapping: false } };
    const first = await run(engine, [textFile('p1.csv', csv(['13800138000,2024-01-05,10', '13900139000,2024-01-06,3']))], {
      newDataset: { name: 'p', currency: 'CNY' }, ...target,
    });
    const result = await run(engine, [textFile('p2.csv', csv(['13800138000,2024-01-05,10', '13800138000,2024-02-05,8']))], {
      datasetId: first.datasetId, ...target,
    });
    expect(result.files[0].stats).toMatchObject({ accepted: 1, existingSkipped: 1 });
    expect((await counts(db, first.datasetId)).orders).toBe(3);
    db.close();
  });
});

describe('removing an import', () => {
  const ORDERS = [HEADER, 'C1,O1,2024-01-05,10', 'C2,O2,2024-02-01,20'].join('\n') + '\n';
  const MORE = [HEADER, 'C3,O3,2024-03-05,30', 'C3,O4,2024-03-06,40', 'C4,O5,2024-03-07,1'].join('\n') + '\n';

  it('drops its rows from the counts and the data, and leaves the other imports', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [textFile('orders.csv', ORDERS)], { newDataset: { name: 'shop', currency: 'USD' } });
    const id = first.datasetId;
    await run(engine, [textFile('more.csv', MORE)], { datasetId: id });
    await engine.load('l1', id);
    expect((await engine.dashboard(id, { activeDays: 90 })).kpis.orders).toBe(5);
    const [, more] = await listImports(db, id);
    expect(more.files[0].name).toBe('more.csv');
    expect(more.rows.orders).toBe(3);

    const removed = await engine.removeImport(id, more.id);
    expect(removed).toMatchObject({ empty: false, dataset: { counts: { orders: 2 } } });
    expect((await counts(db, id)).orders).toBe(2);
    expect(await db.chunks.where('batchId').equals(more.id).count()).toBe(0);
    expect((await listImports(db, id)).map((r) => r.files[0].name)).toEqual(['orders.csv']);
    expect([...(await readDataset(db, id)).orders.orderId]).toEqual(['O1', 'O2']);
    // the engine let go of the data it held: loading again shows the rest
    await engine.load('l2', id);
    expect((await engine.dashboard(id, { activeDays: 90 })).kpis.orders).toBe(2);
    // the removed file is no longer "imported before"
    const again = await run(engine, [textFile('more.csv', MORE)], { datasetId: id });
    expect(again.files[0].outcome).toBe('imported');
    db.close();
  });

  it('removing the last import leaves an empty dataset, which loads', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [textFile('orders.csv', ORDERS)], { newDataset: { name: 'shop', currency: 'USD' } });
    const id = first.datasetId;
    const [only] = await listImports(db, id);
    const removed = await engine.removeImport(id, only.id);
    expect(removed.empty).toBe(true);
    expect(removed.dataset.counts).toEqual({ customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 });
    expect(await db.datasets.get(id)).toBeDefined();
    expect(await db.chunks.where('datasetId').equals(id).count()).toBe(0);
    await engine.load('l', id);
    expect((await engine.dashboard(id, { activeDays: 90 })).kpis).toMatchObject({ customers: 0, orders: 0, netRevenue: 0 });
    db.close();
  });

  it('is one transaction: when it fails half-way, nothing is removed', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [textFile('orders.csv', ORDERS)], { newDataset: { name: 'shop', currency: 'USD' } });
    const id = first.datasetId;
    const [only] = await listImports(db, id);
    const before = { row: await db.datasets.get(id), batches: await db.batches.toArray(), chunks: await db.chunks.toArray() };
    // the dataset row's update is the last write of the transaction: make it fail
    const fail = () => {
      throw new Error('disk gone');
    };
    db.datasets.hook('updating', fail);
    db.datasets.hook('creating', fail);
    await expect(removeImport(db, id, only.id)).rejects.toThrow('disk gone');
    db.datasets.hook('updating').unsubscribe(fail);
    db.datasets.hook('creating').unsubscribe(fail);
    expect(await db.datasets.get(id)).toEqual(before.row);
    expect(await db.batches.toArray()).toEqual(before.batches);
    expect(await db.chunks.toArray()).toEqual(before.chunks);
    db.close();
  });

  it('an import that is not there (removed in another tab) is a notice, and changes nothing', async () => {
    const { db, engine } = fresh();
    const first = await run(engine, [textFile('orders.csv', ORDERS)], { newDataset: { name: 'shop', currency: 'USD' } });
    await expect(engine.removeImport(first.datasetId, 'b-gone')).rejects.toEqual({ code: 'imports.notFound', params: { id: 'b-gone' } });
    expect((await counts(db, first.datasetId)).orders).toBe(2);
    db.close();
  });
});
