/**
 * The experiment read-out (issue 16) against independent values: R's documented Welch test on
 * the `sleep` data, SciPy 1.17.1 (scipy.stats.norm / ttest_ind(equal_var=False) / chisquare /
 * integrate.quad of Beta densities), Evan Miller's Bayesian sum done in mpmath at 30 digits, hand
 * arithmetic with z values to 10 digits, closed forms and a seeded Monte Carlo run.
 */
import { describe, expect, it } from 'vitest';
import {
  chanceToBeatControl, meanDifferenceTest, sampleRatioMismatch, sampleSizePerArm, twoProportionTest,
} from '../../../../../src/lib/domain';
import { createRandom } from '../../../../../src/lib/domain/random';

const rel = (actual: number, expected: number, tol: number) => {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tol);
};
const notice = (fn: () => unknown): { code: string; params?: Record<string, unknown> } => {
  try {
    fn();
  } catch (e) {
    return e as { code: string };
  }
  throw new Error('expected a notice');
};

describe('twoProportionTest', () => {
  it('tests 100/1000 against 130/1000 (R prop.test(correct = FALSE) / SciPy arithmetic)', () => {
    // pooled p = 230/2000 = 0.115, SE₀ = √(0.115·0.885·(2/1000)) = 0.014267095…, z = 0.03/SE₀ = 2.102740605622114,
    // p = 2·norm.sf(z) = 0.03548845046647471; SE = √(0.09/1000 + 0.1131/1000) = 0.014251315…, 95% CI 0.03 ± 1.959963985·SE
    const r = twoProportionTest({ n: 1000, conversions: 100 }, { n: 1000, conversions: 130 });
    expect(r.rateA).toBe(0.1);
    expect(r.rateB).toBe(0.13);
    expect(r.difference).toBeCloseTo(0.03, 15);
    expect(r.lift).toBeCloseTo(0.3, 14);
    rel(r.z, 2.102740605622114, 1e-13);
    rel(r.pValue, 0.03548845046647471, 1e-12);
    rel(r.ci[0], 0.0020679344393763656, 1e-11);
    rel(r.ci[1], 0.057932065560623636, 1e-12);
  });

  it('keeps small p-values relative (norm.sf in its tail)', () => {
    // 2000/100,000 against 2400/100,000: z = 6.097674333191042, p = 1.076227212265179e-09
    const r = twoProportionTest({ n: 100_000, conversions: 2000 }, { n: 100_000, conversions: 2400 });
    rel(r.z, 6.097674333191042, 1e-12);
    rel(r.pValue, 1.076227212265179e-9, 1e-10);
    rel(r.ci[0], 0.0027144070461396267, 1e-10);
    rel(r.ci[1], 0.005285592953860373, 1e-11);
  });

  it('takes the confidence level, and zero conversions in A gives an infinite lift', () => {
    // 0/10 against 3/10 at 90%: z = 0.3/√(0.15·0.85·0.2) = 1.8786728732554483, p = 0.060289173990602164,
    // SE = √(0 + 0.021/10), 90% CI 0.3 ± 1.644853627·SE = [0.06163806399510077, 0.5383619360048992]
    const r = twoProportionTest({ n: 10, conversions: 0 }, { n: 10, conversions: 3 }, { confidence: 0.9 });
    rel(r.z, 1.8786728732554483, 1e-13);
    rel(r.pValue, 0.060289173990602164, 1e-12);
    rel(r.ci[0], 0.06163806399510077, 1e-12);
    rel(r.ci[1], 0.5383619360048992, 1e-13);
    expect(r.lift).toBe(Infinity);
  });

  it('has no evidence either way when both groups are the same, all or nothing', () => {
    const same = twoProportionTest({ n: 20_000, conversions: 1620 }, { n: 20_000, conversions: 1620 });
    expect(same).toMatchObject({ difference: 0, lift: 0, z: 0, pValue: 1 });
    rel(same.ci[1], 0.0053474699920022925, 1e-12); // SciPy arithmetic: 1.959963985·√(2·0.081·0.919/20000)
    const none = twoProportionTest({ n: 50, conversions: 0 }, { n: 80, conversions: 0 });
    expect(none).toMatchObject({ rateA: 0, rateB: 0, difference: 0, z: 0, pValue: 1, ci: [0, 0] });
    expect(Number.isNaN(none.lift)).toBe(true);
    const all = twoProportionTest({ n: 50, conversions: 50 }, { n: 80, conversions: 80 });
    expect(all).toMatchObject({ difference: 0, lift: 0, z: 0, pValue: 1, ci: [0, 0] });
  });

  it('throws notices for bad input', () => {
    expect(notice(() => twoProportionTest({ n: 0, conversions: 0 }, { n: 10, conversions: 1 }))).toEqual({ code: 'act.groupEmpty', params: { a: 0, b: 10 } });
    expect(notice(() => twoProportionTest({ n: 10, conversions: 11 }, { n: 10, conversions: 1 })).code).toBe('act.countsInvalid');
    expect(notice(() => twoProportionTest({ n: 10, conversions: 1.5 }, { n: 10, conversions: 1 })).code).toBe('act.countsInvalid');
    expect(notice(() => twoProportionTest({ n: 10, conversions: 1 }, { n: -1, conversions: 0 })).code).toBe('act.countsInvalid');
    expect(notice(() => twoProportionTest({ n: 10, conversions: 1 }, { n: 10, conversions: 1 }, { confidence: 1 })).code).toBe('act.confidenceInvalid');
  });
});

