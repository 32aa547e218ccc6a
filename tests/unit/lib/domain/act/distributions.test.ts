/**
 * The distributions under the experiment read-out (issue 16), against SciPy 1.17.1
 * (scipy.stats.t / chi2, scipy.special.betainc / gammainc) and closed forms. Tail values are
 * compared relatively: the point of computing upper parts directly is that they stay accurate.
 */
import { describe, expect, it } from 'vitest';
import {
  betaRegularized, chiSquareSurvival, gammaRegularized, studentTCdf, studentTQuantile, studentTTwoSidedP,
} from '../../../../../src/lib/domain';

const rel = (actual: number, expected: number, tol: number) => {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tol);
};

describe('betaRegularized', () => {
  it('matches scipy.special.betainc / betaincc', () => {
    // I_0.4(2, 3) = 1 − 0.6⁴ − 4·0.4·0.6³ = 0.5248 exactly; scipy 0.5247999999999999
    rel(betaRegularized(2, 3, 0.4).lower, 0.5248, 1e-14);
    rel(betaRegularized(2, 3, 0.4).upper, 0.4752, 1e-14);
    // betainc(0.5, 0.5, 0.01) = 0.06376856085851985 (= 2/π·asin(√0.01), the arcsine law)
    rel(betaRegularized(0.5, 0.5, 0.01).lower, (2 / Math.PI) * Math.asin(0.1), 1e-13);
    rel(betaRegularized(0.5, 0.5, 0.01).lower, 0.06376856085851985, 1e-13);
    // betaincc(50, 60, 0.8) = 7.325653402889173e-16: the upper part far into its tail
    rel(betaRegularized(50, 60, 0.8).upper, 7.325653402889173e-16, 1e-11);
    // betainc(5000, 45000, 0.09) = 7.655657323910584e-15: large parameters
    rel(betaRegularized(5000, 45000, 0.09).lower, 7.655657323910584e-15, 1e-9);
  });

  it('has the edge values and NaN for bad arguments', () => {
    expect(betaRegularized(2, 3, 0)).toEqual({ lower: 0, upper: 1 });
    expect(betaRegularized(2, 3, 1)).toEqual({ lower: 1, upper: 0 });
    expect(Number.isNaN(betaRegularized(0, 3, 0.5).lower)).toBe(true);
    expect(Number.isNaN(betaRegularized(2, 3, 1.5).lower)).toBe(true);
  });
});

describe('gammaRegularized', () => {
  it('matches scipy.special.gammainc / gammaincc', () => {
    rel(gammaRegularized(1, 2).upper, Math.exp(-2), 1e-14); // gammaincc(1, 2) = 0.1353352832366127
    rel(gammaRegularized(3.5, 0.1).lower, 2.5156250830916195e-5, 1e-12); // gammainc(3.5, 0.1)
    rel(gammaRegularized(3.5, 30).upper, 1.5095553022989154e-10, 1e-12); // gammaincc(3.5, 30)
    expect(gammaRegularized(2, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

describe('Student t', () => {
  it('has the quantiles of the t tables (scipy.stats.t.ppf)', () => {
    rel(studentTQuantile(0.975, 5), 2.5705818356363146, 1e-13);
    rel(studentTQuantile(0.975, 10), 2.228138851986274, 1e-13);
    rel(studentTQuantile(0.995, 2.5), 7.163728138948783, 1e-12);
    // 10⁶ degrees of freedom: ln B(ν/2, ½) is a difference of ln Γ values near 6·10⁶, so ~1e-10
    rel(studentTQuantile(0.975, 1e6), 1.959966356814107, 1e-10);
    rel(studentTQuantile(0.9, 0.5), 10.27032441023451, 1e-12);
    // far tails
    rel(studentTQuantile(1e-10, 3), -2225.769284683093, 1e-11);
    rel(studentTQuantile(1e-6, 17.776), -6.904098071405931, 1e-12);
    // and symmetric
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.5705818356363146, 12);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    expect(Number.isNaN(studentTQuantile(1.1, 7))).toBe(true);
    expect(Number.isNaN(studentTQuantile(0.5, 0))).toBe(true);
  });

  it('has the closed forms for 1 and 2 degrees of freedom', () => {
    // ν = 1 (Cauchy): t = tan(π(p − ½)) = −cot(πp), written as ±1/tan(π·min(p, 1 − p)) to stay exact in the
    // tails; ν = 2: t = (2p − 1)/√(2p(1 − p))
    for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.45, 0.7, 0.975, 0.999999]) {
      rel(studentTQuantile(p, 1), p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p)), 1e-13);
      rel(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-13);
      rel(studentTCdf(studentTQuantile(p, 9.3), 9.3), p, 1e-12);
    }
  });

  it('has the tail probabilities of scipy.stats.t.sf', () => {
    rel(studentTCdf(-40, 2.5), 7.09781714524669e-5, 1e-12);
    rel(studentTCdf(-10, 30), 2.287625704114809e-11, 1e-11);
    rel(studentTCdf(-50, 100), 7.236081839880732e-73, 1e-10);
    rel(studentTCdf(-3, 200000), 0.001350064231388395, 1e-10);
    rel(studentTCdf(0.1, 4), 0.5374220795302733, 1e-14);
    rel(studentTCdf(-1e-8, 5), 0.4999999962039331, 1e-15);
    rel(1 - studentTCdf(1e-8, 5), 0.4999999962039331, 1e-8);
    // two-sided: 2·t.sf(2.228138851986274, 10) = 0.05
    rel(studentTTwoSidedP(2.228138851986274, 10), 0.05, 1e-13);
    rel(studentTTwoSidedP(-10, 30), 2 * 2.287625704114809e-11, 1e-11);
    expect(studentTTwoSidedP(0, 3)).toBe(1);
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(studentTCdf(Infinity, 3)).toBe(1);
  });
});

describe('chiSquareSurvival', () => {
  it('has the values of scipy.stats.chi2.sf', () => {
    rel(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-13);
    rel(chiSquareSurvival(100, 3), 1.5541594313896026e-21, 1e-12);
    rel(chiSquareSurvival(10, 10), 0.44049328506521257, 1e-13);
    rel(chiSquareSurvival(0.5, 4), 0.9735009788392561, 1e-14);
    rel(chiSquareSurvival(1200, 1000), 1.2255942330622893e-5, 1e-10);
    rel(chiSquareSurvival(1e-3, 1), 0.9747728793699604, 1e-14);
    expect(chiSquareSurvival(0, 2)).toBe(1);
    expect(chiSquareSurvival(Infinity, 2)).toBe(0);
  });
});
