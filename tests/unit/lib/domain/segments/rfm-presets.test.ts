import { describe, expect, it } from 'vitest';
import { assignRfmSegments, type RfmScoredRow } from '../../../../../src/lib/domain/segments/assign-rfm';
import { rfmScores } from '../../../../../src/lib/domain/segments/rfm';
import { RFM11_RULES, RFM8_KEYS, shadowedRules, type SegmentRule } from '../../../../../src/lib/domain/segments/rfm-presets';

/** A row with only scores (raw values irrelevant for rule presets). */
const scored = (customerId: string, R: number, F: number, M: number): RfmScoredRow => ({
  customerId, recencyDays: 0, frequency: 0, monetary: 0, R, F, M,
});

/** A row with only raw values (scores irrelevant for rfm8). */
const raw = (customerId: string, recencyDays: number, frequency: number, monetary: number): RfmScoredRow => ({
  customerId, recencyDays, frequency, monetary, R: 0, F: 0, M: 0,
});

describe('RFM11_RULES', () => {
  it('lists the eleven segments in the order of DESIGN.md', () => {
    expect(RFM11_RULES.map((r) => r.key)).toEqual([
      'champions', 'loyal_customers', 'new_customers', 'promising', 'potential_loyalist', 'need_attention',
      'cant_lose_them', 'at_risk', 'about_to_sleep', 'lost', 'hibernating',
    ]);
    expect(RFM11_RULES[2]).toEqual({ key: 'new_customers', R: [4, 5], F: [1, 1], M: [1, 1] });
    expect(RFM11_RULES[7]).toEqual({ key: 'at_risk', R: [1, 2], F: [2, 5], M: [2, 5] });
  });

  it('makes every segment reachable (first match wins; the comment says why earlier rules miss)', () => {
    const cases: [string, number, number, number][] = [
      ['champions', 5, 5, 5],
      ['loyal_customers', 2, 3, 3], // champions needs R ≥ 4
      ['new_customers', 5, 1, 1], // champions and loyal need F ≥ 3/4
      ['promising', 3, 1, 1], // new needs R ≥ 4
      ['potential_loyalist', 3, 2, 3], // promising needs F = 1; loyal needs F ≥ 3
      ['need_attention', 2, 2, 2], // potential loyalist needs R ≥ 3; loyal F ≥ 3
      ['cant_lose_them', 1, 5, 5], // loyal needs R ≥ 2
      ['at_risk', 1, 3, 2], // can't lose them needs F, M ≥ 4
      ['about_to_sleep', 2, 1, 2], // need attention needs F ≥ 2; at risk F ≥ 2
      ['lost', 1, 1, 1], // about to sleep needs R ≥ 2
      ['hibernating', 1, 2, 1], // lost needs F = 1; at risk needs M ≥ 2
      ['others', 5, 5, 1], // high R and F but M = 1: no box holds it
      ['others', 3, 5, 1],
    ];
    const rows = cases.map(([, R, F, M], i) => scored(`c${i}`, R, F, M));
    expect(assignRfmSegments(rows, 'rfm11')).toEqual(cases.map((c) => c[0]));
  });

  it('reports no shadowed rule', () => {
    expect(shadowedRules(RFM11_RULES)).toEqual([]);
  });
});

