import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../../src/lib/domain/demo';
import {
  beginBatch, commitBatch, deleteDataset, discardBatch, isQuotaError, openDatabase, readChunks, readDataset,
  sweepPendingBatches, toNotice, writeTable, type DatasetRow, type WorkbenchDB,
} from '../../../../src/lib/db';

const demo = generateDemo({ seed: 11, customers: 300 });
const row = (id: string): DatasetRow => ({
  id, name: id, currency: 'CNY', origin: 'demo', createdAt: 1, updatedAt: 1,
  counts: { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
});

let db: WorkbenchDB;
let n = 0;
beforeEach(async () => {
  db = openDatabase(`batches-${++n}`);
  await db.open();
});
afterEach(() => db.close());

async function storeAll(datasetId: string, commit = true) {
  const batch = await beginBatch(db, datasetId, 'test');
  for (const kind of ['customers', 'orders', 'surveys', 'interactions'] as const) {
    await writeTable(db, batch, kind, demo[kind], { chunkRows: 1000 });
  }
  if (commit) await commitBatch(db, batch, { dataset: row(datasetId) });
  return batch;
}

describe('batches', () => {
  it('commits a dataset with its counts and reads it back whole', async () => {
    await storeAll('a');
    const ds = await db.datasets.get('a');
    expect(ds?.counts).toEqual({
      customers: demo.customers.id.length, orders: demo.orders.orderId.length,
      surveys: demo.surveys.customerId.length, interactions: demo.interactions.customerId.length, servqual: 0, importance: 0 });
    const back = await readDataset(db, 'a');
    expect(back.customers.id).toEqual(demo.customers.id);
    expect(Array.from(back.orders.day)).toEqual(Array.from(demo.orders.day));
    expect(Array.from(back.surveys.nps)).toEqual(Array.from(demo.surveys.nps));
    expect(back.interactions.kind).toEqual(demo.interactions.kind);
  });

  it('keeps a pending batch invisible to readers and sweeps it at start-up', async () => {
    await storeAll('a');
    const before = await readDataset(db, 'a');
    const pending = await beginBatch(db, 'a', 'interrupted');
    await writeTable(db, pending, 'orders', demo.orders, { chunkRows: 500 });
    expect(await db.chunks.where('batchId').equals(pending.id).count()).toBeGreaterThan(0);

    const during = await readDataset(db, 'a');
    expect(during.orders.orderId.length).toBe(before.orders.orderId.length);
    expect(await db.datasets.get('a').then((d) => d?.counts.orders)).toBe(demo.orders.orderId.length);

    expect(await sweepPendingBatches(db)).toBe(1);
    expect(await db.batches.get(pending.id)).toBeUndefined();
    expect(await db.chunks.where('batchId').equals(pending.id).count()).toBe(0);
    expect((await readDataset(db, 'a')).orders.orderId.length).toBe(before.orders.orderId.length);
  });

  it('leaves a batch that a live writer still holds', async () => {
    const pending = await beginBatch(db, 'a', 'live');
    expect(await sweepPendingBatches(db, (id) => id === pending.id)).toBe(0);
    expect(await db.batches.get(pending.id)).toBeDefined();
  });

  it('creates no dataset when a first write is never committed', async () => {
    const batch = await storeAll('b', false);
    expect(await db.datasets.get('b')).toBeUndefined();
    expect(await readChunks(db, 'b')).toEqual([]);
    await discardBatch(db, batch.id);
    expect(await db.chunks.count()).toBe(0);
  });

  it('replaces earlier data in the same commit on reset', async () => {
    await storeAll('a');
    await db.customerEdits.put({ datasetId: 'a', customerId: demo.customers.id[0], fields: { city: 'X' }, updatedAt: 1 });
    await db.playbooks.put({ datasetId: 'a', scheme: 'rfm11', segment: 'lost', card: { owner: 'X' }, updatedAt: 1 });
    await db.tierDesigns.put({ datasetId: 'a', design: {}, updatedAt: 1 });
    const again = await beginBatch(db, 'a', 'reset');
    await writeTable(db, again, 'orders', demo.orders, { chunkRows: 1000 });
    await commitBatch(db, again, { replace: true });
    expect((await db.batches.where('datasetId').equals('a').toArray()).map((b) => b.id)).toEqual([again.id]);
    expect((await db.datasets.get('a'))?.counts).toEqual({ customers: 0, orders: demo.orders.orderId.length, surveys: 0, interactions: 0, servqual: 0, importance: 0 });
    expect(await db.customerEdits.count()).toBe(0);
    // a reset (the demo generated again) starts the playbook and the tier design afresh too
    expect(await db.playbooks.count()).toBe(0);
    expect(await db.tierDesigns.count()).toBe(0);
  });

  it('refuses to commit a batch twice', async () => {
    const batch = await storeAll('a');
    await expect(commitBatch(db, batch)).rejects.toThrow(/not pending/);
  });

  it('deletes a dataset with every batch, chunk and edit, leaving others alone', async () => {
    await storeAll('a');
    await storeAll('b');
    await db.customerEdits.put({ datasetId: 'a', customerId: 'x', fields: {}, updatedAt: 1 });
    await db.interactionEdits.put({ datasetId: 'a', entryId: 'e', customerId: 'x', added: true, fields: {}, updatedAt: 1 });
    await db.playbooks.bulkPut([
      { datasetId: 'a', scheme: 'rfm11', segment: 'lost', card: {}, updatedAt: 1 }, { datasetId: 'b', scheme: 'rfm11', segment: 'lost', card: {}, updatedAt: 1 },
    ]);
    await db.tierDesigns.bulkPut([{ datasetId: 'a', design: {}, updatedAt: 1 }, { datasetId: 'b', design: {}, updatedAt: 1 }]);
    await db.settings.bulkPut([
      { key: 'pseudonym.map:a', value: {} }, { key: 'pseudonym.map:b', value: {} }, { key: 'complaints:a', value: { slaHours: 24 } },
      { key: 'complaints:ab', value: {} }, { key: 'language', value: 'zh' },
    ]);
    await deleteDataset(db, 'a');
    expect(await db.settings.get('pseudonym.map:a')).toBeUndefined();
    expect(await db.settings.get('complaints:a')).toBeUndefined();
    expect(await db.interactionEdits.count()).toBe(0);
    // its playbook cards and tier design go; another dataset's stay
    expect((await db.playbooks.toArray()).map((p) => p.datasetId)).toEqual(['b']);
    expect((await db.tierDesigns.toArray()).map((t) => t.datasetId)).toEqual(['b']);
    // another dataset's settings, and the app's own, stay
    expect(await db.settings.get('pseudonym.map:b')).toBeDefined();
    expect(await db.settings.get('complaints:ab')).toBeDefined();
    expect(await db.settings.get('language')).toBeDefined();
    expect(await db.datasets.get('a')).toBeUndefined();
    expect(await db.batches.where('datasetId').equals('a').count()).toBe(0);
    expect(await db.chunks.where('datasetId').equals('a').count()).toBe(0);
    expect(await db.customerEdits.where('datasetId').equals('a').count()).toBe(0);
    expect((await readDataset(db, 'b')).orders.orderId.length).toBe(demo.orders.orderId.length);
  });
});

describe('storage errors', () => {
  it('recognises a quota error, also when Dexie wraps it', () => {
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
    expect(toNotice({ name: 'AbortError', inner: quota })).toEqual({ code: 'error.quota' });
    expect(toNotice(new Error('boom'))).toEqual({ code: 'error.unexpected', params: { message: 'boom' } });
    expect(toNotice({ code: 'job.cancelled' })).toEqual({ code: 'job.cancelled' });
  });
});
