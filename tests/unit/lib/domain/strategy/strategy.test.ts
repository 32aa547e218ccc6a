/**
 * Strategy domain (issue 15): the budget optimiser against closed forms and SciPy's SLSQP, the
 * portfolio quadrants at their boundaries, and loyalty tiers at and around their thresholds.
 */
import { describe, expect, it } from 'vitest';
import { allocateBudget, loyaltyTiers, portfolioQuadrant, type BudgetSegment } from '../../../../../src/lib/domain';

const amounts = (r: ReturnType<typeof allocateBudget>) => r.allocations.map((a) => a.amount);

describe('allocateBudget', () => {
  it('splits a budget between identical segments equally', () => {
    const r = allocateBudget([{ key: 'a', beta: 100, kappa: 10 }, { key: 'b', beta: 100, kappa: 10 }], 20);
    expect(amounts(r)[0]).toBeCloseTo(10, 9);
    expect(amounts(r)[1]).toBeCloseTo(10, 9);
    // R(10) = 100·10/20 = 50 each; R′(10) = 100·10/20² = 2.5
    expect(r.totalResponse).toBeCloseTo(100, 9);
    expect(r.lambda).toBeCloseTo(2.5, 9);
  });

  it('meets the Michaelis–Menten closed form when every segment is inside its bounds', () => {
    // x_i = √(β_i κ_i / λ) − κ_i with Σ x_i = B  ⇒  1/√λ = (B + Σκ) / Σ√(β κ)
    const segs: BudgetSegment[] = [{ key: 'a', beta: 400, kappa: 100 }, { key: 'b', beta: 900, kappa: 100 }, { key: 'c', beta: 1600, kappa: 100 }];
    const B = 1200;
    const s = segs.reduce((t, g) => t + Math.sqrt(g.beta * g.kappa), 0); // 200 + 300 + 400 = 900
    const root = (B + 300) / s; // 1/√λ = 1500/900
    const expected = segs.map((g) => Math.sqrt(g.beta * g.kappa) * root - g.kappa); // 233.33, 400, 566.67
    const r = allocateBudget(segs, B);
    amounts(r).forEach((x, i) => expect(Math.abs(x - expected[i])).toBeLessThan(1e-6 * B));
    expect(r.lambda).toBeCloseTo(1 / (root * root), 12);
    for (const a of r.allocations) expect(a.marginal).toBeCloseTo(r.lambda, 9);
    expect(amounts(r).reduce((t, x) => t + x, 0)).toBeCloseTo(B, 9);
  });

  it('meets the exponential closed form', () => {
    // x_i = κ_i ln(β_i / (κ_i λ)), Σ x_i = B  ⇒  ln λ = (Σ κ_i ln(β_i/κ_i) − B) / Σ κ_i
    const segs: BudgetSegment[] = [{ key: 'a', beta: 1000, kappa: 200 }, { key: 'b', beta: 3000, kappa: 400 }];
    const B = 900;
    const lnLambda = (200 * Math.log(5) + 400 * Math.log(7.5) - B) / 600;
    const expected = segs.map((g) => g.kappa * (Math.log(g.beta / g.kappa) - lnLambda));
    const r = allocateBudget(segs, B, { curve: 'exponential' });
    amounts(r).forEach((x, i) => expect(Math.abs(x - expected[i])).toBeLessThan(1e-6 * B));
    expect(Math.log(r.lambda)).toBeCloseTo(lnLambda, 10);
  });

  it('gives nothing to a segment whose first unit returns less than the others at the optimum', () => {
    // b's first unit returns β/κ = 0.1; a at x = 100 still returns 1000·100/200² = 2.5 > 0.1
    const r = allocateBudget([{ key: 'a', beta: 1000, kappa: 100 }, { key: 'b', beta: 100, kappa: 1000 }], 100);
    expect(amounts(r)).toEqual([100, 0]);
    expect(r.allocations[1].marginal).toBeCloseTo(0.1, 12);
    expect(r.lambda).toBeCloseTo(2.5, 9);
  });

  it('agrees with SciPy SLSQP on a mixed case with bounds (Michaelis–Menten and exponential)', () => {
    // scipy.optimize.minimize(method='SLSQP', ftol=1e-15), SciPy 1.17.1, Σx = 10000, d in [1000, 4000]:
    //   MM : x = [3767.982, 1733.93, 498.0881, 4000.0], total 10594.25485
    //   exp: x = [3939.8074, 1422.6862, 637.5064, 4000.0], total 13244.291678
    const segs: BudgetSegment[] = [
      { key: 'a', beta: 5000, kappa: 2000 }, { key: 'b', beta: 3000, kappa: 500 }, { key: 'c', beta: 800, kappa: 1500 },
      { key: 'd', beta: 12000, kappa: 6000, min: 1000, max: 4000 },
    ];
    const mm = allocateBudget(segs, 10_000);
    [3767.982, 1733.93, 498.0881, 4000].forEach((x, i) => expect(Math.abs(amounts(mm)[i] - x)).toBeLessThan(0.01));
    expect(mm.totalResponse).toBeCloseTo(10594.25485, 4);
    const ex = allocateBudget(segs, 10_000, { curve: 'exponential' });
    [3939.8074, 1422.6862, 637.5064, 4000].forEach((x, i) => expect(Math.abs(amounts(ex)[i] - x)).toBeLessThan(0.01));
    expect(ex.totalResponse).toBeCloseTo(13244.291678, 4);
    // d is held at its maximum: its marginal return is above λ
    expect(mm.allocations[3].marginal).toBeGreaterThan(mm.lambda);
  });

  it('keeps each segment within its bounds and spends exactly the budget at the edges', () => {
    const segs: BudgetSegment[] = [{ key: 'a', beta: 100, kappa: 10, min: 5, max: 8 }, { key: 'b', beta: 100, kappa: 10, min: 2, max: 50 }];
    expect(amounts(allocateBudget(segs, 7))).toEqual([5, 2]);
    expect(amounts(allocateBudget(segs, 58))).toEqual([8, 50]);
    const r = allocateBudget(segs, 30);
    expect(amounts(r)[0]).toBe(8);
    expect(amounts(r)[1]).toBeCloseTo(22, 9);
    expect(amounts(allocateBudget([], 0))).toEqual([]);
  });

  it('refuses infeasible bounds and broken inputs with notices', () => {
    const segs: BudgetSegment[] = [{ key: 'a', beta: 1, kappa: 1, min: 10 }, { key: 'b', beta: 1, kappa: 1, max: 5 }];
    expect(() => allocateBudget(segs, 5)).toThrow(expect.objectContaining({ code: 'strategy.budgetInfeasible' }));
    expect(() => allocateBudget([{ key: 'a', beta: 1, kappa: 1, max: 5 }], 10)).toThrow(expect.objectContaining({ code: 'strategy.budgetInfeasible' }));
    expect(() => allocateBudget([{ key: 'a', beta: 1, kappa: 0 }], 10)).toThrow(expect.objectContaining({ code: 'strategy.segmentInvalid' }));
    expect(() => allocateBudget([{ key: 'a', beta: -1, kappa: 1 }], 10)).toThrow(expect.objectContaining({ code: 'strategy.segmentInvalid' }));
    expect(() => allocateBudget([{ key: 'a', beta: 1, kappa: 1, min: 3, max: 2 }], 10)).toThrow(expect.objectContaining({ code: 'strategy.segmentInvalid' }));
    expect(() => allocateBudget([{ key: 'a', beta: 1, kappa: 1 }], NaN)).toThrow(expect.objectContaining({ code: 'strategy.budgetInvalid' }));
    expect(() => allocateBudget([{ key: 'a', beta: 1, kappa: 1 }], 1, { curve: 'linear' as never })).toThrow(expect.objectContaining({ code: 'strategy.curveInvalid' }));
  });

  it('solves 50 segments with widely different scales to within 1e-6 of the budget', () => {
    const segs = Array.from({ length: 50 }, (_, i) => ({ key: `s${i}`, beta: 10 ** (1 + (i % 7)), kappa: 10 ** (i % 5) }));
    const r = allocateBudget(segs, 1e6);
    expect(Math.abs(amounts(r).reduce((t, x) => t + x, 0) - 1e6)).toBeLessThan(1e-6 * 1e6);
    // KKT: funded segments share λ, unfunded ones have a first-unit return ≤ λ
    for (const a of r.allocations) {
      if (a.amount > 0) expect(Math.abs(a.marginal - r.lambda) / r.lambda).toBeLessThan(1e-6);
      else expect(a.marginal).toBeLessThanOrEqual(r.lambda * (1 + 1e-9));
    }
  });
});

