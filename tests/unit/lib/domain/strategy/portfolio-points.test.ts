/**
 * The portfolio matrix's arithmetic (客户组合): medians of odd and even counts, quadrants at and
 * around the thresholds, recency compared reversed, the group level from hand-made facts and the
 * counts and sums per quadrant of a 7-customer fixture.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultFuture, futureChoices, groupPortfolio, groupsByQuadrant, medianOfFinite, parseThreshold, pointQuadrant, quadrantTotals,
  quantileOfFinite, QUADRANT_CODE, usableFuture, type GroupFacts,
} from '../../../../../src/lib/domain';
import { canvasAxis, logTicks, symlog } from '../../../../../src/lib/charts/portfolio';

describe('medians and quantiles', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(medianOfFinite([9, 1, 5])).toBe(5); // 1 5 9
    expect(medianOfFinite([40, 10, 30, 20])).toBe(25); // 10 20 | 30 40 → (20 + 30) / 2
    expect(medianOfFinite([7])).toBe(7);
    expect(medianOfFinite([])).toBeNaN();
  });

  it('ignores values that are not numbers and leaves its input alone', () => {
    const values = [3, NaN, 1, Infinity, 2];
    expect(medianOfFinite(values)).toBe(2); // 1 2 3
    expect(values).toEqual([3, NaN, 1, Infinity, 2]);
  });

  it('interpolates quantiles between ranks', () => {
    // 10 20 30 40 50: q 0.25 → rank 1 → 20; q 0.9 → rank 3.6 → 40 + 0.6·10 = 46
    expect(quantileOfFinite([50, 10, 40, 20, 30], 0.25)).toBe(20);
    expect(quantileOfFinite([50, 10, 40, 20, 30], 0.9)).toBeCloseTo(46, 12);
  });
});

describe('pointQuadrant', () => {
  const t = { current: 100, future: 50 };

  it('counts a value at the threshold as high on money axes', () => {
    expect(pointQuadrant(100, 50, t, 'clv')).toBe('invest');
    expect(pointQuadrant(99.99, 50, t, 'clv')).toBe('develop');
    expect(pointQuadrant(100, 49.99, t, 'clv')).toBe('maintain');
    expect(pointQuadrant(99.99, 49.99, t, 'clv')).toBe('basic');
  });

  it('reverses recency: as many days as the threshold or fewer is high potential', () => {
    const days = { current: 100, future: 30 };
    expect(pointQuadrant(100, 30, days, 'recency')).toBe('invest'); // −30 ≥ −30
    expect(pointQuadrant(100, 29, days, 'recency')).toBe('invest');
    expect(pointQuadrant(100, 31, days, 'recency')).toBe('maintain'); // −31 < −30
    expect(pointQuadrant(50, 5, days, 'recency')).toBe('develop');
    expect(pointQuadrant(50, 400, days, 'recency')).toBe('basic');
  });

  it('compares P(alive) upward like money', () => {
    expect(pointQuadrant(0, 0.6, { current: 1, future: 0.5 }, 'palive')).toBe('develop');
  });
});

describe('future-value choices', () => {
  it('offers CLV and P(alive) only with a fit, CLV first; recency without one', () => {
    expect(futureChoices(true)).toEqual(['clv', 'palive', 'recency']);
    expect(futureChoices(false)).toEqual(['recency']);
    expect(defaultFuture(true)).toBe('clv');
    expect(defaultFuture(false)).toBe('recency');
    expect(usableFuture('palive', false)).toBe('recency');
    expect(usableFuture('recency', true)).toBe('recency');
    expect(usableFuture(null, true)).toBe('clv');
  });
});

const group = (key: string, customers: number, net12: number, netTotal: number, meanRecency: number, meanClv: number | null, nps = NaN, npsAnswers = 0): GroupFacts => ({
  key, customers, net12, netTotal, meanRecency, meanClv, meanPAlive: meanClv === null ? null : 0.5, nps, npsAnswers,
});

describe('groupPortfolio', () => {
  // per customer, last 12 months: a 1000/10 = 100, b 600/4 = 150, c 100/5 = 20, d 300/6 = 50
  // medians: current (50 + 100)/2 = 75; recency of 10 40 90 200 → (40 + 90)/2 = 65; CLV 300 80 120 40 → (80 + 120)/2 = 100
  const groups = [
    group('a', 10, 1000, 3000, 10, 300, 40, 12),
    group('b', 4, 600, 800, 90, 80),
    group('c', 5, 100, 900, 40, 120, -20, 3),
    group('d', 6, 300, 360, 200, 40),
  ];

  it('places each group by the medians of the groups (each counted once) with recency reversed', () => {
    const r = groupPortfolio(groups, 'year', 'recency');
    expect(r.medians).toEqual({ current: 75, future: 65 });
    expect(r.thresholds).toEqual({ current: 75, future: 65 });
    // a 100 ≥ 75, 10 ≤ 65 → invest; b 150, 90 days → maintain; c 20, 40 days → develop; d 50, 200 days → basic
    expect(r.points.map((p) => p.quadrant)).toEqual(['invest', 'maintain', 'develop', 'basic']);
    expect(r.points.map((p) => p.current)).toEqual([100, 150, 20, 50]);
    expect(r.points.map((p) => p.nps)).toEqual([40, null, -20, null]);
    expect(groupsByQuadrant(r.points)).toEqual({ invest: ['a'], develop: ['c'], maintain: ['b'], basic: ['d'] });
  });

  it('uses total revenue and CLV when asked, and the thresholds typed', () => {
    // total per customer: a 300, b 200, c 180, d 60 → median (180 + 200)/2 = 190; CLV median 100
    const r = groupPortfolio(groups, 'total', 'clv');
    expect(r.thresholds).toEqual({ current: 190, future: 100 });
    // a 300/300 invest; b 200/80 maintain; c 180/120 develop; d 60/40 basic
    expect(r.points.map((p) => p.quadrant)).toEqual(['invest', 'maintain', 'develop', 'basic']);
    // typed current 250, future kept at the median 100: b 200 < 250 → basic; a 300 → invest
    const typed = groupPortfolio(groups, 'total', 'clv', { current: 250 });
    expect(typed.thresholds).toEqual({ current: 250, future: 100 });
    expect(typed.points.map((p) => p.quadrant)).toEqual(['invest', 'basic', 'develop', 'basic']);
  });

  it('puts a single group, and groups of equal values, at the thresholds: high on both', () => {
    const one = groupPortfolio([groups[0]], 'year', 'recency');
    expect(one.thresholds).toEqual({ current: 100, future: 10 });
    expect(one.points[0].quadrant).toBe('invest');
    const same = groupPortfolio([group('x', 2, 100, 100, 30, null), group('y', 4, 200, 200, 30, null)], 'year', 'recency');
    expect(same.points.map((p) => p.quadrant)).toEqual(['invest', 'invest']);
  });

  it('leaves a group without CLV off the matrix', () => {
    const r = groupPortfolio([group('a', 1, 10, 10, 5, NaN), group('b', 1, 20, 20, 5, 7)], 'year', 'clv');
    expect(r.medians.future).toBe(7);
    expect(r.points.map((p) => p.quadrant)).toEqual([null, 'invest']);
  });
});

describe('quadrantTotals', () => {
  it('counts and sums seven customers per quadrant', () => {
    // thresholds current 100, future 50 (CLV):
    // 1 (150, 80) invest; 2 (100, 50) invest; 3 (20, 90) develop; 4 (300, 10) maintain;
    // 5 (99, 49) basic; 6 (0, 0) basic; 7 (60, 55) develop
    const x = [150, 100, 20, 300, 99, 0, 60], y = [80, 50, 90, 10, 49, 0, 55];
    const q = Uint8Array.from(x, (v, i) => QUADRANT_CODE[pointQuadrant(v, y[i], { current: 100, future: 50 }, 'clv')]);
    expect(Array.from(q)).toEqual([0, 0, 1, 2, 3, 3, 1]);
    expect(quadrantTotals(x, y, q)).toEqual({
      invest: { customers: 2, current: 250, future: 130 },
      develop: { customers: 2, current: 80, future: 145 },
      maintain: { customers: 1, current: 300, future: 10 },
      basic: { customers: 2, current: 99, future: 49 },
    });
  });
});

describe('parseThreshold', () => {
  it('reads numbers with separators and refuses text', () => {
    expect(parseThreshold(' 1,234.5 ')).toBe(1234.5);
    expect(parseThreshold('-20')).toBe(-20);
    expect(parseThreshold('abc')).toBeNull();
    expect(parseThreshold('')).toBeNull();
  });
});

describe('the customer canvas scales (src/lib/charts/portfolio.ts)', () => {
  it('maps values to pixels linearly with a 3% margin and clamps values beyond the domain', () => {
    // domain 0…100 padded by 3 each side: −3…103 over 0…106 px, so v → v + 3
    const a = canvasAxis(0, 100, 50, 0, 106, false);
    expect(a.toPx(0)).toBeCloseTo(3, 9);
    expect(a.toPx(50)).toBeCloseTo(53, 9);
    expect(a.toPx(1000)).toBeCloseTo(103, 9); // clamped to 100
    expect(a.fromPx(53)).toBeCloseTo(50, 9);
    expect(a.ticks).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('widens the domain to hold the threshold and opens a flat one', () => {
    expect(canvasAxis(10, 20, 50, 0, 100, false).hi).toBe(50);
    const flat = canvasAxis(5, 5, 5, 0, 100, false);
    expect([flat.lo, flat.hi]).toEqual([4, 6]); // ±20% of 5
  });

  it('draws a signed log scale: symlog(99) = 2, symlog(−9) = −1, and a vertical axis upwards', () => {
    expect(symlog(99)).toBeCloseTo(2, 12);
    expect(symlog(-9)).toBeCloseTo(-1, 12);
    expect(symlog(0)).toBe(0);
    // −9…999 → −1…3 in logs, no margin, drawn from 400 px (bottom) to 0 (top): 0 → 300, 99 → 100
    const y = canvasAxis(-9, 999, 0, 400, 0, true, 0);
    expect(y.toPx(0)).toBeCloseTo(300, 9);
    expect(y.toPx(99)).toBeCloseTo(100, 9);
    expect(y.fromPx(100)).toBeCloseTo(99, 9);
    expect(logTicks(-9, 999)).toEqual([0, 10, 100]);
  });
});
