import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fitParetoNbd,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdScore,
} from '../../../../../src/lib/domain/clv/pareto-nbd';
import { createRandom } from '../../../../../src/lib/domain/random';
import { hyp2f1, lnGamma } from '../../../../../src/lib/domain/clv/special';
import { rfmSummaryColumns } from '../../../../../src/lib/domain/clv/rfm-summary';
import { defaultCalibrationEnd } from '../../../../../src/lib/domain/clv/calibration';
import { dayFromCivil } from '../../../../../src/lib/domain/days';
import { scoreCustomers } from '../../../../../src/lib/domain/clv/score';

/**
 * The UCI Online Retail sample (../shared/data/online-retail) summarised as workers/value/fit.ts
 * does for the value page: orders with a CustomerID, amounts Quantity·UnitPrice (cancellations
 * negative), weeks, the default calibration end. 703 customers, 144 repeaters.
 */
function retailSummary() {
  const text = readFileSync(new URL('../../../../../../shared/data/online-retail/online_retail_sample.csv', import.meta.url), 'utf8');
  const ids = new Map<string, number>();
  const customer: number[] = [], day: number[] = [], amount: number[] = [];
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const f: string[] = [];
    let cur = '', quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch !== '"') cur += ch;
        else if (line[i + 1] === '"') {
          cur += '"';
          i++;
        }
        else quoted = false;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        f.push(cur);
        cur = '';
      }
      else cur += ch;
    }
    f.push(cur);
    const [, invoice, , , quantity, date, price, id] = f;
    if (id === 'NA') continue;
    const [month, dayOfMonth, year] = date.split(' ')[0].split('/').map(Number);
    let c = ids.get(id);
    if (c === undefined) ids.set(id, (c = ids.size));
    customer.push(c);
    day.push(dayFromCivil(year, month, dayOfMonth));
    const value = Number(quantity) * Number(price);
    amount.push(invoice.startsWith('C') ? -Math.abs(value) : value);
  }
  const calEnd = defaultCalibrationEnd(Math.min(...day), Math.max(...day)).calibrationEndDay;
  const cal = rfmSummaryColumns(Int32Array.from(customer), Int32Array.from(day), Float64Array.from(amount), ids.size, { observationEndDay: calEnd, unitDays: 7 });
  const rows = [...cal.T.keys()].filter((c) => Number.isFinite(cal.T[c]));
  const pick = (a: Float64Array) => Float64Array.from(rows, (c) => a[c]);
  return { frequency: pick(cal.frequency), recency: pick(cal.recency), T: pick(cal.T) };
}

/** CDNOW calibration summary (2,357 customers, weeks), read from the shared data folder. */
function cdnowSummary() {
  const text = readFileSync(new URL('../../../../../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url), 'utf8');
  const lines = text.trim().split(/\r?\n/).slice(1);
  const frequency = new Float64Array(lines.length);
  const recency = new Float64Array(lines.length);
  const T = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const [, x, tx, age] = line.split(',').map(Number);
    frequency[i] = x;
    recency[i] = tx;
    T[i] = age;
  });
  return { frequency, recency, T };
}

const PUBLISHED = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const sig3 = (v: number) => Number(v.toPrecision(3));

/**
 * The likelihood written directly from the integral it comes from (Fader & Hardie's note):
 * L = Γ(r+x)αʳβˢ/Γ(r) · [ 1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x) · A0 ], A0 in plain arithmetic.
 * For moderate values only (no log space); an independent check of the log-space code.
 */
function plainLikelihood(p: typeof PUBLISHED, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const k = r + s + x;
  const a0 =
    alpha >= beta
      ? hyp2f1(k, s + 1, k + 1, (alpha - beta) / (alpha + tx)) / (alpha + tx) ** k -
        hyp2f1(k, s + 1, k + 1, (alpha - beta) / (alpha + T)) / (alpha + T) ** k
      : hyp2f1(k, r + x, k + 1, (beta - alpha) / (beta + tx)) / (beta + tx) ** k -
        hyp2f1(k, r + x, k + 1, (beta - alpha) / (beta + T)) / (beta + T) ** k;
  const front = Math.exp(lnGamma(r + x) - lnGamma(r)) * alpha ** r * beta ** s;
  return front * (1 / ((alpha + T) ** (r + x) * (beta + T) ** s) + (s / k) * a0);
}

/**
 * The second term of the likelihood as the integral it stands for (Simpson's rule):
 *   s/(r+s+x) · A0 = s · ∫_{t_x}^{T} (α+y)^-(r+x) · (β+y)^-(s+1) dy
 * (dropout at y after the last purchase, no purchase in (t_x, y]). Independent of ₂F₁.
 */
