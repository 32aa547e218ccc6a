/**
 * The app's state: datasets, the current one, its dashboard, storage status, errors.
 * Wires the database (small records, from this thread) and the engine worker (everything
 * columnar) to the views. Large results are $state.raw and replaced, never mutated.
 */
import Dexie, { liveQuery, type Subscription } from 'dexie';
import type { Notice } from '../domain/types';
import {
  deleteDataset, getSetting, listDatasets, openDatabase, renameDataset, setSetting, storageInventory, toNotice,
  type StorageInventory,
  type DatasetRow, type WorkbenchDB,
} from '../db';
import type { CustomerDetail, CustomerPage, CustomerQuery, DashboardData } from '../../../workers/api';
import { EngineClient } from './engine.svelte';
import { readStorageInfo, requestPersistence, type StorageInfo } from './storage';

export type Status = 'starting' | 'ready' | 'failed' | 'erased';

const DEFAULT_ACTIVE_DAYS = 90;

export class Workspace {
  readonly engine: EngineClient;
  #db: WorkbenchDB;
  #status = $state<Status>('starting');
  #datasets = $state.raw<DatasetRow[]>([]);
  #currentId = $state<string | null>(null);
  #dashboard = $state.raw<DashboardData | null>(null);
  #activeDays = $state(DEFAULT_ACTIVE_DAYS);
  #error = $state.raw<Notice | null>(null);
  #info = $state.raw<Notice | null>(null);
  #storage = $state.raw<StorageInfo>({ persisted: null, usage: null, quota: null });
  #subscription?: Subscription;

  constructor(options: { db?: WorkbenchDB; engine?: EngineClient } = {}) {
    this.#db = options.db ?? openDatabase();
    this.engine = options.engine ?? new EngineClient();
  }

