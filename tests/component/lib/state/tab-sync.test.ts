// Two tabs on one database: the workspace follows changes another tab stores (reloading its
// engine only when the data changed, never for its own writes) and steps aside for an upgrade.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { datasetChange } from '../../../../src/lib/state/tab-sync.svelte';
import { AppState } from '../../../../src/lib/state/app.svelte';
import { openDatabase, SCHEMA_VERSION, setSetting, type DatasetRow, type WorkbenchDB } from '../../../../src/lib/db';

/** A newer app's IndexedDB version: Dexie's version n is 10n, one above this app's schema. */
const NEWER = 10 * (SCHEMA_VERSION + 1);
import type { DashboardData } from '../../../../workers/api';
import { fakeEngine as engineOf } from '../../fakes';

const row = (id: string, over: Partial<DatasetRow> = {}): DatasetRow => ({
  id, name: `Set ${id}`, currency: 'CNY', origin: 'import', createdAt: id === 'a' ? 1 : 2, updatedAt: 10,
  counts: { customers: 5, orders: 9, surveys: 0, interactions: 0, servqual: 0, importance: 0 }, ...over,
});

function fakeEngine(db: WorkbenchDB) {
  let dash = 0;
  const api = {
    start: vi.fn(async () => ({ swept: 0 })),
    load: vi.fn(async (_job: string, datasetId: string) => ({ datasetId, customers: 5, orders: 9, ms: 0 })),
    unload: vi.fn(async () => undefined),
    dashboard: vi.fn(async (datasetId: string): Promise<DashboardData> => ({ datasetId, kpis: { asOfDay: ++dash } as DashboardData['kpis'], monthly: [], voice: null })),
    shutdown: vi.fn(async () => undefined),
    forgetCustomer: vi.fn(async (datasetId: string) => {
      const stored = await db.datasets.get(datasetId);
      await db.datasets.update(datasetId, { counts: { ...stored!.counts, customers: stored!.counts.customers - 1 }, updatedAt: Date.now() });
      return 1;
    }),
  };
  return { engine: engineOf(api), api };
}

let names = 0;
const opened: AppState[] = [];

async function setUp() {
  const name = `tabs-${++names}`;
  const seed = openDatabase(name);
  await seed.datasets.bulkPut([row('a'), row('b')]);
  await setSetting(seed, 'demoOffered', true);
  await setSetting(seed, 'currentDataset', 'a');
  seed.close();
  const db = openDatabase(name);
  const { engine, api } = fakeEngine(db);
  const reloadPage = vi.fn();
  const app = new AppState({ db, engine, reloadPage });
  opened.push(app);
  await app.start('en');
  const ws = app.workspace;
  // another tab: its own connection to the same database
  const other = openDatabase(name);
  return { name, db, ws, notices: app.notices, api, other, reloadPage };
}

/** Longer than the workspace waits before comparing, so a wrong reload would have started. */
const settle = () => new Promise((r) => setTimeout(r, 700));

afterEach(() => {
  for (const app of opened.splice(0)) app.stop();
  sessionStorage.clear();
});

describe('datasetChange', () => {
  it('tells a rename from a change of data, and notices a deletion', () => {
    const loaded = row('a');
    expect(datasetChange('a', loaded, [row('a')])).toBe('none');
    expect(datasetChange('a', loaded, [row('a', { name: 'New', updatedAt: 11 })])).toBe('renamed');
    expect(datasetChange('a', loaded, [row('a', { updatedAt: 11 })])).toBe('reload');
    expect(datasetChange('a', loaded, [row('a', { counts: { ...loaded.counts, customers: 4 } })])).toBe('reload');
    expect(datasetChange('a', loaded, [row('b')])).toBe('gone');
    expect(datasetChange('a', null, [row('a', { updatedAt: 11 })])).toBe('none');
    expect(datasetChange(null, loaded, [row('b')])).toBe('none');
  });
});

