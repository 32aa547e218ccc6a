import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from '../../../../../src/lib/domain/clv/clv';
import { bgNbdExpectedPurchases } from '../../../../../src/lib/domain/clv/bg-nbd';
import { cacPayback, retentionClv, simpleClv } from '../../../../../src/lib/domain/clv/simple-clv';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // CDNOW BG/NBD (DESIGN.md)
const GG = { p: 6.25, q: 3.74, gamma: 15.44 }; // CDNOW Gamma-Gamma
const WEEKS = 4.345;

/** ₂F₁ by its plain series (MODELS.md "₂F₁ by series"), written here for an independent check. */
function series2F1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) return sum;
  }
  throw new Error('no convergence');
}

/** BG/NBD conditional expected purchases in the original (untransformed) form of Fader, Hardie & Lee (2005). */
function expectedPurchases(p: typeof BG, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const core = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * series2F1(r + x, b + x, a + b + x - 1, z));
  const alive = 1 / (1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0));
  return core * alive;
}

describe('customerLifetimeValue', () => {
  const customer = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }; // CDNOW ID 1

  it('matches a direct numeric summation of the formula with CDNOW parameters', () => {
    const months = 12;
    const d = 0.01;
    const margin = 0.3;
    const spend = (GG.p * (GG.gamma + customer.frequency * customer.monetaryValue)) / (GG.p * customer.frequency + GG.q - 1);
    let sum = 0;
    for (let i = 1; i <= months; i++) {
      const now = expectedPurchases(BG, i * WEEKS, customer.frequency, customer.recency, customer.T);
      const before = expectedPurchases(BG, (i - 1) * WEEKS, customer.frequency, customer.recency, customer.T);
      sum += (now - before) / (1 + d) ** i;
    }
    const expected = margin * spend * sum;
    const clv = customerLifetimeValue(BG, GG, customer, { months, monthlyDiscountRate: d, margin, timeUnitsPerMonth: WEEKS });
    expect(clv).toBeCloseTo(expected, 10);
    expect(clv).toBeGreaterThan(0);
  });

  it('telescopes at d = 0 to margin · spend · E[X(months·τ)]', () => {
    for (const c of [customer, { frequency: 0, recency: 0, T: 30, monetaryValue: 0 }, { frequency: 15, recency: 35, T: 38, monetaryValue: 80 }]) {
      const clv = customerLifetimeValue(BG, GG, c, { months: 24, monthlyDiscountRate: 0, margin: 0.25, timeUnitsPerMonth: WEEKS });
      const spend =
        c.frequency === 0 ? (GG.p * GG.gamma) / (GG.q - 1) : (GG.p * (GG.gamma + c.frequency * c.monetaryValue)) / (GG.p * c.frequency + GG.q - 1);
      const total = bgNbdExpectedPurchases(BG, 24 * WEEKS, c.frequency, c.recency, c.T);
      expect(clv).toBeCloseTo(0.25 * spend * total, 9);
    }
  });

  it('hand-checked case: r = a + b − 1 makes ₂F₁ = 1, so E[X(t)] = 3t/(α+T+t)', () => {
    // r = 3, α = 1, a = 2, b = 2, new customer observed T = 1: E[X(t)] = 3·(1 − 2/(2+t)) = 3t/(2+t)
    // → E[X(1)] = 1, E[X(2)] = 1.5. Spend (x = 0): p·γ/(q−1) = 1·10/1 = 10. Margin 0.5, d = 0.1:
    // CLV = 0.5 · 10 · (1/1.1 + 0.5/1.21) = 5 · 160/121 = 800/121
    const clv = customerLifetimeValue(
      { r: 3, alpha: 1, a: 2, b: 2 },
      { p: 1, q: 2, gamma: 10 },
      { frequency: 0, recency: 0, T: 1, monetaryValue: 0 },
      { months: 2, monthlyDiscountRate: 0.1, margin: 0.5, timeUnitsPerMonth: 1 },
    );
    expect(clv).toBeCloseTo(800 / 121, 12);
  });

  it('defaults margin to 1, is 0 for 0 months, and never NaN or negative for extreme customers', () => {
    const opts = { months: 6, monthlyDiscountRate: 0.01, timeUnitsPerMonth: WEEKS };
    expect(customerLifetimeValue(BG, GG, customer, opts)).toBeCloseTo(
      customerLifetimeValue(BG, GG, customer, { ...opts, margin: 1 }),
      12,
    );
    expect(customerLifetimeValue(BG, GG, customer, { ...opts, months: 0 })).toBe(0);
    for (const c of [
      { frequency: 300, recency: 38.5, T: 38.86, monetaryValue: 299.63 },
      { frequency: 300, recency: 0.5, T: 38.86, monetaryValue: 10 },
      { frequency: 1, recency: 0.01, T: 38.86, monetaryValue: 2.99 },
      { frequency: 0, recency: 0, T: 0, monetaryValue: 0 },
    ]) {
      const v = customerLifetimeValue(BG, GG, c, { ...opts, months: 120 });
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('discounting lowers the value; more months raise it', () => {
    const base = { months: 12, monthlyDiscountRate: 0, timeUnitsPerMonth: WEEKS };
    const v0 = customerLifetimeValue(BG, GG, customer, base);
    const v1 = customerLifetimeValue(BG, GG, customer, { ...base, monthlyDiscountRate: 0.02 });
    const v2 = customerLifetimeValue(BG, GG, customer, { ...base, months: 24 });
    expect(v1).toBeLessThan(v0);
    expect(v2).toBeGreaterThan(v0);
  });

  it('refuses bad options and passes model refusals on', () => {
    const opts = { months: 12, monthlyDiscountRate: 0.01, timeUnitsPerMonth: WEEKS };
    const option = (o: object) => expect.objectContaining({ code: 'clv.invalidOption', params: o });
    expect(() => customerLifetimeValue(BG, GG, customer, { ...opts, months: 1.5 })).toThrow(option({ option: 'months' }));
    expect(() => customerLifetimeValue(BG, GG, customer, { ...opts, monthlyDiscountRate: -0.1 })).toThrow(option({ option: 'monthlyDiscountRate' }));
    expect(() => customerLifetimeValue(BG, GG, customer, { ...opts, margin: -1 })).toThrow(option({ option: 'margin' }));
    expect(() => customerLifetimeValue(BG, GG, customer, { ...opts, timeUnitsPerMonth: 0 })).toThrow(option({ option: 'timeUnitsPerMonth' }));
    expect(() => customerLifetimeValue(BG, { ...GG, q: 0.9 }, customer, opts)).toThrow(expect.objectContaining({ code: 'model.infiniteMeanSpend' }));
    expect(() => customerLifetimeValue(BG, GG, { ...customer, recency: 50 }, opts)).toThrow(expect.objectContaining({ code: 'model.invalidCustomer' }));
  });
});

describe('simple CLV formulas', () => {
  it('simpleClv = purchases per year × AOV × lifespan × margin', () => {
    expect(simpleClv({ purchasesPerYear: 4, averageOrderValue: 50, lifespanYears: 3, margin: 0.3 })).toBeCloseTo(180, 12);
    expect(simpleClv({ purchasesPerYear: 4, averageOrderValue: 50, lifespanYears: 3 })).toBe(600);
    expect(() => simpleClv({ purchasesPerYear: -1, averageOrderValue: 50, lifespanYears: 3 })).toThrow(
      expect.objectContaining({ code: 'clv.invalidInput', params: { field: 'purchasesPerYear' } }),
    );
  });

  it('retentionClv = m·r/(1+d−r), refusing r ≥ 1 + d', () => {
    expect(retentionClv({ marginPerPeriod: 100, retention: 0.8, discountRate: 0.1 })).toBeCloseTo(80 / 0.3, 10); // 266.67
    expect(retentionClv({ marginPerPeriod: 100, retention: 0.5, discountRate: 0 })).toBeCloseTo(100, 12);
    expect(retentionClv({ marginPerPeriod: 100, retention: 0, discountRate: 0.1 })).toBe(0);
    const tooHigh = expect.objectContaining({ code: 'clv.retentionTooHigh' });
    expect(() => retentionClv({ marginPerPeriod: 100, retention: 1, discountRate: 0 })).toThrow(tooHigh);
    expect(() => retentionClv({ marginPerPeriod: 100, retention: 1.2, discountRate: 0.1 })).toThrow(tooHigh);
    expect(retentionClv({ marginPerPeriod: 100, retention: 1, discountRate: 0.25 })).toBeCloseTo(400, 10);
  });

  it('cacPayback = CAC / monthly margin; null when the margin is not positive', () => {
    expect(cacPayback({ cac: 120, marginPerMonth: 15 })).toBe(8);
    expect(cacPayback({ cac: 100, marginPerMonth: 30 })).toBeCloseTo(10 / 3, 12);
    expect(cacPayback({ cac: 0, marginPerMonth: 30 })).toBe(0);
    expect(cacPayback({ cac: 120, marginPerMonth: 0 })).toBeNull();
    expect(cacPayback({ cac: 120, marginPerMonth: -5 })).toBeNull();
    expect(() => cacPayback({ cac: Number.NaN, marginPerMonth: 5 })).toThrow(expect.objectContaining({ code: 'clv.invalidInput' }));
  });
});
