import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../workers/engine';
import { openDatabase } from '../../../../src/lib/db';

const REQUEST = { timeUnit: 'W', model: 'bgnbd', months: 12, monthlyDiscountRate: 0.01, margin: 0.3 } as const;

describe('the default calibration end before any fit', () => {
  it('is the one a fit with no calibration end uses, with the same words', async () => {
    const db = openDatabase(`calibration-default-${Math.random()}`);
    const engine = createEngine(db);
    const id = await engine.createDemo('d', { locale: 'en' });
    await engine.load('l', id);
    const chosen = await engine.calibrationDefault(id);
    const v = await engine.value('v', id, REQUEST);
    expect(chosen).toEqual({ calibrationEndDay: v.calibrationEndDay, lastDay: v.lastDay, notice: v.calibration });
    expect(chosen!.notice.code).toBe('value.calibration.holdout');
    db.close();
  }, 60_000);
});
