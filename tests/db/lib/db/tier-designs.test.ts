// Loyalty tier designs saved per dataset: save, read back, replace, forget; a dataset that is
// gone is a notice; an old or partial row is normalised; deleting the dataset deletes its design.
import { describe, expect, it } from 'vitest';
import { deleteDataset, deleteTierDesign, loadTierDesign, openDatabase, saveTierDesign, type DatasetRow } from '../../../../src/lib/db';
import { defaultLoyaltyDesign } from '../../../../src/lib/domain';

const row = (id: string): DatasetRow => ({
  id, name: id, currency: 'CNY', origin: 'import', createdAt: 1, updatedAt: 1,
  counts: { customers: 0, orders: 0, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
});

describe('tier designs', () => {
  it('saves a design per dataset, reads it back, replaces it and forgets it', async () => {
    const db = openDatabase(`tier-designs-${Math.random()}`);
    await db.datasets.bulkPut([row('d1'), row('d2')]);
    expect(await loadTierDesign(db, 'd1')).toBeNull();
    const design = defaultLoyaltyDesign([0, 500, 2000, 9000]);
    design.tiers[2] = { ...design.tiers[2], name: 'VIP', discount: 6 };
    expect(await saveTierDesign(db, 'd1', design, 111)).toBe(111);
    expect(await loadTierDesign(db, 'd1')).toEqual({ design, updatedAt: 111 });
    expect(await loadTierDesign(db, 'd2')).toBeNull(); // another dataset's is its own
    const points = { ...design, basis: 'points' as const, expiryMonths: 6 };
    await saveTierDesign(db, 'd1', points, 222);
    expect(await loadTierDesign(db, 'd1')).toEqual({ design: points, updatedAt: 222 });
    expect(await db.tierDesigns.count()).toBe(1);
    await deleteTierDesign(db, 'd1');
    expect(await loadTierDesign(db, 'd1')).toBeNull();
    db.close();
  });

  it('refuses a dataset that is gone, normalises a partial row, goes with its dataset', async () => {
    const db = openDatabase(`tier-designs-${Math.random()}`);
    await expect(saveTierDesign(db, 'nope', defaultLoyaltyDesign())).rejects.toMatchObject({ code: 'error.notLoaded' });
    await db.datasets.put(row('d'));
    // a row written by an older version: no points settings, a tier without benefits
    await db.tierDesigns.put({ datasetId: 'd', design: { basis: 'lifetime', tiers: [{ key: 'member', minSpend: 0 }, { key: 'gold', minSpend: 3000, discount: 5 }] }, updatedAt: 5 });
    expect(await loadTierDesign(db, 'd')).toEqual({
      updatedAt: 5,
      design: {
        basis: 'lifetime', pointsPerUnit: 1, expiryMonths: 12, pointCost: 0.01,
        tiers: [
          { key: 'member', name: null, minSpend: 0, discount: 0, multiplier: 1, fixedCost: 0 },
          { key: 'gold', name: null, minSpend: 3000, discount: 5, multiplier: 1, fixedCost: 0 },
        ],
      },
    });
    // nothing usable: none
    await db.tierDesigns.put({ datasetId: 'd', design: { tiers: [] }, updatedAt: 6 });
    expect(await loadTierDesign(db, 'd')).toBeNull();
    await saveTierDesign(db, 'd', defaultLoyaltyDesign());
    await deleteDataset(db, 'd');
    expect(await db.tierDesigns.count()).toBe(0);
    db.close();
  });
});
