/**
 * The datasets, the current one and its dashboard. Loads the current dataset in the engine
 * worker and keeps small dataset records (names, settings) through src/lib/db. Notices go to
 * `Notices`, storage status to `StorageState`, other tabs' changes come through `TabSync`.
 */
import {
  deleteDataset, getDataset, getSetting, listDatasets, openConnection, renameDataset, restoreDataset, setSetting,
  type DatasetRow, type WorkbenchDB,
} from '../db';
import type { DashboardData } from '../../../workers/api';
import type { DatasetContext, DatasetsContext } from './context';
import type { EngineClient } from './engine.svelte';
import type { Notices } from './notices.svelte';
import type { Notice } from '../domain/types';
import type { SyncedWorkspace } from './tab-sync.svelte';

export type Status = 'starting' | 'ready' | 'failed' | 'erased';

const DEFAULT_ACTIVE_DAYS = 90;
const MAX_ACTIVE_DAYS = 36_500;

export class Workspace implements DatasetContext, DatasetsContext, SyncedWorkspace {
  readonly db: WorkbenchDB;
  readonly engine: EngineClient;
  #notices: Notices;
  #status = $state<Status>('starting');
  #datasets = $state.raw<DatasetRow[]>([]);
  #currentId = $state<string | null>(null);
  #dashboard = $state.raw<DashboardData | null>(null);
  /** A new object each time the current dataset is (re)loaded in the engine. */
  #revision = $state.raw<object | null>(null);
  #activeDays = $state(DEFAULT_ACTIVE_DAYS);
  /** The current dataset's row as it was when this tab loaded it in the engine. */
  #loaded: DatasetRow | null = null;
  /** Operations of this tab in progress (their own writes are not news from another tab). */
  #busy = 0;
  #onIdle: () => void;

  /** @param options.onIdle called when this tab's last operation in progress ended (tab sync compares then) */
  constructor(options: { db: WorkbenchDB; engine: EngineClient; notices: Notices; onIdle?: () => void }) {
    this.db = options.db;
    this.engine = options.engine;
    this.#notices = options.notices;
    this.#onIdle = options.onIdle ?? (() => undefined);
  }

  get status(): Status { return this.#status; }
  get datasets(): DatasetRow[] { return this.#datasets; }
  get currentId(): string | null { return this.#currentId; }
  get current(): DatasetRow | null { return this.#datasets.find((d) => d.id === this.#currentId) ?? null; }
  get dashboard(): DashboardData | null { return this.#dashboard; }
  get activeDays(): number { return this.#activeDays; }
  get currentDatasetId(): string | null { return this.#dashboard?.datasetId ?? null; }
  get revision(): unknown { return this.#revision; }
  get loaded(): DatasetRow | null { return this.#loaded; }
  get busy(): boolean { return this.#busy > 0 || this.engine.job !== null; }

  /** Open the database; false (with a notice) when this browser gives no storage or a newer app upgraded it. */
  async open(): Promise<boolean> {
    try {
      await openConnection(this.db);
      return true;
    } catch (error) {
      this.#status = 'failed';
      const newer = (error as { name?: string })?.name === 'VersionError';
      this.#notices.showError({ code: newer ? 'error.newerVersion' : 'error.noStorage' });
      return false;
    }
  }

  /** Sweep interrupted writes and show a dataset (the demo on a first visit). */
  async start(locale: 'zh' | 'en'): Promise<void> {
    await this.#guard(async () => {
      await this.engine.api.start();
      this.#datasets = await listDatasets(this.db);
      this.#activeDays = await getSetting(this.db, 'activeDays', DEFAULT_ACTIVE_DAYS);
      const demoOffered = await getSetting(this.db, 'demoOffered', false);
      if (this.#datasets.length === 0 && !demoOffered) {
        await this.addDemo(locale);
      } else {
        const saved = await getSetting<string | null>(this.db, 'currentDataset', null);
        const pick = this.#datasets.find((d) => d.id === saved) ?? this.#datasets[0];
        if (pick) await this.select(pick.id);
      }
    });
    this.#status = 'ready';
  }

  /** Make a dataset current: load it in the engine and compute its dashboard. */
  async select(id: string): Promise<void> {
    await this.#guard(async () => {
      this.#currentId = id;
      this.#dashboard = null;
      await setSetting(this.db, 'currentDataset', id);
      await this.#load(id);
    });
  }

  /**
   * Load a dataset in the engine and compute its dashboard, remembering the stored row as it was
   * before the engine read the data (a write in between makes it look older: one more reload,
   * never a stale view).
   */
  async #load(id: string): Promise<void> {
    const stored = await getDataset(this.db, id);
    await this.engine.run('job.loading', (jobId, onProgress) => this.engine.api.load(jobId, id, onProgress));
    if (this.#currentId !== id) return;
    this.#loaded = stored ? restoreDataset(stored) : null;
    const data = await this.#dashboardOf(id);
    if (this.#currentId !== id) return;
    this.#dashboard = data;
    this.#revision = { datasetId: id };
  }

  /** Set the active-customer window (whole days, 1 … 36,500); a notice saying why when the value cannot be used. */
  async setActiveDays(days: number): Promise<Notice | null> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_ACTIVE_DAYS) {
      return { code: 'dashboard.activeDays.invalid', params: { value: Number.isFinite(days) ? days : '—', min: 1, max: MAX_ACTIVE_DAYS } };
    }
    this.#activeDays = days;
    await this.#guard(async () => {
      await setSetting(this.db, 'activeDays', this.#activeDays);
      const id = this.#currentId;
      if (!id) return;
      const data = await this.#dashboardOf(id);
      if (this.#currentId === id) this.#dashboard = data;
    });
    return null;
  }

  /** Generate the demo company into a new dataset and open it. */
  async addDemo(locale: 'zh' | 'en'): Promise<void> {
    await this.#guard(async () => {
      const id = await this.engine.run('job.generating', (jobId, onProgress) =>
        this.engine.api.createDemo(jobId, { locale }, onProgress),
      );
      await setSetting(this.db, 'demoOffered', true);
      this.#datasets = await listDatasets(this.db);
      await this.select(id);
    });
  }

  /** Generate a demo dataset again from its seed, in place. */
  async resetDemo(id: string): Promise<void> {
    const row = this.#datasets.find((d) => d.id === id);
    if (!row?.demo) return;
    const { seed, locale } = row.demo;
    await this.#guard(async () => {
      this.engine.api.unload(id);
      await this.engine.run('job.generating', (jobId, onProgress) =>
        this.engine.api.createDemo(jobId, { locale: locale === 'en' ? 'en' : 'zh', seed, replaceDatasetId: id }, onProgress),
      );
      this.#datasets = await listDatasets(this.db);
      if (this.#currentId === id) await this.select(id);
    });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.#guard(async () => {
      await renameDataset(this.db, id, name);
      this.#datasets = await listDatasets(this.db);
    });
  }

