/**
 * The app's state: datasets, the current one, its dashboard, storage status, errors.
 * Wires the database (small records, from this thread) and the engine worker (everything
 * columnar) to the views. Large results are $state.raw and replaced, never mutated.
 */
import Dexie, { liveQuery, type Subscription } from 'dexie';
import type { Notice } from '../domain/types';
import {
  deleteDataset, getSetting, listDatasets, openDatabase, renameDataset, restoreDataset, setSetting, storageInventory, toNotice,
  type StorageInventory,
  type DatasetRow, type WorkbenchDB,
} from '../db';
import type { CustomerDetail, CustomerPage, CustomerQuery, DashboardData } from '../../../workers/api';
import { EngineClient } from './engine.svelte';
import { readStorageInfo, requestPersistence, type StorageInfo } from './storage';

export type Status = 'starting' | 'ready' | 'failed' | 'erased';

const DEFAULT_ACTIVE_DAYS = 90;

/** sessionStorage: a notice to show after this tab reloaded for an upgrade in another tab. */
const RELOAD_NOTICE_KEY = 'cswb.tabs.reloadNotice';
/** sessionStorage: when this tab last reloaded for that reason (no second reload within RELOAD_GUARD_MS). */
const RELOADED_AT_KEY = 'cswb.tabs.reloadedAt';
const RELOAD_GUARD_MS = 30_000;
/** Let a write of this tab finish (e.g. an import, then opening its dataset) before comparing. */
const SYNC_DELAY_MS = 250;

/**
 * What to do when the stored datasets changed (in this tab or another one), for the current
 * dataset as this tab loaded it in the engine:
 * - 'none': nothing this tab shows changed (or nothing is loaded yet);
 * - 'renamed': only its name changed: the engine's data is still right;
 * - 'reload': its data changed (an import, a forgotten customer, a reset): load it again;
 * - 'gone': it was deleted.
 */
export type DatasetChange = 'none' | 'renamed' | 'reload' | 'gone';

