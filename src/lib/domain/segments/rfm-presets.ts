/**
 * Named RFM segment presets (DESIGN.md → Domain formulas → RFM) and the shadowed-rule check the
 * preset editor warns with.
 */

/**
 * One segment rule: inclusive score ranges [min, max] per dimension; a missing dimension matches
 * any score. Rules are tried in order and the first match wins.
 */
export type SegmentRule = { key: string; R?: [number, number]; F?: [number, number]; M?: [number, number] };

/** Key of customers that no rule matches. */
export const OTHERS_SEGMENT = 'others';

const rule = (key: string, R: [number, number], F: [number, number], M: [number, number]): SegmentRule =>
  Object.freeze({ key, R: Object.freeze(R), F: Object.freeze(F), M: Object.freeze(M) }) as SegmentRule;

/**
 * The 11-segment preset: the classic table reordered so that every segment can occur
 * (in the often-copied original order New Customers, Promising, Can't Lose Them and Lost never match).
 * Customers matching none are {@link OTHERS_SEGMENT}.
 *
 * @example
 * RFM11_RULES[0]; // { key: 'champions', R: [4, 5], F: [4, 5], M: [4, 5] }
 */
export const RFM11_RULES: readonly SegmentRule[] = Object.freeze([
  rule('champions', [4, 5], [4, 5], [4, 5]),
  rule('loyal_customers', [2, 5], [3, 5], [3, 5]),
  rule('new_customers', [4, 5], [1, 1], [1, 1]),
  rule('promising', [3, 4], [1, 1], [1, 1]),
  rule('potential_loyalist', [3, 5], [1, 3], [1, 3]),
  rule('need_attention', [2, 3], [2, 3], [2, 3]),
  rule('cant_lose_them', [1, 1], [4, 5], [4, 5]),
  rule('at_risk', [1, 2], [2, 5], [2, 5]),
  rule('about_to_sleep', [2, 3], [1, 2], [1, 2]),
  rule('lost', [1, 1], [1, 1], [1, 1]),
  rule('hibernating', [1, 2], [1, 2], [1, 2]),
]);

/**
 * Keys of the 8-class preset (the Chinese RFM model), each of R, F, M "high" or "low" against its
 * mean (or median): index = (M low ? 4 : 0) + (R low ? 2 : 0) + (F low ? 1 : 0).
 * 重要价值, 重要发展, 重要保持, 重要挽留, 一般价值, 一般发展, 一般保持, 一般挽留.
 */
export const RFM8_KEYS = Object.freeze([
  'important_value', // R high, F high, M high
  'important_development', // R high, F low, M high
  'important_retention', // R low, F high, M high
  'important_winback', // R low, F low, M high
  'general_value', // R high, F high, M low
  'general_development', // R high, F low, M low
  'general_retention', // R low, F high, M low
  'general_winback', // R low, F low, M low
] as const);

/** One of {@link RFM8_KEYS}. */
export type Rfm8Key = (typeof RFM8_KEYS)[number];

/** Options of {@link shadowedRules}. */
export interface ShadowedRulesOptions {
  /**
   * The number of bins the rules' ranges are written for (5 for the 11-segment preset): a score s of
   * `bins` is then read as 1 + (s − 1)·(rulesBins − 1)/(bins − 1), as {@link assignRfmSegments}
   * does. [bins: scores are read as they are]
   */
  rulesBins?: number;
}

/**
 * Indexes of rules that earlier rules shadow completely: every score cell (R, F, M) of the rule's
 * box is already covered by the union of the boxes before it, so the rule can never match.
 * Enumerates the bins³ cells. A rule whose box holds no cell within 1…bins (e.g. min > max) can
 * never match either and is reported too.
 *
 * @param rules Rules in the order they are tried.
 * @param bins Scores per dimension [5].
 * @param options `rulesBins`: the bin count the ranges are written for, when it differs.
 * @returns Ascending indexes into `rules`.
 * @example
 * shadowedRules([{ key: 'a', R: [4, 5] }, { key: 'b', R: [5, 5], F: [1, 2] }]); // [1]
 * shadowedRules(RFM11_RULES, 3, { rulesBins: 5 }); // [] (3 bins read as scores 1, 3, 5)
 */
export function shadowedRules(rules: readonly SegmentRule[], bins = 5, options: ShadowedRulesOptions = {}): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`RFM bins must be an integer ≥ 1, got ${bins}`);
  const rulesBins = options.rulesBins ?? bins;
  const read = (s: number) => readScore(s, bins, rulesBins);
  const inRange = (range: readonly [number, number] | undefined, v: number) => !range || (v >= range[0] && v <= range[1]);
  const covered = new Uint8Array(bins * bins * bins);
  const out: number[] = [];
  rules.forEach((r, index) => {
    let shadowed = true;
    for (let a = 1; a <= bins; a++)
      for (let b = 1; b <= bins; b++)
        for (let c = 1; c <= bins; c++) {
          if (!inRange(r.R, read(a)) || !inRange(r.F, read(b)) || !inRange(r.M, read(c))) continue;
          const cell = ((a - 1) * bins + (b - 1)) * bins + (c - 1);
          if (!covered[cell]) {
            shadowed = false;
            covered[cell] = 1;
          }
        }
    if (shadowed) out.push(index);
  });
  return out;
}

/**
 * A score of `bins` bins read on the scale of `rulesBins` bins: 1 + (s − 1)·(rulesBins − 1)/(bins − 1)
 * (1 → 1, bins → rulesBins); with one bin, every score reads as 1.
 */
export function readScore(score: number, bins: number, rulesBins: number): number {
  if (bins === rulesBins) return score;
  return bins <= 1 ? 1 : 1 + ((score - 1) * (rulesBins - 1)) / (bins - 1);
}
