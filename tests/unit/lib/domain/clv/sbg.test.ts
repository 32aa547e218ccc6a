import { describe, expect, it } from 'vitest';
import {
  fitShiftedBetaGeometric,
  sbgExpectedLifetime,
  sbgRetention,
  sbgSurvival,
} from '../../../../../src/lib/domain/clv/sbg';

const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];
const sig3 = (v: number) => Number(v.toPrecision(3));

/** LL written as MODELS.md states it: P_1 = α/(α+β), P_t = P_{t−1}·(β+t−2)/(α+β+t−1), S(t) = S(t−1) − P_t. */
function modelsLogLikelihood(alpha: number, beta: number, n: number[]): number {
  let P = 0;
  let S = 1;
  let ll = 0;
  for (let t = 1; t < n.length; t++) {
    P = t === 1 ? alpha / (alpha + beta) : (P * (beta + t - 2)) / (alpha + beta + t - 1);
    S -= P;
    ll += (n[t - 1] - n[t]) * Math.log(P);
  }
  return ll + n[n.length - 1] * Math.log(S);
}

describe('fitShiftedBetaGeometric', () => {
  it('reproduces Fader & Hardie (2007): regular α 0.704, β 1.182; high end α 0.668, β 3.806', () => {
    const regular = fitShiftedBetaGeometric(REGULAR);
    expect([sig3(regular.alpha), sig3(regular.beta)]).toEqual([0.704, 1.18]);
    expect(regular.beta).toBeCloseTo(1.182, 3);
    const high = fitShiftedBetaGeometric(HIGH_END);
    expect([sig3(high.alpha), sig3(high.beta)]).toEqual([0.668, 3.81]);
    expect(high.beta).toBeCloseTo(3.806, 3);
    expect(regular.converged && high.converged).toBe(true);
  });

  it('reports the log-likelihood of MODELS.md at the estimate, and it is a maximum', () => {
    const fit = fitShiftedBetaGeometric(REGULAR);
    expect(fit.logLikelihood).toBeCloseTo(modelsLogLikelihood(fit.alpha, fit.beta, REGULAR), 8);
    for (const [da, db] of [[0.01, 0], [-0.01, 0], [0, 0.01], [0, -0.01]]) {
      expect(modelsLogLikelihood(fit.alpha + da, fit.beta + db, REGULAR)).toBeLessThan(fit.logLikelihood);
    }
  });

  it('accepts shares instead of counts (same estimates)', () => {
    const shares = REGULAR.map((n) => n / 10);
    const fit = fitShiftedBetaGeometric(shares);
    expect(fit.alpha).toBeCloseTo(fitShiftedBetaGeometric(REGULAR).alpha, 5);
  });

  it('refuses bad survivor series', () => {
    const reasonOf = (s: number[]) => {
      try {
        fitShiftedBetaGeometric(s);
      } catch (e) {
        return (e as { code: string; params: { reason: string } }).code + ':' + (e as { params: { reason: string } }).params.reason;
      }
      return 'accepted';
    };
    expect(reasonOf([100, 50])).toBe('model.badSurvivors:tooShort');
    expect(reasonOf([100, 60, 70])).toBe('model.badSurvivors:increasing');
    expect(reasonOf([100, Number.NaN, 40])).toBe('model.badSurvivors:notNumber');
    expect(reasonOf([100, 80, -1])).toBe('model.badSurvivors:notNumber');
    expect(reasonOf([0, 0, 0])).toBe('model.badSurvivors:emptyCohort');
    expect(reasonOf([100, 100, 100])).toBe('model.badSurvivors:noChurn');
    expect(reasonOf([100, 0, 0])).toBe('model.badSurvivors:noSurvivors');
    expect(reasonOf([100, 50, 0])).toBe('accepted');
  });
});

describe('sbgSurvival and sbgRetention', () => {
  it('α = β = 1: S(t) = 1/(t+1), r_t = t/(t+1) by hand', () => {
    const p = { alpha: 1, beta: 1 };
    expect(sbgSurvival(p, 0)).toBe(1);
    expect(sbgSurvival(p, 1)).toBeCloseTo(1 / 2, 14);
    expect(sbgSurvival(p, 3)).toBeCloseTo(1 / 4, 14);
    expect(sbgRetention(p, 1)).toBeCloseTo(1 / 2, 14);
    expect(sbgRetention(p, 3)).toBeCloseTo(3 / 4, 14);
  });

  it('S(t) = S(t−1) − P_t with MODELS.md recursion, and S(t)/S(t−1) = r_t', () => {
    const p = { alpha: 0.704, beta: 1.182 };
    let P = 0;
    let S = 1;
    for (let t = 1; t <= 12; t++) {
      P = t === 1 ? p.alpha / (p.alpha + p.beta) : (P * (p.beta + t - 2)) / (p.alpha + p.beta + t - 1);
      S -= P;
      expect(sbgSurvival(p, t)).toBeCloseTo(S, 13);
      expect(sbgSurvival(p, t) / sbgSurvival(p, t - 1)).toBeCloseTo(sbgRetention(p, t), 13);
    }
  });

  it('continues smoothly beyond the product range (beta-function form)', () => {
    const p = { alpha: 0.704, beta: 1.182 };
    const a = sbgSurvival(p, 10_000);
    const b = sbgSurvival(p, 10_001);
    expect(b / a).toBeCloseTo(sbgRetention(p, 10_001), 10);
  });

  it('refuses bad periods and parameters', () => {
    expect(() => sbgSurvival({ alpha: 1, beta: 1 }, -1)).toThrow(expect.objectContaining({ code: 'model.invalidPeriod' }));
    expect(() => sbgRetention({ alpha: 1, beta: 1 }, 0)).toThrow(expect.objectContaining({ code: 'model.invalidPeriod' }));
    expect(() => sbgSurvival({ alpha: 0, beta: 1 }, 1)).toThrow(expect.objectContaining({ code: 'model.invalidParams' }));
  });
});

describe('sbgExpectedLifetime', () => {
  it('truncated: Σ_{t<periods} S(t) by hand', () => {
    expect(sbgExpectedLifetime({ alpha: 1, beta: 1 }, 3)).toBeCloseTo(1 + 1 / 2 + 1 / 3, 14);
    expect(sbgExpectedLifetime({ alpha: 1, beta: 1 }, 0)).toBe(0);
    expect(sbgExpectedLifetime({ alpha: 1, beta: 1 }, 1)).toBe(1);
  });

  it('untruncated closed form (α+β−1)/(α−1) matches a long truncated sum', () => {
    const p = { alpha: 3, beta: 4 };
    expect(sbgExpectedLifetime(p)).toBeCloseTo(3, 14);
    // tail after N periods ≈ Σ_{t≥N} S(t) ~ C·N^(1−α): at α = 3, N = 1e5 it is < 1e-6
    expect(sbgExpectedLifetime(p, 100_000)).toBeCloseTo(3, 5);
  });

  it('refuses the infinite mean (α ≤ 1) without a horizon', () => {
    expect(() => sbgExpectedLifetime({ alpha: 0.704, beta: 1.182 })).toThrow(
      expect.objectContaining({ code: 'model.infiniteLifetime' }),
    );
    expect(sbgExpectedLifetime({ alpha: 0.704, beta: 1.182 }, 12)).toBeGreaterThan(1);
  });
});
