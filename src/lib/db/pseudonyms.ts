/**
 * What the device keeps for pseudonymisation (settings rows): its key, and per dataset the
 * mapping pseudonym → identity. Every read and write of them is here.
 */
import {
  datasetOfPseudonymMap, lookupPseudonym, mergePseudonymMaps, PSEUDONYM_KEY_BYTES, PSEUDONYM_KEY_SETTING, PSEUDONYM_PREFIX,
  pseudonymMapSetting, restorePseudonymKey, restorePseudonymMap, type PseudonymMap,
} from '../domain/privacy/pseudonym';
import { commitBatch, type CommitOptions } from './batches';
import type { BatchRow, WorkbenchDB } from './schema';

/**
 * The device's pseudonymisation key: read, or made once (256 random bits) on first use.
 * Read and created in one transaction, so two imports at once cannot make two keys.
 */
export async function pseudonymKey(db: WorkbenchDB): Promise<Uint8Array> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(PSEUDONYM_KEY_SETTING);
    if (row !== undefined) {
      const key = restorePseudonymKey(row.value);
      // never replace a stored key silently: earlier pseudonyms would no longer match
      if (!key) throw { code: 'pseudonym.badKey' };
      return key;
    }
    const key = crypto.getRandomValues(new Uint8Array(PSEUDONYM_KEY_BYTES));
    await db.settings.put({ key: PSEUDONYM_KEY_SETTING, value: key });
    return key;
  });
}

/** Commit an import's batch and merge its new pseudonyms into the dataset's kept mapping, in one transaction. */
export async function commitBatchWithMapping(
  db: WorkbenchDB, batch: BatchRow, added: PseudonymMap, options: CommitOptions,
): Promise<void> {
  const key = pseudonymMapSetting(batch.datasetId);
  // the mapping and the batch become visible together (commitBatch joins this transaction)
  await db.transaction('rw', db.tables, async () => {
    const stored = restorePseudonymMap((await db.settings.get(key))?.value);
    await db.settings.put({ key, value: mergePseudonymMaps(stored, added) });
    await commitBatch(db, batch, options);
  });
}

/** Whether a key is stored, and the kept mappings per dataset with their sizes. */
export async function pseudonymInventory(db: WorkbenchDB): Promise<{ key: boolean; mappings: { datasetId: string; customers: number }[] }> {
  const rows = await db.settings.where('key').startsWith(PSEUDONYM_PREFIX).toArray();
  const mappings: { datasetId: string; customers: number }[] = [];
  for (const row of rows) {
    const datasetId = datasetOfPseudonymMap(row.key);
    if (datasetId !== null) mappings.push({ datasetId, customers: restorePseudonymMap(row.value).id.length });
  }
  return { key: rows.some((r) => r.key === PSEUDONYM_KEY_SETTING), mappings };
}

/** Who a stored customer id stands for, from the dataset's kept mapping (null without one). */
export async function lookupIdentity(db: WorkbenchDB, datasetId: string, customerId: string): Promise<{ id: string; name: string } | null> {
  const row = await db.settings.get(pseudonymMapSetting(datasetId));
  return row === undefined ? null : lookupPseudonym(restorePseudonymMap(row.value), customerId);
}

/** Delete a dataset's kept mapping. */
export async function deletePseudonymMapping(db: WorkbenchDB, datasetId: string): Promise<void> {
  await db.settings.delete(pseudonymMapSetting(datasetId));
}
