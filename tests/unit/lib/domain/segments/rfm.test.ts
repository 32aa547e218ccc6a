import { describe, expect, it } from 'vitest';
import { indexDataset, NO_DAY, summarizeCustomers } from '../../../../../src/lib/domain';
import { rfmScores, rfmThresholds, type RfmInputRow } from '../../../../../src/lib/domain/segments/rfm';
import { defaultAnalysisDay, rfmInputs } from '../../../../../src/lib/domain/segments/rfm-inputs';
import { handCase } from '../../../../support/fixtures';

const row = (customerId: string, recencyDays: number, frequency: number, monetary: number): RfmInputRow => ({
  customerId,
  recencyDays,
  frequency,
  monetary,
});

const closeList = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
};

describe('rfmThresholds (type-7 quantiles)', () => {
  it('interpolates between order statistics', () => {
    // sorted [1, 2, 3, 4, 10], n = 5, h = (n − 1)·p = 4p
    // p 0.2: h 0.8 → x0 + 0.8·(x1 − x0) = 1 + 0.8·1 = 1.8
    // p 0.4: h 1.6 → 2 + 0.6·1 = 2.6
    // p 0.6: h 2.4 → 3 + 0.4·1 = 3.4
    // p 0.8: h 3.2 → 4 + 0.2·(10 − 4) = 5.2
    // numpy.quantile(…, [.2, .4, .6, .8]) → [1.8, 2.6, 3.4, 5.200000000000001]
    closeList(rfmThresholds([10, 3, 1, 4, 2], 5), [1.8, 2.6, 3.4, 5.2]);
  });

  it('ignores NaN and works on typed arrays', () => {
    // sorted [1, 1, 2, 3, 4, 5, 6, 9], n = 8, h = 7p
    // p .25: h 1.75 → x1 + .75·(x2 − x1) = 1 + .75·1 = 1.75
    // p .50: h 3.5 → x3 + .5·(x4 − x3) = 3 + .5·1 = 3.5
    // p .75: h 5.25 → x5 + .25·(x6 − x5) = 5 + .25·1 = 5.25
    // numpy.quantile([3,1,4,1,5,9,2,6], [.25,.5,.75]) → [1.75, 3.5, 5.25]
    const values = Float64Array.of(3, 1, NaN, 4, 1, 5, 9, NaN, 2, 6);
    closeList(rfmThresholds(values, 4), [1.75, 3.5, 5.25]);
  });

  it('cross-checks against numpy on an odd count and on two values', () => {
    // sorted [1, 2, 3, 5, 7, 8, 9], h = 6p: p .2 → h 1.2 → 2 + .2·1 = 2.2; p .4 → h 2.4 → 3 + .4·2 = 3.8;
    // p .6 → h 3.6 → 5 + .6·2 = 6.2; p .8 → h 4.8 → 7 + .8·1 = 7.8
    // numpy → [2.2, 3.8000000000000007, 6.199999999999999, 7.800000000000001]
    closeList(rfmThresholds([5, 3, 8, 1, 9, 2, 7], 5), [2.2, 3.8, 6.2, 7.8]);
    // [10, 20], h = p: 10 + p·10 → 12, 14, 16, 18 (numpy: [12.0, 14.0, 16.0, 18.0])
    closeList(rfmThresholds([20, 10], 5), [12, 14, 16, 18]);
  });

  it('lands exactly on order statistics when h is whole', () => {
    // [1, 2, 3, 4, 5], bins 4: h = 4p = 1, 2, 3 → x1, x2, x3
    expect(rfmThresholds([5, 4, 3, 2, 1], 4)).toEqual([2, 3, 4]);
  });

  it('gives bins − 1 copies of a single or repeated value, [] without values, [] for one bin', () => {
    expect(rfmThresholds([7], 5)).toEqual([7, 7, 7, 7]);
    expect(rfmThresholds([7, 7, 7], 3)).toEqual([7, 7]);
    expect(rfmThresholds([], 5)).toEqual([]);
    expect(rfmThresholds([NaN, NaN], 5)).toEqual([]);
    expect(rfmThresholds([1, 2, 3], 1)).toEqual([]);
  });

  it('rejects bins that are not a whole number ≥ 1', () => {
    expect(() => rfmThresholds([1], 0)).toThrow(RangeError);
    expect(() => rfmThresholds([1], 2.5)).toThrow(RangeError);
  });
});

