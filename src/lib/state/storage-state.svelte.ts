/** This site's storage as the Data & storage page shows it: persistence, usage, what is kept. */
import { storageInventory, type StorageInventory, type WorkbenchDB } from '../db';
import { readStorageInfo, requestPersistence, type StorageInfo } from './storage';

export class StorageState {
  #db: WorkbenchDB;
  #info = $state.raw<StorageInfo>({ persisted: null, usage: null, quota: null });

  constructor(db: WorkbenchDB) {
    this.#db = db;
  }

  get info(): StorageInfo { return this.#info; }

  async refresh(): Promise<void> {
    this.#info = await readStorageInfo();
  }

  /** The user asked: request persistent storage again. */
  async askPersistence(): Promise<void> {
    await requestPersistence();
    await this.refresh();
  }

  /** At start-up: ask for persistent storage once if the browser has not granted it. */
  async persist(): Promise<void> {
    const info = await readStorageInfo();
    if (info.persisted === false) await requestPersistence();
    await this.refresh();
  }

  /** What is stored, per dataset (for the privacy section). */
  inventory(): Promise<StorageInventory> {
    return storageInventory(this.#db);
  }
}
