/**
 * The loyalty tier designer's pure parts (issue 15 item 4): tiers at and around their thresholds
 * through a design, the basis windows (12 months, points with expiry), the nudge list's 90% edge,
 * the would-drop list on a small dated fixture, the cost and retention-gain arithmetic, the
 * suggested thresholds, validation and the normalising of a stored design. Expected values are
 * worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
  addTierMonths, defaultLoyaltyDesign, loyaltyBasis, loyaltyCosts, loyaltyCountsUntil, loyaltyDrops, loyaltyNudges,
  loyaltyRetentionGain, loyaltyTiersOf, loyaltyWindowStart, parseIsoDay, restoreLoyaltyDesign, roundTierFigure,
  suggestTierThresholds, validateLoyaltyDesign, type LoyaltyDesign, type LoyaltyOrders,
} from '../../../../../src/lib/domain';

const day = (iso: string) => parseIsoDay(iso)!;
const D = day('2026-11-30');

/** Orders from [customer, ISO day, amount, return?]. */
function orders(rows: [number, string, number, boolean?][]): LoyaltyOrders {
  return {
    length: rows.length,
    customer: Int32Array.from(rows, (r) => r[0]),
    day: Int32Array.from(rows, (r) => day(r[1])),
    amount: Float64Array.from(rows, (r) => r[2]),
    isReturn: Uint8Array.from(rows, (r) => (r[3] ? 1 : 0)),
  };
}

/** Member 0 / Silver 1,000 / Gold 5,000 / Diamond 20,000 on spend in the last 12 months. */
const design: LoyaltyDesign = defaultLoyaltyDesign([0, 1000, 5000, 20000]);
const three = (over: Partial<LoyaltyDesign> = {}): LoyaltyDesign => ({ ...design, tiers: design.tiers.slice(0, 3), ...over });

describe('tiers through a design', () => {
  it('places each customer at the highest threshold reached, at and around each one', () => {
    // 999.99 < 1,000 → member; 1,000 → silver; 4,999 → silver; 5,000 → gold; 20,000 → diamond;
    // −5 counts as 0 → member (its threshold is 0); NaN → none
    expect(loyaltyTiersOf(design, [0, 999.99, 1000, 4999, 5000, 20000, -5, NaN])).toEqual(['member', 'member', 'silver', 'silver', 'gold', 'diamond', 'member', '']);
  });

  it('leaves customers below a base tier above 0 in no tier', () => {
    const d = { ...design, tiers: design.tiers.slice(1) }; // silver 1,000 / gold / diamond
    expect(loyaltyTiersOf(d, [0, 999, 1000])).toEqual(['', '', 'silver']);
  });
});

