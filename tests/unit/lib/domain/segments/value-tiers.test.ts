import { describe, expect, it } from 'vitest';
import { paretoCurve, validateTierShares, valueTiers } from '../../../../../src/lib/domain/segments/value-tiers';

const PARETO = [0.2, 0.3, 0.5];
const ABC = [0.8, 0.15, 0.05];
const tiersOf = (values: number[], shares: number[], basis: 'customers' | 'revenue') =>
  Array.from(valueTiers(values, shares, basis).tier);

describe('valueTiers, customers basis (Pareto 20/30/50)', () => {
  it('splits ten distinct values 2 / 3 / 5', () => {
    // rank p (0-based) is in the first tier with p/10 < cut: cuts 0.2, 0.5 → p 0–1, 2–4, 5–9
    const r = valueTiers([1, 10, 2, 9, 3, 8, 4, 7, 5, 6], PARETO, 'customers');
    expect(Array.from(r.tier)).toEqual([2, 0, 2, 0, 2, 1, 2, 1, 2, 1]);
    expect(r.edges).toEqual([9, 6]); // smallest value in tier 0, in tiers 0–1
    expect(r.tiers.map((t) => t.customers)).toEqual([2, 3, 5]);
    expect(r.tiers[0]).toMatchObject({ value: 19, minValue: 9, maxValue: 10, customerShare: 0.2 });
    expect(r.tiers[0].valueShare).toBeCloseTo(19 / 55, 12); // 10 + 9 of 1 + … + 10 = 55
    expect(r.tiers[1].cumulativeValueShare).toBeCloseTo((19 + 21) / 55, 12); // 8 + 7 + 6 = 21
    expect(r.tiers[2].cumulativeCustomerShare).toBe(1);
  });

  it('rounds a tier up: the top ⌈20% × 7⌉ = 2 customers are tier 0', () => {
    // p/7 = 0, .143 | .286, .429 | .571, .714, .857 against cuts 0.2, 0.5
    expect(tiersOf([7, 6, 5, 4, 3, 2, 1], PARETO, 'customers')).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });

  it('cuts exactly at 30% although 0.1 + 0.2 = 0.30000000000000004', () => {
    // cuts 0.1, 0.3 → p 0 | 1–2 | 3–9 (p = 3 gives 3/10, not below the 30% cut)
    expect(tiersOf([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], [0.1, 0.2, 0.7], 'customers')).toEqual([0, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('accepts shares that do not sum to 1 (divided by their sum)', () => {
    expect(tiersOf([7, 6, 5, 4, 3, 2, 1], [20, 30, 50], 'customers')).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });

  it('gives a tie across a boundary the tier of its middle member (the majority)', () => {
    // ranks: 10 → p0; 8, 8, 8 → p1–p3, untied tiers 0, 1, 1; middle member p2 → tier 1 for all three
    // 5 → p4 (4/10 < 0.5) → 1; 4 → p5 → 2
    expect(tiersOf([10, 8, 8, 8, 5, 4, 3, 2, 1, 1], PARETO, 'customers')).toEqual([0, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });

  it('gives an evenly split tie the higher tier', () => {
    // shares 10/90 of 10 customers: untied, p0 → 0 and p1 → 1; the pair 9, 9 has middle member p0 → 0
    expect(tiersOf([9, 9, 5, 4, 3, 2, 1, 1, 1, 1], [0.1, 0.9], 'customers')).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('puts everyone in the tier of the middle customer when all values are equal', () => {
    // ten 5s: middle member p4 → 4/10 = 0.4 < 0.5 → tier 1
    expect(tiersOf(new Array(10).fill(5), PARETO, 'customers')).toEqual(new Array(10).fill(1));
  });

  it('puts zero, negative and NaN values last, though they count as customers', () => {
    // 10 customers, 3 positive: p0 (0/10) → 0, p1 (0.1) → 0, p2 (0.2) → 1; the rest are last
    const r = valueTiers([0, 5, -3, 7, NaN, 0, 0, 0, 2, 0], PARETO, 'customers');
    expect(Array.from(r.tier)).toEqual([2, 0, 2, 0, 2, 2, 2, 2, 1, 2]);
    expect(r.tiers[2]).toMatchObject({ customers: 7, value: -3, valueShare: 0, minValue: -3, maxValue: 0 });
  });

  it('never lifts non-positive values into a top tier, even when they are most customers', () => {
    // one positive of 10 → tier 0; nine zeros → last, so tier 1 is empty and its edge repeats tier 0's
    const r = valueTiers([0, 0, 0, 4, 0, 0, 0, 0, 0, 0], PARETO, 'customers');
    expect(Array.from(r.tier)).toEqual([2, 2, 2, 0, 2, 2, 2, 2, 2, 2]);
    expect(r.edges).toEqual([4, 4]);
    expect(r.tiers[1]).toMatchObject({ customers: 0, minValue: null, maxValue: null, value: 0 });
  });

  it('handles one customer, no customers and a single tier', () => {
    expect(tiersOf([3], PARETO, 'customers')).toEqual([0]);
    expect(tiersOf([0], PARETO, 'customers')).toEqual([2]);
    const empty = valueTiers([], PARETO, 'customers');
    expect(empty.tier.length).toBe(0);
    expect(empty.edges).toEqual([null, null]);
    expect(empty.tiers[0]).toMatchObject({ customers: 0, customerShare: 0, valueShare: 0, minValue: null });
    expect(tiersOf([3, -1, 2], [1], 'customers')).toEqual([0, 0, 0]);
  });
});

describe('valueTiers, revenue basis (ABC 80/15/5)', () => {
  it('keeps the customer that crosses 80% in tier A', () => {
    // total 100; share before each: 50 → 0, 30 → 0.5, 20 → 0.8 (not < 0.8, < 0.95) → A, A, B
    const r = valueTiers([20, 50, 30], ABC, 'revenue');
    expect(Array.from(r.tier)).toEqual([1, 0, 0]);
    expect(r.edges).toEqual([30, 20]);
    expect(r.tiers.map((t) => t.valueShare)).toEqual([0.8, 0.2, 0]);
  });

  it('fills all three tiers', () => {
    // before: 0, 0.5, 0.8, 0.95 → A, A, B, C (0.95 is not < 0.95)
    expect(tiersOf([50, 30, 15, 5], ABC, 'revenue')).toEqual([0, 0, 1, 2]);
  });

  it('puts a single dominant customer in A alone', () => {
    // 90 → before 0 → A; 6 → 0.9 → B; 4 → 0.96 → C
    expect(tiersOf([4, 90, 6], ABC, 'revenue')).toEqual([2, 0, 1]);
  });

  it('keeps a tie together by its middle member, pulling would-be C members into B', () => {
    // 70 → A; six 5s: before 70, 75, 80, 85, 90, 95 → untied A, A, B, B, B, C; middle (3rd) at 80 → B
    expect(tiersOf([70, 5, 5, 5, 5, 5, 5], ABC, 'revenue')).toEqual([0, 1, 1, 1, 1, 1, 1]);
  });

  it('ignores non-positive values in the total and puts them last', () => {
    // positive total 100: 40 → 0, 20, 20 (middle member at 40) → A, 10 → 0.8 → B, 5, 5 (middle at 90) → B
    const r = valueTiers([40, 20, 20, 10, 5, 5, 0, -10, NaN], ABC, 'revenue');
    expect(Array.from(r.tier)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(r.tiers.map((t) => t.valueShare)).toEqual([0.8, 0.2, 0]);
    expect(r.tiers[2]).toMatchObject({ customers: 3, value: -10, minValue: -10, maxValue: 0 });
  });

  it('puts everyone in A when all values are equal', () => {
    // five 4s: middle member has 2 × 4 = 8 of 20 before it → 0.4 < 0.8
    expect(tiersOf([4, 4, 4, 4, 4], ABC, 'revenue')).toEqual([0, 0, 0, 0, 0]);
  });

  it('puts everyone last when nothing is positive', () => {
    const r = valueTiers([0, -2, 0], ABC, 'revenue');
    expect(Array.from(r.tier)).toEqual([2, 2, 2]);
    expect(r.edges).toEqual([null, null]);
    expect(r.tiers[2].valueShare).toBe(0);
  });
});

describe('tier shares validation', () => {
  it('accepts the usual presets', () => {
    expect(validateTierShares(PARETO, 'customers')).toEqual([]);
    expect(validateTierShares(ABC, 'revenue')).toEqual([]);
  });

  it('names each problem', () => {
    expect(validateTierShares([])).toEqual([{ code: 'tiers.shares.count', params: { count: 0, min: 1, max: 256 } }]);
    expect(validateTierShares(new Array(257).fill(1))[0].code).toBe('tiers.shares.count');
    expect(validateTierShares([0.5, -0.1, NaN])).toEqual([
      { code: 'tiers.shares.invalid', params: { index: 1 } },
      { code: 'tiers.shares.invalid', params: { index: 2 } },
    ]);
    expect(validateTierShares([0, 0])).toEqual([{ code: 'tiers.shares.zeroSum' }]);
    expect(validateTierShares([1], 'clv')).toEqual([{ code: 'tiers.basis.unknown', params: { basis: 'clv' } }]);
  });

  it('makes valueTiers throw the first notice', () => {
    expect(() => valueTiers([1], [0, 0], 'customers')).toThrow(expect.objectContaining({ code: 'tiers.shares.zeroSum' }));
    expect(() => valueTiers([1], [1], 'x' as 'customers')).toThrow(expect.objectContaining({ code: 'tiers.basis.unknown' }));
  });
});

describe('paretoCurve', () => {
  it('interpolates between customers', () => {
    // sorted 3, 1: best 0, 1, 2 customers hold 0, 3, 4 of 4; at 25% of customers (0.5 of one) → 1.5 / 4
    expect(paretoCurve([1, 3], 5)).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 0.25, valueShare: 0.375 },
      { customerShare: 0.5, valueShare: 0.75 },
      { customerShare: 0.75, valueShare: 0.875 },
      { customerShare: 1, valueShare: 1 },
    ]);
  });

  it('counts non-positive values as zero, so it never falls', () => {
    // 6, 2, 0, -4: cumulative 0, 6, 8, 8, 8 of 8
    expect(paretoCurve([-4, 2, 0, 6], 5).map((p) => p.valueShare)).toEqual([0, 0.75, 1, 1, 1]);
  });

  it('has 101 points by default, at least 2, and handles empty or valueless input', () => {
    const curve = paretoCurve([5, 1, 1, 1]);
    expect(curve.length).toBe(101);
    expect(curve[20]).toEqual({ customerShare: 0.2, valueShare: 0.8 * 5 / 8 }); // 0.8 of the first customer
    expect(paretoCurve([5], 1).length).toBe(2);
    expect(paretoCurve([])).toEqual([]);
    expect(paretoCurve([0, -1], 3).map((p) => p.valueShare)).toEqual([0, 0, 0]);
  });
});

describe('scale', () => {
  it('tiers 100,000 customers with exact counts', () => {
    const n = 100_000;
    const values = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1); // a permutation of 1 … n
    const r = valueTiers(values, PARETO, 'customers');
    expect(r.tiers.map((t) => t.customers)).toEqual([20_000, 30_000, 50_000]);
    expect(r.edges).toEqual([80_001, 50_001]);
  });
});
