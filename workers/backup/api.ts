/** Backups: one dataset or everything to a file (optionally encrypted), and restore from one. */
import type { BackupManifest, BackupSelection, RestoreResult } from '../../src/lib/db';
import type { BackupHeader } from '../../src/lib/domain/backup/frames';
import type { EngineContext } from '../core/context';
import type { ProgressCallback } from '../core/api';
import { createBackup, inspectBackup, restoreBackup } from './backup';

export interface BackupRequest extends BackupSelection {
  passphrase?: string;
  /** PBKDF2 iterations (at least 600,000). */
  iterations?: number;
  /** Build of the app, written in the file's header. */
  app?: string;
}

export interface BackupInfo {
  header: BackupHeader;
  /** Read with the passphrase (or from a plain file); null when the file is encrypted and no passphrase was given. */
  manifest: BackupManifest | null;
  /** Datasets of the file that already exist in this browser. */
  existing: string[];
}

export interface BackupApi {
  /** A backup file (encrypted when a passphrase is given) of one dataset or of everything. */
  backup(jobId: string, request: BackupRequest, onProgress?: ProgressCallback): Promise<Blob>;
  /** What a backup file holds (checks the passphrase of an encrypted one). */
  inspectBackup(file: Blob, passphrase?: string): Promise<BackupInfo>;
  /** Restore a backup; nothing changes unless the whole file was read and verified. */
  restoreBackup(
    jobId: string, file: Blob, options: { conflict: 'replace' | 'copy'; copyLabel?: string; passphrase?: string }, onProgress?: ProgressCallback,
  ): Promise<RestoreResult>;
}

export function backupApi(ctx: EngineContext): BackupApi {
  return {
    backup(jobId, request, onProgress) {
      return ctx.run(jobId, (checkpoint) => createBackup(ctx.db, request, checkpoint, onProgress));
    },

    async inspectBackup(file, passphrase) {
      return inspectBackup(ctx.db, file, passphrase);
    },

    restoreBackup(jobId, file, options, onProgress) {
      return ctx.run(jobId, async (checkpoint) => {
        const result = await restoreBackup(ctx.db, file, options, checkpoint, onProgress);
        for (const id of result.datasetIds) ctx.invalidate(id);
        return result;
      });
    },
  };
}