describe('rfmScores', () => {
  const five = [
    row('a', 10, 1, 100),
    row('b', 20, 2, 200),
    row('c', 30, 3, 300),
    row('d', 40, 4, 400),
    row('e', 50, 10, 1000),
  ];

  it('scores by quantile bins with R reversed, in the order of the rows', () => {
    // recency thresholds of [10…50]: h = 4p → 18, 26, 34, 42; below-counts 0…4 → R = 6 − (1 + count) = 5…1
    // frequency thresholds [1.8, 2.6, 3.4, 5.2] (see above): 1, 2, 3, 4, 10 → F 1, 2, 3, 4, 5
    // monetary = frequency · 100 → thresholds [180, 260, 340, 520] → M 1…5
    const shuffled = [five[3], five[0], five[4], five[2], five[1]];
    expect(rfmScores(shuffled)).toEqual([
      { customerId: 'd', R: 2, F: 4, M: 4 },
      { customerId: 'a', R: 5, F: 1, M: 1 },
      { customerId: 'e', R: 1, F: 5, M: 5 },
      { customerId: 'c', R: 3, F: 3, M: 3 },
      { customerId: 'b', R: 4, F: 2, M: 2 },
    ]);
  });

  it('counts thresholds strictly below, so a value on a threshold takes the lower score', () => {
    // frequency [1, 2, 3, 4, 5], bins 4 → thresholds [2, 3, 4]
    // 1: none below → 1; 2: none strictly below → 1; 3: {2} → 2; 4: {2, 3} → 3; 5: all three → 4
    const rows = [1, 2, 3, 4, 5].map((f) => row(`c${f}`, 0, f, 0));
    expect(rfmScores(rows, { bins: 4 }).map((s) => s.F)).toEqual([1, 1, 2, 3, 4]);
  });

  it('gives equal values the same score: all equal → F = M = 1 and R = bins', () => {
    const rows = ['a', 'b', 'c', 'd'].map((id) => row(id, 30, 2, 99.5));
    expect(rfmScores(rows)).toEqual(rows.map((r) => ({ customerId: r.customerId, R: 5, F: 1, M: 1 })));
    expect(rfmScores(rows, { bins: 3 }).map((s) => s.R)).toEqual([3, 3, 3, 3]);
    // ties inside a spread column: [1, 1, 1, 1, 9] → thresholds (h = 4p: 0.8, 1.6, 2.4 between 1s; 3.2 → 1 + .2·8 = 2.6)
    // = [1, 1, 1, 2.6]; the four 1s share F = 1, 9 is above all four → F = 5
    const tied = [1, 1, 9, 1, 1].map((f, i) => row(`t${i}`, 0, f, 0));
    expect(rfmScores(tied).map((s) => s.F)).toEqual([1, 1, 5, 1, 1]);
  });

  it('scores a single customer F = M = 1, R = bins; no rows → []', () => {
    expect(rfmScores([row('solo', 3, 7, 250)])).toEqual([{ customerId: 'solo', R: 5, F: 1, M: 1 }]);
    expect(rfmScores([])).toEqual([]);
  });

  it('uses the requested number of bins', () => {
    // bins 3 on recency [10…50]: h = 4p, p = 1/3 → 4/3 → 20 + (1/3)·10 = 23.33…; p = 2/3 → 8/3 → 30 + (2/3)·10 = 36.67
    // recency 10, 20 → 0 below → R 3; 30 → 1 → R 2; 40, 50 → 2 → R 1
    expect(rfmScores(five, { bins: 3 }).map((s) => s.R)).toEqual([3, 3, 2, 1, 1]);
  });

  it('replaces a column’s quantiles by user thresholds (sorted; bins = count + 1)', () => {
    const rows = [row('a', 7, 1, 10), row('b', 8, 2, 20), row('c', 31, 3, 30), row('d', 30, 5, 40), row('e', 100, 6, 50)];
    const scores = rfmScores(rows, { thresholds: { R: [30, 7], F: [5, 2] } });
    // R thresholds [7, 30] → 3 bins, R = 3 − below: 7 → 3; 8 → 2; 31 → 1; 30 → 2 (only 7 is below); 100 → 1
    expect(scores.map((s) => s.R)).toEqual([3, 2, 1, 2, 1]);
    // F thresholds [2, 5] → scores 1…3: 1 → 1; 2 → 1; 3 → 2; 5 → 2; 6 → 3
    expect(scores.map((s) => s.F)).toEqual([1, 1, 2, 2, 3]);
    // M keeps the default five quantile bins: [10…50] → thresholds 18, 26, 34, 42 → 1…5
    expect(scores.map((s) => s.M)).toEqual([1, 2, 3, 4, 5]);
    // an empty list means "not set": the column keeps its quantiles
    expect(rfmScores(rows, { thresholds: { M: [] } })).toEqual(rfmScores(rows));
    // one user threshold → 2 bins. M threshold 25: 10, 20 → 1; 30, 40, 50 → 2.
    // R threshold 30, R = 2 − below: 7, 8 → 2; 31 → 1; 30 → 2 (30 is not below 30); 100 → 1
    expect(rfmScores(rows, { thresholds: { M: [25], R: [30] } }).map((s) => [s.R, s.M])).toEqual([
      [2, 1], [2, 1], [1, 2], [2, 2], [1, 2],
    ]);
  });

  it('leaves NaN out of the quantiles and gives it the lowest score (R = 1 for unknown recency)', () => {
    const rows = [...five, row('x', NaN, NaN, NaN)];
    const scores = rfmScores(rows);
    expect(scores.slice(0, 5)).toEqual(rfmScores(five));
    expect(scores[5]).toEqual({ customerId: 'x', R: 1, F: 1, M: 1 });
  });

  it('scores 100,000 customers quickly', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      row(`c${i}`, Math.floor(rand() * 365), 1 + Math.floor(rand() * 20), Math.round(rand() * 100000) / 100),
    );
    rfmScores(rows); // warm up
    const t0 = performance.now();
    const scores = rfmScores(rows);
    const ms = performance.now() - t0;
    expect(scores).toHaveLength(100_000);
    expect(ms).toBeLessThan(250); // typically ~20 ms; loose bound against slow CI machines
  });
});

