import { describe, expect, it } from 'vitest';
import { minimizeWithRestarts, nelderMead } from '../../../../../src/lib/domain/clv/optimize';
import {
  digamma, hyp2f1, hyp2f1Minus1, hyp2f1OneUsesIntegral, lnBeta, lnGamma, lnHyp2f1One, lnHyp2f1OneWithGradient, logAddExp, logSubExp,
} from '../../../../../src/lib/domain/clv/special';
import { thrown } from '../../../../support/errors';

const relClose = (actual: number, expected: number, rel: number) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};

describe('lnGamma', () => {
  it('matches exact values', () => {
    relClose(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(lnGamma(2))).toBeLessThan(1e-14);
    relClose(lnGamma(10), Math.log(362880), 1e-15);
    relClose(lnGamma(21), Math.log(2432902008176640000), 1e-15);
  });

  it('matches 20-digit references (mpmath.loggamma)', () => {
    const refs: [number, number][] = [
      [1e-8, 18.42068073818021],
      [0.1, 2.252712651734206],
      [1.5, -0.12078223763524522],
      [2.5, 0.2846828704729192],
      [3.7, 1.428072326665388],
      [7.25, 7.0521854507385395],
      [9.999, 12.799575780077413],
      [12.5, 18.734347511936445],
      [100.5, 361.4355404677776],
      [1234.567, 7551.027809984276],
      [1e6, 12815504.569147611],
    ];
    for (const [x, y] of refs) relClose(lnGamma(x), y, 1e-13);
  });

  it('satisfies the recurrence across the series switch at 10', () => {
    for (const x of [0.3, 4.2, 9.5, 9.99999, 15.1]) relClose(lnGamma(x + 1) - lnGamma(x), Math.log(x), 1e-12);
  });

  it('returns NaN outside the domain', () => {
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1.5)).toBeNaN();
    expect(lnGamma(Number.NaN)).toBeNaN();
  });
});

describe('lnBeta', () => {
  it('matches closed forms', () => {
    expect(Math.abs(lnBeta(1, 1))).toBeLessThan(1e-14);
    relClose(lnBeta(2, 3), Math.log(1 / 12), 1e-13);
    relClose(lnBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
  });
});

describe('logAddExp / logSubExp', () => {
  it('adds and subtracts in log space', () => {
    relClose(logAddExp(Math.log(2), Math.log(3)), Math.log(5), 1e-15);
    relClose(logSubExp(Math.log(5), Math.log(3)), Math.log(2), 1e-15);
    relClose(logAddExp(1000, 1000), 1000 + Math.LN2, 1e-15);
    relClose(logSubExp(1000 + Math.LN2, 1000), 1000, 1e-15);
    relClose(logSubExp(0, -1e-20), Math.log(1e-20), 1e-12);
  });

  it('handles −Infinity', () => {
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logAddExp(3, Number.NEGATIVE_INFINITY)).toBe(3);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSubExp(3, Number.NEGATIVE_INFINITY)).toBe(3);
    expect(logSubExp(3, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSubExp(2, 3)).toBeNaN();
  });
});

describe('hyp2f1', () => {
  it('matches closed forms and references (mpmath.hyp2f1)', () => {
    relClose(hyp2f1(1, 1, 2, 0.5), -Math.log(0.5) / 0.5, 1e-15);
    relClose(hyp2f1(0.5, 1, 1.5, -0.25), Math.atan(0.5) / 0.5, 1e-15);
    relClose(hyp2f1(0.3, 1.7, 2.9, 0.9), 1.321662678576717, 1e-14);
    relClose(hyp2f1(2.5, -3, 1.5, 0.4), -0.07200000000000002, 1e-13); // terminating polynomial
    relClose(hyp2f1(1.2, 0.8, 1.9, -0.7), 0.7573066236641879, 1e-14);
    relClose(hyp2f1(0.4, 0.2, 1.1, 0.999), 1.2053311212044393, 1e-12);
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });

  it('hyp2f1Minus1 keeps precision when ₂F₁ is close to 1', () => {
    // ∂/∂a ₂F₁(a, 1; 2; z) at a = 0 is Σ z^k/(k(k+1)) = 1 + (1−z)·ln(1−z)/z
    relClose(hyp2f1Minus1(1e-12, 1, 2, 0.5), 1e-12 * (1 + Math.log(0.5)), 1e-10);
    relClose(hyp2f1Minus1(0.3, 1.7, 2.9, 0.9), 0.32166267857671693, 1e-13);
    expect(hyp2f1Minus1(0, 1, 2, 0.5)).toBe(0);
  });

  it('refuses rather than returning a wrong number', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow();
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow();
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow();
    // z so close to 1 that 100,000 terms are not enough
    expect(thrown(() => hyp2f1(0.5, 0.5, 0.9, 1 - 1e-7))).toMatchObject({ code: 'model.hyp2f1NotConverged' });
  });
});

