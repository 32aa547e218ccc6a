import { expect, it } from 'vitest';
import { beginBatch, commitBatch, openDatabase, saveSnapshot, setSetting, storageInventory, writeTable } from '../../../../src/lib/db';
import { generateDemo } from '../../../../src/lib/domain/demo';

it('lists what is stored per dataset: chunks and their bytes, snapshots, edits, settings', async () => {
  const db = openDatabase('inventory');
  const demo = generateDemo({ seed: 5, customers: 100 });
  const batch = await beginBatch(db, 'd', 'test');
  await writeTable(db, batch, 'orders', demo.orders, { chunkRows: 100 });
  await commitBatch(db, batch, { dataset: { id: 'd', name: 'Demo', currency: 'CNY', origin: 'demo', createdAt: 1, updatedAt: 1, counts: { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 } } });
  await saveSnapshot(db, { datasetId: 'd', scheme: 'rfm11', label: 's', auto: false }, ['a', 'b'], ['x', 'y']);
  await db.customerEdits.put({ datasetId: 'd', customerId: 'a', fields: {}, updatedAt: 1 });
  await setSetting(db, 'k', 1);
  const inv = await storageInventory(db);
  const chunks = await db.chunks.toArray();
  expect(inv.datasets).toEqual([{
    id: 'd', name: 'Demo', chunks: chunks.length, rows: demo.orders.orderId.length, bytes: chunks.reduce((n, c) => n + c.bytes.byteLength, 0),
    snapshots: 1, snapshotBytes: (await db.snapshotData.toArray())[0].bytes.byteLength, edits: 1,
  }]);
  expect(inv.datasets[0].chunks).toBe(Math.ceil(demo.orders.orderId.length / 100));
  expect(inv.settings).toBe(1);
  db.close();
});