describe('basis windows', () => {
  it('adds calendar months, at the month end when the month is shorter', () => {
    expect(addTierMonths(day('2026-01-31'), 1)).toBe(day('2026-02-28'));
    expect(addTierMonths(day('2024-01-31'), 1)).toBe(day('2024-02-29'));
    expect(addTierMonths(day('2026-05-31'), 6)).toBe(day('2026-11-30'));
    expect(addTierMonths(day('2026-11-30'), -12)).toBe(day('2025-11-30'));
  });

  it('spend in the last 12 months: the 365 days up to the day, net of returns, later orders left out', () => {
    // on 2026-11-30 the window is 2025-12-01 … 2026-11-30: 2025-11-30 out, 2025-12-01 in;
    // customer 0: 500 + 700 − 200 (return) = 1,000; the order of 2026-12-01 is after the day
    const o = orders([[0, '2025-11-30', 400], [0, '2025-12-01', 500], [0, '2026-11-30', 700], [0, '2026-06-01', 200, true], [0, '2026-12-01', 900], [1, '2020-01-01', 50]]);
    expect([...loyaltyBasis(o, 2, design, D)]).toEqual([1000, 0]);
    expect(loyaltyWindowStart(design, D)).toBe(day('2025-12-01'));
    expect(loyaltyCountsUntil(design, day('2025-12-01'))).toBe(day('2026-12-01'));
    // lifetime: every order up to the day: 400 + 500 + 700 − 200 = 1,400 and 50
    expect([...loyaltyBasis(o, 2, { ...design, basis: 'lifetime' }, D)]).toEqual([1400, 50]);
    expect(loyaltyWindowStart({ ...design, basis: 'lifetime' }, D)).toBeNull();
  });

  it('points with a 6-month expiry, 2 points per unit: worked out by hand', () => {
    const points = three({ basis: 'points', pointsPerUnit: 2, expiryMonths: 6, tiers: [
      { ...design.tiers[0], minSpend: 0 }, { ...design.tiers[1], minSpend: 500 }, { ...design.tiers[2], minSpend: 1000 },
    ] });
    // points of 2026-05-30 expire on 2026-11-30 (gone that day); of 2026-05-31 also on 2026-11-30
    // (6 months later is 31 Nov → the 30th); of 2026-06-01 on 2026-12-01 (still count on the 30th).
    // Counting on 2026-11-30: 300 (06-01) + 50 (11-30) − 30 (return 07-01) = 320 → × 2 = 640 points
    const o = orders([[0, '2026-05-30', 100], [0, '2026-05-31', 200], [0, '2026-06-01', 300], [0, '2026-07-01', 30, true], [0, '2026-11-30', 50], [0, '2026-12-01', 1000]]);
    const v = loyaltyBasis(o, 1, points, D);
    expect([...v]).toEqual([640]);
    expect(loyaltyWindowStart(points, D)).toBe(day('2026-06-01'));
    // 640 ≥ 500, < 1,000 → silver
    expect(loyaltyTiersOf(points, v)).toEqual(['silver']);
    // a day earlier (2026-11-29) the 05-30 and 05-31 points still count, the 11-30 ones not yet:
    // 100 + 200 + 300 − 30 = 570 → 1,140 points → gold
    expect(loyaltyTiersOf(points, loyaltyBasis(o, 1, points, day('2026-11-29')))).toEqual(['gold']);
  });
});

describe('upgrade nudges', () => {
  it('takes 90% of the next threshold in and 89.9% out, closest first', () => {
    const d = three();
    // 0: 900 of silver 1,000 (gap 100, 10%) in; 1: 899 (89.9%) out; 2: 1,000 is silver, gold
    // 5,000 far; 3: 4,500 of gold (gap 500, 10%) in; 4: 999.99 (gap 0.01) in; 5: gold, top tier
    // here → no next; 6: 0 → far
    const v = [900, 899, 1000, 4500, 999.99, 6000, 0];
    const list = loyaltyNudges(d, v, loyaltyTiersOf(d, v));
    expect(list.map((n) => n.customer)).toEqual([4, 0, 3]);
    expect(list[1]).toEqual({ customer: 0, tier: 'member', next: 'silver', value: 900, gap: 100 });
    expect(list[2]).toMatchObject({ tier: 'silver', next: 'gold', gap: 500 });
    expect(list[0].gap).toBeCloseTo(0.01, 9);
  });

  it('counts a customer in no tier as below the lowest one', () => {
    const d = { ...design, tiers: design.tiers.slice(1) }; // silver 1,000 is the lowest
    const v = [950, 899];
    expect(loyaltyNudges(d, v, loyaltyTiersOf(d, v))).toEqual([{ customer: 0, tier: '', next: 'silver', value: 950, gap: 50 }]);
  });
});

