/** Control groups (issue 16): deterministic, independent of the ids' order, the planned share on average. */
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, controlDraw, controlGroup, cyrb53 } from '../../../../../src/lib/domain';
import { createRandom } from '../../../../../src/lib/domain/random';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `C${String(i + 1).padStart(6, '0')}`);

describe('cyrb53', () => {
  it("has the reference implementation's values (bryc, github.com/bryc/code, jshash/experimental/cyrb53.js)", () => {
    expect(cyrb53('a', 0)).toBe(7929297801672961);
    expect(cyrb53('b', 0)).toBe(8684336938537663);
    expect(cyrb53('revenge', 0)).toBe(4051478007546757);
    expect(cyrb53('revenue', 0)).toBe(8309097637345594);
  });

  it('fixes each draw: a stored action reads the same control group in any later version', () => {
    const word = cyrb53('s', 0) >>> 0;
    expect(controlDraw('C000001', 's')).toBe(cyrb53('C000001', word) / 2 ** 53);
  });
});

describe('controlGroup', () => {
  it('holds back about the share: binomial tolerance at n = 10,000', () => {
    const list = ids(10_000);
    const control = controlGroup(list, 0.1, 'winback-2026-03');
    const size = control.filter(Boolean).length;
    // Binomial(10,000, 0.1): mean 1000, sd 30; 4 sd either way
    expect(Math.abs(size - 1000)).toBeLessThan(120);
    for (const share of [0.05, 0.5, 0.9]) {
      const k = controlGroup(list, share, 'another seed').filter(Boolean).length;
      expect(Math.abs(k - 10_000 * share)).toBeLessThan(4 * Math.sqrt(10_000 * share * (1 - share)));
    }
  });

  it('draws uniformly even for sequential ids (χ² on 20 bins)', () => {
    const bins = new Array<number>(20).fill(0);
    for (const id of ids(20_000)) bins[Math.floor(controlDraw(id, 'seed') * 20)]++;
    const chi = bins.reduce((s, b) => s + (b - 1000) ** 2 / 1000, 0);
    expect(chiSquareSurvival(chi, 19)).toBeGreaterThan(0.001);
  });

  it('is the same for the same ids, share and seed, whatever their order', () => {
    const list = ids(2000);
    const first = controlGroup(list, 0.2, 's1');
    expect(controlGroup(list, 0.2, 's1')).toEqual(first);
    const rng = createRandom('shuffle');
    const order = list.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const shuffled = controlGroup(order.map((i) => list[i]), 0.2, 's1');
    order.forEach((i, k) => expect(shuffled[k]).toBe(first[i]));
    // a customer added later moves nobody else
    expect(controlGroup([...list, 'NEW-1'], 0.2, 's1').slice(0, list.length)).toEqual(first);
  });

  it('nests the groups of larger shares and changes with the seed', () => {
    const list = ids(5000);
    const small = controlGroup(list, 0.1, 'x'), large = controlGroup(list, 0.3, 'x');
    small.forEach((c, i) => {
      if (c) expect(large[i]).toBe(true);
    });
    const other = controlGroup(list, 0.1, 'y');
    const both = small.filter((c, i) => c && other[i]).length;
    // independent seeds overlap on about share² = 1% of customers (50 ± 7)
    expect(both).toBeGreaterThan(20);
    expect(both).toBeLessThan(85);
  });

  it('has the edge cases', () => {
    expect(controlGroup([], 0.1, 's')).toEqual([]);
    expect(controlGroup(ids(100), 0, 's').some(Boolean)).toBe(false);
    expect(controlGroup(ids(100), 1, 's').every(Boolean)).toBe(true);
    const dup = controlGroup(['A', 'B', 'A', 'A', 'B'], 0.5, 's');
    expect(dup[2]).toBe(dup[0]);
    expect(dup[3]).toBe(dup[0]);
    expect(dup[4]).toBe(dup[1]);
    expect(controlDraw('A', 's')).toBeGreaterThanOrEqual(0);
    expect(controlDraw('A', 's')).toBeLessThan(1);
  });

  it('throws act.shareInvalid for a share outside [0, 1]', () => {
    for (const share of [-0.1, 1.5, NaN, Infinity]) {
      expect(() => controlGroup(['A'], share, 's')).toThrow(expect.objectContaining({ code: 'act.shareInvalid', params: { share: String(share) } }));
    }
  });
});
