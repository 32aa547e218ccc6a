/**
 * Watching the database from the UI: the datasets list as it changes (in this tab or another
 * one), and requests of other tabs to upgrade or delete the database.
 */
import { liveQuery } from 'dexie';
import { listDatasets } from './datasets';
import type { DatasetRow, WorkbenchDB } from './schema';

/**
 * Call `onRows` with the datasets (normalised, oldest first) now and whenever they change.
 * @returns a function that stops watching
 */
export function watchDatasets(db: WorkbenchDB, onRows: (rows: DatasetRow[]) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(() => listDatasets(db)).subscribe({ next: onRows, error: onError });
  return () => subscription.unsubscribe();
}

/**
 * Call `onChange` when another tab wants to upgrade (`newVersion` set) or delete (`newVersion`
 * null) the database. The handler decides when to close this connection (`closeDatabase`);
 * Dexie's default of closing at once is turned off.
 */
export function watchVersionChange(db: WorkbenchDB, onChange: (event: IDBVersionChangeEvent) => void): void {
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    onChange(event);
    return false;
  });
}
