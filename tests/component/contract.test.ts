import { describe, expect, it } from 'vitest';
import { ValueState } from '../../src/lib/state/value.svelte';
import type { Workspace } from '../../src/lib/state/workspace.svelte';

describe('contract retention (sBG) from typed survivor counts', () => {
  const vs = new ValueState({} as Workspace);

  it('fits the published example and projects survival', () => {
    // Fader & Hardie (2007): 1000, 631, 468, 382, 326, 289, 262, 241 → α 0.704, β 1.182
    const { result, error } = vs.contract('1000, 631, 468, 382, 326, 289, 262, 241');
    expect(error).toBeNull();
    expect(result!.alpha).toBeCloseTo(0.704, 3);
    expect(result!.beta).toBeCloseTo(1.182, 3);
    expect(result!.rows[0]).toEqual({ t: 0, actual: 1, survival: 1, retention: null });
    // retention rises over time (heterogeneity)
    expect(result!.rows[8].retention!).toBeGreaterThan(result!.rows[1].retention!);
  });

  it('explains bad input instead of fitting', () => {
    expect(vs.contract('100, 120, 90').error?.code).toBe('model.badSurvivors');
    expect(vs.contract('abc').error?.code).toBe('model.badSurvivors');
  });
});
