/** Opening, closing and deleting this tab's connection to the database. */
import Dexie from 'dexie';
import type { WorkbenchDB } from './schema';

/**
 * Open the database (a database upgraded by a newer app, in another tab, opens at its own higher
 * version). Rejects as Dexie does: `VersionError` for a database newer than this app can read.
 */
export async function openConnection(db: WorkbenchDB): Promise<void> {
  await db.open();
}

/** Close this tab's connection (another tab is waiting to upgrade or delete the database). */
export function closeConnection(db: WorkbenchDB): void {
  db.close();
}

/** Close the connection and delete the whole database: every dataset, snapshot and setting. */
export async function deleteDatabase(db: WorkbenchDB): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
}
