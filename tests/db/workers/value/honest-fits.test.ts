import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';

const REQUEST = { timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 } as const;

describe('honest model fits', () => {
  it('leaves a holdout by default and says how it was chosen; claims a better model only from holdout error', async () => {
    const db = openDatabase(`honest-${Math.random()}`);
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const v = await engine.value('v', id, REQUEST);
    expect(v.calibration.code).toBe('value.calibration.holdout');
    expect(v.lastDay - v.calibrationEndDay).toBe(Number(v.calibration.params!.weeks) * 7);
    expect(v.holdout.length).toBeGreaterThan(0);
    expect(v.holdoutMae.bgnbd).not.toBeNull();
    expect(v.better).toBe(v.holdoutMae.pareto! < v.holdoutMae.bgnbd! ? 'pareto' : 'bgnbd');
    // scores are as of the last order: every buying customer, also those who first bought in the holdout
    expect(v.customers).toBe((await engine.dashboard(id, { activeDays: 90 })).kpis.buyers);
    // the last order as calibration end: no holdout, so no model is called better
    const noHoldout = await engine.value('v2', id, { ...REQUEST, calibrationEndDay: v.lastDay });
    expect(noHoldout.calibration.code).toBe('value.calibration.user');
    expect(noHoldout.holdout).toEqual([]);
    expect(noHoldout.better).toBeNull();
    db.close();
  }, 60_000);
});