describe('meanDifferenceTest', () => {
  // R: t.test(extra ~ group, data = sleep) — "t = -1.8608, df = 17.776, p-value = 0.07939,
  // 95 percent confidence interval: -3.3654832 0.2054832, means 0.75 2.33" (group 1 − group 2).
  // Here A = group 1, B = group 2, so the signs turn: t = 1.8608, CI [−0.2054832, 3.3654832].
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const sums = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((s, x) => s + x, 0), sumSquares: xs.reduce((s, x) => s + x * x, 0) });

  it("reproduces R's Welch test on the sleep data", () => {
    const r = meanDifferenceTest(sums(group1), sums(group2));
    expect(r.meanA).toBeCloseTo(0.75, 12);
    expect(r.meanB).toBeCloseTo(2.33, 12);
    expect(r.difference).toBeCloseTo(1.58, 12);
    // scipy.stats.ttest_ind(group2, group1, equal_var=False): statistic 1.8608134674868526,
    // df 17.776473516178488, pvalue 0.0793941401873583, CI (−0.20548323071171137, 3.3654832307117104)
    rel(r.t, 1.8608134674868526, 1e-12);
    rel(r.df, 17.776473516178488, 1e-12);
    rel(r.pValue, 0.0793941401873583, 1e-11);
    rel(r.ci[0], -0.20548323071171137, 1e-10);
    rel(r.ci[1], 3.3654832307117104, 1e-12);
    // at 99%: ttest_ind(...).confidence_interval(0.99) = (−0.86763291991904, 4.027632919919039)
    const r99 = meanDifferenceTest(sums(group1), sums(group2), { confidence: 0.99 });
    rel(r99.ci[0], -0.86763291991904, 1e-11);
    rel(r99.ci[1], 4.027632919919039, 1e-12);
  });

  it('takes the df from one group when the other has no spread', () => {
    // A: 5 × 10 (variance 0); B: 1…5 (mean 3, s² = 2.5): SE² = 0.5, df = 0.5²/(0.5²/4) = 4, t = −7/√0.5
    const r = meanDifferenceTest({ n: 5, sum: 50, sumSquares: 500 }, { n: 5, sum: 15, sumSquares: 55 });
    expect(r.df).toBeCloseTo(4, 12);
    expect(r.t).toBeCloseTo(-7 / Math.sqrt(0.5), 12);
    // 2·scipy.stats.t.sf(9.899494936611665, 4) = 2·0.00029220530765140324
    rel(r.pValue, 2 * 0.00029220530765140324, 1e-12);
  });

  it('handles groups without spread at all', () => {
    const same = meanDifferenceTest({ n: 4, sum: 40, sumSquares: 400 }, { n: 6, sum: 60, sumSquares: 600 });
    expect(same).toEqual({ meanA: 10, meanB: 10, difference: 0, ci: [0, 0], t: 0, df: 8, pValue: 1 });
    const apart = meanDifferenceTest({ n: 4, sum: 40, sumSquares: 400 }, { n: 6, sum: 72, sumSquares: 864 });
    expect(apart).toMatchObject({ difference: 2, ci: [2, 2], t: Infinity, pValue: 0 });
  });

  it('throws notices for bad input', () => {
    expect(notice(() => meanDifferenceTest({ n: 1, sum: 5, sumSquares: 25 }, { n: 5, sum: 15, sumSquares: 55 }))).toEqual({ code: 'act.groupTooSmall', params: { a: 1, b: 5 } });
    expect(notice(() => meanDifferenceTest({ n: 0, sum: 0, sumSquares: 0 }, { n: 5, sum: 15, sumSquares: 55 })).code).toBe('act.groupTooSmall');
    // Σx² below (Σx)²/n cannot come from real values
    expect(notice(() => meanDifferenceTest({ n: 5, sum: 15, sumSquares: 40 }, { n: 5, sum: 15, sumSquares: 55 })).code).toBe('act.sumsInvalid');
    expect(notice(() => meanDifferenceTest({ n: 5, sum: NaN, sumSquares: 40 }, { n: 5, sum: 15, sumSquares: 55 })).code).toBe('act.sumsInvalid');
    expect(notice(() => meanDifferenceTest({ n: 2.5, sum: 1, sumSquares: 40 }, { n: 5, sum: 15, sumSquares: 55 })).code).toBe('act.sumsInvalid');
    expect(notice(() => meanDifferenceTest({ n: 5, sum: 15, sumSquares: 55 }, { n: 5, sum: 15, sumSquares: 55 }, { confidence: 0 })).code).toBe('act.confidenceInvalid');
  });
});