  /** Delete a dataset (the view asks for confirmation first). */
  async remove(id: string): Promise<void> {
    const row = this.#datasets.find((d) => d.id === id);
    await this.#guard(async () => {
      await deleteDataset(this.db, id);
      this.engine.api.unload(id);
      this.#datasets = await listDatasets(this.db);
      if (row) this.#notices.showInfo({ code: 'dataset.deleted', params: { name: row.name } });
      if (this.#currentId === id) {
        this.#clearCurrent();
        const next = this.#datasets[0];
        if (next) await this.select(next.id);
        else await setSetting(this.db, 'currentDataset', null);
      }
    });
  }

  /**
   * Remove one import of a dataset (the view asks for confirmation): its rows go in one step and
   * the dataset, if it is the current one, is loaded again. The last import leaves it empty.
   * Resolves with whether it was removed.
   */
  async removeImport(datasetId: string, batchId: string, label: string): Promise<boolean> {
    let done = false;
    await this.#guard(async () => {
      const { dataset, empty } = await this.engine.api.removeImport(datasetId, batchId);
      this.#datasets = await listDatasets(this.db);
      const params = { file: label, name: dataset.name };
      this.#notices.showInfo({ code: empty ? 'imports.removedLast' : 'imports.removed', params });
      done = true;
      if (this.#currentId === datasetId) await this.select(datasetId);
    });
    return done;
  }

  /** Forget one customer everywhere in the current dataset (the view asks for confirmation). */
  async forget(customerId: string): Promise<boolean> {
    const id = this.#currentId;
    if (!id) return false;
    let done = false;
    await this.#guard(async () => {
      await this.engine.api.forgetCustomer(id, customerId);
      this.#notices.showInfo({ code: 'forget.done', params: { id: customerId } });
      done = true;
      await this.select(id);
    });
    return done;
  }

  // ── what tab sync (and Delete everything) need ──

  /** The stored list changed (here or in another tab). */
  setDatasets(rows: DatasetRow[]): void {
    this.#datasets = rows;
  }

  /** Only the current dataset's name changed: the engine's data is still right. */
  acceptRename(row: DatasetRow): void {
    if (this.#loaded && this.#loaded.id === row.id) this.#loaded = { ...this.#loaded, name: row.name, updatedAt: row.updatedAt };
  }

  async reloadCurrent(): Promise<boolean> {
    const id = this.#currentId;
    if (!id) return false;
    let current = false;
    await this.#guard(async () => {
      await this.engine.api.unload(id);
      await this.#load(id);
      current = this.#currentId === id;
    });
    return current;
  }

  /** The current dataset was deleted (in another tab): open the first one left, if any. */
  dropCurrent(): void {
    const id = this.#currentId;
    if (!id) return;
    this.engine.api.unload(id);
    this.#clearCurrent();
    const next = this.#datasets[0];
    if (next) void this.select(next.id);
  }

  /** The database was deleted (here or in another tab): let go of the engine's data and stop. */
  erased(): void {
    void Promise.resolve(this.engine.api.shutdown()).catch(() => undefined);
    this.#datasets = [];
    this.#clearCurrent();
    this.#status = 'erased';
  }

  #clearCurrent(): void {
    this.#currentId = null;
    this.#dashboard = null;
    this.#loaded = null;
  }

  async #dashboardOf(id: string): Promise<DashboardData> {
    return this.engine.api.dashboard(id, { activeDays: this.#activeDays });
  }

  async #guard(work: () => Promise<void>): Promise<void> {
    this.#busy++;
    try {
      await work();
    } catch (error) {
      this.#notices.report(error);
    } finally {
      // compare with the stored rows once this tab's own writes are done
      if (--this.#busy === 0) this.#onIdle();
    }
  }
}
