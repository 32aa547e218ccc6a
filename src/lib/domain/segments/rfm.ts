/**
 * RFM scoring by quantile bins (DESIGN.md → Domain formulas → RFM).
 * Thresholds are type-7 quantiles (R's and numpy's default), or tie-aware edges that spread the
 * score levels over the distinct values when ties leave quantile levels empty; a value scores
 * 1 + the number of thresholds strictly below it, so equal values always share a score. R is
 * scored on recency days and reversed, so the most recent customers get the highest R.
 */

/** One customer's raw RFM facts (see rfm-inputs.ts for how they come from the orders). */
export interface RfmInputRow {
  customerId: string;
  /** Days from the last order to the analysis day. */
  recencyDays: number;
  /** Number of orders. */
  frequency: number;
  /** Total or average spend. */
  monetary: number;
}

/** One customer's RFM scores, each 1…bins (R: bins = most recent). */
export interface RfmScoreRow {
  customerId: string;
  R: number;
  F: number;
  M: number;
}

/**
 * How bin edges are found: 'quantile' (type-7 quantiles; ties can leave score levels empty) or
 * 'tie-aware' (the quantile edges when they leave no level empty, else edges between distinct
 * values so that every level holds someone).
 */
export type RfmBinning = 'quantile' | 'tie-aware';

/** Options of {@link rfmThresholds}. */
export interface RfmThresholdOptions {
  /** ['quantile'] */
  method?: RfmBinning;
}

/** Options of {@link rfmScores}. */
export interface RfmScoreOptions {
  /** Number of bins (scores 1…bins) for columns without user thresholds [5]. */
  bins?: number;
  /** How a column's edges are found when the user gave none ['quantile']. */
  method?: RfmBinning;
  /**
   * User thresholds per column, any order; they replace the quantiles of that column, which then has
   * length + 1 bins. NaN entries are dropped; an empty list counts as not set.
   */
  thresholds?: { R?: readonly number[]; F?: readonly number[]; M?: readonly number[] };
}

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`RFM bins must be an integer ≥ 1, got ${bins}`);
}

function checkMethod(method: unknown): asserts method is RfmBinning {
  if (method !== 'quantile' && method !== 'tie-aware') throw new RangeError(`Unknown RFM binning: ${String(method)}`);
}

/** The non-NaN values, in their order. */
function numbers(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) out[n++] = v;
  }
  return n === out.length ? out : out.slice(0, n);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Floyd–Rivest selection (no NaN): rearranges a[left…right] so that a[k] holds the value a sorted
 * copy would hold there, with values ≤ it before and values ≥ it after. Expected O(right − left).
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Narrow down to a sample window that very likely holds the k-th value.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(a, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)));
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * Type-7 quantiles at k/bins, k = 1…bins−1, of non-NaN values (at least one). Reorders `a`.
 * Only the needed order statistics are selected (ascending, each search starting after the last
 * one placed), which is several times faster than sorting the column.
 */
function _quantiles(a: Float64Array, bins: number): number[] {
  const n = a.length;
  let placed = -1; // a[placed] is in its sorted position; everything after it is ≥ it
  const at = (q: number): number => {
    if (q > placed) {
      select(a, q, placed + 1, n - 1);
      placed = q;
    }
    return a[q];
  };
  const out: number[] = [];
  for (let k = 1; k < bins; k++) {
    // h = (n−1)·k/bins: the integer product first, then one rounding.
    const h = ((n - 1) * k) / bins;
    const lo = Math.floor(h);
    const x = at(lo);
    const frac = h - lo;
    if (frac === 0) {
      out.push(x);
      continue;
    }
    const y = at(lo + 1);
    out.push(x === y ? x : x + frac * (y - x));
  }
  return out;
}

/**
 * Bin edges of a column, bins − 1 of them, ascending; a value scores 1 + the number of edges
 * strictly below it.
 * - 'quantile' (the default): the type-7 quantiles (linear interpolation between order statistics,
 *   as R's `quantile` default and numpy's default) at 1/bins … (bins−1)/bins. With sorted values
 *   x[0…n−1] and h = (n−1)·p, the quantile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Ties (a
 *   skewed count such as "orders", mostly 1) can leave score levels empty.
 * - 'tie-aware': the quantile edges whenever they leave no score level empty. Otherwise, with at
 *   least `bins` distinct values, edges at distinct values (strictly ascending, no level empty),
 *   each cut at the distinct value whose cumulative count is nearest the quantile's target
 *   n·k/bins; with k < bins distinct values, each distinct value gets its own score, the scores
 *   spread over 1…bins (1 + round(j·(bins−1)/(k−1)) for the j-th smallest, so the largest scores bins).
 * NaN values are ignored; with no values left the result is `[]`.
 *
 * @param values The column (any order).
 * @param bins Number of bins, an integer ≥ 1; the result holds bins − 1 thresholds.
 * @param options `method` ['quantile'] or 'tie-aware'.
 * @returns Ascending thresholds, or `[]` when there is no (non-NaN) value.
 * @example
 * rfmThresholds([1, 2, 3, 4, 10], 5); // [1.8, 2.6, 3.4, 5.2]
 * rfmThresholds([1, 1, 1, 1, 2, 2, 3, 4, 5, 9], 5, { method: 'tie-aware' }); // [1, 2, 3, 4]
 */
export function rfmThresholds(values: ArrayLike<number>, bins: number, options: RfmThresholdOptions = {}): number[] {
  checkBins(bins);
  const method = options.method ?? 'quantile';
  checkMethod(method);
  const a = numbers(values);
  if (a.length === 0) return [];
  return method === 'quantile' ? _quantiles(a, bins) : _tieAware(a, bins);
}