describe('chanceToBeatControl', () => {
  it('has the closed forms of small cases', () => {
    // Beta(2, 1) against Beta(1, 1): ∫₀¹ 2x·x dx = 2/3
    expect(chanceToBeatControl({ n: 0, conversions: 0 }, { n: 1, conversions: 1 })).toBeCloseTo(2 / 3, 13);
    // Beta(2, 1) against Beta(1, 2): ∫ 2(1 − a)(1 − a²) da = 2(1 − ½ − ⅓ + ¼) = 5/6
    expect(chanceToBeatControl({ n: 1, conversions: 0 }, { n: 1, conversions: 1 })).toBeCloseTo(5 / 6, 13);
    expect(chanceToBeatControl({ n: 1, conversions: 1 }, { n: 1, conversions: 0 })).toBeCloseTo(1 / 6, 13);
  });

  it('is one half for equal data and symmetric', () => {
    for (const g of [{ n: 0, conversions: 0 }, { n: 10, conversions: 0 }, { n: 10, conversions: 10 }, { n: 777, conversions: 61 }, { n: 200_000, conversions: 13_000 }]) {
      // ln B of parameters near 10⁵ carries ~1e-10 of rounding
      expect(chanceToBeatControl(g, g)).toBeCloseTo(0.5, 9);
      expect(chanceToBeatControl(g, g, { prior: [0.5, 0.5] })).toBeCloseTo(0.5, 8);
    }
    const a = { n: 1000, conversions: 100 }, b = { n: 1000, conversions: 130 };
    expect(chanceToBeatControl(a, b) + chanceToBeatControl(b, a)).toBeCloseTo(1, 12);
  });

  it("matches Evan Miller's sum in 30-digit arithmetic and SciPy's quadrature", () => {
    // mpmath Σ_{i<α_B} B(α_A+i, β_A+β_B)/((β_B+i)B(1+i, β_B)B(α_A, β_A)); quad of beta.pdf(x, A)·beta.sf(x, B)
    expect(chanceToBeatControl({ n: 1000, conversions: 100 }, { n: 1000, conversions: 130 })).toBeCloseTo(0.9821650661163506 /* mpmath 0.982165066116350521849066203441 */, 12);
    expect(chanceToBeatControl({ n: 100, conversions: 10 }, { n: 100, conversions: 14 })).toBeCloseTo(0.8034168744483831 /* mpmath 0.80341687444838309671261767967 */, 12);
    expect(chanceToBeatControl({ n: 10_000, conversions: 1000 }, { n: 10_000, conversions: 1100 })).toBeCloseTo(0.989457354431714 /* mpmath 0.989457354431714014644371692136 */, 11);
    expect(chanceToBeatControl({ n: 10, conversions: 5 }, { n: 10, conversions: 3 })).toBeCloseTo(0.19349845201238391 /* mpmath 0.193498452012383900928792569659 */, 13);
    // large groups: quad gives 0.9769614768097239 and 0.6871239604965799
    expect(chanceToBeatControl({ n: 500_000, conversions: 50_000 }, { n: 500_000, conversions: 50_600 })).toBeCloseTo(0.9769614768097239, 9);
    expect(chanceToBeatControl({ n: 100_000, conversions: 30_000 }, { n: 100_000, conversions: 30_100 })).toBeCloseTo(0.6871239604965799, 9);
  });

  it('integrates non-integer posteriors (Jeffreys prior) to SciPy quad', () => {
    const jeffreys = { prior: [0.5, 0.5] as [number, number] };
    expect(chanceToBeatControl({ n: 1000, conversions: 100 }, { n: 1000, conversions: 130 }, jeffreys)).toBeCloseTo(0.9823454708058214, 9);
    // Beta(0.5, 20.5) against Beta(1.5, 19.5): a density singular at 0
    expect(chanceToBeatControl({ n: 20, conversions: 0 }, { n: 20, conversions: 1 }, jeffreys)).toBeCloseTo(0.8223133122971563, 9);
    expect(chanceToBeatControl({ n: 500_000, conversions: 50_000 }, { n: 500_000, conversions: 50_600 }, jeffreys)).toBeCloseTo(0.976961969448524, 8);
    // Beta(0.7, 14.3) against Beta(2.7, 12.3) (the second Monte Carlo case below): quad 0.9126890015755174
    expect(chanceToBeatControl({ n: 12, conversions: 0 }, { n: 12, conversions: 2 }, { prior: [0.7, 2.3] })).toBeCloseTo(0.9126890015755174, 9);
  });

  it('agrees with a seeded Monte Carlo run', () => {
    const rng = createRandom('act-chance-mc');
    const draws = 200_000;
    // quad: 0.8036150561023234 and 0.9126890015755174
    const cases: [number, number, number, number, [number, number]][] = [
      [40, 7, 35, 9, [1, 1]],
      [12, 0, 12, 2, [0.7, 2.3]],
    ];
    for (const [na, ca, nb, cb, prior] of cases) {
      let wins = 0;
      for (let i = 0; i < draws; i++) {
        if (rng.beta(prior[0] + cb, prior[1] + nb - cb) > rng.beta(prior[0] + ca, prior[1] + na - ca)) wins++;
      }
      const mc = wins / draws;
      const p = chanceToBeatControl({ n: na, conversions: ca }, { n: nb, conversions: cb }, { prior });
      expect(Math.abs(p - mc)).toBeLessThan(4 * Math.sqrt((mc * (1 - mc)) / draws)); // 4 standard errors
    }
  });

  it('is fast for tens of thousands of conversions', () => {
    const start = performance.now();
    for (let k = 0; k < 20; k++) chanceToBeatControl({ n: 1_000_000, conversions: 300_000 + k }, { n: 1_000_000, conversions: 300_500 });
    expect((performance.now() - start) / 20).toBeLessThan(20);
    const start2 = performance.now();
    chanceToBeatControl({ n: 1_000_000, conversions: 300_000 }, { n: 1_000_000, conversions: 300_500 }, { prior: [0.5, 0.5] });
    expect(performance.now() - start2).toBeLessThan(500);
  });

  it('throws notices for bad input', () => {
    expect(notice(() => chanceToBeatControl({ n: 1, conversions: 0 }, { n: 1, conversions: 0 }, { prior: [0, 1] })).code).toBe('act.priorInvalid');
    expect(notice(() => chanceToBeatControl({ n: 1, conversions: 2 }, { n: 1, conversions: 0 })).code).toBe('act.countsInvalid');
  });
});