describe('would drop a tier in the next 90 days (rolling 12 months)', () => {
  // as of 2026-11-30; an order leaves the window 365 days after it; horizon to 2027-02-28
  const o = orders([
    [0, '2026-01-15', 3000], [0, '2026-06-01', 2500], // A 5,500 gold; 3,000 leaves 2027-01-15 → 2,500 silver
    [1, '2025-12-10', 600], [1, '2026-10-01', 500], // B 1,100 silver; 600 leaves 2026-12-10 → 500 member
    [2, '2026-03-10', 5200], // C gold; leaves 2027-03-10, after the horizon → stays
    [3, '2025-12-05', 2000], [3, '2025-12-20', 4000], // D 6,000 gold; 4,000 on 2026-12-05 (< 5,000), 0 on 12-20 → member
    [4, '2025-12-05', 1500], [4, '2025-12-06', 300, true], // E 1,200 silver; −300 on 2026-12-05 → member (back to 0 on 12-06)
    [5, '2025-12-05', 800], // F member (threshold 0): cannot drop
  ]);
  const d = three();
  const v = loyaltyBasis(o, 6, d, D);
  const tiers = loyaltyTiersOf(d, v);

  it('places the fixture as worked out', () => {
    expect([...v]).toEqual([5500, 1100, 5200, 6000, 1200, 800]);
    expect(tiers).toEqual(['gold', 'silver', 'gold', 'gold', 'silver', 'member']);
  });

  it('lists who drops, when, to which tier and what keeps them, earliest first', () => {
    const list = loyaltyDrops(o, d, D, v, tiers);
    expect(list.map((x) => x.customer)).toEqual([3, 4, 1, 0]);
    // D: drops on 2026-12-05 (4,000 < 5,000; keep 5,000 − 4,000 = 1,000), to member (0) by the horizon
    expect(list[0]).toEqual({ customer: 3, tier: 'gold', to: 'member', day: day('2026-12-05'), value: 6000, after: 0, keep: 1000 });
    // E: on 2026-12-05 the 1,500 leaves, the return still counts: −300 → keep 1,000 + 300 = 1,300
    expect(list[1]).toEqual({ customer: 4, tier: 'silver', to: 'member', day: day('2026-12-05'), value: 1200, after: 0, keep: 1300 });
    expect(list[2]).toEqual({ customer: 1, tier: 'silver', to: 'member', day: day('2026-12-10'), value: 1100, after: 500, keep: 500 });
    expect(list[3]).toEqual({ customer: 0, tier: 'gold', to: 'silver', day: day('2027-01-15'), value: 5500, after: 2500, keep: 2500 });
  });

  it('what is left after fractions of money leave is 0, not rounding noise', () => {
    // 1,000.1 + 0.2 = 1,000.3 silver; both leave on 2026-12-05: 1,000.3 − 1,000.1 − 0.2 is −1e-13 in
    // binary fractions, shown as 0; needed to stay 1,000
    const f = orders([[0, '2025-12-05', 1000.1], [0, '2025-12-05', 0.2]]);
    const fv = loyaltyBasis(f, 1, d, D);
    const [drop] = loyaltyDrops(f, d, D, fv, loyaltyTiersOf(d, fv));
    expect(drop).toMatchObject({ tier: 'silver', to: 'member', after: 0, keep: 1000, day: day('2026-12-05') });
  });

  it('a shorter horizon keeps the later drops out; lifetime spend never drops', () => {
    // 10 days: to 2026-12-10 → D, E and B (on the last day) only
    expect(loyaltyDrops(o, d, D, v, tiers, 10).map((x) => x.customer)).toEqual([3, 4, 1]);
    const life = { ...d, basis: 'lifetime' as const };
    const lv = loyaltyBasis(o, 6, life, D);
    expect(loyaltyDrops(o, life, D, lv, loyaltyTiersOf(life, lv))).toEqual([]);
  });
});

