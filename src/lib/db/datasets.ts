import { pseudonymMapSetting } from '../domain/privacy/pseudonym';
import { TABLE_KINDS } from '../domain/types';
import { datasetTables, type DatasetRow, type WorkbenchDB } from './schema';

/** All datasets, oldest first, normalised. */
export async function listDatasets(db: WorkbenchDB): Promise<DatasetRow[]> {
  return (await db.datasets.orderBy('createdAt').toArray()).map(restoreDataset);
}

/** One dataset's row as stored (not normalised), or undefined. */
export async function getDataset(db: WorkbenchDB, id: string): Promise<DatasetRow | undefined> {
  return db.datasets.get(id);
}

/** Which of these dataset ids exist in this browser. */
export async function existingDatasetIds(db: WorkbenchDB, ids: readonly string[]): Promise<string[]> {
  const rows = await db.datasets.bulkGet([...ids]);
  return ids.filter((_, i) => rows[i] !== undefined);
}

/** A dataset row as stored, possibly old or partial, made whole (missing fields get defaults). */
export function restoreDataset(row: Partial<DatasetRow> & { id: string }): DatasetRow {
  const counts = row.counts ?? ({} as Partial<DatasetRow['counts']>);
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  return {
    ...row,
    id: row.id,
    name: typeof row.name === 'string' && row.name.trim() ? row.name : row.id,
    currency: typeof row.currency === 'string' && /^[A-Z]{3}$/.test(row.currency) ? row.currency : 'XXX',
    origin: row.origin === 'demo' ? 'demo' : 'import',
    createdAt: n(row.createdAt),
    updatedAt: n(row.updatedAt ?? row.createdAt),
    counts: Object.fromEntries(TABLE_KINDS.map((k) => [k, n(counts[k])])) as DatasetRow['counts'],
  };
}

/** Rename a dataset; blank names are refused. */
export async function renameDataset(db: WorkbenchDB, id: string, name: string): Promise<void> {
  const trimmed = name.trim().slice(0, 120);
  if (!trimmed) throw new Error('empty name');
  await db.datasets.update(id, { name: trimmed, updatedAt: Date.now() });
}

/**
 * Delete a dataset with every batch, chunk, edit, snapshot and playbook card that belongs to it, its tier design, its actions
 * with their members, its KPI targets, its kept
 * pseudonym mapping and its other settings (keys ending in `:<dataset id>`, such as the
 * complaints' service level and topic rules), in one transaction.
 */
export async function deleteDataset(db: WorkbenchDB, id: string): Promise<void> {
  await db.transaction('rw', [db.datasets, ...datasetTables(db), db.settings], async () => {
    await db.settings.delete(pseudonymMapSetting(id));
    await db.settings.bulkDelete(await db.settings.filter((s) => s.key.endsWith(`:${id}`)).primaryKeys());
    const snaps = await db.snapshots.where('datasetId').equals(id).primaryKeys();
    await db.snapshotData.bulkDelete(snaps);
    await db.snapshots.bulkDelete(snaps);
    await db.chunks.where('datasetId').equals(id).delete();
    await db.batches.where('datasetId').equals(id).delete();
    await db.customerEdits.where('datasetId').equals(id).delete();
    await db.interactionEdits.where('datasetId').equals(id).delete();
    await db.playbooks.where('datasetId').equals(id).delete();
    await db.tierDesigns.delete(id);
    await db.actionMembers.bulkDelete(await db.actions.where('datasetId').equals(id).primaryKeys());
    await db.actions.where('datasetId').equals(id).delete();
    await db.targets.where('datasetId').equals(id).delete();
    await db.datasets.delete(id);
  });
}

/** Read a setting, or the fallback when absent. */
export async function getSetting<T>(db: WorkbenchDB, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

/** Store a setting. */
export async function setSetting(db: WorkbenchDB, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
