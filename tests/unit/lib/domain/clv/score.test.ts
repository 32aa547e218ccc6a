import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew, bgNbdLogLikelihood, bgNbdProbabilityAlive, customerLifetimeValue, fitBgNbd, fitParetoNbd,
  gammaGammaExpectedSpend, lifetimeValues, paretoNbdExpectedPurchases, paretoNbdLogLikelihood, paretoNbdProbabilityAlive, scoreCustomers,
  scoreCustomersAt, type PurchaseModel,
} from '../../../../../src/lib/domain';
import { createRandom } from '../../../../../src/lib/domain/random';

/** CDNOW calibration summary (2,357 customers, weeks), read from the shared data folder. */
function cdnowSummary() {
  const text = readFileSync(new URL('../../../../../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url), 'utf8');
  const lines = text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
  return {
    frequency: Float64Array.from(lines, (l) => l[1]),
    recency: Float64Array.from(lines, (l) => l[2]),
    T: Float64Array.from(lines, (l) => l[3]),
  };
}

/** The published CDNOW fits (Fader, Hardie & Lee 2005; lifetimes' documentation). */
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

/**
 * Customers of both kinds of data: ages from a continuum, and ages and recencies counted in whole
 * days (in weeks, k/7), where many (x, T) repeat — the second takes the batch's memo path.
 */
function customers(n: number, seed: string, days: boolean) {
  const rng = createRandom(seed);
  const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const age = days ? Math.floor(1 + rng.next() * 540) / 7 : 0.5 + 77.5 * rng.next();
    const x = Math.min(40, Math.floor(41 * rng.next() ** 3));
    T[i] = age;
    frequency[i] = x;
    recency[i] = x === 0 ? 0 : days ? Math.max(1, Math.floor(rng.next() * age * 7)) / 7 : age * Math.sqrt(rng.next());
  }
  return { frequency, recency, T };
}

const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

describe('scoreCustomers', () => {
  const models: PurchaseModel[] = [{ kind: 'bg-nbd', params: BG }, { kind: 'pareto-nbd', params: PARETO }];
  const single = {
    'bg-nbd': { alive: bgNbdProbabilityAlive, expected: bgNbdExpectedPurchases },
    'pareto-nbd': { alive: paretoNbdProbabilityAlive, expected: paretoNbdExpectedPurchases },
  } as const;

  for (const model of models) {
    for (const [label, data] of [
      ['CDNOW', cdnowSummary()],
      ['a continuum of ages', customers(20_000, 'score/continuum', false)],
      ['ages in whole days', customers(20_000, 'score/days', true)],
    ] as const) {
      it(`${model.kind} on ${label}: equal to the single-customer functions to 1e-12, at several horizons`, () => {
        const { alive, expected } = single[model.kind];
        const p = model.params as never;
        for (const horizon of [0, 1, 39, 520]) {
          const out = scoreCustomers(model, data, horizon);
          expect(out.probabilityAlive).toBeInstanceOf(Float64Array);
          expect(out.expectedPurchases.length).toBe(data.frequency.length);
          let worst = 0;
          for (let i = 0; i < data.frequency.length; i++) {
            const x = data.frequency[i], tx = data.recency[i], T = data.T[i];
            worst = Math.max(worst, relative(out.probabilityAlive[i], alive(p, x, tx, T)), relative(out.expectedPurchases[i], expected(p, horizon, x, tx, T)));
          }
          expect(worst).toBeLessThanOrEqual(1e-12);
        }
      });
    }
  }

  it('BG/NBD batch (polynomial pieces of the Euler factor) equals the single functions to 1e-12 for other parameters, large x and long horizons', () => {
    // a > 1, a just off 1 (the averaged side of the Euler factor), small α (y down to ~1e-3), large b
    const params = [
      { r: 0.8, alpha: 12, a: 1.7, b: 4.2 },
      { r: 0.243, alpha: 4.414, a: 1 + 3e-7, b: 2.426 },
      { r: 2.5, alpha: 0.6, a: 0.35, b: 0.9 },
      { r: 0.5, alpha: 30, a: 3.5, b: 40 },
    ];
    const data = customers(6000, 'score/pieces', false);
    for (let i = 0; i < 300; i++) {
      data.frequency[i] = 50 + 37 * i; // up to ~11,000 purchases: the Map side of the per-x table
      data.recency[i] = data.T[i] * 0.9;
    }
    for (const p of params) {
      for (const horizons of [[39], [0.25, 52, 520]]) {
        const out = scoreCustomersAt({ kind: 'bg-nbd', params: p }, data, horizons);
        let worst = 0;
        for (let i = 0; i < data.frequency.length; i++) {
          const x = data.frequency[i], tx = data.recency[i], T = data.T[i];
          expect(out.probabilityAlive[i]).toBe(bgNbdProbabilityAlive(p, x, tx, T)); // same arithmetic
          horizons.forEach((t, k) => { worst = Math.max(worst, relative(out.expectedPurchases[k][i], bgNbdExpectedPurchases(p, t, x, tx, T))); });
        }
        expect(worst).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('BG/NBD batch gives the same scores when called again (nothing kept between calls) and for one customer at a time', () => {
    const data = customers(4000, 'score/again', true);
    const model: PurchaseModel = { kind: 'bg-nbd', params: BG };
    const first = scoreCustomers(model, data, 39);
    expect(scoreCustomers(model, data, 39)).toEqual(first);
    for (const i of [0, 1, 2, 1000, 3999]) {
      const one = scoreCustomers(model, { frequency: [data.frequency[i]], recency: [data.recency[i]], T: [data.T[i]] }, 39);
      expect(relative(one.expectedPurchases[0], first.expectedPurchases[i])).toBeLessThanOrEqual(1e-12);
      expect(one.probabilityAlive[0]).toBe(first.probabilityAlive[i]);
    }
  });

  it('gives P(alive) exactly 1 to every customer without a repeat purchase under BG/NBD', () => {
    const data = customers(5000, 'score/zero', false);
    const out = scoreCustomers({ kind: 'bg-nbd', params: BG }, data, 39);
    let zeros = 0;
    for (let i = 0; i < data.frequency.length; i++) {
      if (data.frequency[i] !== 0) continue;
      zeros++;
      expect(out.probabilityAlive[i]).toBe(1);
      // a new customer observed for T: E equals the new-customer expectation shifted by T (same (x, T) → same value)
      expect(out.expectedPurchases[i]).toBeGreaterThan(0);
    }
    expect(zeros).toBeGreaterThan(1000);
  });

  it('scores several horizons in one pass as it scores each alone', () => {
    const data = customers(3000, 'score/horizons', true);
    const model: PurchaseModel = { kind: 'pareto-nbd', params: PARETO };
    const both = scoreCustomersAt(model, data, [13, 52]);
    expect(both.expectedPurchases[0]).toEqual(scoreCustomers(model, data, 13).expectedPurchases);
    expect(both.expectedPurchases[1]).toEqual(scoreCustomers(model, data, 52).expectedPurchases);
    expect(both.probabilityAlive).toEqual(scoreCustomers(model, data, 13).probabilityAlive);
  });

  it('keeps the published single-customer values (Fader, Hardie & Lee 2005: x = 2, t_x = 30.43, T = 38.86)', () => {
    const one = { frequency: [2], recency: [30.43], T: [38.86] };
    // BG/NBD paper, Figure 4 / lifetimes: E[Y(39) | 2, 30.43, 38.86] ≈ 1.226
    expect(scoreCustomers({ kind: 'bg-nbd', params: BG }, one, 39).expectedPurchases[0]).toBeCloseTo(1.226, 3);
  });

  it('returns empty columns for no customers', () => {
    const out = scoreCustomers({ kind: 'bg-nbd', params: BG }, { frequency: [], recency: [], T: [] }, 39);
    expect(out.probabilityAlive.length).toBe(0);
    expect(out.expectedPurchases.length).toBe(0);
  });
});

describe('impossible customers are refused, never scored', () => {
  const refusal = (reason: string, index = 0) => expect.objectContaining({ code: 'model.invalidCustomer', params: expect.objectContaining({ reason, index }) });
  // (x, t_x, T) and why each is impossible
  const cases: [number, number, number, string][] = [
    [2, 45, 38.86, 'recencyAboveAge'], // the example: bgNbdProbabilityAlive returned 0.853
    [-1, 0, 38.86, 'negativeFrequency'], // returned 0.553
    [1.5, 10, 38.86, 'nonIntegerFrequency'],
    [3, 0, 38.86, 'repeatWithoutRecency'],
    [0, 5, 38.86, 'recencyWithoutRepeat'],
    [2, -1, 38.86, 'negativeRecency'],
    [2, 10, Infinity, 'notFinite'],
    [Number.NaN, 0, 10, 'notFinite'],
    [2, Number.NaN, 10, 'notFinite'],
  ];

  for (const [x, tx, T, reason] of cases) {
    it(`(${x}, ${tx}, ${T}): ${reason}, by every model function`, () => {
      expect(() => bgNbdProbabilityAlive(BG, x, tx, T)).toThrow(refusal(reason));
      expect(() => bgNbdExpectedPurchases(BG, 39, x, tx, T)).toThrow(refusal(reason));
      expect(() => bgNbdLogLikelihood(BG, x, tx, T)).toThrow(refusal(reason));
      expect(() => paretoNbdProbabilityAlive(PARETO, x, tx, T)).toThrow(refusal(reason));
      expect(() => paretoNbdExpectedPurchases(PARETO, 39, x, tx, T)).toThrow(refusal(reason));
      expect(() => paretoNbdLogLikelihood(PARETO, x, tx, T)).toThrow(refusal(reason));
      expect(() => customerLifetimeValue(BG, GG, { frequency: x, recency: tx, T, monetaryValue: 20 }, { months: 12, monthlyDiscountRate: 0.01, timeUnitsPerMonth: 4.345 }))
        .toThrow(refusal(reason));
      // in a batch, the index says which customer
      const data = { frequency: [1, 0, x], recency: [5, 0, tx], T: [10, 10, T] };
      expect(() => scoreCustomers({ kind: 'bg-nbd', params: BG }, data, 39)).toThrow(refusal(reason, 2));
      expect(() => scoreCustomers({ kind: 'pareto-nbd', params: PARETO }, data, 39)).toThrow(refusal(reason, 2));
    });
  }

  it('refuses them in the fits too, naming the row', () => {
    const data = cdnowSummary();
    const bad = { frequency: Float64Array.from(data.frequency), recency: Float64Array.from(data.recency), T: Float64Array.from(data.T) };
    bad.recency[7] = bad.T[7] + 1;
    bad.frequency[7] = 2;
    expect(() => fitBgNbd(bad)).toThrow(refusal('recencyAboveAge', 7));
    expect(() => fitParetoNbd(bad)).toThrow(refusal('recencyAboveAge', 7));
  });

  it('refuses a negative or non-finite horizon', () => {
    const horizon = (reason: string) => expect.objectContaining({ code: 'model.invalidCustomer', params: expect.objectContaining({ reason }) });
    expect(() => bgNbdExpectedPurchases(BG, -1, 2, 30.43, 38.86)).toThrow(horizon('negativeHorizon'));
    expect(() => paretoNbdExpectedPurchases(PARETO, -1, 2, 30.43, 38.86)).toThrow(horizon('negativeHorizon'));
    expect(() => bgNbdExpectedPurchasesNew(BG, -3)).toThrow(horizon('negativeHorizon'));
    expect(() => scoreCustomers({ kind: 'bg-nbd', params: BG }, { frequency: [0], recency: [0], T: [5] }, -1)).toThrow(horizon('negativeHorizon'));
    expect(() => scoreCustomers({ kind: 'pareto-nbd', params: PARETO }, { frequency: [0], recency: [0], T: [5] }, Number.NaN)).toThrow(horizon('notFinite'));
  });

  it('refuses bad parameters and columns of different lengths once per call', () => {
    const one = { frequency: [1], recency: [2], T: [3] };
    expect(() => scoreCustomers({ kind: 'bg-nbd', params: { ...BG, a: 0 } }, one, 1)).toThrow(expect.objectContaining({ code: 'model.invalidParams' }));
    expect(() => scoreCustomers({ kind: 'pareto-nbd', params: { ...PARETO, beta: Number.NaN } }, one, 1)).toThrow(expect.objectContaining({ code: 'model.invalidParams' }));
    expect(() => scoreCustomers({ kind: 'bg-nbd', params: BG }, { frequency: [1, 2], recency: [2], T: [3] }, 1)).toThrow(expect.objectContaining({ code: 'model.lengthMismatch' }));
  });
});

describe('lifetimeValues', () => {
  it('equals customerLifetimeValue customer by customer (BG/NBD, 12 months, 1% a month)', () => {
    const data = customers(4000, 'score/clv', true);
    const monetary = Float64Array.from(data.frequency, (x, i) => (x > 0 ? 10 + (i % 50) : 0));
    const options = { months: 12, monthlyDiscountRate: 0.01, margin: 0.3, timeUnitsPerMonth: 4.345 };
    const spend = Float64Array.from(data.frequency, (x, i) => gammaGammaExpectedSpend(GG, x, monetary[i]));
    const batch = lifetimeValues({ kind: 'bg-nbd', params: BG }, data, spend, options);
    let worst = 0;
    for (let i = 0; i < data.frequency.length; i++) {
      const one = customerLifetimeValue(BG, GG, { frequency: data.frequency[i], recency: data.recency[i], T: data.T[i], monetaryValue: monetary[i] }, options);
      worst = Math.max(worst, relative(batch[i], one));
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('with no discount telescopes to spend × margin × E[X(months)] (the sum of the increments), for Pareto/NBD too', () => {
    const data = customers(500, 'score/clv-pareto', false);
    const spend = new Float64Array(500).fill(20);
    const tau = 4.345;
    const clv = lifetimeValues({ kind: 'pareto-nbd', params: PARETO }, data, spend, { months: 6, monthlyDiscountRate: 0, margin: 0.5, timeUnitsPerMonth: tau });
    const e = scoreCustomers({ kind: 'pareto-nbd', params: PARETO }, data, 6 * tau).expectedPurchases;
    for (let i = 0; i < 500; i++) expect(clv[i]).toBeCloseTo(20 * 0.5 * e[i], 10);
  });
});

describe('fitParetoNbd (BFGS with the analytic gradient)', () => {
  it('ends where the likelihood is flat: central differences of the summed single-customer log-likelihood vanish', () => {
    const data = cdnowSummary();
    const fit = fitParetoNbd(data);
    expect(fit.converged).toBe(true);
    const total = (p: typeof PARETO) => {
      let s = 0;
      for (let i = 0; i < data.frequency.length; i++) s += paretoNbdLogLikelihood(p, data.frequency[i], data.recency[i], data.T[i]);
      return s;
    };
    expect(total(fit)).toBeCloseTo(fit.logLikelihood, 6);
    // ∂LL/∂ln θ by central differences, at a relative step of 1e-5: ~0 at the maximum
    for (const name of ['r', 'alpha', 's', 'beta'] as const) {
      const h = 1e-5;
      const up = total({ ...fit, [name]: fit[name] * Math.exp(h) });
      const down = total({ ...fit, [name]: fit[name] * Math.exp(-h) });
      expect(Math.abs((up - down) / (2 * h))).toBeLessThan(1e-2);
    }
    // the published fit on this file (PARETO above, as in pareto-nbd.test.ts), to its printed digits
    expect(fit.r).toBeCloseTo(0.553, 2);
    expect(fit.alpha).toBeCloseTo(10.58, 1);
    expect(fit.s).toBeCloseTo(0.606, 2);
    expect(fit.beta).toBeCloseTo(11.67, 0);
  });
});
