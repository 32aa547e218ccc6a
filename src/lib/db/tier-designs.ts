/**
 * Loyalty tier designs saved per dataset (schema v4's tierDesigns): one design per dataset, read
 * back through restoreLoyaltyDesign (old or partial rows normalised; an unusable one is none).
 */
import { restoreLoyaltyDesign, type LoyaltyDesign } from '../domain/strategy/loyalty-design';
import type { WorkbenchDB } from './schema';

/** A dataset's saved design and when it was saved (null: none saved, or nothing usable in it). */
export async function loadTierDesign(db: WorkbenchDB, datasetId: string): Promise<{ design: LoyaltyDesign; updatedAt: number } | null> {
  const row = await db.tierDesigns.get(datasetId);
  if (!row) return null;
  const design = restoreLoyaltyDesign(row.design);
  return design ? { design, updatedAt: row.updatedAt } : null;
}

/** Save a dataset's design (replacing the one before); a dataset that is gone is a notice. Returns the time saved. */
export async function saveTierDesign(db: WorkbenchDB, datasetId: string, design: LoyaltyDesign, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.tierDesigns, db.datasets, async () => {
    if (!(await db.datasets.get(datasetId))) throw { code: 'error.notLoaded', params: { id: datasetId } };
    const copy = JSON.parse(JSON.stringify(design)) as Record<string, unknown>;
    await db.tierDesigns.put({ datasetId, design: copy, updatedAt: now });
    return now;
  });
}

/** Forget a dataset's design (back to the defaults). */
export async function deleteTierDesign(db: WorkbenchDB, datasetId: string): Promise<void> {
  await db.tierDesigns.delete(datasetId);
}
