// SERVQUAL summaries by hand: the importance weights (each respondent's points as shares,
// averaged), the dimensions' gaps, the weighted score, the items' means and the priorities.
import { describe, expect, it } from 'vitest';
import {
  importanceWeights, NO_DAY, servqualPriorities, servqualSummary, SERVQUAL_DIMENSIONS, type ImportanceColumns, type ServqualColumns,
} from '../../../../../src/lib/domain';

/** Answers from [customer, item (0 = dimension-level), dimension index, expectation, perception] rows. */
function answers(rows: [string, number, number, number, number][]): ServqualColumns {
  return {
    customerId: rows.map((r) => r[0]), day: new Int32Array(rows.length).fill(NO_DAY),
    item: Int8Array.from(rows, (r) => r[1]), dimension: Int8Array.from(rows, (r) => r[2]),
    expectation: Int8Array.from(rows, (r) => r[3]), perception: Int8Array.from(rows, (r) => r[4]),
  };
}

/** Importance from [customer, day, tangibles, reliability, responsiveness, assurance, empathy] rows. */
function importance(rows: [string, number, number, number, number, number, number][]): ImportanceColumns {
  const col = (i: 2 | 3 | 4 | 5 | 6) => Float64Array.from(rows, (r) => r[i]);
  return { customerId: rows.map((r) => r[0]), day: Int32Array.from(rows, (r) => r[1]), tangibles: col(2), reliability: col(3), responsiveness: col(4), assurance: col(5), empathy: col(6) };
}

// a and b answered items; c answered reliability as a whole (item 0).
const A = answers([
  ['a', 1, 0, 5, 6], // tangibles +1
  ['a', 5, 1, 6, 5], // reliability −1
  ['a', 11, 2, 7, 5], // responsiveness −2
  ['b', 11, 2, 6, 4], // responsiveness −2
  ['b', 12, 2, 7, 6], // responsiveness −1
  ['b', 14, 3, 5, 5], // assurance 0
  ['b', 18, 4, 6, 7], // empathy +1
  ['c', 0, 1, 7, 4], // reliability −3 (dimension-level)
]);

// a: 10/20/40/20/10 of 100 → shares .1 .2 .4 .2 .1
// b: first 100 on tangibles (day 10), later 0/5/5/0/0 of 10 (day 20, the one that counts) → 0 .5 .5 0 0
// c: all zero → not usable, c does not contribute
const I = importance([
  ['a', 5, 10, 20, 40, 20, 10],
  ['b', 10, 100, 0, 0, 0, 0],
  ['b', 20, 0, 5, 5, 0, 0],
  ['c', 5, 0, 0, 0, 0, 0],
]);

describe('importanceWeights', () => {
  it('averages each respondent’s shares of their own points, the latest answer per respondent', () => {
    const { weights, respondents } = importanceWeights(I);
    expect(respondents).toBe(2);
    // mean of a's and b's shares: tangibles (.1 + 0)/2 = .05, reliability (.2 + .5)/2 = .35,
    // responsiveness (.4 + .5)/2 = .45, assurance (.2 + 0)/2 = .1, empathy (.1 + 0)/2 = .05
    // (pooling the points instead would give reliability (20 + 5)/110 = .227)
    const expected = { tangibles: 0.05, reliability: 0.35, responsiveness: 0.45, assurance: 0.1, empathy: 0.05 };
    for (const d of SERVQUAL_DIMENSIONS) expect(weights![d]).toBeCloseTo(expected[d], 12);
  });

  it('an undated answer counts only when the respondent has no dated one', () => {
    // b: undated 100 on empathy, dated (day 3) 100 on tangibles → tangibles 1
    const w = importanceWeights(importance([['b', NO_DAY, 0, 0, 0, 0, 100], ['b', 3, 100, 0, 0, 0, 0]]));
    expect(w.weights).toEqual({ tangibles: 1, reliability: 0, responsiveness: 0, assurance: 0, empathy: 0 });
  });

  it('gives no weights without usable points (none, all zero, or a negative one)', () => {
    expect(importanceWeights(importance([]))).toEqual({ weights: null, respondents: 0 });
    expect(importanceWeights(importance([['c', 1, 0, 0, 0, 0, 0], ['d', 1, 50, 60, -10, 0, 0]]))).toEqual({ weights: null, respondents: 0 });
  });

  it('uses only the rows asked for', () => {
    // row 0 only: a's shares
    expect(importanceWeights(I, [0]).weights?.responsiveness).toBeCloseTo(0.4, 12);
  });
});

