/**
 * Atomic columnar writes: chunks are written under a *pending* batch, then the batch flips to
 * *committed* together with its dataset row in one short transaction. No non-IndexedDB work
 * happens inside a transaction (encoding is done before each write).
 */
import { emptyTableCounts, TABLE_KINDS, type TableColumnsByKind, type TableKind } from '../domain/types';
import { CURRENT_LAYOUT, encodeChunk, rowCount } from './columnar';
import { newId } from './ids';
import { datasetTables, type BatchRow, type DatasetRow, type WorkbenchDB } from './schema';

/** Rows per stored chunk. */
export const CHUNK_ROWS = 65_536;

/** Open a pending batch for a dataset (which need not exist yet). */
export async function beginBatch(db: WorkbenchDB, datasetId: string, source: string): Promise<BatchRow> {
  const batch: BatchRow = { id: newId('b'), datasetId, status: 'pending', source, createdAt: Date.now(), tables: {} };
  await db.batches.add(batch);
  return batch;
}

export interface WriteOptions {
  chunkRows?: number;
  /** Called after each chunk with rows written so far. */
  onChunk?: (rowsWritten: number, rowsTotal: number) => void;
  /** Throw from here to stop between chunks (cancellation). */
  checkpoint?: () => void;
}

/** Encode a table into chunks and store them under a pending batch. */
export async function writeTable<K extends TableKind>(
  db: WorkbenchDB, batch: BatchRow, kind: K, columns: TableColumnsByKind[K], options: WriteOptions = {},
): Promise<void> {
  const total = rowCount(kind, columns);
  const size = options.chunkRows ?? CHUNK_ROWS;
  for (let start = 0; start < total; start += size) {
    options.checkpoint?.();
    const end = Math.min(total, start + size);
    await writeChunk(db, batch, kind, columns, start, end);
    options.onChunk?.(end, total);
  }
  batch.tables[kind] ??= { rows: 0, chunks: 0 };
}

/**
 * Encode rows [start, end) of a table as one chunk and store it under a pending batch
 * (encoding happens before the write transaction). Updates the batch's table counts in memory;
 * they are saved by commitBatch.
 */
export async function writeChunk<K extends TableKind>(
  db: WorkbenchDB, batch: BatchRow, kind: K, columns: TableColumnsByKind[K], start = 0, end = rowCount(kind, columns),
): Promise<void> {
  if (end <= start) return;
  const bytes = encodeChunk(kind, columns, start, end);
  const seq = Object.values(batch.tables).reduce((n, t) => n + (t?.chunks ?? 0), 0);
  await db.chunks.add({ batchId: batch.id, seq, datasetId: batch.datasetId, kind, layout: CURRENT_LAYOUT, rows: end - start, bytes });
  const t = (batch.tables[kind] ??= { rows: 0, chunks: 0 });
  t.rows += end - start;
  t.chunks++;
}

export interface CommitOptions {
  /** Create or replace the dataset row (otherwise the stored row's counts are updated). */
  dataset?: DatasetRow;
  /** Drop the dataset's other batches, chunks, edits and snapshots in the same transaction (a reset). */
  replace?: boolean;
  /**
   * Remove these committed batches of the dataset (with their chunks and rows in the counts) in
   * the same transaction: an import that replaces an earlier one. Ids no longer stored are ignored.
   */
  removeBatches?: readonly string[];
}

/** Make a pending batch visible, in one transaction with the dataset row it belongs to. */
export async function commitBatch(db: WorkbenchDB, batch: BatchRow, options: CommitOptions = {}): Promise<void> {
  const { dataset, replace = false, removeBatches = [] } = options;
  await db.transaction('rw', [db.datasets, ...datasetTables(db)], async () => {
    const stored = await db.batches.get(batch.id);
    if (!stored || stored.status !== 'pending') throw new Error(`Batch ${batch.id} is not pending`);
    const existing = await db.datasets.get(batch.datasetId);
    const row = dataset ?? existing;
    if (!row) throw new Error(`Dataset ${batch.datasetId} does not exist`);
    const fresh = replace || !existing;
    const removed = fresh ? emptyTableCounts() : await dropBatches(db, batch.datasetId, removeBatches.filter((id) => id !== batch.id));
    const counts = { ...row.counts };
    for (const kind of TABLE_KINDS) {
      counts[kind] = Math.max(0, (fresh ? 0 : (counts[kind] ?? 0)) - removed[kind]) + (batch.tables[kind]?.rows ?? 0);
    }
    if (replace) await dropDatasetData(db, batch.datasetId, new Set([batch.id]));
    await db.datasets.put({ ...row, counts, updatedAt: Date.now() });
    await db.batches.put({ ...batch, status: 'committed', committedAt: Date.now() });
  });
  batch.status = 'committed';
}


