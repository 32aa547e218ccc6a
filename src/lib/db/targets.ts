/**
 * KPI targets saved per dataset (schema v5's targets), one row per dataset and KPI. The row's
 * `target` is stored as the user saved it; readers normalise it with restoreTarget
 * (src/lib/domain/act/targets.ts), so a row broken by an old version or a hand-edited backup is
 * left out rather than trusted.
 */
import { restoreTarget, type KpiKey, type KpiTarget } from '../domain/act/targets';
import type { WorkbenchDB } from './schema';

/** A dataset's targets by KPI (normalised; broken rows left out). */
export async function listTargets(db: WorkbenchDB, datasetId: string): Promise<Partial<Record<KpiKey, KpiTarget>>> {
  const rows = await db.targets.where('datasetId').equals(datasetId).toArray();
  const out: Partial<Record<KpiKey, KpiTarget>> = {};
  for (const row of rows) {
    const target = restoreTarget(row.kpi, row.target);
    if (target) out[row.kpi as KpiKey] = target;
  }
  return out;
}

/**
 * Save (or replace) the target of one KPI. Throws `error.notLoaded` when the dataset does not
 * exist, the first problem of restoreTarget's checks as `target.error.invalid` when the target is
 * not valid (callers validate first; this is the last guard).
 * @param at the moment of the change [ms since the epoch] (default now)
 */
export async function saveTarget(db: WorkbenchDB, datasetId: string, kpi: KpiKey, target: KpiTarget, at = Date.now()): Promise<void> {
  const clean = restoreTarget(kpi, target);
  if (!clean) throw { code: 'target.error.invalid', params: { kpi } };
  await db.transaction('rw', db.targets, db.datasets, async () => {
    if (!(await db.datasets.get(datasetId))) throw { code: 'error.notLoaded', params: { id: datasetId } };
    await db.targets.put({ datasetId, kpi, target: { ...clean }, updatedAt: at });
  });
}

/** Remove the target of one KPI (nothing happens when there is none). */
export async function deleteTarget(db: WorkbenchDB, datasetId: string, kpi: KpiKey): Promise<void> {
  await db.targets.delete([datasetId, kpi]);
}