function a0ByQuadrature(p: typeof PUBLISHED, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const f = (y: number) => (alpha + y) ** -(r + x) * (beta + y) ** -(s + 1);
  const n = 2000;
  const h = (T - tx) / n;
  let sum = f(tx) + f(T);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(tx + i * h);
  return s * (sum * h) / 3;
}

describe('paretoNbdLogLikelihood', () => {
  it('matches the plain-arithmetic likelihood in both branches (α ≥ β and α < β)', () => {
    const cases: [typeof PUBLISHED, number, number, number][] = [
      [PUBLISHED, 0, 0, 38.86], // α < β
      [PUBLISHED, 2, 30.43, 38.86],
      [PUBLISHED, 5, 10, 30],
      [{ r: 0.8, alpha: 6, s: 1.3, beta: 2 }, 0, 0, 30], // α ≥ β
      [{ r: 0.8, alpha: 6, s: 1.3, beta: 2 }, 3, 12.5, 30],
      [{ r: 2, alpha: 5, s: 0.5, beta: 5 }, 4, 20, 25], // α = β (z = 0)
    ];
    for (const [p, x, tx, T] of cases) {
      expect(paretoNbdLogLikelihood(p, x, tx, T)).toBeCloseTo(Math.log(plainLikelihood(p, x, tx, T)), 10);
    }
  });

  it('agrees with A0 as an integral (quadrature) in both branches', () => {
    for (const p of [PUBLISHED, { r: 0.8, alpha: 6, s: 1.3, beta: 2 }]) {
      const [x, tx, T] = [3, 12.5, 30];
      const { r, alpha, s, beta } = p;
      const front = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
      const stayed = (alpha + T) ** -(r + x) * (beta + T) ** -s;
      const expected = front + Math.log(stayed + a0ByQuadrature(p, x, tx, T));
      expect(paretoNbdLogLikelihood(p, x, tx, T)).toBeCloseTo(expected, 8);
    }
  });

  it('handles t_x = T (A0 = 0) and T = 0', () => {
    const { r, alpha, s, beta } = PUBLISHED;
    const expected = lnGamma(r + 3) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta) - (r + 3) * Math.log(alpha + 20) - s * Math.log(beta + 20);
    expect(paretoNbdLogLikelihood(PUBLISHED, 3, 20, 20)).toBeCloseTo(expected, 12);
    expect(paretoNbdLogLikelihood(PUBLISHED, 0, 0, 0)).toBeCloseTo(0, 12);
  });

  it('stays finite for large x (log space)', () => {
    const ll = paretoNbdLogLikelihood(PUBLISHED, 500, 38, 39);
    expect(Number.isFinite(ll)).toBe(true);
  });

  it('refuses bad parameters and customers', () => {
    expect(() => paretoNbdLogLikelihood({ ...PUBLISHED, s: 0 }, 1, 1, 2)).toThrow(expect.objectContaining({ code: 'model.invalidParams' }));
    expect(() => paretoNbdLogLikelihood(PUBLISHED, 1, 3, 2)).toThrow(expect.objectContaining({ code: 'model.invalidCustomer' }));
  });
});

describe('paretoNbdProbabilityAlive and paretoNbdExpectedPurchases', () => {
  it('P(alive) = 1 when the last purchase is at T, and falls as the customer goes quiet', () => {
    expect(paretoNbdProbabilityAlive(PUBLISHED, 3, 30, 30)).toBe(1);
    const recent = paretoNbdProbabilityAlive(PUBLISHED, 3, 28, 30);
    const quiet = paretoNbdProbabilityAlive(PUBLISHED, 3, 5, 30);
    expect(recent).toBeLessThan(1);
    expect(quiet).toBeLessThan(recent);
    expect(quiet).toBeGreaterThan(0);
  });

  it('P(alive) equals the closed form from the plain likelihood pieces', () => {
    const [x, tx, T] = [2, 10, 38];
    const { r, alpha, s, beta } = PUBLISHED;
    const front = Math.exp(lnGamma(r + x) - lnGamma(r)) * alpha ** r * beta ** s;
    const stayedTerm = front / ((alpha + T) ** (r + x) * (beta + T) ** s);
    // P(alive) = (part of the likelihood where the customer is alive at T) / likelihood
    expect(paretoNbdProbabilityAlive(PUBLISHED, x, tx, T)).toBeCloseTo(stayedTerm / plainLikelihood(PUBLISHED, x, tx, T), 12);
  });

  it('expected purchases: formula by hand, 0 at t = 0, continuous at s = 1', () => {
    const [t, x, tx, T] = [39, 2, 30.43, 38.86];
    const { r, alpha, s, beta } = PUBLISHED;
    const alive = paretoNbdProbabilityAlive(PUBLISHED, x, tx, T);
    const byHand = ((r + x) * (beta + T)) / ((alpha + T) * (s - 1)) * (1 - ((beta + T) / (beta + T + t)) ** (s - 1)) * alive;
    expect(paretoNbdExpectedPurchases(PUBLISHED, t, x, tx, T)).toBeCloseTo(byHand, 12);
    expect(paretoNbdExpectedPurchases(PUBLISHED, 0, x, tx, T)).toBe(0);
    const at1 = paretoNbdExpectedPurchases({ ...PUBLISHED, s: 1 }, t, x, tx, T);
    const near1 = paretoNbdExpectedPurchases({ ...PUBLISHED, s: 1 + 1e-9 }, t, x, tx, T);
    expect(at1).toBeCloseTo(near1, 6);
    expect(Number.isFinite(at1)).toBe(true);
  });
});