describe('cost of the benefits and the retention gain', () => {
  it('discount × spend + points × multiplier × cost per point + fixed × members', () => {
    const d = three(); // silver: 2%, × 1.2, 20 a year; gold: 5%, × 1.5, 50; 1 point per unit at 0.01
    const [member, silver, gold] = loyaltyCosts(d, [
      { key: 'member', members: 10, spend12: 2000 },
      { key: 'silver', members: 3, spend12: 6000 },
      { key: 'gold', members: 2, spend12: 10000 },
    ]);
    // member: 0% · 2,000 = 0; 2,000 · 1 · 1 = 2,000 points · 0.01 = 20; 0 fixed → 20, 2 per member
    expect(member).toMatchObject({ discount: 0, points: 2000, fixed: 0 });
    expect(member.total).toBeCloseTo(20, 9);
    expect(member.perMember).toBeCloseTo(2, 9);
    // silver: 2% · 6,000 = 120; 6,000 · 1.2 = 7,200 points · 0.01 = 72; 20 · 3 = 60 → 252, 84 per member
    expect(silver.discount).toBeCloseTo(120, 9);
    expect(silver.points).toBeCloseTo(7200, 9);
    expect(silver.pointsCost).toBeCloseTo(72, 9);
    expect(silver.fixed).toBe(60);
    expect(silver.total).toBeCloseTo(252, 9);
    expect(silver.perMember).toBeCloseTo(84, 9);
    // gold: 5% · 10,000 = 500; 15,000 points · 0.01 = 150; 50 · 2 = 100 → 750, 375 per member
    expect(gold.total).toBeCloseTo(750, 9);
    expect(gold.perMember).toBeCloseTo(375, 9);
  });

  it('a tier without members costs nothing and has no cost per member', () => {
    const [, , gold] = loyaltyCosts(three(), []);
    expect(gold.total).toBe(0);
    expect(gold.perMember).toBeNaN();
  });

  it('retention gain in points: cost per member ÷ value per member × 100', () => {
    expect(loyaltyRetentionGain(84, 1200)).toBeCloseTo(7, 12); // 84 / 1,200 = 7%
    expect(loyaltyRetentionGain(31, 1000)).toBeCloseTo(3.1, 12);
    expect(loyaltyRetentionGain(84, 0)).toBeNull();
    expect(loyaltyRetentionGain(84, -10)).toBeNull();
    expect(loyaltyRetentionGain(NaN, 100)).toBeNull();
  });
});

describe('thresholds from the data', () => {
  it('rounds to two significant digits', () => {
    expect([roundTierFigure(1234), roundTierFigure(567), roundTierFigure(98), roundTierFigure(0), roundTierFigure(-3)]).toEqual([1200, 570, 98, 0, 0]);
  });

  it('puts the upper tiers at the 50th, 80th and 95th percentiles of those who spent', () => {
    // 100, 200, …, 10,000 and zeros (left out): p50 at rank 49.5 → 5,050 → 5,100; p80 at 79.2 →
    // 8,000 + 0.2·100 = 8,020 → 8,000; p95 at 94.05 → 9,505 → 9,500
    const values = [0, 0, ...Array.from({ length: 100 }, (_, i) => (i + 1) * 100)];
    expect(suggestTierThresholds(values)).toEqual([0, 5100, 8000, 9500]);
  });

  it('keeps them increasing when the percentiles round alike; falls back without spend', () => {
    // every p = 1,234 → 1,200; then 1,200 + 100 = 1,300; then 1,400
    expect(suggestTierThresholds([1234, 1234, 1234])).toEqual([0, 1200, 1300, 1400]);
    expect(suggestTierThresholds([0, -5])).toEqual([0, 1000, 5000, 20000]);
    // three tiers: one percentile list from 50 to 95 → 50th and 95th: 5,100 and 9,500
    expect(suggestTierThresholds(Array.from({ length: 100 }, (_, i) => (i + 1) * 100), 3)).toEqual([0, 5100, 9500]);
  });
});

