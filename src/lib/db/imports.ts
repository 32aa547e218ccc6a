/**
 * The imports of a dataset, as Data & storage lists them: one per committed batch (the demo's
 * generated data is one too), with its files and rows per kind; and removing one import in one
 * transaction (its batch, its chunks and its rows in the dataset's counts).
 */
import { TABLE_KINDS, type TableKind } from '../domain/types';
import { IMPORT_KINDS, type ImportKind } from '../domain/import/fields';
import { committedBatches, dropBatches } from './batches';
import { restoreDataset } from './datasets';
import type { BatchRow, DatasetRow, WorkbenchDB } from './schema';

/** One import (a committed batch) of a dataset. */
export interface ImportRecord {
  id: string;
  datasetId: string;
  /** 'demo': the generated demo data (reset or delete the dataset instead); 'import': files. */
  origin: 'demo' | 'import';
  /** The files read; before file hashes were kept, one entry named by the batch's source. */
  files: { name: string; size: number | null; kind: ImportKind | null; sha256: string | null }[];
  /** When the import was committed (when it began, for rows without that time). */
  importedAt: number;
  rows: Record<TableKind, number>;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A batch row as stored, possibly old or partial, as an import record (missing fields get defaults). */
export function restoreImport(b: BatchRow): ImportRecord {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const rows = Object.fromEntries(TABLE_KINDS.map((k) => [k, n(b.tables?.[k]?.rows)])) as Record<TableKind, number>;
  const listed = Array.isArray(b.files) ? b.files.filter((f) => f && typeof f.name === 'string') : [];
  const files = listed.length
    ? listed.map((f) => ({
        name: f.name,
        size: typeof f.size === 'number' && f.size >= 0 ? f.size : null,
        kind: (IMPORT_KINDS as readonly string[]).includes(f.kind) ? f.kind : null,
        sha256: typeof f.sha256 === 'string' && HEX64.test(f.sha256) ? f.sha256 : null,
      }))
    : [{ name: typeof b.source === 'string' ? b.source : '', size: null, kind: null, sha256: null }];
  return {
    id: b.id,
    datasetId: b.datasetId,
    origin: !listed.length && b.source === 'demo' ? 'demo' : 'import',
    files,
    importedAt: n(b.committedAt ?? b.createdAt),
    rows,
  };
}

/** The imports of one dataset, oldest first. */
export async function listImports(db: WorkbenchDB, datasetId: string): Promise<ImportRecord[]> {
  return (await committedBatches(db, datasetId)).map(restoreImport);
}

/** The imports of every dataset, by dataset id, each list oldest first. */
export async function listAllImports(db: WorkbenchDB): Promise<Record<string, ImportRecord[]>> {
  const rows = (await db.batches.where('status').equals('committed').toArray())
    .sort((a, b) => a.createdAt - b.createdAt || (a.committedAt ?? 0) - (b.committedAt ?? 0));
  const out: Record<string, ImportRecord[]> = {};
  for (const b of rows) (out[b.datasetId] ??= []).push(restoreImport(b));
  return out;
}

/**
 * Remove one import of a dataset: its batch and chunks are deleted and its rows taken off the
 * dataset's counts, in one transaction. The dataset stays, empty when it was its last import.
 * Returns the dataset's row after the removal; a notice `imports.notFound` when there is no such import.
 */
export async function removeImport(db: WorkbenchDB, datasetId: string, batchId: string): Promise<DatasetRow> {
  return db.transaction('rw', [db.batches, db.chunks, db.datasets], async () => {
    const dataset = await db.datasets.get(datasetId);
    const batch = await db.batches.get(batchId);
    if (!dataset || !batch || batch.datasetId !== datasetId || batch.status !== 'committed') {
      throw { code: 'imports.notFound', params: { id: batchId } };
    }
    const removed = await dropBatches(db, datasetId, [batchId]);
    const counts = { ...restoreDataset(dataset).counts };
    for (const kind of TABLE_KINDS) counts[kind] = Math.max(0, counts[kind] - removed[kind]);
    const row: DatasetRow = { ...dataset, counts, updatedAt: Math.max(Date.now(), dataset.updatedAt + 1) };
    await db.datasets.put(row);
    return row;
  });
}