describe('published per-customer values (BTYD walkthrough, lifetimes tests)', () => {
  it('P(alive) of x = 26, t_x = 30.86, T = 31 is 0.9979 (BTYD vignette, p. 8)', () => {
    const p = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
    expect(Math.abs(paretoNbdProbabilityAlive(p, 26, 30.86, 31) - 0.9979)).toBeLessThan(5e-4);
  });

  it('expected purchases in the next 52 weeks of that customer is 25.46 at the CDNOW fit', () => {
    expect(Math.abs(paretoNbdExpectedPurchases(PUBLISHED, 52, 26, 30.86, 31) - 25.46)).toBeLessThan(0.01);
  });

  it('large x without underflow: x = 132 and 133, t_x = T = 200, t = 10 (lifetimes values)', () => {
    const p = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    expect(paretoNbdExpectedPurchases(p, 10, 132, 200, 200)).toBeCloseTo(6.2060517889632418, 9);
    expect(paretoNbdExpectedPurchases(p, 10, 133, 200, 200)).toBeCloseTo(6.2528722475748113, 9);
  });

  it('P(alive) stays in [0, 1] where the plain formula overflows (α ≪ β, large x)', () => {
    const p = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 };
    for (const [x, tx, T] of [[40, 5, 6], [50, 1, 37], [50, 4, 37]]) {
      const alive = paretoNbdProbabilityAlive(p, x, tx, T);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
      expect(Number.isFinite(paretoNbdLogLikelihood(p, x, tx, T))).toBe(true);
    }
  });
});

