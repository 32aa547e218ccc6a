/** What the browser says about this site's storage. */
export interface StorageInfo {
  /** null when the browser cannot tell. */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
  /** The app itself is saved for offline use (a service worker controls the page). */
  offline?: boolean;
}

/** Read persistence and usage from the StorageManager API, where the browser has it. */
export async function readStorageInfo(): Promise<StorageInfo> {
  const sm = globalThis.navigator?.storage;
  const persisted = sm?.persisted ? await sm.persisted().catch(() => null) : null;
  const estimate = sm?.estimate ? await sm.estimate().catch(() => null) : null;
  const offline = Boolean(globalThis.navigator?.serviceWorker?.controller);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, offline };
}

/** Ask the browser not to evict this site's data; returns whether it agreed. */
export async function requestPersistence(): Promise<boolean | null> {
  const sm = globalThis.navigator?.storage;
  if (!sm?.persist) return null;
  return sm.persist().catch(() => null);
}

/** Forget what this app keeps outside its database: offline caches and remembered preferences. */
export async function clearAppData(): Promise<void> {
  if (globalThis.caches) for (const key of await caches.keys()) await caches.delete(key);
  for (const key of Object.keys(globalThis.localStorage ?? {})) if (key.startsWith('cswb.')) localStorage.removeItem(key);
}
