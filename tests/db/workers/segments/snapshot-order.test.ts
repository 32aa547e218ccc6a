import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';

describe('migration between two snapshots of value tiers', () => {
  it('lists the tiers in their order (tier_1, tier_2, tier_3), after the keys the app knows', async () => {
    const db = openDatabase(`snapshot-order-${Math.random()}`);
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const abc = await engine.tiers(id, [80, 15, 5], 'revenue');
    const pareto = await engine.tiers(id, [20, 30, 50], 'customers');
    const before = await engine.snapshot(id, abc.handle, { label: 'ABC' });
    const after = await engine.snapshot(id, pareto.handle, { label: 'Pareto' });
    const m = await engine.compareSnapshots(before.id, after.id);
    const tiers = (keys: string[]) => keys.filter((k) => k.startsWith('tier_'));
    expect(tiers(m.fromKeys)).toEqual(['tier_1', 'tier_2', 'tier_3']);
    expect(tiers(m.toKeys)).toEqual(['tier_1', 'tier_2', 'tier_3']);
    db.close();
  }, 60_000);
});
