import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignRfmSegments, RFM11_RULES, rfmScores, rfmThresholds, shadowedRules, type SegmentRule } from '../../../../../src/lib/domain';
import { createRandom } from '../../../../../src/lib/domain/random';

/** Score of a value: 1 + the number of edges strictly below it (the contract of rfmThresholds). */
const scoreOf = (edges: number[], v: number) => 1 + edges.filter((e) => e < v).length;
const levels = (edges: number[], values: number[]) => {
  const counts = new Array(edges.length + 1).fill(0);
  for (const v of values) counts[scoreOf(edges, v) - 1]++;
  return counts;
};

describe('rfmThresholds: tie-aware binning', () => {
  it('keeps the quantile edges when they leave no score level empty', () => {
    // type-7 quantiles of 1, 2, 3, 4, 10 at 0.2…0.8: h = 0.8, 1.6, 2.4, 3.2 → 1.8, 2.6, 3.4, 5.2 (one value per level)
    const edges = rfmThresholds([1, 2, 3, 4, 10], 5, { method: 'tie-aware' });
    [1.8, 2.6, 3.4, 5.2].forEach((e, i) => expect(edges[i]).toBeCloseTo(e, 12));
    expect(edges).toEqual(rfmThresholds([1, 2, 3, 4, 10], 5));
  });

  it('spreads the levels over the distinct values when ties leave quantile levels empty', () => {
    const values = [1, 1, 1, 1, 2, 2, 3, 4, 5, 9];
    // quantiles: h = 1.8 → 1; 3.6 → 1 + 0.6·(2 − 1) = 1.6; 5.4 → 2 + 0.4·1 = 2.4; 7.2 → 4 + 0.2·1 = 4.2:
    // level 2 (1, 1.6] holds nobody; 2, 2 score 3; 3 and 4 score 4; 5 and 9 score 5
    const quantile = rfmThresholds(values, 5);
    expect(quantile.map((x) => Math.round(x * 10) / 10)).toEqual([1, 1.6, 2.4, 4.2]);
    expect(levels(quantile, values)).toEqual([4, 0, 2, 2, 2]);
    // tie-aware: cuts at the distinct values whose cumulative counts (4, 6, 7, 8, 9, 10) are nearest
    // 2, 4, 6, 8 while leaving a value for each later level: after 1 (4), 2 (6), 3 (7), 4 (8)
    const edges = rfmThresholds(values, 5, { method: 'tie-aware' });
    expect(edges).toEqual([1, 2, 3, 4]);
    expect(levels(edges, values)).toEqual([4, 2, 1, 1, 2]);
  });

  it('gives each distinct value its own score when there are fewer distinct values than bins', () => {
    // three values: scores 1, 3, 5 (1 + round(j·4/2)); two: 1 and 5; one: everyone 1
    const three = rfmThresholds([1, 1, 1, 1, 1, 1, 2, 3], 5, { method: 'tie-aware' });
    expect(three).toHaveLength(4);
    expect([1, 2, 3].map((v) => scoreOf(three, v))).toEqual([1, 3, 5]);
    const two = rfmThresholds([5, 5, 5, 7], 5, { method: 'tie-aware' });
    expect([5, 7].map((v) => scoreOf(two, v))).toEqual([1, 5]);
    expect(rfmThresholds([3, 3, 3], 4, { method: 'tie-aware' })).toEqual([3, 3, 3]);
    expect(rfmThresholds([], 5, { method: 'tie-aware' })).toEqual([]);
    expect(rfmThresholds([NaN, 2], 3, { method: 'tie-aware' })).toEqual([2, 2]);
  });

  it('holds its contract on random skewed columns', () => {
    const random = createRandom(7).next;
    let withTies = 0;
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(random() * 60);
      const bins = 2 + Math.floor(random() * 8);
      // geometric-like counts: mostly small, many ties
      const values = Array.from({ length: n }, () => Math.floor(-Math.log(1 - random()) * (1 + random() * 3)));
      const edges = rfmThresholds(values, bins, { method: 'tie-aware' });
      const quantile = rfmThresholds(values, bins);
      const distinct = [...new Set(values)].sort((a, b) => a - b);
      expect(edges).toHaveLength(bins - 1);
      for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThanOrEqual(edges[i - 1]);
      if (!levels(quantile, values).includes(0)) {
        expect(edges).toEqual(quantile);
        continue;
      }
      withTies++;
      if (distinct.length >= bins) {
        for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
        expect(levels(edges, values)).not.toContain(0);
      } else {
        const scores = distinct.map((v) => scoreOf(edges, v));
        expect(new Set(scores).size).toBe(distinct.length);
      }
    }
    expect(withTies).toBeGreaterThan(50);
  });

  it('rfmScores takes the same method (quantile by default)', () => {
    const rows = [1, 1, 1, 1, 2, 2, 3, 4, 5, 9].map((f, i) => ({ customerId: `c${i}`, recencyDays: i, frequency: f, monetary: f }));
    const quantile = rfmScores(rows);
    const tieAware = rfmScores(rows, { method: 'tie-aware' });
    expect(new Set(quantile.map((s) => s.F))).toEqual(new Set([1, 3, 4, 5]));
    expect(new Set(tieAware.map((s) => s.F))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(() => rfmThresholds([1], 2, { method: 'nope' as never })).toThrow(RangeError);
  });

  it('leaves no F level empty on the Online Retail sample, where quantiles give 1 · 1 · 1 · 2', () => {
    // ../shared/data/online-retail (UCI Online Retail sample): orders = distinct invoices per
    // customer, cancellations (invoice C…) and rows without a customer left out
    const text = readFileSync(fileURLToPath(new URL('../../../../../../shared/data/online-retail/online_retail_sample.csv', import.meta.url)), 'utf8');
    const invoices = new Map<string, Set<string>>();
    for (const line of text.split(/\r?\n/).slice(1)) {
      if (!line) continue;
      const cells = [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => m[1] ?? m[2] ?? '');
      const [, invoice, , , quantity, , , customer] = cells;
      if (!customer || invoice.startsWith('C') || Number(quantity) <= 0) continue;
      if (!invoices.has(customer)) invoices.set(customer, new Set());
      invoices.get(customer)!.add(invoice);
    }
    const frequency = [...invoices.values()].map((s) => s.size);
    expect(frequency.length).toBeGreaterThan(1000);
    // what the app showed (issue: "F edges are 1 · 1 · 1 · 2"): scores 2 and 3 empty
    expect(rfmThresholds(frequency, 5)).toEqual([1, 1, 1, 2]);
    const edges = rfmThresholds(frequency, 5, { method: 'tie-aware' });
    expect(edges[0]).toBe(1);
    for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
    expect(levels(edges, frequency)).not.toContain(0);
  });
});