describe('shadowedRules', () => {
  const box = (key: string, R: [number, number], F: [number, number], M: [number, number]): SegmentRule => ({ key, R, F, M });

  it('finds the four rules the often-copied original order can never reach', () => {
    const original = [
      box('champions', [4, 5], [4, 5], [4, 5]), // 0
      box('loyal_customers', [2, 5], [3, 5], [3, 5]), // 1
      box('potential_loyalist', [3, 5], [1, 3], [1, 3]), // 2
      box('new_customers', [4, 5], [1, 1], [1, 1]), // 3 ⊂ potential loyalist
      box('promising', [3, 4], [1, 1], [1, 1]), // 4 ⊂ potential loyalist
      box('need_attention', [2, 3], [2, 3], [2, 3]), // 5
      box('about_to_sleep', [2, 3], [1, 2], [1, 2]), // 6
      box('at_risk', [1, 2], [2, 5], [2, 5]), // 7
      box('cant_lose_them', [1, 1], [4, 5], [4, 5]), // 8 ⊂ at risk
      box('hibernating', [1, 2], [1, 2], [1, 2]), // 9
      box('lost', [1, 1], [1, 1], [1, 1]), // 10 ⊂ hibernating
    ];
    expect(shadowedRules(original)).toEqual([3, 4, 8, 10]);
    // and indeed they never match: every cell of every box lands elsewhere
    const cells: RfmScoredRow[] = [];
    for (let R = 1; R <= 5; R++) for (let F = 1; F <= 5; F++) for (let M = 1; M <= 5; M++) cells.push(scored('x', R, F, M));
    const used = new Set(assignRfmSegments(cells, original));
    expect(['new_customers', 'promising', 'cant_lose_them', 'lost'].filter((k) => used.has(k))).toEqual([]);
  });

  it('needs the union of earlier boxes, not one box, and treats missing ranges as any score', () => {
    const rules: SegmentRule[] = [
      { key: 'low_r', R: [1, 2] },
      { key: 'high_r', R: [3, 5], F: [1, 5] },
      { key: 'anything' }, // covered by low_r ∪ high_r
      { key: 'partial', R: [2, 3], F: [1, 1], M: [1, 1] }, // covered too (by the two halves)
    ];
    expect(shadowedRules(rules)).toEqual([2, 3]);
    expect(shadowedRules([{ key: 'a', R: [4, 5] }, { key: 'b', R: [5, 5], F: [1, 2] }, { key: 'c', R: [3, 5] }])).toEqual([1]);
  });

  it('reports a rule whose box is empty (it can never match), and respects bins', () => {
    expect(shadowedRules([{ key: 'empty', R: [4, 2] }, { key: 'ok', R: [1, 1] }])).toEqual([0]);
    // with 3 bins, R 4–5 holds no score at all
    expect(shadowedRules([{ key: 'a', R: [4, 5] }], 3)).toEqual([0]);
    expect(shadowedRules([{ key: 'a', R: [1, 3] }, { key: 'b', R: [3, 3] }], 3)).toEqual([1]);
  });
});

describe('assignRfmSegments with rule lists', () => {
  it('takes the first matching rule and falls back to others', () => {
    const rules: SegmentRule[] = [{ key: 'top', R: [5, 5] }, { key: 'frequent', F: [4, 5] }];
    const rows = [scored('a', 5, 5, 1), scored('b', 4, 5, 1), scored('c', 4, 3, 5)];
    expect(assignRfmSegments(rows, rules)).toEqual(['top', 'frequent', 'others']);
  });

  it('leaves a segment empty when nobody falls in it, and handles no rows and no rules', () => {
    const rows = [scored('a', 5, 5, 5), scored('b', 1, 1, 1)];
    const keys = assignRfmSegments(rows, 'rfm11');
    expect(keys).toEqual(['champions', 'lost']);
    expect(keys.filter((k) => k === 'hibernating')).toHaveLength(0);
    expect(assignRfmSegments(rows, [{ key: 'never', R: [3, 1] }])).toEqual(['others', 'others']);
    expect(assignRfmSegments(rows, [])).toEqual(['others', 'others']);
    expect(assignRfmSegments([], 'rfm11')).toEqual([]);
    expect(assignRfmSegments([], 'rfm8')).toEqual([]);
  });

  it('works on the scores rfmScores produces', () => {
    // recency 10…50 → R 5…1; frequency 1, 2, 3, 4, 10 → F 1…5; monetary 100 × frequency → M 1…5
    const base = [[10, 1, 100], [20, 2, 200], [30, 3, 300], [40, 4, 400], [50, 10, 1000]].map(([r, f, m], i) => raw(`c${i}`, r, f, m));
    const scores = rfmScores(base);
    const rows = base.map((b, i) => ({ ...b, R: scores[i].R, F: scores[i].F, M: scores[i].M }));
    // (5,1,1) new; (4,2,2) potential loyalist; (3,3,3) loyal; (2,4,4) loyal; (1,5,5) can't lose them
    expect(assignRfmSegments(rows, 'rfm11')).toEqual([
      'new_customers', 'potential_loyalist', 'loyal_customers', 'loyal_customers', 'cant_lose_them',
    ]);
  });

  it('rejects an unknown preset name', () => {
    expect(() => assignRfmSegments([], 'rfm9' as 'rfm8')).toThrow(RangeError);
  });
});

