// KPI targets in IndexedDB: one per dataset and KPI, replaced on save, removed on delete; stored
// rows that are broken (hand-edited backups, old versions) are left out on reading.
import { describe, expect, it } from 'vitest';
import { deleteTarget, listTargets, openDatabase, saveTarget, type DatasetRow, type WorkbenchDB } from '../../../../src/lib/db';

let n = 0;
async function withDatasets(): Promise<WorkbenchDB> {
  const db = openDatabase(`targets-${++n}`);
  const row = (id: string): DatasetRow => ({
    id, name: 'Shop', currency: 'CNY', origin: 'import', createdAt: 1, updatedAt: 1,
    counts: { customers: 1, orders: 1, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
  });
  await db.datasets.bulkPut([row('d'), row('e')]);
  return db;
}

describe('KPI targets', () => {
  it('are saved per dataset and KPI; a second save replaces the first', async () => {
    const db = await withDatasets();
    await saveTarget(db, 'd', 'revenue', { value: 100_000, direction: 'higher', band: 0.05 }, 10);
    await saveTarget(db, 'd', 'churn', { value: 0.04, direction: 'lower', band: 0.1 }, 11);
    await saveTarget(db, 'e', 'revenue', { value: 5, direction: 'higher', band: 0 }, 12);
    await saveTarget(db, 'd', 'revenue', { value: 120_000, direction: 'higher', band: 0.05 }, 13);
    expect(await listTargets(db, 'd')).toEqual({
      revenue: { value: 120_000, direction: 'higher', band: 0.05 },
      churn: { value: 0.04, direction: 'lower', band: 0.1 },
    });
    expect(await db.targets.get(['d', 'revenue'])).toEqual({ datasetId: 'd', kpi: 'revenue', target: { value: 120_000, direction: 'higher', band: 0.05 }, updatedAt: 13 });
    expect(await listTargets(db, 'e')).toEqual({ revenue: { value: 5, direction: 'higher', band: 0 } });
    expect(await listTargets(db, 'none')).toEqual({});
    db.close();
  });

  it('delete removes one KPI only; deleting what is not there is no error', async () => {
    const db = await withDatasets();
    await saveTarget(db, 'd', 'nps', { value: 30, direction: 'higher', band: 0.05 });
    await saveTarget(db, 'd', 'csat', { value: 0.8, direction: 'higher', band: 0.05 });
    await deleteTarget(db, 'd', 'nps');
    await deleteTarget(db, 'd', 'aov');
    expect(Object.keys(await listTargets(db, 'd'))).toEqual(['csat']);
    db.close();
  });

  it('refuses an invalid target and a dataset that does not exist, storing nothing', async () => {
    const db = await withDatasets();
    await expect(saveTarget(db, 'd', 'csat', { value: 1.5, direction: 'higher', band: 0.05 })).rejects.toEqual({ code: 'target.error.invalid', params: { kpi: 'csat' } });
    await expect(saveTarget(db, 'gone', 'aov', { value: 10, direction: 'higher', band: 0.05 })).rejects.toEqual({ code: 'error.notLoaded', params: { id: 'gone' } });
    expect(await db.targets.count()).toBe(0);
    db.close();
  });

  it('reads broken rows as absent and fills a missing direction and band', async () => {
    const db = await withDatasets();
    await db.targets.bulkPut([
      { datasetId: 'd', kpi: 'churn', target: { value: 0.05 }, updatedAt: 1 },
      { datasetId: 'd', kpi: 'aov', target: { value: 'ten' }, updatedAt: 1 },
      { datasetId: 'd', kpi: 'weird', target: { value: 1 }, updatedAt: 1 },
      { datasetId: 'd', kpi: 'customers', target: { value: -3, direction: 'higher', band: 0.05 }, updatedAt: 1 },
    ]);
    expect(await listTargets(db, 'd')).toEqual({ churn: { value: 0.05, direction: 'lower', band: 0.05 } });
    db.close();
  });
});
