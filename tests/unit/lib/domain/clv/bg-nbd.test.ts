import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfPurchases,
  bgNbdStandardErrors,
  bgNbdTotalLogLikelihood,
  fitBgNbd,
  type BgNbdParams,
} from '../../../../../src/lib/domain/clv/bg-nbd';
import { rfmSummary } from '../../../../../src/lib/domain/clv/rfm-summary';

const cdnow = (name: string) => readFileSync(new URL(`../../../../../../shared/data/cdnow/${name}`, import.meta.url), 'utf8');

const summary = (() => {
  const rows = cdnow('cdnow_customers_summary.csv').trim().split(/\r?\n/).slice(1);
  const cells = rows.map((line) => line.split(',').map(Number));
  return {
    frequency: cells.map((c) => c[1]),
    recency: cells.map((c) => c[2]),
    T: cells.map((c) => c[3]),
  };
})();

const relClose = (actual: number, expected: number, rel: number) => {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};
const sig3 = (v: number) => Number(v.toPrecision(3));

/** Published CDNOW estimates (Fader, Hardie & Lee 2005), rounded. */
const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

// References below were computed independently with mpmath at 40 digits from the textbook
// (non-Euler) forms: direct ₂F₁ by mpmath.hyp2f1, P(X = n) by direct summation.
describe('bgNbdLogLikelihood', () => {
  const p = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
  it('matches the MODELS.md check values', () => {
    relClose(bgNbdLogLikelihood(p, 0, 0, 40), -0.5994738181995927, 1e-13);
    relClose(bgNbdLogLikelihood(p, 200, 38, 40), 100.79569309270644, 1e-13);
    relClose(bgNbdLogLikelihood(PUBLISHED, 500, 38, 38.86), 720.3350465547595, 1e-13);
  });
});

