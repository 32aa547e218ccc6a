/**
 * The app's state, put together: the database and engine, notices, storage status, the
 * workspace (datasets, current dataset, dashboard) and tab sync. One instance per page.
 */
import { deleteDatabase, openDatabase, type WorkbenchDB } from '../db';
import { newVersionNotice } from './app-version';
import { EngineClient } from './engine.svelte';
import { Notices } from './notices.svelte';
import { StorageState } from './storage-state.svelte';
import { clearAppData } from './storage';
import { TabSync } from './tab-sync.svelte';
import { Workspace } from './workspace.svelte';

export class AppState {
  readonly db: WorkbenchDB;
  readonly engine: EngineClient;
  readonly notices = new Notices();
  readonly storage: StorageState;
  readonly workspace: Workspace;
  readonly tabs: TabSync;

  constructor(options: { db?: WorkbenchDB; engine?: EngineClient; reloadPage?: () => void } = {}) {
    this.db = options.db ?? openDatabase();
    this.engine = options.engine ?? new EngineClient();
    this.storage = new StorageState(this.db);
    this.workspace = new Workspace({ db: this.db, engine: this.engine, notices: this.notices, onIdle: () => this.tabs.schedule() });
    this.tabs = new TabSync({ db: this.db, workspace: this.workspace, notices: this.notices, reloadPage: options.reloadPage });
  }

  /** Open the store, sweep interrupted writes, show a dataset (the demo on a first visit), follow other tabs. */
  async start(locale: 'zh' | 'en'): Promise<void> {
    const updated = newVersionNotice(typeof __APP_BUILD__ === 'string' ? __APP_BUILD__ : '');
    if (updated) this.notices.showInfo(updated);
    this.tabs.noticeReloaded();
    this.tabs.listen();
    if (!(await this.workspace.open())) return;
    await this.workspace.start(locale);
    if (this.workspace.status === 'ready') this.tabs.watch();
    void this.storage.persist();
  }

  stop(): void {
    this.tabs.stop();
  }

  /**
   * Delete everything this app stored in this browser: its database (every dataset, snapshot,
   * setting), its caches and remembered preferences. The app stops; a reload starts afresh.
   */
  async eraseEverything(): Promise<void> {
    this.tabs.stop();
    await this.engine.api.shutdown().catch(() => undefined);
    try {
      await deleteDatabase(this.db);
      await clearAppData();
      this.workspace.erased();
    } catch (error) {
      this.notices.report(error);
    }
  }
}