describe('Workspace in two tabs', () => {
  it('reloads the current dataset when another tab changed its data, with a notice', async () => {
    const { ws, notices, api, other } = await setUp();
    expect(ws.currentId).toBe('a');
    expect(api.load).toHaveBeenCalledTimes(1);
    const before = ws.dashboard;
    await other.datasets.update('a', { counts: { customers: 4, orders: 9, surveys: 0, interactions: 0, servqual: 0, importance: 0 }, updatedAt: 20 });
    await vi.waitFor(() => expect(api.load).toHaveBeenCalledTimes(2), { timeout: 3000 });
    expect(api.unload).toHaveBeenCalledWith('a');
    await vi.waitFor(() => expect(ws.dashboard).not.toBe(before));
    expect(notices.info).toEqual({ code: 'tabs.updated', params: { name: 'Set a' } });
    await settle();
    expect(api.load).toHaveBeenCalledTimes(2); // no loop
  });

  it('changes of another dataset or a rename only update the list', async () => {
    const { ws, api, other } = await setUp();
    await other.datasets.update('b', { counts: { customers: 1, orders: 1, surveys: 0, interactions: 0, servqual: 0, importance: 0 }, updatedAt: 30 });
    await other.datasets.update('a', { name: 'Renamed elsewhere', updatedAt: 31 });
    await vi.waitFor(() => expect(ws.current?.name).toBe('Renamed elsewhere'));
    await settle();
    expect(api.load).toHaveBeenCalledTimes(1);
  });

  it('does not reload for its own writes (forget, rename)', async () => {
    const { ws, notices, api } = await setUp();
    await ws.forget('C1');
    expect(api.load).toHaveBeenCalledTimes(2); // forget opens the dataset again itself
    await ws.rename('a', 'Mine');
    await settle();
    expect(api.load).toHaveBeenCalledTimes(2);
    expect(notices.info?.code).toBe('forget.done');
  });

  it('moves to another dataset when another tab deleted the current one', async () => {
    const { ws, notices, other } = await setUp();
    await other.datasets.delete('a');
    await vi.waitFor(() => expect(ws.currentId).toBe('b'), { timeout: 3000 });
    expect(notices.info).toEqual({ code: 'tabs.deleted', params: { name: 'Set a' } });
    await vi.waitFor(() => expect(ws.dashboard?.datasetId).toBe('b'));
  });

  it('reloads the page for an upgrade in another tab, says why after the reload, and opens the upgraded database', async () => {
    const { name, notices, other, reloadPage } = await setUp();
    other.close();
    // a newer app: Dexie's version n is IndexedDB version 10n, one above this app's schema
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, NEWER);
      req.onsuccess = () => { req.result.close(); resolve(); };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('upgrade blocked by the open tab'));
    });
    expect(reloadPage).toHaveBeenCalledTimes(1);
    expect(notices.error).toBeNull();

    // "after the reload": a new workspace in the same tab (same sessionStorage)
    const db = openDatabase(name);
    const { engine } = fakeEngine(db);
    const again = new AppState({ db, engine, reloadPage });
    opened.push(again);
    await again.start('en');
    expect(again.workspace.status).toBe('ready');
    expect(again.notices.info).toEqual({ code: 'tabs.reloaded' });
    expect(again.workspace.datasets.map((d) => d.id)).toEqual(['a', 'b']);
    expect(db.backendDB().version).toBe(NEWER); // opened at the installed, higher version

    // a second upgrade right away does not reload again (no loop): it asks instead
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, NEWER + 10);
      req.onsuccess = () => { req.result.close(); resolve(); };
      req.onerror = () => reject(req.error);
    });
    expect(reloadPage).toHaveBeenCalledTimes(1);
    expect(again.notices.error).toEqual({ code: 'error.versionchange' });
  });

  it('stops as erased when another tab deleted the database', async () => {
    const { name, ws, notices, other, api } = await setUp();
    other.close();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('delete blocked by the open tab'));
    });
    expect(ws.status).toBe('erased');
    expect(notices.info).toEqual({ code: 'tabs.erased' });
    expect(api.shutdown).toHaveBeenCalled();
  });
});