describe('design validation', () => {
  it('accepts the default design', () => {
    expect(validateLoyaltyDesign(defaultLoyaltyDesign())).toEqual([]);
    expect(defaultLoyaltyDesign().tiers.map((t) => [t.key, t.minSpend])).toEqual([['member', 0], ['silver', 1000], ['gold', 5000], ['diamond', 20000]]);
  });

  it('names every problem and the field it is in', () => {
    const bad: LoyaltyDesign = {
      basis: 'points', pointsPerUnit: 0, expiryMonths: 1.5, pointCost: -1,
      tiers: [
        { key: 'a', name: ' ', minSpend: 0, discount: 120, multiplier: 1, fixedCost: 0 },
        { key: 'b', name: 'Silver', minSpend: 1000, discount: 0, multiplier: -1, fixedCost: 0 },
        { key: 'c', name: 'silver ', minSpend: 1000, discount: 0, multiplier: 1, fixedCost: NaN },
      ],
    };
    const issues = validateLoyaltyDesign(bad);
    expect(issues.map((i) => [i.code, i.tier, i.field])).toEqual([
      ['loyalty.error.nameEmpty', 0, 'name'],
      ['loyalty.error.discount', 0, 'discount'],
      ['loyalty.error.multiplier', 1, 'multiplier'],
      ['loyalty.error.nameDuplicate', 2, 'name'],
      ['loyalty.error.thresholdOrder', 2, 'minSpend'],
      ['loyalty.error.fixedCost', 2, 'fixedCost'],
      ['loyalty.error.pointsPerUnit', undefined, 'pointsPerUnit'],
      ['loyalty.error.expiry', undefined, 'expiryMonths'],
      ['loyalty.error.pointCost', undefined, 'pointCost'],
    ]);
    expect(issues[4].params).toEqual({ name: 'silver', previous: 'Silver' });
  });

  it('wants at least two tiers, thresholds 0 or more, and checks names as shown', () => {
    const one = { ...design, tiers: design.tiers.slice(0, 1) };
    expect(validateLoyaltyDesign(one).map((i) => i.code)).toEqual(['loyalty.error.fewTiers']);
    const negative = { ...design, tiers: design.tiers.map((t, i) => (i === 0 ? { ...t, minSpend: -1 } : t)) };
    expect(validateLoyaltyDesign(negative).map((i) => i.code)).toEqual(['loyalty.error.threshold']);
    // a custom name equal to a default tier's shown name
    const same = { ...design, tiers: design.tiers.map((t, i) => (i === 3 ? { ...t, name: 'Gold' } : t)) };
    const shown = (t: { key: string; name: string | null }) => t.name ?? t.key[0].toUpperCase() + t.key.slice(1);
    expect(validateLoyaltyDesign(same, shown).map((i) => i.code)).toEqual(['loyalty.error.nameDuplicate']);
  });
});

describe('a stored design read back', () => {
  it('keeps what is usable and fills the rest with the defaults', () => {
    const restored = restoreLoyaltyDesign({
      basis: 'nonsense', pointsPerUnit: 3,
      tiers: [{ key: 'member', minSpend: 0 }, { key: 'gold', name: 'VIP', minSpend: 800, discount: 4 }, { key: 'gold', minSpend: 9 }, { minSpend: 5 }, 'x'],
    });
    expect(restored).toEqual({
      basis: 'spend12', pointsPerUnit: 3, expiryMonths: 12, pointCost: 0.01,
      tiers: [
        { key: 'member', name: null, minSpend: 0, discount: 0, multiplier: 1, fixedCost: 0 },
        { key: 'gold', name: 'VIP', minSpend: 800, discount: 4, multiplier: 1, fixedCost: 0 },
      ],
    });
    expect(restoreLoyaltyDesign({ tiers: [{ key: 'member', minSpend: 0 }] })).toBeNull();
    expect(restoreLoyaltyDesign(null)).toBeNull();
    expect(restoreLoyaltyDesign(defaultLoyaltyDesign())).toEqual(defaultLoyaltyDesign());
  });
});