describe('sampleSizePerArm', () => {
  // z₀.₉₇₅ = 1.959963985, z₀.₈ = 0.8416212336, z₀.₉₉₅ = 2.575829304, z₀.₉ = 1.281551566 (norm.ppf)
  it('follows the formula, rounded up', () => {
    // (1.959963985·√(2·0.1·0.9) + 0.8416212336·√(0.09 + 0.1056))² / 0.02² = 3622.616… → 3623,
    // Evan Miller's calculator's answer for 10% baseline, +2 points, α 5%, power 80%
    expect(sampleSizePerArm(0.1, 0.12)).toBe(3623);
    // 7663.00027… → 7664: a value just above a whole number still goes up
    expect(sampleSizePerArm(0.05, 0.06)).toBe(7664);
    // (2.575829304·√(2·0.2·0.8) + 1.281551566·√(0.16 + 0.1275))² / 0.05² = 1839.148… → 1840
    expect(sampleSizePerArm(0.2, 0.15, { alpha: 0.01, power: 0.9 })).toBe(1840);
    expect(sampleSizePerArm(0.5, 0.6)).toBe(391); // 390.078
    expect(sampleSizePerArm(0.03, 0.033)).toBe(51487); // 51486.456
  });

  it('throws notices for bad input', () => {
    expect(notice(() => sampleSizePerArm(0.1, 0.1)).code).toBe('act.effectZero');
    expect(notice(() => sampleSizePerArm(0, 0.1)).code).toBe('act.rateInvalid');
    expect(notice(() => sampleSizePerArm(0.1, 1)).code).toBe('act.rateInvalid');
    expect(notice(() => sampleSizePerArm(0.1, 0.2, { alpha: 0 })).code).toBe('act.alphaInvalid');
    expect(notice(() => sampleSizePerArm(0.1, 0.2, { power: 1 })).code).toBe('act.powerInvalid');
  });
});