/**
 * Inside a transaction over batches and chunks: remove these committed batches of a dataset with
 * their chunks; returns the rows removed per kind (to take off the dataset's counts). Ids that are
 * not a committed batch of the dataset are left alone.
 */
export async function dropBatches(db: WorkbenchDB, datasetId: string, ids: readonly string[]): Promise<Record<TableKind, number>> {
  const removed = emptyTableCounts();
  for (const id of new Set(ids)) {
    const b = await db.batches.get(id);
    if (!b || b.datasetId !== datasetId || b.status !== 'committed') continue;
    await db.chunks.where('batchId').equals(id).delete();
    await db.batches.delete(id);
    for (const kind of TABLE_KINDS) removed[kind] += b.tables[kind]?.rows ?? 0;
  }
  return removed;
}

/**
 * Inside a transaction over the dataset tables (datasetTables): remove a dataset's batches (except
 * `keep`) with their chunks, its edits, its snapshots, its playbook cards, its tier design, its actions with
 * their members and its KPI targets (a replace).
 */
export async function dropDatasetData(db: WorkbenchDB, datasetId: string, keep: ReadonlySet<string>): Promise<void> {
  const others = (await db.batches.where('datasetId').equals(datasetId).primaryKeys()).filter((id) => !keep.has(id));
  await db.chunks.where('batchId').anyOf(others).delete();
  await db.batches.bulkDelete(others);
  await db.customerEdits.where('datasetId').equals(datasetId).delete();
  await db.interactionEdits.where('datasetId').equals(datasetId).delete();
  const snaps = await db.snapshots.where('datasetId').equals(datasetId).primaryKeys();
  await db.snapshotData.bulkDelete(snaps);
  await db.snapshots.bulkDelete(snaps);
  await db.playbooks.where('datasetId').equals(datasetId).delete();
  await db.tierDesigns.delete(datasetId);
  // members are keyed by their action's id, like snapshotData by the snapshot's
  await db.actionMembers.bulkDelete(await db.actions.where('datasetId').equals(datasetId).primaryKeys());
  await db.actions.where('datasetId').equals(datasetId).delete();
  await db.targets.where('datasetId').equals(datasetId).delete();
}

/** Remove a batch and its chunks (a failed or cancelled write). */
export async function discardBatch(db: WorkbenchDB, batchId: string): Promise<void> {
  await db.transaction('rw', db.batches, db.chunks, async () => {
    await db.chunks.where('batchId').equals(batchId).delete();
    await db.batches.delete(batchId);
  });
}

/**
 * Remove pending batches left by an interrupted write. `isActive` tells whether a batch is still
 * being written by a live tab (e.g. through Web Locks); such batches are kept.
 */
export async function sweepPendingBatches(
  db: WorkbenchDB, isActive: (batchId: string) => boolean = () => false,
): Promise<number> {
  const pending = await db.batches.where('status').equals('pending').toArray();
  let swept = 0;
  for (const b of pending) {
    if (isActive(b.id)) continue;
    await discardBatch(db, b.id);
    swept++;
  }
  return swept;
}

/** Committed batches of a dataset, oldest first. */
export async function committedBatches(db: WorkbenchDB, datasetId: string): Promise<BatchRow[]> {
  const rows = await db.batches.where('datasetId').equals(datasetId).toArray();
  return rows.filter((b) => b.status === 'committed').sort((a, b) => a.createdAt - b.createdAt || (a.committedAt ?? 0) - (b.committedAt ?? 0));
}
