import { TABLE_KINDS, type DatasetContent, type InteractionColumns, type TableColumnsByKind, type TableKind } from '../domain/types';
import { concatColumns, decodeChunk } from './columnar';
import { committedBatches } from './batches';
import type { ChunkRow, WorkbenchDB } from './schema';


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
  const parts = Object.fromEntries(TABLE_KINDS.map((k) => [k, []])) as unknown as { [K in TableKind]: TableColumnsByKind[K][] };
  for (const c of chunks) (parts[c.kind] as unknown[]).push(decodeChunk(c.kind, c.layout, c.bytes));
  const out = {} as DatasetContent;
  for (const kind of TABLE_KINDS) (out as unknown as Record<TableKind, unknown>)[kind] = concatColumns(kind, parts[kind] as never);
  fillLegacyIds(out.interactions);
  return out;
}

/**
 * Entry ids for interactions stored before they had any (layout 1): made from the customer, the
 * day and the entry's place among that customer's entries of the day, so they stay the same on
 * every read, after a backup is restored, and whatever else the dataset holds.
 */
export function fillLegacyIds(it: InteractionColumns): void {
  let seen: Map<string, number> | null = null;
  for (let i = 0; i < it.id.length; i++) {
    if (it.id[i] !== '') continue;
    seen ??= new Map();
    const key = `${it.customerId[i]}·${it.day[i]}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    it.id[i] = `${key}·${k}`;
  }
}

/** Read and decode a dataset's committed data. */
export async function readDataset(db: WorkbenchDB, datasetId: string): Promise<DatasetContent> {
  return decodeDataset(await readChunks(db, datasetId));
}
