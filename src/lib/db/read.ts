import type { DatasetContent, TableColumnsByKind, TableKind } from '../domain/types';
import { concatColumns, decodeChunk } from './columnar';
import { committedBatches } from './batches';
import type { ChunkRow, WorkbenchDB } from './schema';

const KINDS: TableKind[] = ['customers', 'orders', 'surveys', 'interactions'];

/**
 * The stored chunks of a dataset's committed batches, in write order (no decoding); optionally
 * of one kind only, and leaving out some batches (those an import is about to replace).
 */
export async function readChunks(
  db: WorkbenchDB, datasetId: string, options: { kind?: TableKind; except?: ReadonlySet<string> } = {},
): Promise<ChunkRow[]> {
  const batches = await committedBatches(db, datasetId);
  const out: ChunkRow[] = [];
  for (const b of batches) {
    if (options.except?.has(b.id)) continue;
    const chunks = await db.chunks.where('[batchId+seq]').between([b.id, -Infinity], [b.id, Infinity]).toArray();
    out.push(...(options.kind ? chunks.filter((c) => c.kind === options.kind) : chunks));
  }
  return out;
}

/** Decode every committed chunk of a dataset into whole tables. */
export function decodeDataset(chunks: ChunkRow[]): DatasetContent {
  const parts: { [K in TableKind]: TableColumnsByKind[K][] } = { customers: [], orders: [], surveys: [], interactions: [] };
  for (const c of chunks) (parts[c.kind] as unknown[]).push(decodeChunk(c.kind, c.layout, c.bytes));
  const out = {} as DatasetContent;
  for (const kind of KINDS) (out as unknown as Record<TableKind, unknown>)[kind] = concatColumns(kind, parts[kind] as never);
  return out;
}

/** Read and decode a dataset's committed data. */
export async function readDataset(db: WorkbenchDB, datasetId: string): Promise<DatasetContent> {
  return decodeDataset(await readChunks(db, datasetId));
}
