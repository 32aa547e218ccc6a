import { TABLE_KINDS, type DatasetContent } from '../../src/lib/domain';
import {
  beginBatch, commitBatch, discardBatch, rowCount, toNotice, writeTable, type DatasetRow, type WorkbenchDB,
} from '../../src/lib/db';
import type { ProgressCallback } from './api';
import { holdBatchLock } from './locks';


export interface StoreRequest {
  dataset: DatasetRow;
  content: DatasetContent;
  source: string;
  /** Replace all the dataset's earlier data in the same commit. */
  replace: boolean;
}

/**
 * Write a whole dataset as one batch: chunks under a pending batch, then one commit that also
 * writes the dataset row. On failure or cancellation the batch is discarded and nothing changes.
 */
export async function storeDataset(
  db: WorkbenchDB, request: StoreRequest, checkpoint: () => void, onProgress?: ProgressCallback,
): Promise<void> {
  const { dataset, content } = request;
  const total = TABLE_KINDS.reduce((n, k) => n + rowCount(k, content[k]), 0);
  let before = 0;
  let batchId: string | undefined;
  try {
    const batch = await beginBatch(db, dataset.id, request.source);
    batchId = batch.id;
    await holdBatchLock(batch.id, async () => {
      for (const kind of TABLE_KINDS) {
        await writeTable(db, batch, kind, content[kind], {
          checkpoint,
          onChunk: (written) => onProgress?.({ phase: 'storing', done: before + written, total }),
        });
        before += rowCount(kind, content[kind]);
      }
      checkpoint();
      await commitBatch(db, batch, { dataset, replace: request.replace });
    });
  } catch (error) {
    if (batchId) await discardBatch(db, batchId).catch(() => undefined);
    throw toNotice(error);
  }
}
