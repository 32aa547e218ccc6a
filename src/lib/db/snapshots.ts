import { decodeStrings, encodeStrings } from './columnar';
import { newId } from './ids';
import type { SnapshotRow, WorkbenchDB } from './schema';

/** Layout of snapshotData bytes written by this version. */
export const SNAPSHOT_LAYOUT = 1;

/** Store a snapshot of segment membership (labels '' are not stored). */
export async function saveSnapshot(
  db: WorkbenchDB, meta: Omit<SnapshotRow, 'id' | 'counts' | 'createdAt' | 'clv'> & { createdAt?: number },
  customerIds: readonly string[], segments: readonly string[], clv?: ArrayLike<number>,
): Promise<SnapshotRow> {
  const ids: string[] = [];
  const segs: string[] = [];
  const counts: Record<string, number> = {};
  const values: Record<string, number> = {};
  for (let i = 0; i < customerIds.length; i++) {
    const s = segments[i];
    if (!s) continue;
    ids.push(customerIds[i]);
    segs.push(s);
    counts[s] = (counts[s] ?? 0) + 1;
    if (clv && Number.isFinite(clv[i])) values[s] = (values[s] ?? 0) + clv[i];
  }
  const bytes = encodeStrings({ customerId: ids, segment: segs });
  const row: SnapshotRow = { ...meta, id: newId('snap'), createdAt: meta.createdAt ?? Date.now(), counts, ...(clv ? { clv: values } : {}) };
  await db.transaction('rw', db.snapshots, db.snapshotData, async () => {
    await db.snapshotData.add({ id: row.id, layout: SNAPSHOT_LAYOUT, bytes });
    await db.snapshots.add(row);
  });
  return row;
}

/** Snapshots of a dataset, newest first (metadata only). */
export async function listSnapshots(db: WorkbenchDB, datasetId: string): Promise<SnapshotRow[]> {
  const rows = await db.snapshots.where('datasetId').equals(datasetId).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

/** The membership stored in a snapshot. */
export async function readSnapshot(db: WorkbenchDB, id: string): Promise<{ customerId: string[]; segment: string[]; scheme: string } | null> {
  const [row, data] = await Promise.all([db.snapshots.get(id), db.snapshotData.get(id)]);
  if (!row || !data) return null;
  if (data.layout !== SNAPSHOT_LAYOUT) throw new Error(`Unknown snapshot layout ${data.layout}`);
  const cols = decodeStrings(data.bytes, ['customerId', 'segment']);
  return { customerId: cols.customerId, segment: cols.segment, scheme: row.scheme };
}

/** Delete a snapshot and its data. */
export async function deleteSnapshot(db: WorkbenchDB, id: string): Promise<void> {
  await db.transaction('rw', db.snapshots, db.snapshotData, async () => {
    await db.snapshotData.delete(id);
    await db.snapshots.delete(id);
  });
}
