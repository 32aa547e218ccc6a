/**
 * Backups from the UI's side: make one (download), look inside a chosen file, restore it, and
 * remember when the last backup was made so the app can remind people to make one.
 */
import type { BackupInfo, Notice, RestoreResult } from '../../../workers/api';
import { getSetting, setSetting, toNotice } from '../db';
import { backupFileName, backupReminder, isEvictingBrowser, type Reminder } from '../domain/privacy/backup-reminder';
import type { DatasetsContext } from './context';
import type { StorageInfo } from './storage';

/** Settings key of the last backup's time (kept out of backups: it describes this browser). */
export const LAST_BACKUP_KEY = 'backup.lastAt';

export interface BackupChoice {
  /** One dataset, or everything when absent. */
  datasetId?: string;
  passphrase?: string;
  includePseudonymKey?: boolean;
}

export class BackupState {
  #ctx: DatasetsContext;
  #storage: { readonly info: StorageInfo };
  #lastAt = $state<number | null>(null);
  #error = $state.raw<Notice | null>(null);
  #info = $state.raw<BackupInfo | null>(null);
  #file = $state.raw<File | null>(null);
  #restored = $state.raw<RestoreResult | null>(null);

  /** @param storage where the browser's persistence answer is read (evictable storage makes reminders more urgent) */
  constructor(ctx: DatasetsContext, storage: { readonly info: StorageInfo }) {
    this.#ctx = ctx;
    this.#storage = storage;
  }

  get lastAt(): number | null { return this.#lastAt; }
  get error(): Notice | null { return this.#error; }
  /** What the chosen file holds (manifest null until the passphrase of an encrypted file was given). */
  get info(): BackupInfo | null { return this.#info; }
  get file(): File | null { return this.#file; }
  get restored(): RestoreResult | null { return this.#restored; }

  get reminder(): Reminder {
    return backupReminder({
      lastBackupAt: this.#lastAt,
      datasets: this.#ctx.datasets,
      persisted: this.#storage.info.persisted,
      evictingBrowser: isEvictingBrowser(globalThis.navigator?.userAgent ?? ''),
    });
  }

  async load(): Promise<void> {
    this.#lastAt = await getSetting<number | null>(this.#ctx.db, LAST_BACKUP_KEY, null).catch(() => null);
  }

  /** Make a backup file; returns it with a file name, or null when it failed or was cancelled (see `error`). */
  async create(choice: BackupChoice): Promise<{ blob: Blob; fileName: string } | null> {
    this.#error = null;
    try {
      const blob = await this.#ctx.engine.run('job.backingUp', (jobId, onProgress) =>
        this.#ctx.engine.api.backup(jobId, {
          datasetId: choice.datasetId,
          passphrase: choice.passphrase || undefined,
          includePseudonymKey: choice.includePseudonymKey,
          app: typeof __APP_BUILD__ === 'string' ? __APP_BUILD__ : '',
        }, onProgress),
      );
      await this.#markBackedUp();
      return { blob, fileName: backupFileName(choice.datasetId ? this.#ctx.datasets.find((d) => d.id === choice.datasetId)?.name : undefined) };
    } catch (error) {
      this.#error = toNotice(error);
      return null;
    }
  }

  /** Look inside a chosen file; with an encrypted file, call again with the passphrase. */
  async inspect(file: File, passphrase?: string): Promise<void> {
    this.#error = null;
    this.#restored = null;
    if (file !== this.#file) this.#info = null;
    this.#file = file;
    try {
      this.#info = await this.#ctx.engine.api.inspectBackup(file, passphrase || undefined);
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  clear(): void {
    this.#file = null;
    this.#info = null;
    this.#error = null;
  }

  /** Restore the chosen file; the dataset open when it was made becomes current. */
  async restore(options: { passphrase?: string; conflict: 'replace' | 'copy'; copyLabel: string }): Promise<boolean> {
    const file = this.#file;
    if (!file) return false;
    this.#error = null;
    try {
      const result = await this.#ctx.engine.run('job.restoring', (jobId, onProgress) =>
        this.#ctx.engine.api.restoreBackup(jobId, file, {
          conflict: options.conflict, copyLabel: options.copyLabel, passphrase: options.passphrase || undefined,
        }, onProgress),
      );
      this.#restored = result;
      this.#file = null;
      this.#info = null;
      // the restored data is in a backup file: nothing to remind about until it changes
      await this.#markBackedUp();
      if (result.current) await this.#ctx.select(result.current);
      return true;
    } catch (error) {
      this.#error = toNotice(error);
      return false;
    }
  }

  async #markBackedUp(): Promise<void> {
    const now = Date.now();
    await setSetting(this.#ctx.db, LAST_BACKUP_KEY, now);
    this.#lastAt = now;
  }
}
