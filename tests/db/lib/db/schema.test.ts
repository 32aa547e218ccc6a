import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { listDatasets, openDatabase, readDataset, SCHEMA_V1, SCHEMA_V2, sweepPendingBatches } from '../../../../src/lib/db';
import { FROZEN_V1, writeV1Fixture } from '../../fixtures/v1';

// Schema versions only grow. Each shipped version gets a frozen fixture here, and the current
// code must open every earlier one and read its data. Add a fixture when adding version(n + 1).
describe('schema upgrades', () => {
  it('never edits the shipped v1 schema', () => {
    expect(SCHEMA_V1).toEqual(FROZEN_V1);
  });

  it('v2 adds the snapshot tables and changes nothing of v1', () => {
    expect(SCHEMA_V2).toEqual({ ...FROZEN_V1, snapshots: 'id, datasetId, createdAt', snapshotData: 'id' });
  });

  it('opens a v1 database with the current schema and reads everything it held', async () => {
    await writeV1Fixture('upgrade-from-v1');
    const db = openDatabase('upgrade-from-v1');
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.snapshots.count()).toBe(0);
    const [row] = await listDatasets(db);
    expect(row.name).toBe('Saved by v1');
    expect(row.counts.customers).toBe(200);
    const content = await readDataset(db, 'ds_v1');
    expect(content.customers.id).toHaveLength(200);
    expect(content.orders.day.length).toBe(row.counts.orders);
    expect(await sweepPendingBatches(db)).toBe(1);
    expect((await db.settings.get('currentDataset'))?.value).toBe('ds_v1');
    db.close();
  });

  it('opens a database written by a newer version without downgrading or damaging it', async () => {
    const newer = new Dexie('from-the-future');
    newer.version(99).stores({ ...FROZEN_V1, extra: 'id' });
    await newer.open();
    await newer.table('extra').put({ id: 'kept' });
    newer.close();
    const db = openDatabase('from-the-future');
    await db.open();
    expect(await listDatasets(db)).toEqual([]);
    db.close();
    const again = new Dexie('from-the-future');
    await again.open(); // dynamic mode: opens at whatever version is installed
    expect(again.verno).toBeGreaterThanOrEqual(99); // Dexie may add our missing tables as 99.1, never downgrades
    expect(await again.table('extra').get('kept')).toEqual({ id: 'kept' });
    again.close();
  });

  it('normalises a partial dataset row read back from storage', async () => {
    const db = openDatabase('partial-row');
    await db.datasets.add({ id: 'p', name: '', createdAt: 5 } as never);
    const [row] = await listDatasets(db);
    expect(row).toMatchObject({ id: 'p', currency: 'XXX', origin: 'import', counts: { customers: 0, orders: 0, surveys: 0, interactions: 0 } });
    expect(row.name.length).toBeGreaterThan(0);
    db.close();
  });
});
