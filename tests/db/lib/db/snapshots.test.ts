import { describe, expect, it } from 'vitest';
import { deleteDataset, deleteSnapshot, listSnapshots, openDatabase, readSnapshot, saveSnapshot } from '../../../../src/lib/db';

describe('segment snapshots', () => {
  it('stores membership columnar, counts per segment, lists newest first, deletes', async () => {
    const db = openDatabase('snapshots-1');
    const first = await saveSnapshot(db, { datasetId: 'd', scheme: 'rfm11', label: 'January', auto: false, createdAt: 1 }, ['007', 'b', 'c'], ['champions', '', 'lost']);
    expect(first.counts).toEqual({ champions: 1, lost: 1 });
    const second = await saveSnapshot(db, { datasetId: 'd', scheme: 'rfm11', label: 'February', auto: true, createdAt: 2 }, ['007'], ['at_risk']);
    expect((await listSnapshots(db, 'd')).map((s) => s.label)).toEqual(['February', 'January']);
    expect(await readSnapshot(db, first.id)).toEqual({ customerId: ['007', 'c'], segment: ['champions', 'lost'], scheme: 'rfm11' });
    await deleteSnapshot(db, second.id);
    expect(await readSnapshot(db, second.id)).toBeNull();
    await deleteDataset(db, 'd');
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.snapshotData.count()).toBe(0);
    db.close();
  });
});