/** Tie-aware edges (see {@link rfmThresholds}) of non-NaN values (at least one). Reorders `a`. */
function _tieAware(a: Float64Array, bins: number): number[] {
  const q = _quantiles(a, bins);
  if (bins === 1) return q;
  const sorted = a.sort();
  const n = sorted.length;
  if (noEmptyLevel(sorted, q)) return q;
  // distinct values and how many values are ≤ each
  const distinct: number[] = [];
  const upTo: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    distinct.push(sorted[i]);
    upTo.push(i + 1);
  }
  const k = distinct.length;
  const edges: number[] = [];
  if (k < bins) {
    // each distinct value its own score, spread over 1…bins
    const score = (j: number) => (k === 1 ? 1 : 1 + Math.round((j * (bins - 1)) / (k - 1)));
    for (let j = 0; j + 1 < k; j++) for (let s = score(j); s < score(j + 1); s++) edges.push(distinct[j]);
    while (edges.length < bins - 1) edges.push(distinct[k - 1]);
    return edges;
  }
  // Cut g ends score level g at a distinct value: after the previous cut, and leaving at least one
  // distinct value for each level still to come; nearest the quantile target n·g/bins.
  let previous = -1;
  for (let g = 1; g < bins; g++) {
    const target = (n * g) / bins;
    const lo = previous + 1;
    const hi = k - 1 - (bins - g);
    let best = lo;
    for (let c = lo + 1; c <= hi; c++) {
      if (Math.abs(upTo[c] - target) < Math.abs(upTo[best] - target)) best = c;
      else if (upTo[c] > target) break; // cumulative counts only grow: further cuts are farther
    }
    edges.push(distinct[best]);
    previous = best;
  }
  return edges;
}

/** Whether every score level 1…edges+1 holds at least one of the (sorted) values. */
function noEmptyLevel(sorted: Float64Array, edges: readonly number[]): boolean {
  // level s holds the values in (edges[s−2], edges[s−1]]: each must contain a value
  let i = 0;
  for (let s = 0; s <= edges.length; s++) {
    const upper = s < edges.length ? edges[s] : Infinity;
    const start = i;
    while (i < sorted.length && sorted[i] <= upper) i++;
    if (i === start) return false;
  }
  return true;
}

/** Number of ascending thresholds strictly below v (binary search for the first t ≥ v). */
function below(thresholds: Float64Array, v: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Thresholds of one column: the user's (sorted, NaN dropped) when there is at least one, otherwise
 * the quantiles of the values (so `[]` means "not set").
 */
function columnThresholds(user: readonly number[] | undefined, values: Float64Array, bins: number, method: RfmBinning): Float64Array {
  const own = user ? numbers(user) : undefined;
  if (own && own.length > 0) return own.sort();
  const a = numbers(values);
  return Float64Array.from(a.length === 0 ? [] : method === 'quantile' ? _quantiles(a, bins) : _tieAware(a, bins));
}

/**
 * RFM scores by bins. For each column the thresholds are {@link rfmThresholds} of that column over
 * the rows with the chosen `method` (or the user's non-empty thresholds, sorted); a value scores 1 + the number of
 * thresholds strictly below it, so equal values share a score and all-equal values all score 1.
 * R is scored on recency days and reversed: R = bins + 1 − score (5 = most recent with 5 bins;
 * with user R thresholds, bins = their count + 1). A NaN value gets the lowest score of its column
 * (NaN recency counts as the oldest: R = 1). NaN values do not enter the quantiles.
 *
 * @param rows One row per customer.
 * @param options `bins` [5]; `method` ['quantile'] or 'tie-aware'; `thresholds` {R?, F?, M?} replacing the edges of a column.
 * @returns Scores in the order of the rows.
 * @example
 * rfmScores([{ customerId: 'a', recencyDays: 3, frequency: 2, monetary: 50 }]);
 * // [{ customerId: 'a', R: 5, F: 1, M: 1 }]  (one value: every threshold equals it)
 */
export function rfmScores(rows: readonly RfmInputRow[], options: RfmScoreOptions = {}): RfmScoreRow[] {
  const bins = options.bins ?? 5;
  checkBins(bins);
  const method = options.method ?? 'quantile';
  checkMethod(method);
  return _rfmScores(rows, bins, method, options.thresholds ?? {});
}

function _rfmScores(
  rows: readonly RfmInputRow[],
  bins: number,
  method: RfmBinning,
  user: NonNullable<RfmScoreOptions['thresholds']>,
): RfmScoreRow[] {
  const n = rows.length;
  const { rec, freq, mon } = rfmColumns(rows);
  const tR = columnThresholds(user.R, rec, bins, method);
  const tF = columnThresholds(user.F, freq, bins, method);
  const tM = columnThresholds(user.M, mon, bins, method);
  const rBins = tR.length + 1; // R = rBins + 1 − score = rBins − (thresholds below)
  const out: RfmScoreRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rec[i], f = freq[i], m = mon[i];
    out[i] = {
      customerId: rows[i].customerId,
      R: r === r ? rBins - below(tR, r) : 1,
      F: f === f ? 1 + below(tF, f) : 1,
      M: m === m ? 1 + below(tM, m) : 1,
    };
  }
  return out;
}

/** Recency, frequency and monetary of the rows as typed columns (for passes over all rows). */
export function rfmColumns(rows: readonly RfmInputRow[]): { rec: Float64Array; freq: Float64Array; mon: Float64Array } {
  const n = rows.length;
  const rec = new Float64Array(n);
  const freq = new Float64Array(n);
  const mon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    rec[i] = r.recencyDays;
    freq[i] = r.frequency;
    mon[i] = r.monetary;
  }
  return { rec, freq, mon };
}
