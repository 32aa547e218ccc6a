import { rfmColumns, rfmThresholds, type RfmInputRow } from './rfm';
import { OTHERS_SEGMENT, readScore, RFM11_RULES, RFM8_KEYS, type SegmentRule } from './rfm-presets';

/** A customer's raw RFM facts together with their scores. */
export interface RfmScoredRow extends RfmInputRow {
  R: number;
  F: number;
  M: number;
}

/** Which preset to apply: a named one or the user's own rules. */
export type RfmPreset = 'rfm11' | 'rfm8' | readonly SegmentRule[];

/** Options of {@link assignRfmSegments}. */
export interface AssignRfmOptions {
  /** rfm8 only: compare raw values with their 'mean' or 'median' over the rows ['mean']. */
  reference?: 'mean' | 'median';
  /**
   * rfm11 only: the number of bins the scores have [5]. The preset's ranges are written for 5 bins;
   * with b bins a score s is read as the 5-bin score 1 + (s − 1)·4/(b − 1), so (b, b, b) is
   * 'champions', (b, 1, 1) 'new_customers' and (1, 1, 1) 'lost' at any bin count.
   */
  bins?: number;
}

/**
 * Segment key of each customer. Rule presets ('rfm11' = {@link RFM11_RULES}, or your own rules)
 * use the R/F/M scores: the first rule whose inclusive ranges all contain the scores wins, and
 * 'others' when none does. 'rfm8' uses the RAW values against their mean (or median; an even
 * count takes the mean of the two middle values) over the given rows: R is high when
 * recencyDays ≤ reference, F high when frequency ≥ reference, M high when monetary ≥ reference;
 * the key is one of {@link RFM8_KEYS}. NaN values are left out of the references and count as low.
 *
 * @param rows Customers with raw values and scores.
 * @param preset 'rfm11', 'rfm8' or an ordered list of rules.
 * @param options `reference` ['mean'], for 'rfm8'; `bins` [5], for 'rfm11'.
 * @returns One key per row, in the order of the rows.
 * @example
 * assignRfmSegments([{ customerId: 'a', recencyDays: 3, frequency: 9, monetary: 900, R: 5, F: 5, M: 5 }], 'rfm11');
 * // ['champions']
 */
export function assignRfmSegments(
  rows: readonly RfmScoredRow[],
  preset: RfmPreset,
  options: AssignRfmOptions = {},
): string[] {
  const reference = options.reference ?? 'mean';
  if (reference !== 'mean' && reference !== 'median') throw new RangeError(`Unknown RFM reference: ${String(reference)}`);
  if (preset === 'rfm8') return _rfm8(rows, reference);
  const bins = options.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`RFM bins must be an integer ≥ 1, got ${bins}`);
  if (preset === 'rfm11') return _byRules(rows, RFM11_RULES, bins === 5 ? null : (s) => readScore(s, bins, 5));
  if (Array.isArray(preset)) return _byRules(rows, preset, null);
  throw new RangeError(`Unknown RFM preset: ${String(preset)}`);
}

/** `read`: how a score is read against the rules' ranges (null: as it is). */
function _byRules(rows: readonly RfmScoredRow[], rules: readonly SegmentRule[], read: ((score: number) => number) | null): string[] {
  // Bounds as [Rmin, Rmax, Fmin, Fmax, Mmin, Mmax] per rule; a missing range matches any score.
  const nr = rules.length;
  const b = new Float64Array(nr * 6);
  rules.forEach((r, j) => {
    [r.R, r.F, r.M].forEach((range, d) => {
      b[j * 6 + d * 2] = range ? range[0] : -Infinity;
      b[j * 6 + d * 2 + 1] = range ? range[1] : Infinity;
    });
  });
  const keys = rules.map((r) => r.key);
  const out: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const R = read ? read(row.R) : row.R, F = read ? read(row.F) : row.F, M = read ? read(row.M) : row.M;
    let key = OTHERS_SEGMENT;
    for (let j = 0, o = 0; j < nr; j++, o += 6) {
      if (R >= b[o] && R <= b[o + 1] && F >= b[o + 2] && F <= b[o + 3] && M >= b[o + 4] && M <= b[o + 5]) {
        key = keys[j];
        break;
      }
    }
    out[i] = key;
  }
  return out;
}

function _rfm8(rows: readonly RfmScoredRow[], reference: 'mean' | 'median'): string[] {
  const n = rows.length;
  const { rec, freq, mon } = rfmColumns(rows);
  const center = reference === 'mean' ? mean : median;
  const rRef = center(rec);
  const fRef = center(freq);
  const mRef = center(mon);
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const rLow = !(rec[i] <= rRef);
    const fLow = !(freq[i] >= fRef);
    const mLow = !(mon[i] >= mRef);
    out[i] = RFM8_KEYS[(mLow ? 4 : 0) + (rLow ? 2 : 0) + (fLow ? 1 : 0)];
  }
  return out;
}

/**
 * Mean of the non-NaN values, NaN when none. Sums the differences from the first value so that
 * equal values give exactly that value (0.1 three times averages to 0.1, not 0.10000000000000002).
 */
function mean(values: Float64Array): number {
  let base = NaN, sum = 0, n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (n === 0) base = v;
    else sum += v - base;
    n++;
  }
  return n === 0 ? NaN : base + sum / n;
}

/**
 * Median of the non-NaN values, NaN when none: the type-7 quantile at 1/2, which for an even count
 * is x + ½·(y − x) of the two middle values x, y, i.e. their mean.
 */
function median(values: Float64Array): number {
  const [m] = rfmThresholds(values, 2);
  return m ?? NaN;
}