  /** The database, for other state classes (small records only). */
  get db(): WorkbenchDB { return this.#db; }
  get status(): Status { return this.#status; }
  get datasets(): DatasetRow[] { return this.#datasets; }
  get currentId(): string | null { return this.#currentId; }
  get current(): DatasetRow | null { return this.#datasets.find((d) => d.id === this.#currentId) ?? null; }
  get dashboard(): DashboardData | null { return this.#dashboard; }
  get activeDays(): number { return this.#activeDays; }
  get error(): Notice | null { return this.#error; }
  get info(): Notice | null { return this.#info; }
  get storage(): StorageInfo { return this.#storage; }

  dismiss(): void {
    this.#error = null;
    this.#info = null;
  }

  /** Open the store, sweep interrupted writes, and show a dataset (the demo on a first visit). */
  async start(locale: 'zh' | 'en'): Promise<void> {
    this.#noticeNewVersion();
    try {
      this.#db.on('versionchange', () => {
        this.#error = { code: 'error.versionchange' };
        this.#db.close();
        return false;
      });
      await this.#db.open();
    } catch (error) {
      this.#status = 'failed';
      const newer = (error as { name?: string })?.name === 'VersionError';
      this.#error = { code: newer ? 'error.newerVersion' : 'error.noStorage' };
      return;
    }
    await this.#guard(async () => {
      await this.engine.api.start();
      this.#datasets = await listDatasets(this.#db);
      this.#subscription = liveQuery(() => listDatasets(this.#db)).subscribe({
        next: (rows) => this.#onDatasets(rows),
        error: (e) => (this.#error = toNotice(e)),
      });
      this.#activeDays = await getSetting(this.#db, 'activeDays', DEFAULT_ACTIVE_DAYS);
      const demoOffered = await getSetting(this.#db, 'demoOffered', false);
      if (this.#datasets.length === 0 && !demoOffered) {
        await this.addDemo(locale);
      } else {
        const saved = await getSetting<string | null>(this.#db, 'currentDataset', null);
        const pick = this.#datasets.find((d) => d.id === saved) ?? this.#datasets[0];
        if (pick) await this.select(pick.id);
      }
    });
    this.#status = 'ready';
    void this.#persist();
  }

  /** A different build than last time in this browser: say that a new version was loaded. */
  #noticeNewVersion(): void {
    const build = typeof __APP_BUILD__ === 'string' ? __APP_BUILD__ : '';
    try {
      const previous = globalThis.localStorage?.getItem('cswb.build');
      if (previous && build && previous !== build) this.#info = { code: 'app.updated' };
      if (build) globalThis.localStorage?.setItem('cswb.build', build);
    } catch {
      // storage blocked: no notice
    }
  }

  stop(): void {
    this.#subscription?.unsubscribe();
  }

  /** Make a dataset current: load it in the engine and compute its dashboard. */
  async select(id: string): Promise<void> {
    await this.#guard(async () => {
      this.#currentId = id;
      this.#dashboard = null;
      await setSetting(this.#db, 'currentDataset', id);
      await this.engine.run('job.loading', (jobId, onProgress) => this.engine.api.load(jobId, id, onProgress));
      await this.#refreshDashboard();
    });
  }

  async setActiveDays(days: number): Promise<void> {
    if (!Number.isFinite(days) || days < 1) return;
    this.#activeDays = Math.min(36500, Math.floor(days));
    await this.#guard(async () => {
      await setSetting(this.#db, 'activeDays', this.#activeDays);
      await this.#refreshDashboard();
    });
  }

  /** Generate the demo company into a new dataset and open it. */
  async addDemo(locale: 'zh' | 'en'): Promise<void> {
    await this.#guard(async () => {
      const id = await this.engine.run('job.generating', (jobId, onProgress) =>
        this.engine.api.createDemo(jobId, { locale }, onProgress),
      );
      await setSetting(this.#db, 'demoOffered', true);
      this.#datasets = await listDatasets(this.#db);
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
      this.#datasets = await listDatasets(this.#db);
      if (this.#currentId === id) await this.select(id);
    });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.#guard(async () => {
      await renameDataset(this.#db, id, name);
      this.#datasets = await listDatasets(this.#db);
    });
  }

  /** Delete a dataset (the view asks for confirmation first). */
  async remove(id: string): Promise<void> {
    const row = this.#datasets.find((d) => d.id === id);
    await this.#guard(async () => {
      await deleteDataset(this.#db, id);
      this.engine.api.unload(id);
      this.#datasets = await listDatasets(this.#db);
      if (row) this.#info = { code: 'dataset.deleted', params: { name: row.name } };
      if (this.#currentId === id) {
        this.#currentId = null;
        this.#dashboard = null;
        const next = this.#datasets[0];
        if (next) await this.select(next.id);
        else await setSetting(this.#db, 'currentDataset', null);
      }
    });
    void this.refreshStorage();
  }

  /**
   * Delete everything this app stored in this browser: its database (every dataset, snapshot,
   * setting), its caches and remembered preferences. The app stops; a reload starts afresh.
   */
  async eraseEverything(): Promise<void> {
    this.#subscription?.unsubscribe();
    await this.engine.api.shutdown().catch(() => undefined);
    this.#db.close();
    try {
      await Dexie.delete(this.#db.name);
      if (globalThis.caches) for (const key of await caches.keys()) await caches.delete(key);
      for (const key of Object.keys(globalThis.localStorage ?? {})) if (key.startsWith('cswb.')) localStorage.removeItem(key);
      this.#datasets = [];
      this.#dashboard = null;
      this.#currentId = null;
      this.#status = 'erased';
    } catch (error) {
      this.#error = toNotice(error);
    }
  }

  /** Forget one customer everywhere in the current dataset (the view asks for confirmation). */
  async forget(customerId: string): Promise<boolean> {
    const id = this.#currentId;
    if (!id) return false;
    let done = false;
    await this.#guard(async () => {
      await this.engine.api.forgetCustomer(id, customerId);
      this.#info = { code: 'forget.done', params: { id: customerId } };
      done = true;
      await this.select(id);
    });
    return done;
  }

  customers(query: CustomerQuery): Promise<CustomerPage> {
    if (!this.#currentId) return Promise.resolve({ total: 0, matched: 0, offset: 0, rows: [] });
    return this.engine.api.customers(this.#currentId, query);
  }

  customer(id: string): Promise<CustomerDetail | null> {
    if (!this.#currentId) return Promise.resolve(null);
    return this.engine.api.customer(this.#currentId, id);
  }

  /** What is stored, per dataset (for the privacy section). */
  inventory(): Promise<StorageInventory> {
    return storageInventory(this.#db);
  }

  async refreshStorage(): Promise<void> {
    this.#storage = await readStorageInfo();
  }

  async askPersistence(): Promise<void> {
    await requestPersistence();
    await this.refreshStorage();
  }

  async #persist(): Promise<void> {
    const info = await readStorageInfo();
    if (info.persisted === false) await requestPersistence();
    await this.refreshStorage();
  }

  /** The list changed (here or in another tab): if the current dataset is gone, move on. */
  #onDatasets(rows: DatasetRow[]): void {
    this.#datasets = rows;
    const id = this.#currentId;
    if (id && !rows.some((d) => d.id === id) && !this.engine.job) {
      this.engine.api.unload(id);
      this.#currentId = null;
      this.#dashboard = null;
      if (rows[0]) void this.select(rows[0].id);
    }
  }

  async #refreshDashboard(): Promise<void> {
    const id = this.#currentId;
    if (!id) return;
    const data = await this.engine.api.dashboard(id, { activeDays: this.#activeDays });
    if (this.#currentId === id) this.#dashboard = data;
  }

  async #guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const notice = toNotice(error);
      if (notice.code === 'job.cancelled') this.#info = notice;
      else this.#error = notice;
    }
  }
}
