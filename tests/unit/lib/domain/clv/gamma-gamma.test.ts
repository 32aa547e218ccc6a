import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood } from '../../../../../src/lib/domain/clv/gamma-gamma';
import { lnGamma } from '../../../../../src/lib/domain/clv/special';

/** CDNOW calibration summary with mean repeat spend (ID,x,t_x,T,zbar), from the shared data folder. */
function cdnowSpend() {
  const url = new URL('../../../../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url);
  const lines = readFileSync(url, 'utf8').trim().split(/\r?\n/).slice(1);
  return {
    frequency: lines.map((l) => Number(l.split(',')[1])),
    monetaryValue: lines.map((l) => Number(l.split(',')[4])),
  };
}

const sig3 = (v: number) => Number(v.toPrecision(3));
const REF = { p: 6.25, q: 3.74, gamma: 15.44 };

/**
 * Density of the mean spend m by integrating over the customer's ν: m | ν ~ Gamma(shape px,
 * rate νx), ν ~ Gamma(shape q, rate γ). Midpoint rule in u = ln ν. Independent of the closed form.
 */
function densityByQuadrature(p: typeof REF, x: number, m: number): number {
  const lnGammaPdf = (v: number, shape: number, rate: number) =>
    shape * Math.log(rate) - lnGamma(shape) + (shape - 1) * Math.log(v) - rate * v;
  const n = 20000;
  const lo = -12;
  const hi = 6;
  const h = (hi - lo) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const u = lo + (i + 0.5) * h;
    const nu = Math.exp(u);
    sum += Math.exp(lnGammaPdf(m, p.p * x, nu * x) + lnGammaPdf(nu, p.q, p.gamma) + u);
  }
  return sum * h;
}

describe('gammaGammaLogLikelihood', () => {
  it('equals the log of the mixture density computed by quadrature', () => {
    for (const [x, m] of [[1, 10], [2, 22.35], [5, 40], [12, 3]]) {
      expect(gammaGammaLogLikelihood(REF, x, m)).toBeCloseTo(Math.log(densityByQuadrature(REF, x, m)), 6);
    }
  });

  it('is 0 for x = 0 and refuses m ≤ 0 for a repeat customer', () => {
    expect(gammaGammaLogLikelihood(REF, 0, 0)).toBe(0);
    expect(() => gammaGammaLogLikelihood(REF, 2, 0)).toThrow(expect.objectContaining({ code: 'model.nonPositiveSpend' }));
    expect(() => gammaGammaLogLikelihood({ ...REF, q: -1 }, 2, 3)).toThrow(expect.objectContaining({ code: 'model.invalidParams' }));
  });
});

describe('gammaGammaExpectedSpend', () => {
  it('is the population mean p·γ/(q−1) for x = 0', () => {
    expect(gammaGammaExpectedSpend(REF, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
  });

  it('shrinks the observed mean towards the population mean by hand', () => {
    // p = 2, q = 3, γ = 10, x = 4, m = 30: 2·(10 + 120)/(8 + 3 − 1) = 26
    expect(gammaGammaExpectedSpend({ p: 2, q: 3, gamma: 10 }, 4, 30)).toBeCloseTo(26, 12);
    // the weight on m grows with x: p·x/(p·x + q − 1)
    const few = gammaGammaExpectedSpend(REF, 1, 100);
    const many = gammaGammaExpectedSpend(REF, 20, 100);
    expect(few).toBeLessThan(many);
    expect(many).toBeLessThan(100);
  });

  it('refuses q ≤ 1 (infinite mean) and negative spend', () => {
    expect(() => gammaGammaExpectedSpend({ p: 2, q: 1, gamma: 10 }, 0, 0)).toThrow(
      expect.objectContaining({ code: 'model.infiniteMeanSpend' }),
    );
    expect(() => gammaGammaExpectedSpend({ p: 2, q: 0.5, gamma: 10 }, 3, 20)).toThrow(
      expect.objectContaining({ code: 'model.infiniteMeanSpend' }),
    );
    expect(() => gammaGammaExpectedSpend(REF, 3, -5)).toThrow(expect.objectContaining({ code: 'model.nonPositiveSpend' }));
    expect(gammaGammaExpectedSpend(REF, 3, 0)).toBeCloseTo((6.25 * 15.44) / (6.25 * 3 + 2.74), 12);
  });
});

describe('fitGammaGamma', () => {
  it('reproduces the published CDNOW fit (946 repeaters) to 3 significant digits', () => {
    const data = cdnowSpend();
    const start = performance.now();
    const fit = fitGammaGamma(data);
    const ms = performance.now() - start;
    console.log(`Gamma-Gamma fit on CDNOW (946 repeaters): ${ms.toFixed(0)} ms`, fit);
    expect(sig3(fit.p)).toBe(6.25);
    expect(sig3(fit.q)).toBe(3.74);
    expect(sig3(fit.gamma)).toBe(15.4);
    expect(fit.gamma).toBeCloseTo(15.44, 1);
    expect(fit.logLikelihood).toBeCloseTo(-4055.92, 1);
    expect(fit.converged).toBe(true);
  });

  it('ignores customers without repeat purchases (whatever their spend) and honours weights', () => {
    const data = cdnowSpend();
    const base = fitGammaGamma(data);
    const noisy = fitGammaGamma({
      frequency: [...data.frequency, 0, 0],
      monetaryValue: [...data.monetaryValue, Number.NaN, -3],
    });
    expect(noisy.logLikelihood).toBeCloseTo(base.logLikelihood, 6);
    // every repeater twice, or once with weight 2: same estimates, double LL
    const doubled = fitGammaGamma({ ...data, weights: data.frequency.map(() => 2) });
    expect(doubled.logLikelihood).toBeCloseTo(2 * base.logLikelihood, 3);
    expect(doubled.p).toBeCloseTo(base.p, 3);
  });

  it('refuses too few repeaters, non-positive spends and no variance', () => {
    const few = { frequency: [0, 1, 2, 3], monetaryValue: [0, 10, 20, 30] };
    expect(() => fitGammaGamma(few)).toThrow(expect.objectContaining({ code: 'model.tooFewRepeaters', params: { count: 3 } }));
    const data = cdnowSpend();
    const firstRepeater = data.frequency.findIndex((x) => x > 0);
    const zero = { ...data, monetaryValue: data.monetaryValue.map((m, i) => (i === firstRepeater ? 0 : m)) };
    expect(() => fitGammaGamma(zero)).toThrow(
      expect.objectContaining({ code: 'model.nonPositiveSpend', params: { count: 1, index: firstRepeater } }),
    );
    const same = { frequency: Array(25).fill(2), monetaryValue: Array(25).fill(10) };
    expect(() => fitGammaGamma(same)).toThrow(expect.objectContaining({ code: 'model.noVariance' }));
  });
});