describe('rfmInputs and defaultAnalysisDay', () => {
  // a: 2 orders, 100 sales, 20 returned, last day 10; b: prospect that only returned; c: 1 order of 50 on day 12;
  // d: 3 orders, 90 sales, 30 returned, last day 5
  const ids = ['a', 'b', 'c', 'd'];
  const summary = {
    orders: Int32Array.of(2, 0, 1, 3),
    sales: Float64Array.of(100, 0, 50, 90),
    returns: Float64Array.of(20, 5, 0, 30),
    lastDay: Int32Array.of(10, NO_DAY, 12, 5),
  };

  it('defaults the analysis day to the day after the last purchase', () => {
    expect(defaultAnalysisDay(summary.lastDay)).toBe(13); // max(10, 12, 5) + 1
    expect(defaultAnalysisDay(Int32Array.of(NO_DAY, NO_DAY))).toBe(NO_DAY);
    expect(defaultAnalysisDay(new Int32Array(0))).toBe(NO_DAY);
  });

  it('builds net totals by default and leaves prospects out', () => {
    // recency = 13 − last day: a 3, c 1, d 8; monetary = sales − returns: a 80, c 50, d 60
    expect(rfmInputs(ids, summary, { analysisDay: 13, monetary: 'total' })).toEqual([
      row('a', 3, 2, 80),
      row('c', 1, 1, 50),
      row('d', 8, 3, 60),
    ]);
  });

  it('builds averages and gross amounts on request', () => {
    // net average: a 80/2 = 40, c 50/1, d 60/3 = 20
    expect(rfmInputs(ids, summary, { analysisDay: 13, monetary: 'average' }).map((r) => r.monetary)).toEqual([40, 50, 20]);
    // gross total: 100, 50, 90; gross average: 100/2 = 50, 50, 90/3 = 30
    expect(rfmInputs(ids, summary, { analysisDay: 13, monetary: 'total', net: false }).map((r) => r.monetary)).toEqual([100, 50, 90]);
    expect(rfmInputs(ids, summary, { analysisDay: 13, monetary: 'average', net: false }).map((r) => r.monetary)).toEqual([50, 50, 30]);
  });

  it('rejects mismatched lengths', () => {
    expect(() => rfmInputs(['a'], summary, { analysisDay: 13, monetary: 'total' })).toThrow(RangeError);
  });

  it('works from the customer summary of the shared hand case', () => {
    // summary (see kpis.test.ts): 007 2 orders, 80 sales, 10 returned, last 130; 010 1 order, 100, last 200;
    // C3 never buys; D4 one zero-value order on day 50. Analysis day = 200 + 1.
    const indexed = indexDataset(handCase());
    const s = summarizeCustomers(indexed.orders, indexed.customers.id.length);
    const day = defaultAnalysisDay(s.lastDay);
    expect(day).toBe(201);
    expect(rfmInputs(indexed.customers.id, s, { analysisDay: day, monetary: 'total' })).toEqual([
      row('007', 71, 2, 70), // 201 − 130; 80 − 10
      row('010', 1, 1, 100),
      row('D4', 151, 1, 0),
    ]);
  });
});

describe('rfmThresholds against a sort-based reference', () => {
  /** Type 7 on a sorted copy, written out as the formula. */
  const reference = (values: number[], bins: number): number[] => {
    const x = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const out: number[] = [];
    for (let k = 1; k < bins && x.length > 0; k++) {
      const h = ((x.length - 1) * k) / bins;
      const lo = Math.floor(h);
      out.push(lo + 1 < x.length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo]);
    }
    return out;
  };

  it('agrees on random columns with many ties, large and small', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const n of [1, 2, 3, 9, 50, 601, 2500, 20000]) {
      for (const spread of [3, 1000]) {
        const values = Array.from({ length: n }, () => Math.floor(rand() * spread) + (rand() < 0.3 ? 0.5 : 0));
        for (const bins of [2, 3, 5, 10]) expect(rfmThresholds(values, bins)).toEqual(reference(values, bins));
      }
    }
  });
});