describe('sampleRatioMismatch', () => {
  it('has the values of scipy.stats.chisquare', () => {
    // chisquare([5000, 5200]) = (3.9215686274509802, 0.0476703806561615)
    const r = sampleRatioMismatch([5000, 5200]);
    rel(r.chiSquare, 3.9215686274509802, 1e-14);
    rel(r.pValue, 0.0476703806561615, 1e-12);
    // chisquare([5000, 5100]) = (0.9900990099009901, 0.3197181768128675)
    rel(sampleRatioMismatch([5000, 5100]).pValue, 0.3197181768128675, 1e-12);
    // a planned 10% control: chisquare([900, 10100], [1100, 9900]) = (40.40404040404041, 2.0651359139393986e-10)
    const planned = sampleRatioMismatch([900, 10_100], [0.1, 0.9]);
    rel(planned.chiSquare, 40.40404040404041, 1e-13);
    rel(planned.pValue, 2.0651359139393986e-10, 1e-11);
    // shares need not sum to 1
    expect(sampleRatioMismatch([900, 10_100], [1, 9]).chiSquare).toBeCloseTo(40.40404040404041, 10);
    // four groups, 3 df: chisquare([300, 330, 270, 310]) = (6.198347107438016, 0.10234901912569369)
    const four = sampleRatioMismatch([300, 330, 270, 310]);
    rel(four.chiSquare, 6.198347107438016, 1e-14);
    rel(four.pValue, 0.10234901912569369, 1e-12);
  });

  it('has the edge cases', () => {
    expect(sampleRatioMismatch([0, 0])).toEqual({ chiSquare: 0, pValue: 1 });
    expect(sampleRatioMismatch([500, 500])).toEqual({ chiSquare: 0, pValue: 1 });
    expect(sampleRatioMismatch([3, 5], [0, 1])).toEqual({ chiSquare: Infinity, pValue: 0 });
    expect(sampleRatioMismatch([0, 5], [0, 1])).toEqual({ chiSquare: 0, pValue: 1 });
  });

  it('throws notices for bad input', () => {
    expect(notice(() => sampleRatioMismatch([5]))).toEqual({ code: 'act.groupsTooFew', params: { groups: 1 } });
    expect(notice(() => sampleRatioMismatch([5, -1])).code).toBe('act.groupCountInvalid');
    expect(notice(() => sampleRatioMismatch([5, 5], [1])).code).toBe('act.sharesInvalid');
    expect(notice(() => sampleRatioMismatch([5, 5], [0, 0])).code).toBe('act.sharesInvalid');
    expect(notice(() => sampleRatioMismatch([5, 5], [-1, 2])).code).toBe('act.sharesInvalid');
  });
});