describe('assignRfmSegments rfm8', () => {
  //        recency  frequency  monetary
  // a        10        5         500
  // b        20        1         100
  // c        30        2          90
  // d       100        8          50
  const rows = [raw('a', 10, 5, 500), raw('b', 20, 1, 100), raw('c', 30, 2, 90), raw('d', 100, 8, 50)];

  it('lists the eight keys in the order of DESIGN.md', () => {
    expect([...RFM8_KEYS]).toEqual([
      'important_value', 'important_development', 'important_retention', 'important_winback',
      'general_value', 'general_development', 'general_retention', 'general_winback',
    ]);
  });

  it('compares raw values with their means by default', () => {
    // means: recency (10 + 20 + 30 + 100)/4 = 40; frequency (5 + 1 + 2 + 8)/4 = 4; monetary (500 + 100 + 90 + 50)/4 = 185
    // a: 10 ≤ 40 high, 5 ≥ 4 high, 500 ≥ 185 high → important_value
    // b: 20 ≤ 40 high, 1 < 4 low, 100 < 185 low → general_development
    // c: 30 ≤ 40 high, 2 < 4 low, 90 < 185 low → general_development
    // d: 100 > 40 low, 8 ≥ 4 high, 50 < 185 low → general_retention
    const expected = ['important_value', 'general_development', 'general_development', 'general_retention'];
    expect(assignRfmSegments(rows, 'rfm8')).toEqual(expected);
    expect(assignRfmSegments(rows, 'rfm8', { reference: 'mean' })).toEqual(expected);
  });

  it('compares with medians on request (even count: mean of the two middle values)', () => {
    // medians: recency [10, 20, 30, 100] → (20 + 30)/2 = 25; frequency [1, 2, 5, 8] → 3.5; monetary [50, 90, 100, 500] → 95
    // a: high, high (5 ≥ 3.5), high → important_value
    // b: 20 ≤ 25 high, 1 low, 100 ≥ 95 high → important_development
    // c: 30 > 25 low, 2 low, 90 < 95 low → general_winback
    // d: low, 8 high, 50 low → general_retention
    expect(assignRfmSegments(rows, 'rfm8', { reference: 'median' })).toEqual([
      'important_value', 'important_development', 'general_winback', 'general_retention',
    ]);
    // odd count (drop d): medians recency 20, frequency 2, monetary 100
    // a: high, high, high; b: 20 ≤ 20 high, 1 < 2 low, 100 ≥ 100 high → important_development;
    // c: 30 > 20 low, 2 ≥ 2 high, 90 < 100 low → general_retention
    expect(assignRfmSegments(rows.slice(0, 3), 'rfm8', { reference: 'median' })).toEqual([
      'important_value', 'important_development', 'general_retention',
    ]);
  });

  it('counts a value equal to the reference as high, also for recency', () => {
    // all equal: recency ≤ mean, frequency ≥ mean, monetary ≥ mean → all high (0.1 averages to exactly 0.1)
    const same = [raw('a', 7, 3, 0.1), raw('b', 7, 3, 0.1), raw('c', 7, 3, 0.1)];
    expect(assignRfmSegments(same, 'rfm8')).toEqual(['important_value', 'important_value', 'important_value']);
    expect(assignRfmSegments([raw('solo', 1, 1, 1)], 'rfm8', { reference: 'median' })).toEqual(['important_value']);
  });

  it('reaches the other four classes', () => {
    // means: recency (0 + 0 + 10 + 10)/4 = 5, frequency (1 + 1 + 3 + 3)/4 = 2, monetary (10 + 0 + 10 + 0)/4 = 5
    const table = [raw('a', 10, 1, 10), raw('b', 0, 3, 0), raw('c', 10, 3, 10), raw('d', 0, 1, 0)];
    // a: low, low, high → important_winback; b: high, high, low → general_value;
    // c: low, high, high → important_retention; d: high, low, low → general_development
    expect(assignRfmSegments(table, 'rfm8')).toEqual([
      'important_winback', 'general_value', 'important_retention', 'general_development',
    ]);
  });
});