describe('servqualSummary', () => {
  const s = servqualSummary(A, undefined, I);

  it('computes each dimension’s means and gap, and the unweighted and weighted scores', () => {
    // tangibles: 5 → 6, gap +1 (n 1); reliability: (6 + 7)/2 = 6.5 → (5 + 4)/2 = 4.5, gap −2 (n 2);
    // responsiveness: (7 + 6 + 7)/3 = 6.667 → (5 + 4 + 6)/3 = 5, gap −5/3 (n 3);
    // assurance 5 → 5, gap 0; empathy 6 → 7, gap +1
    const byDim = Object.fromEntries(s.dimensions.map((d) => [d.dimension, d]));
    expect(s.dimensions.map((d) => d.dimension)).toEqual([...SERVQUAL_DIMENSIONS]);
    expect(byDim.reliability).toMatchObject({ expectation: 6.5, perception: 4.5, gap: -2, n: 2 });
    expect(byDim.responsiveness.expectation).toBeCloseTo(20 / 3, 12);
    expect(byDim.responsiveness.perception).toBe(5);
    expect(byDim.responsiveness.gap).toBeCloseTo(-5 / 3, 12);
    expect(byDim.responsiveness.n).toBe(3);
    expect(byDim.tangibles.gap).toBe(1);
    expect(byDim.assurance.gap).toBe(0);
    expect(byDim.empathy.gap).toBe(1);
    // unweighted: (1 − 2 − 5/3 + 0 + 1)/5 = −1/3
    expect(s.unweighted).toBeCloseTo(-1 / 3, 12);
    // weighted: .05·1 + .35·(−2) + .45·(−5/3) + .1·0 + .05·1 = .05 − .7 − .75 + .05 = −1.35
    expect(s.weighted).toBeCloseTo(-1.35, 12);
    expect(byDim.responsiveness.weight).toBeCloseTo(0.45, 12);
  });

  it('counts distinct respondents, answers, and the respondents the weights come from', () => {
    expect(s.respondents).toBe(3);
    expect(s.answers).toBe(8);
    expect(s.weightedBy).toBe(2);
  });

  it('lists the items with item-level answers, in order (dimension-level answers not among them)', () => {
    expect(s.items.map((i) => i.item)).toEqual([1, 5, 11, 12, 14, 18]);
    // item 11: a 7 → 5, b 6 → 4: expectation 6.5, perception 4.5, gap −2
    expect(s.items.find((i) => i.item === 11)).toEqual({ item: 11, dimension: 'responsiveness', expectation: 6.5, perception: 4.5, gap: -2, n: 2 });
    expect(s.items.find((i) => i.item === 18)).toMatchObject({ dimension: 'empathy', gap: 1, n: 1 });
  });

  it('puts the largest weighted shortfall first: responsiveness (.45 × −5/3 = −.75) before reliability (.35 × −2 = −.7)', () => {
    expect(s.priorities.map((p) => p.dimension)).toEqual(['responsiveness', 'reliability']);
    expect(s.priorities[0].weightedGap).toBeCloseTo(-0.75, 12);
    expect(s.priorities[0].weight).toBeCloseTo(0.45, 12);
    expect(s.priorities[1].weightedGap).toBeCloseTo(-0.7, 12);
    expect(s.priorities[1]).toMatchObject({ expectation: 6.5, perception: 4.5, gap: -2 });
  });

  it('without importance points: no weighted score, priorities by the gap itself (reliability −2 before responsiveness −5/3)', () => {
    const u = servqualSummary(A);
    expect(u.weighted).toBeNull();
    expect(u.weightedBy).toBe(0);
    expect(u.priorities.map((p) => p.dimension)).toEqual(['reliability', 'responsiveness']);
    expect(u.priorities[0]).toMatchObject({ gap: -2, weight: null, weightedGap: null });
  });

  it('summarises only the rows asked for', () => {
    // rows 3–6: b only — responsiveness (6 + 7)/2 → (4 + 6)/2, gap −1.5
    const b = servqualSummary(A, [3, 4, 5, 6], I, [2]);
    expect(b.respondents).toBe(1);
    expect(b.dimensions[2]).toMatchObject({ expectation: 6.5, perception: 5, gap: -1.5, n: 2 });
    // b's weights: reliability .5, responsiveness .5; reliability has no answers of b, so the weighted score is NaN
    // (servqualGaps' contract) and the only priority is responsiveness, −1.5 × .5 = −.75
    expect(b.dimensions[1].n).toBe(0);
    expect(b.priorities).toHaveLength(1);
    expect(b.priorities[0].weightedGap).toBeCloseTo(-0.75, 12);
  });

  it('gives no priorities when every gap is 0 or more, and none for an empty set', () => {
    expect(servqualPriorities(servqualSummary(answers([['x', 1, 0, 4, 6]])))).toEqual([]);
    const empty = servqualSummary(answers([]));
    expect(empty).toMatchObject({ respondents: 0, answers: 0, items: [], priorities: [] });
    expect(empty.unweighted).toBeNaN();
  });
});
