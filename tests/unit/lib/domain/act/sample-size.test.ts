/**
 * The sample-size plan (issue 16). Expected values: n = (z_{1−α/2}·√(2p(1−p)) + z_{1−β}·√(p(1−p)
 * + q(1−q)))² ÷ (q − p)² computed in SciPy 1.17.1 (norm.ppf): p = 0.10, q = 0.12 → 3622.62 (Evan
 * Miller's online calculator shows 3,623 for 10% baseline, 2% absolute effect, 80% power, 5%);
 * p = 0.12, q = 0.10 → 4051.02; p = 0.08, q = 0.10 → 2983.27; p = 0.08, q = 0.096 → 4632.71;
 * p = 0.08, q = 0.10, α = 0.01, power 0.9 → 5674.72.
 */
import { describe, expect, it } from 'vitest';
import { NO_DAY, planSampleSize, recentBuyersPerDay } from '../../../../../src/lib/domain';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  throw new Error('expected a notice');
};

describe('planSampleSize', () => {
  it('plans an absolute effect with days at a daily rate', () => {
    // 3623 per arm, 7246 in all; 7246 ÷ 100 = 72.46 → 73 days
    expect(planSampleSize({ baseline: 0.1, effect: 0.02, effectKind: 'absolute', perDay: 100 }))
      .toEqual({ baseline: 0.1, target: 0.12, perArm: 3623, total: 7246, days: 73 });
  });

  it('plans a relative effect as a share of the baseline', () => {
    // 8% × 1.2 = 9.6% → 4633; 10% × 1.2 = 12% → 3623
    expect(planSampleSize({ baseline: 0.08, effect: 0.2, effectKind: 'relative' })).toMatchObject({ target: 0.096, perArm: 4633, days: null });
    expect(planSampleSize({ baseline: 0.1, effect: 0.2, effectKind: 'relative' }).perArm).toBe(3623);
  });

  it('plans a drop, and another α and power', () => {
    expect(planSampleSize({ baseline: 0.12, effect: -0.02, effectKind: 'absolute' }).perArm).toBe(4052);
    expect(planSampleSize({ baseline: 0.08, effect: 0.02, effectKind: 'absolute' }).perArm).toBe(2984);
    expect(planSampleSize({ baseline: 0.08, effect: 0.02, effectKind: 'absolute', alpha: 0.01, power: 0.9 }).perArm).toBe(5675);
  });

  it('refuses impossible plans with a notice per field', () => {
    const base = { baseline: 0.1, effect: 0.02, effectKind: 'absolute' as const };
    for (const baseline of [0, 1, -0.1, 1.5, NaN]) expect(code(() => planSampleSize({ ...base, baseline }))).toBe('sampleSize.error.baseline');
    expect(code(() => planSampleSize({ ...base, effect: 0 }))).toBe('sampleSize.error.effectZero');
    expect(code(() => planSampleSize({ ...base, effect: Infinity }))).toBe('sampleSize.error.effect');
    expect(code(() => planSampleSize({ ...base, baseline: 0.95, effect: 0.1 }))).toBe('sampleSize.error.target');
    expect(code(() => planSampleSize({ ...base, effect: -0.1 }))).toBe('sampleSize.error.target'); // 10% − 10 points = 0
    expect(code(() => planSampleSize({ ...base, effect: -1, effectKind: 'relative' }))).toBe('sampleSize.error.target');
    for (const alpha of [0, 1, NaN]) expect(code(() => planSampleSize({ ...base, alpha }))).toBe('sampleSize.error.alpha');
    for (const power of [0, 1, NaN]) expect(code(() => planSampleSize({ ...base, power }))).toBe('sampleSize.error.power');
    for (const perDay of [0, -3, NaN, Infinity]) expect(code(() => planSampleSize({ ...base, perDay }))).toBe('sampleSize.error.perDay');
  });
});

describe('recentBuyersPerDay', () => {
  it('counts the customers whose last purchase is in the last 90 days, ending on the latest one', () => {
    // latest 100: the window is days 11…100 (90 days); 11 is in, 10 is out; never-buyers do not count
    expect(recentBuyersPerDay(Int32Array.from([100, 95, 11, 10, NO_DAY]), 90)).toEqual({ asOfDay: 100, customers: 3, days: 90, perDay: 3 / 90 });
  });

  it('gives no rate without purchases', () => {
    expect(recentBuyersPerDay(Int32Array.from([NO_DAY, NO_DAY]))).toEqual({ asOfDay: null, customers: 0, days: 90, perDay: 0 });
    expect(recentBuyersPerDay(new Int32Array(0))).toEqual({ asOfDay: null, customers: 0, days: 90, perDay: 0 });
  });
});
