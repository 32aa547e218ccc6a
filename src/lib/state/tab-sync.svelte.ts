/**
 * Several tabs on one database. The datasets list is watched (Dexie liveQuery): when another tab
 * imported into the current dataset, forgot a customer, reset, renamed or deleted it, this tab
 * follows, with a notice. When another tab opens a newer app (a schema upgrade) this tab lets go
 * of the database and reloads, saying why after the reload; when another tab deletes the
 * database (Delete everything), this tab stops as if erased here.
 */
import { closeConnection, watchDatasets, watchVersionChange, type DatasetRow, type WorkbenchDB } from '../db';
import type { Notices } from './notices.svelte';

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

/** What tab sync needs from the workspace. */
export interface SyncedWorkspace {
  readonly datasets: readonly DatasetRow[];
  readonly currentId: string | null;
  /** The current dataset's row as it was when this tab loaded it in the engine. */
  readonly loaded: DatasetRow | null;
  /** This tab is writing or running a job: its own writes are not news from another tab. */
  readonly busy: boolean;
  setDatasets(rows: DatasetRow[]): void;
  /** Only the name of the current dataset changed. */
  acceptRename(row: DatasetRow): void;
  /** Load the current dataset again; resolves with whether it is still current. */
  reloadCurrent(): Promise<boolean>;
  /** The current dataset was deleted: open another one, if any. */
  dropCurrent(): void;
  /** The database is gone: stop. */
  erased(): void;
}

export class TabSync {
  #db: WorkbenchDB;
  #ws: SyncedWorkspace;
  #notices: Notices;
  #reloadPage: () => void;
  #stopWatching: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: { db: WorkbenchDB; workspace: SyncedWorkspace; notices: Notices; reloadPage?: () => void }) {
    this.#db = options.db;
    this.#ws = options.workspace;
    this.#notices = options.notices;
    this.#reloadPage = options.reloadPage ?? (() => globalThis.location.reload());
  }

  /** This tab was reloaded because another tab opened a newer version of the app: say so once. */
  noticeReloaded(): void {
    try {
      if (globalThis.sessionStorage?.getItem(RELOAD_NOTICE_KEY)) {
        globalThis.sessionStorage.removeItem(RELOAD_NOTICE_KEY);
        this.#notices.showInfo({ code: 'tabs.reloaded' });
      }
    } catch {
      // storage blocked: no notice
    }
  }

  /** Step aside when another tab upgrades or deletes the database (call before opening it). */
  listen(): void {
    watchVersionChange(this.#db, (event) => this.#onVersionChange(event));
  }

  /** Follow the stored datasets list (call once the workspace has started). */
  watch(): void {
    this.#stopWatching?.();
    this.#stopWatching = watchDatasets(
      this.#db,
      (rows) => {
        this.#ws.setDatasets(rows);
        this.schedule();
      },
      (error) => this.#notices.report(error),
    );
  }

  /** Compare the stored rows with what this tab loaded, soon (e.g. once its own writes are done). */
  schedule(delay = SYNC_DELAY_MS): void {
    if (!this.#stopWatching) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#sync(), delay);
  }

  stop(): void {
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    clearTimeout(this.#timer);
  }

  /**
   * Another tab wants to upgrade (a newer app) or delete (Delete everything) the database: let go
   * of it at once so that tab is not blocked. After an upgrade, reload to get the newer app and
   * say why after the reload; after a deletion, stop as if erased here. The engine worker's own
   * connection closes too (Dexie's default on versionchange).
   */
  #onVersionChange(event: IDBVersionChangeEvent): void {
    this.stop();
    closeConnection(this.#db);
    if (!event.newVersion) {
      this.#ws.erased();
      this.#notices.showInfo({ code: 'tabs.erased' });
      return;
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
    else this.#notices.showError({ code: 'error.versionchange' });
  }

  /**
   * Keep the current dataset as stored. Waits while this tab is writing or running a job (its
   * own writes are compared again once done, and then match what it loaded).
   */
  #sync(): void {
    this.#timer = undefined;
    const ws = this.#ws;
    const id = ws.currentId;
    const loaded = ws.loaded;
    const change = datasetChange(id, loaded, ws.datasets);
    if (change === 'none' || !id) return;
    if (change === 'renamed') {
      const row = ws.datasets.find((d) => d.id === id);
      if (row) ws.acceptRename(row);
      return;
    }
    if (ws.busy) {
      this.schedule(SYNC_DELAY_MS * 2);
      return;
    }
    const name = loaded?.name ?? id;
    if (change === 'gone') {
      ws.dropCurrent();
      this.#notices.showInfo({ code: 'tabs.deleted', params: { name } });
      return;
    }
    void ws.reloadCurrent().then((current) => {
      const row = ws.datasets.find((d) => d.id === id);
      if (current) this.#notices.showInfo({ code: 'tabs.updated', params: { name: row?.name ?? name } });
    });
  }
}