export function datasetChange(currentId: string | null, loaded: DatasetRow | null, rows: readonly DatasetRow[]): DatasetChange {
  if (!currentId) return 'none';
  const row = rows.find((d) => d.id === currentId);
  if (!row) return 'gone';
  if (!loaded || loaded.id !== currentId) return 'none';
  const sameData =
    row.createdAt === loaded.createdAt && row.currency === loaded.currency && row.origin === loaded.origin &&
    JSON.stringify(row.counts) === JSON.stringify(loaded.counts) && JSON.stringify(row.demo) === JSON.stringify(loaded.demo);
  if (row.updatedAt === loaded.updatedAt && sameData) return row.name === loaded.name ? 'none' : 'renamed';
  return sameData && row.name !== loaded.name ? 'renamed' : 'reload';
}

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
  /** The current dataset's row as it was when this tab loaded it in the engine. */
  #loaded: DatasetRow | null = null;
  /** Operations of this tab in progress (their own writes are not news from another tab). */
  #busy = 0;
  #syncTimer: ReturnType<typeof setTimeout> | undefined;
  #reloadPage: () => void;

  constructor(options: { db?: WorkbenchDB; engine?: EngineClient; reloadPage?: () => void } = {}) {
    this.#db = options.db ?? openDatabase();
    this.engine = options.engine ?? new EngineClient();
    this.#reloadPage = options.reloadPage ?? (() => globalThis.location.reload());
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
    this.#noticeReloaded();
    try {
      this.#db.on('versionchange', (event: IDBVersionChangeEvent) => this.#onVersionChange(event));
      // a database upgraded by a newer app (another tab) opens at its own, higher version
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

  /** This tab was reloaded because another tab opened a newer version of the app: say so once. */
  #noticeReloaded(): void {
    try {
      if (globalThis.sessionStorage?.getItem(RELOAD_NOTICE_KEY)) {
        globalThis.sessionStorage.removeItem(RELOAD_NOTICE_KEY);
        this.#info = { code: 'tabs.reloaded' };
      }
    } catch {
      // storage blocked: no notice
    }
  }

  /**
   * Another tab wants to upgrade (a newer app) or delete (Delete everything) the database: let go
   * of it at once so that tab is not blocked. After an upgrade, reload to get the newer app and
   * say why after the reload; after a deletion, stop as if erased here. The engine worker's own
   * connection closes too (Dexie's default on versionchange).
   */
  #onVersionChange(event: IDBVersionChangeEvent): false {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    clearTimeout(this.#syncTimer);
    this.#db.close();
    if (!event.newVersion) {
      void Promise.resolve(this.engine.api.shutdown()).catch(() => undefined);
      this.#datasets = [];
      this.#dashboard = null;
      this.#currentId = null;
      this.#loaded = null;
      this.#status = 'erased';
      this.#info = { code: 'tabs.erased' };
      return false;
    }
    let reload = true;
    try {
      const storage = globalThis.sessionStorage;
      const last = Number(storage?.getItem(RELOADED_AT_KEY));
      // never a reload loop: a second upgrade right after a reload asks the user instead
      if (last && Date.now() - last >= 0 && Date.now() - last < RELOAD_GUARD_MS) reload = false;
      else {
        storage?.setItem(RELOADED_AT_KEY, String(Date.now()));
        storage?.setItem(RELOAD_NOTICE_KEY, '1');
      }
    } catch {
      // storage blocked: reload without the notice
    }
    if (reload) this.#reloadPage();
    else this.#error = { code: 'error.versionchange' };
    return false;
  }

  stop(): void {
    this.#subscription?.unsubscribe();
    clearTimeout(this.#syncTimer);
  }

  /** Make a dataset current: load it in the engine and compute its dashboard. */
  async select(id: string): Promise<void> {
    await this.#guard(async () => {
      this.#currentId = id;
      this.#dashboard = null;
      await setSetting(this.#db, 'currentDataset', id);
      await this.#load(id);
    });
  }

  /**
   * Load a dataset in the engine and compute its dashboard, remembering the stored row as it was
   * before the engine read the data (a write in between makes it look older: one more reload,
   * never a stale view).
   */
  async #load(id: string): Promise<void> {
    const stored = await this.#db.datasets.get(id);
    await this.engine.run('job.loading', (jobId, onProgress) => this.engine.api.load(jobId, id, onProgress));
    if (this.#currentId !== id) return;
    this.#loaded = stored ? restoreDataset(stored) : null;
    await this.#refreshDashboard();
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

  /** The list changed (here or in another tab): see what that means for the current dataset. */
  #onDatasets(rows: DatasetRow[]): void {
    this.#datasets = rows;
    this.#scheduleSync(SYNC_DELAY_MS);
  }

  #scheduleSync(delay: number): void {
    clearTimeout(this.#syncTimer);
    this.#syncTimer = setTimeout(() => this.#sync(), delay);
  }

  /**
   * Keep the current dataset as stored: another tab imported into it, forgot a customer, reset,
   * renamed or deleted it. Waits while this tab is writing or running a job (its own writes are
   * compared again once done, and then match what it loaded).
   */
  #sync(): void {
    this.#syncTimer = undefined;
    const id = this.#currentId;
    const change = datasetChange(id, this.#loaded, this.#datasets);
    if (change === 'none' || !id) return;
    if (change === 'renamed') {
      const row = this.#datasets.find((d) => d.id === id);
      if (row && this.#loaded) this.#loaded = { ...this.#loaded, name: row.name, updatedAt: row.updatedAt };
      return;
    }
    if (this.#busy > 0 || this.engine.job) {
      this.#scheduleSync(SYNC_DELAY_MS * 2);
      return;
    }
    const name = this.#loaded?.name ?? id;
    if (change === 'gone') {
      this.engine.api.unload(id);
      this.#currentId = null;
      this.#dashboard = null;
      this.#loaded = null;
      this.#info = { code: 'tabs.deleted', params: { name } };
      const next = this.#datasets[0];
      if (next) void this.select(next.id);
      return;
    }
    void this.#guard(async () => {
      await this.engine.api.unload(id);
      await this.#load(id);
      if (this.#currentId === id) this.#info = { code: 'tabs.updated', params: { name: this.current?.name ?? name } };
    });
  }

  async #refreshDashboard(): Promise<void> {
    const id = this.#currentId;
    if (!id) return;
    const data = await this.engine.api.dashboard(id, { activeDays: this.#activeDays });
    if (this.#currentId === id) this.#dashboard = data;
  }

  async #guard(work: () => Promise<void>): Promise<void> {
    this.#busy++;
    try {
      await work();
    } catch (error) {
      const notice = toNotice(error);
      if (notice.code === 'job.cancelled') this.#info = notice;
      else this.#error = notice;
    } finally {
      // compare with the stored rows once this tab's own writes are done
      if (--this.#busy === 0 && this.#subscription) this.#scheduleSync(SYNC_DELAY_MS);
    }
  }
}
