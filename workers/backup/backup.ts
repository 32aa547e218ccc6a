/**
 * Backup and restore in the engine worker: records from the store go through the frame writer
 * into a Blob that grows in steps (the browser keeps large blobs out of the page's memory), and a
 * chosen file is read as a stream, verified frame by frame, and restored through pending batches.
 */
import { BackupWriter, readBackupFrames, readBackupHeader } from '../../src/lib/domain/backup/frames';
import { readRecords } from '../../src/lib/domain/backup/records';
import {
  backupRecords, backupSize, existingDatasetIds, readManifest, restoreRecords, type RestoreOptions, type RestoreResult, type WorkbenchDB,
} from '../../src/lib/db';
import type { ProgressCallback } from '../core/api';
import { holdBatchLock } from '../core/locks';
import type { BackupInfo, BackupRequest } from './api';

/** Parts are folded into the Blob once this many bytes have gathered. */
const FOLD_BYTES = 16 << 20;

export async function createBackup(
  db: WorkbenchDB, request: BackupRequest, checkpoint: () => void, onProgress?: ProgressCallback,
): Promise<Blob> {
  const { chunks: total } = await backupSize(db, request);
  let blob = new Blob([]);
  let parts: Uint8Array[] = [];
  let gathered = 0;
  const writer = await BackupWriter.create((part) => {
    parts.push(part);
    gathered += part.length;
    if (gathered >= FOLD_BYTES) {
      blob = new Blob([blob, ...(parts as BlobPart[])]);
      parts = [];
      gathered = 0;
    }
  }, { passphrase: request.passphrase, iterations: request.iterations, app: request.app });
  let done = 0;
  onProgress?.({ phase: 'backingUp', done, total });
  for await (const record of backupRecords(db, request, () => onProgress?.({ phase: 'backingUp', done: ++done, total }))) {
    checkpoint();
    for (const part of record) await writer.write(part);
  }
  await writer.finish();
  return new Blob([blob, ...(parts as BlobPart[])], { type: 'application/octet-stream' });
}

/** What a backup holds: its header, and with the passphrase its manifest (checks the passphrase). */
export async function inspectBackup(db: WorkbenchDB, file: Blob, passphrase?: string): Promise<BackupInfo> {
  const header = await readBackupHeader(file.stream());
  if (header.encryption && !passphrase) return { header, manifest: null, existing: [] };
  const records = readRecords(readBackupFrames(file.stream(), { passphrase }))[Symbol.asyncIterator]();
  try {
    const manifest = await readManifest(records, db);
    return { header, manifest, existing: await existingDatasetIds(db, manifest.datasets.map((d) => d.id)) };
  } finally {
    await records.return?.(undefined);
  }
}

export async function restoreBackup(
  db: WorkbenchDB, file: Blob, options: Pick<RestoreOptions, 'conflict' | 'copyLabel'> & { passphrase?: string },
  checkpoint: () => void, onProgress?: ProgressCallback,
): Promise<RestoreResult> {
  const total = file.size;
  const locks: (() => void)[] = [];
  const frames = readBackupFrames(file.stream(), {
    passphrase: options.passphrase,
    onBytes: (done) => {
      checkpoint();
      onProgress?.({ phase: 'restoring', done, total });
    },
  });
  const records = readRecords(frames)[Symbol.asyncIterator]();
  onProgress?.({ phase: 'restoring', done: 0, total });
  try {
    const manifest = await readManifest(records, db);
    return await restoreRecords(db, manifest, records, {
      conflict: options.conflict,
      copyLabel: options.copyLabel,
      // keep each pending batch locked until the restore ends, so another tab's sweep leaves it alone
      onPendingBatch: (batchId) => new Promise<void>((locked) => {
        void holdBatchLock(batchId, () => new Promise<void>((release) => {
          locks.push(release);
          locked();
        }));
      }),
    });
  } finally {
    for (const release of locks) release();
    await records.return?.(undefined);
  }
}