describe('portfolioQuadrant', () => {
  const t = { current: 100, future: 50 };
  it('names the four quadrants, high meaning at or above the threshold', () => {
    expect(portfolioQuadrant(100, 50, t)).toBe('invest');
    expect(portfolioQuadrant(99.99, 50, t)).toBe('develop');
    expect(portfolioQuadrant(100, 49.99, t)).toBe('maintain');
    expect(portfolioQuadrant(0, 0, t)).toBe('basic');
  });
});

describe('loyaltyTiers', () => {
  const tiers = [{ key: 'gold', minSpend: 5000 }, { key: 'member', minSpend: 0 }, { key: 'diamond', minSpend: 20000 }, { key: 'silver', minSpend: 1000 }];
  it('gives each customer the highest tier whose threshold their spend reaches (tiers in any order)', () => {
    expect(loyaltyTiers([0, 999.99, 1000, 4999, 5000, 19999.99, 20000, 1e9], tiers))
      .toEqual(['member', 'member', 'silver', 'silver', 'gold', 'gold', 'diamond', 'diamond']);
  });
  it('counts a negative spend as 0, and gives nothing below every threshold', () => {
    expect(loyaltyTiers([-50], tiers)).toEqual(['member']);
    expect(loyaltyTiers([-50, 10, 100], [{ key: 'silver', minSpend: 100 }])).toEqual(['', '', 'silver']);
    expect(loyaltyTiers(new Float64Array([NaN]), tiers)).toEqual(['']);
  });
});