describe('the 11-segment preset at other bin counts', () => {
  it('reads a score of b bins as 1 + (s − 1)·4/(b − 1): top, new and lost exist at every bin count', () => {
    for (let b = 2; b <= 10; b++) {
      const rows = [[b, b, b], [b, 1, 1], [1, 1, 1]].map(([R, F, M], i) => ({ customerId: `${i}`, recencyDays: 0, frequency: 0, monetary: 0, R, F, M }));
      expect(assignRfmSegments(rows, 'rfm11', { bins: b })).toEqual(['champions', 'new_customers', 'lost']);
    }
    // with 3 bins, (2, 2, 2) reads as (3, 3, 3): Loyal Customers (2–5/3–5/3–5), the first rule holding it
    const mid = [{ customerId: 'm', recencyDays: 0, frequency: 0, monetary: 0, R: 2, F: 2, M: 2 }];
    expect(assignRfmSegments(mid, 'rfm11', { bins: 3 })).toEqual(['loyal_customers']);
    // custom rules are read as they are
    const own: SegmentRule[] = [{ key: 'top', R: [3, 3] }];
    expect(assignRfmSegments(mid.map((r) => ({ ...r, R: 3 })), own, { bins: 3 })).toEqual(['top']);
  });

  it('names as shadowed only rules whose every cell an earlier rule takes', () => {
    const inRange = (range: readonly [number, number] | undefined, v: number) => !range || (v >= range[0] && v <= range[1]);
    for (const bins of [2, 3, 4, 5, 7, 10]) {
      const read = (s: number) => (bins === 1 ? 1 : 1 + ((s - 1) * 4) / (bins - 1));
      const cells: number[][] = [];
      for (let a = 1; a <= bins; a++) for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) cells.push([read(a), read(f), read(m)]);
      const matches = (rule: SegmentRule, [r, f, m]: number[]) => inRange(rule.R, r) && inRange(rule.F, f) && inRange(rule.M, m);
      const shadowed = shadowedRules(RFM11_RULES, bins, { rulesBins: 5 });
      RFM11_RULES.forEach((rule, i) => {
        const own = cells.filter((c) => matches(rule, c));
        const reallyCovered = own.every((c) => RFM11_RULES.slice(0, i).some((earlier) => matches(earlier, c)));
        expect(shadowed.includes(i)).toBe(reallyCovered);
      });
      expect(shadowed).not.toContain(0);
    }
  });
});