describe('fitBgNbd', () => {
  it('reproduces the published CDNOW fit, quickly', () => {
    fitBgNbd(summary); // warm-up (JIT)
    const t0 = performance.now();
    const fit = fitBgNbd(summary);
    const ms = performance.now() - t0;
    console.info(`BG/NBD fit on 2,357 CDNOW customers: ${ms.toFixed(1)} ms`, fit);
    expect(sig3(fit.r)).toBe(0.243);
    expect(sig3(fit.alpha)).toBe(4.41);
    expect(sig3(fit.a)).toBe(0.793);
    expect(sig3(fit.b)).toBe(2.43);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    // lifetimes' BetaGeoFitter on the same file: 0.242593, 4.413532, 0.792886, 2.425752
    relClose(fit.r, 0.242593, 2e-5);
    relClose(fit.alpha, 4.413532, 2e-5);
    relClose(fit.a, 0.792886, 2e-5);
    relClose(fit.b, 2.425752, 2e-5);
    expect(fit.converged).toBe(true);
    expect(ms).toBeLessThan(200);
  });

  it('gives the same estimate from weights as from repeated rows', () => {
    const data = {
      frequency: [...summary.frequency.slice(0, 400), ...summary.frequency.slice(0, 400)],
      recency: [...summary.recency.slice(0, 400), ...summary.recency.slice(0, 400)],
      T: [...summary.T.slice(0, 400), ...summary.T.slice(0, 400)],
    };
    const weighted = fitBgNbd({
      frequency: summary.frequency.slice(0, 400),
      recency: summary.recency.slice(0, 400),
      T: summary.T.slice(0, 400),
      weights: new Array<number>(400).fill(2),
    });
    const repeated = fitBgNbd(data);
    relClose(weighted.logLikelihood, repeated.logLikelihood, 1e-10);
    relClose(weighted.r, repeated.r, 1e-4);
    relClose(weighted.b, repeated.b, 1e-4);
    relClose(bgNbdTotalLogLikelihood(weighted, data), weighted.logLikelihood, 1e-12);
  });

  it('fits the summary built by rfmSummary from the transaction log (CLVTools’ CDNOW estimate)', () => {
    const orders = cdnow('CDNOW_sample.txt')
      .trim()
      .split('\n')
      .map((line) => {
        const [, id, ymd, , dollars] = line.trim().split(/\s+/);
        return { customerId: id, date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`, amount: Number(dollars) };
      });
    const rows = rfmSummary(orders, { observationEnd: '1997-09-30', timeUnit: 'W' });
    const fit = fitBgNbd({
      frequency: rows.map((r) => r.frequency),
      recency: rows.map((r) => r.recency),
      T: rows.map((r) => r.T),
    });
    // CLVTools tests (full-precision weeks): r 0.2425945, α 4.4136019, a 0.7929199, b 2.4258881, LL −9582.429
    relClose(fit.r, 0.2425945, 1e-4);
    relClose(fit.alpha, 4.4136019, 1e-4);
    relClose(fit.a, 0.7929199, 1e-4);
    relClose(fit.b, 2.4258881, 1e-4);
    expect(fit.logLikelihood).toBeCloseTo(-9582.429, 2);
  });

  it('refuses data it cannot fit', () => {
    const catchCode = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const few = { frequency: [...new Array<number>(19).fill(1), 0, 0], recency: new Array<number>(21).fill(1), T: new Array<number>(21).fill(5) };
    expect(catchCode(() => fitBgNbd(few))).toEqual({ code: 'model.tooFewRepeaters', params: { count: 19 } });
    const flat = { frequency: new Array<number>(30).fill(2), recency: new Array<number>(30).fill(3), T: new Array<number>(30).fill(5) };
    expect(catchCode(() => fitBgNbd(flat))).toEqual({ code: 'model.noVariance' });
  });
});

describe('bgNbdStandardErrors', () => {
  it('matches lifetimes’ summary on CDNOW (se 0.012557, 0.378221, 0.185719, 0.705345)', () => {
    const fit = fitBgNbd(summary);
    const se = bgNbdStandardErrors(fit, summary);
    relClose(se.r, 0.012557, 5e-3);
    relClose(se.alpha, 0.378221, 5e-3);
    relClose(se.a, 0.185719, 5e-3);
    relClose(se.b, 0.705345, 5e-3);
  });
});

describe('BG/NBD predictions', () => {
  it('P(alive) matches the references', () => {
    relClose(bgNbdProbabilityAlive(PUBLISHED, 2, 30.43, 38.86), 0.726578570080673, 1e-12);
    expect(bgNbdProbabilityAlive(PUBLISHED, 0, 0, 38.86)).toBe(1);
    relClose(bgNbdProbabilityAlive(PUBLISHED, 1, 1.71, 38.86), 0.2121009853773791, 1e-12);
    relClose(bgNbdProbabilityAlive(PUBLISHED, 5, 10, 38), 0.02748157966307608, 1e-12);
    relClose(bgNbdProbabilityAlive(PUBLISHED, 50, 20, 35), 2.295007686618218e-09, 1e-11);
    relClose(bgNbdProbabilityAlive(PUBLISHED, 500, 38, 38.86), 0.026798690365027814, 1e-11);
    const tiny = bgNbdProbabilityAlive(PUBLISHED, 500, 5, 38.86); // true value 2.6e-329
    expect(tiny).toBeGreaterThanOrEqual(0);
    expect(tiny).toBeLessThan(1e-300);
  });

  it('conditional expected purchases match the references', () => {
    relClose(bgNbdExpectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86), 1.2260281747671444, 1e-11);
    relClose(bgNbdExpectedPurchases(PUBLISHED, 39, 0, 0, 38.86), 0.19509805201126265, 1e-11);
    relClose(bgNbdExpectedPurchases(PUBLISHED, 39, 1, 1.71, 38.86), 0.20318698707975405, 1e-11);
    relClose(bgNbdExpectedPurchases(PUBLISHED, 10, 5, 10, 38), 0.03179518277301375, 1e-11);
    relClose(bgNbdExpectedPurchases(PUBLISHED, 52, 50, 20, 35), 1.0702242732779176e-07, 1e-10);
    const a17 = { r: 0.5, alpha: 3, a: 1.7, b: 4 };
    relClose(bgNbdExpectedPurchases(a17, 20, 3, 8, 12), 1.6368565105737625, 1e-11);
    relClose(bgNbdExpectedPurchasesNew(a17, 20), 1.5847146336459879, 1e-11);
  });

  it('stays finite for large x', () => {
    relClose(bgNbdExpectedPurchases(PUBLISHED, 52, 500, 38, 38.86), 11.504540498651982, 1e-10);
    relClose(bgNbdExpectedPurchases(PUBLISHED, 1000, 500, 38, 38.86), 60.52845846211991, 1e-10);
    const gone = bgNbdExpectedPurchases(PUBLISHED, 52, 500, 5, 38.86); // true value 1.1e-326
    expect(gone).toBeGreaterThanOrEqual(0);
    expect(gone).toBeLessThan(1e-300);
    expect(Number.isFinite(bgNbdLogLikelihood(PUBLISHED, 5000, 38, 38.86))).toBe(true);
    expect(Number.isFinite(bgNbdExpectedPurchases(PUBLISHED, 52, 5000, 38.8, 38.86))).toBe(true);
  });

  it('is continuous through a = 1', () => {
    const at = (a: number) => bgNbdExpectedPurchases({ r: 0.5, alpha: 3, a, b: 4 }, 20, 3, 8, 12);
    const mid = at(1);
    expect(Number.isFinite(mid)).toBe(true);
    relClose(mid, (at(1 + 1e-4) + at(1 - 1e-4)) / 2, 1e-8);
    relClose(at(1 + 5e-8), mid, 1e-7);
    relClose(bgNbdExpectedPurchasesNew({ r: 0.5, alpha: 3, a: 1, b: 4 }, 20), (bgNbdExpectedPurchasesNew({ r: 0.5, alpha: 3, a: 1.0001, b: 4 }, 20) + bgNbdExpectedPurchasesNew({ r: 0.5, alpha: 3, a: 0.9999, b: 4 }, 20)) / 2, 1e-8);
  });

  it('is monotone in t', () => {
    let prevNew = 0;
    let prevCond = 0;
    for (let t = 1; t <= 520; t += 1) {
      const e = bgNbdExpectedPurchasesNew(PUBLISHED, t);
      const c = bgNbdExpectedPurchases(PUBLISHED, t, 3, 20, 38);
      expect(e).toBeGreaterThan(prevNew);
      expect(c).toBeGreaterThan(prevCond);
      prevNew = e;
      prevCond = c;
    }
    expect(bgNbdExpectedPurchasesNew(PUBLISHED, 0)).toBe(0);
  });

  it('unconditional expectation matches Hardie’s spreadsheet (via the lifetimes tests) at the fitted values', () => {
    const fit = fitBgNbd(summary);
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(bgNbdExpectedPurchasesNew(fit, t) - expected[i])).toBeLessThan(1e-3));
    expect(Math.abs(bgNbdExpectedPurchases(fit, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(1e-3);
    relClose(bgNbdExpectedPurchasesNew(PUBLISHED, 78), 1.8605190579427684, 1e-11);
    relClose(bgNbdExpectedPurchasesNew(PUBLISHED, 0.1429), 0.007828347516072164, 1e-10);
  });

  it('P(X(t) = n) matches the references and sums to 1', () => {
    const ref = [0.5737863520960094, 0.19939528083591146, 0.08542975953906076, 0.045860353847999726, 0.027671449335782194, 0.017965493866579044];
    ref.forEach((v, n) => relClose(bgNbdProbabilityOfPurchases(PUBLISHED, 39, n), v, 1e-11));
    relClose(bgNbdProbabilityOfPurchases(PUBLISHED, 39, 30), 7.029279962770475e-05, 1e-9);
    let total = 0;
    let mean = 0;
    for (let n = 0; n <= 3000; n++) {
      const pn = bgNbdProbabilityOfPurchases(PUBLISHED, 39, n);
      total += pn;
      mean += n * pn;
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-6);
    relClose(mean, bgNbdExpectedPurchasesNew(PUBLISHED, 39), 1e-3);
    expect(bgNbdProbabilityOfPurchases(PUBLISHED, 0, 0)).toBe(1);
    expect(() => bgNbdProbabilityOfPurchases(PUBLISHED, 39, 1.5)).toThrow(RangeError);
  });
});
