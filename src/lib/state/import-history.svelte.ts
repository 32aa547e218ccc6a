/**
 * The imports of every dataset, as Data & storage lists them (file, date, rows per kind), and
 * removing one of them (through the workspace, which reloads the dataset it belonged to).
 */
import type { Notice } from '../domain/types';
import { listAllImports, toNotice, type ImportRecord, type WorkbenchDB } from '../db';

/** What removing an import needs: the workspace's step that removes it and reloads the dataset. */
export interface ImportRemover {
  readonly db: WorkbenchDB;
  removeImport(datasetId: string, batchId: string, label: string): Promise<boolean>;
}

/** How an import is named to the user: its files' names. */
export function importLabel(record: ImportRecord): string {
  return record.files.map((f) => f.name).join(', ');
}

export class ImportHistory {
  #ctx: ImportRemover;
  #byDataset = $state.raw<Readonly<Record<string, ImportRecord[]>>>({});
  #loaded = $state(false);
  #error = $state.raw<Notice | null>(null);
  #request = 0;

  constructor(ctx: ImportRemover) {
    this.#ctx = ctx;
  }

  /** Whether the list was read at least once. */
  get loaded(): boolean { return this.#loaded; }
  get error(): Notice | null { return this.#error; }

  /** A dataset's imports, oldest first. */
  of(datasetId: string): ImportRecord[] {
    return this.#byDataset[datasetId] ?? [];
  }

  /** Read the list again (the datasets changed: an import, a removal, another tab). */
  async refresh(): Promise<void> {
    const request = ++this.#request;
    try {
      const all = await listAllImports(this.#ctx.db);
      if (request !== this.#request) return;
      this.#byDataset = all;
      this.#loaded = true;
      this.#error = null;
    } catch (error) {
      if (request === this.#request) this.#error = toNotice(error);
    }
  }

  /** Remove one import (the view asks for confirmation first), then read the list again. */
  async remove(record: ImportRecord): Promise<boolean> {
    const done = await this.#ctx.removeImport(record.datasetId, record.id, importLabel(record));
    await this.refresh();
    return done;
  }
}