// The optimiser lives in clv/optimize.ts; its tests sit here with the other numeric helpers.
describe('nelderMead', () => {
  const rosenbrock = ([x, y]: number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;

  it('minimises the Rosenbrock function', () => {
    const res = nelderMead(rosenbrock, [-1.2, 1], { tolerance: 1e-14, xTolerance: 1e-9 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
    expect(res.fx).toBeLessThan(1e-12);
  });

  it('treats NaN and Infinity as +Infinity', () => {
    const f = ([x, y]: number[]) => (x <= 0 ? Number.NaN : y < -1 ? Number.POSITIVE_INFINITY : (Math.log(x) - 1) ** 2 + (y - 2) ** 2);
    const res = nelderMead(f, [0.2, 0]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(Math.E, 4);
    expect(res.x[1]).toBeCloseTo(2, 4);
  });

  it('reports non-convergence at the iteration cap', () => {
    const res = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(res.converged).toBe(false);
    expect(res.iterations).toBe(10);
    expect(Number.isFinite(res.fx)).toBe(true);
  });

  it('minimizeWithRestarts keeps the best of several starts', () => {
    // two basins: a shallow one at x = −2 (f = 1) and the global one at x = 3 (f = 0)
    const f = ([x]: number[]) => Math.min((x + 2) ** 2 + 1, 4 * (x - 3) ** 2);
    expect(nelderMead(f, [-2.5]).x[0]).toBeCloseTo(-2, 4);
    const res = minimizeWithRestarts(f, [[-2.5], [2]]);
    expect(res.x[0]).toBeCloseTo(3, 5);
    expect(res.fx).toBeLessThan(1e-9);
    expect(res.converged).toBe(true);
    expect(() => minimizeWithRestarts(f, [])).toThrow(RangeError);
  });
});

describe('digamma', () => {
  it('matches mpmath.digamma (40 digits)', () => {
    relClose(digamma(1), -0.5772156649015329, 1e-15); // mpmath.digamma(1) = −γ
    relClose(digamma(0.3), -3.502524222200133, 1e-15); // mpmath.digamma(0.3)
    relClose(digamma(12.5), 2.485195651274912, 1e-15); // mpmath.digamma(12.5)
    relClose(digamma(1e-7), -10000000.5772155, 1e-15); // mpmath.digamma(1e-7)
    expect(digamma(0)).toBeNaN();
  });
});

describe('lnHyp2f1One: ₂F₁(1, b; c; z) near z = 1 by Euler’s integral', () => {
  // [b, c, z, mpmath.hyp2f1(1, b, c, z), and d/db, d/dc, d/dz of ln hyp2f1 by mpmath.diff] (mp.dps = 40)
  const cases: [number, number, number, number, number, number, number][] = [
    // the point of the Pareto/NBD fit on the online-retail sample: s ≈ 3.6e-7, x = 0, 1 − z = 2.7e-4
    [1.0000003617713662, 1.3975823284, 0.99973, 185.25454562979616, 7.29423957876767, -6.7877534196606, 2238.73102781371],
    [1.5, 2.0, 1 - 1e-9, 63243.55416096436, 18.7239212131499, -18.3376462587198, 500015825.029506],
    [0.4, 3.4, 0.95, 1.1794871526147221, 0.444550632046892, -0.0698500016517411, 0.311213790620044],
    [20, 22.5, 0.99973, 14.197428253603883, 0.651989786451431, -0.605927269639676, 33.1895941355088],
    // small b and c − b (x = 0 with small r or s)
    [0.05, 0.15, 0.999, 171.9062694720728, 26.4981502668442, -13.1008074626471, 895.90134637109],
    [0.3, 0.36, 1 - 1e-5, 43017.83881045492, 14.3347187921273, -13.7132069731583, 93999.1522370613],
  ];
  it.each(cases)('b %d, c %d, z %d: value to 1e-13, log-derivatives to 1e-11 (mpmath)', (b, c, z, value, db, dc, dz) => {
    expect(hyp2f1OneUsesIntegral(b, c, z, 1 - z)).toBe(true);
    relClose(Math.exp(lnHyp2f1One(b, c, z, 1 - z)), value, 1e-13);
    const g = new Float64Array(3);
    relClose(Math.exp(lnHyp2f1OneWithGradient(b, c, z, 1 - z, g, 0)), value, 1e-13);
    relClose(g[0], db, 1e-11);
    relClose(g[1], dc, 1e-11);
    relClose(g[2], dz, 1e-11);
  });

  it('agrees with the series where both are usable (z = 0.95, 0.99: a few thousand terms)', () => {
    for (const [b, c] of [[1.3, 1.9], [1, 1.25], [2, 7.9], [30, 33]]) {
      for (const z of [0.95, 0.99, 0.999]) relClose(lnHyp2f1One(b, c, z, 1 - z), Math.log(hyp2f1(1, b, c, z)), 1e-13);
    }
  });

  it('keeps the series where it is short, bit for bit', () => {
    expect(hyp2f1OneUsesIntegral(1.6, 2.2, 0.5, 0.5)).toBe(false);
    expect(hyp2f1OneUsesIntegral(1.6, 12, 0.999, 0.001)).toBe(false); // c − b large: the series' terms fall fast
    expect(lnHyp2f1One(1.6, 2.2, 0.5, 0.5)).toBe(Math.log(hyp2f1(1, 1.6, 2.2, 0.5)));
  });
});