describe('Pareto/NBD where ₂F₁ needs its integral form (z = (β−α)/(β+t) near 1)', () => {
  // the fit on the online-retail sample before the integral form (the series summed 40,000 terms
  // per customer there); LL by MODELS.md's formula with mpmath.hyp2f1 (mp.dps = 40)
  const P = { r: 0.3975820403655121, alpha: 22.36180589867254, s: 3.3642928399820646e-7, beta: 82974.52678204596 };
  it.each([
    [0, 0, 30, -0.3382719525662412],
    [1, 10, 40, -5.463066559634644],
    [2, 30.5, 52, -9.68322506699787],
    [7, 40, 45, -23.37612995723326],
  ])('LL of (x %d, t_x %d, T %d) matches mpmath to 1e-12', (x, tx, T, expected) => {
    const ll = paretoNbdLogLikelihood(P, x, tx, T);
    expect(Math.abs(ll - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
  });

  it('fits the online-retail sample (took ~20 s with the series alone) at the same likelihood, and scores it', () => {
    const data = retailSummary();
    expect(data.frequency.length).toBe(703);
    const fit = fitParetoNbd(data);
    // the series-only code reached r 0.3975820, α 22.361806, s 3.36e-7, β 8.30e4, LL −1166.031585961985
    // in ~20 s; with s → 0 the likelihood no longer depends on β (β ran on to the series' term cap
    // then, to the log-parameter bound e^15 now), so only r, α and the LL are compared
    expect(fit.logLikelihood).toBeCloseTo(-1166.031585961985, 7);
    expect(Math.abs(fit.r / 0.3975820403655121 - 1)).toBeLessThan(1e-5);
    expect(Math.abs(fit.alpha / 22.36180589867254 - 1)).toBeLessThan(1e-5);
    expect(fit.s).toBeLessThan(1e-5);
    expect(fit.beta).toBeGreaterThan(1e4);
    // scoring at that fit (z within 2e-5 of 1: the series would not converge). With a dropout rate
    // s/β ≈ 1e-13 nobody leaves: P(alive) → 1 and the expectation is the NBD's, (r + x)/(α + T) · t
    const scores = scoreCustomers({ kind: 'pareto-nbd', params: fit }, data, 39);
    for (let i = 0; i < data.frequency.length; i++) {
      expect(scores.probabilityAlive[i]).toBeGreaterThan(1 - 1e-6);
      const nbd = ((fit.r + data.frequency[i]) / (fit.alpha + data.T[i])) * 39;
      expect(Math.abs(scores.expectedPurchases[i] / nbd - 1)).toBeLessThan(1e-5);
    }
  });
});

describe('paretoNbdScore at parameters away from CDNOW', () => {
  // z = |α − β|/(max(α, β) + t) up to 0.5 (the batch's polynomial form of ₂F₁), 0.99 (its summed
  // series), in both branches; customers with x = 0 (H(0) kept per x) and t_x = T among them
  it.each([
    [{ r: 0.5, alpha: 2, s: 0.7, beta: 4 }],
    [{ r: 0.5, alpha: 1, s: 0.7, beta: 100 }],
    [{ r: 2.5, alpha: 30, s: 0.3, beta: 3 }],
    [{ r: 0.8, alpha: 7, s: 1, beta: 7 }],
  ])('equals the single-customer functions to 1e-12 (%o)', (p) => {
    const rng = createRandom('pareto/score-away');
    const n = 3000;
    const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = Math.floor(1 + rng.next() * 540) / 7;
      frequency[i] = Math.min(40, Math.floor(41 * rng.next() ** 3));
      recency[i] = frequency[i] === 0 ? 0 : i % 10 === 0 ? T[i] : Math.max(1, Math.floor(rng.next() * T[i] * 7)) / 7;
    }
    const horizons = [0, 39, 520];
    const out = paretoNbdScore(p, { frequency, recency, T }, horizons);
    const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
    let worst = 0;
    for (let i = 0; i < n; i++) {
      worst = Math.max(worst, rel(out.probabilityAlive[i], paretoNbdProbabilityAlive(p, frequency[i], recency[i], T[i])));
      horizons.forEach((h, k) => {
        worst = Math.max(worst, rel(out.expectedPurchases[k][i], paretoNbdExpectedPurchases(p, h, frequency[i], recency[i], T[i])));
      });
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });
});

describe('fitParetoNbd', () => {
  it('reproduces the published CDNOW fit to 3 significant digits', () => {
    const data = cdnowSummary();
    const start = performance.now();
    const fit = fitParetoNbd(data);
    const ms = performance.now() - start;
    console.log(`Pareto/NBD fit on CDNOW (2,357 customers): ${ms.toFixed(0)} ms`, fit);
    expect(sig3(fit.r)).toBe(0.553);
    expect(sig3(fit.alpha)).toBe(10.6);
    expect(sig3(fit.s)).toBe(0.606);
    expect(sig3(fit.beta)).toBe(11.7);
    expect(sig3(fit.logLikelihood)).toBe(-9590); // −9594.98 to 3 s.f.
    expect(fit.logLikelihood).toBeCloseTo(-9594.98, 1);
    expect(fit.converged).toBe(true);
  });

  it('gives the same fit when identical rows are passed once with weights', () => {
    const data = cdnowSummary();
    const counts = new Map<string, number>();
    for (let i = 0; i < data.frequency.length; i++) {
      const key = `${data.frequency[i]},${data.recency[i]},${data.T[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const rows = [...counts.entries()].map(([key, w]) => [...key.split(',').map(Number), w]);
    const weighted = fitParetoNbd({
      frequency: rows.map((r) => r[0]),
      recency: rows.map((r) => r[1]),
      T: rows.map((r) => r[2]),
      weights: rows.map((r) => r[3]),
    });
    expect(weighted.logLikelihood).toBeCloseTo(-9594.98, 1);
    expect(sig3(weighted.r)).toBe(0.553);
  });

  it('refuses too few repeaters and no variance', () => {
    const few = { frequency: [0, 0, 1, 2], recency: [0, 0, 3, 4], T: [10, 10, 10, 10] };
    expect(() => fitParetoNbd(few)).toThrow(expect.objectContaining({ code: 'model.tooFewRepeaters', params: { count: 2 } }));
    const same = { frequency: Array(30).fill(1), recency: Array(30).fill(2), T: Array(30).fill(10) };
    expect(() => fitParetoNbd(same)).toThrow(expect.objectContaining({ code: 'model.noVariance' }));
  });
});

describe('Pareto/NBD standard errors', () => {
  it('are finite, positive and smaller than the estimates on the CDNOW summary', async () => {
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const text = readFileSync(fileURLToPath(new URL('../../../../../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url)), 'utf8');
    const rows = text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
    const data = { frequency: rows.map((r) => r[1]), recency: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
    const { fitParetoNbd, paretoNbdStandardErrors } = await import('../../../../../src/lib/domain/clv/pareto-nbd');
    const fit = fitParetoNbd(data);
    const se = paretoNbdStandardErrors(fit, data);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Number.isFinite(se[k])).toBe(true);
      expect(se[k]).toBeGreaterThan(0);
      expect(se[k]).toBeLessThan(fit[k]);
    }
  });
});

