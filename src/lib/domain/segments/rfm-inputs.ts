import { NO_DAY } from '../types';
import type { RfmInputRow } from './rfm';

/** The per-customer facts RFM needs (a subset of CustomerSummary). */
export interface RfmInputSummary {
  orders: Int32Array;
  sales: Float64Array;
  returns: Float64Array;
  lastDay: Int32Array;
}

/** Options of {@link rfmInputs}. */
export interface RfmInputOptions {
  /** Day number recency is measured to (see {@link defaultAnalysisDay}). */
  analysisDay: number;
  /** M as the customer's total spend or spend per order. */
  monetary: 'total' | 'average';
  /** Net spend (sales − returns) when true, gross sales when false [true]. */
  net?: boolean;
}

/**
 * Raw RFM facts per customer from the customer summary. Only customers with at least one order
 * are included: prospects (no order) have no recency, frequency or spend, hence no RFM.
 * recencyDays = analysisDay − lastDay (not clamped: a purchase after the analysis day gives a
 * negative value); frequency = orders (returns are not orders); monetary = net (or gross) total
 * spend, divided by orders for 'average'.
 *
 * @param ids Customer ids, one per summary entry.
 * @param summary orders, sales, returns (positive amounts) and lastDay per customer.
 * @param options `analysisDay`; `monetary` 'total' | 'average'; `net` [true].
 * @returns One row per buying customer, in the order of `ids`.
 * @example
 * rfmInputs(['a'], { orders: Int32Array.of(2), sales: Float64Array.of(100), returns: Float64Array.of(20),
 *   lastDay: Int32Array.of(10) }, { analysisDay: 15, monetary: 'average' });
 * // [{ customerId: 'a', recencyDays: 5, frequency: 2, monetary: 40 }]
 */
export function rfmInputs(ids: readonly string[], summary: RfmInputSummary, options: RfmInputOptions): RfmInputRow[] {
  const n = ids.length;
  const { orders, sales, returns, lastDay } = summary;
  if (orders.length !== n || sales.length !== n || returns.length !== n || lastDay.length !== n)
    throw new RangeError(`rfmInputs: ${n} ids but summary columns of other lengths`);
  if (!Number.isFinite(options.analysisDay)) throw new RangeError(`rfmInputs: analysisDay must be a number`);
  if (options.monetary !== 'total' && options.monetary !== 'average')
    throw new RangeError(`rfmInputs: unknown monetary ${String(options.monetary)}`);
  return _rfmInputs(ids, summary, options.analysisDay, options.monetary === 'average', options.net ?? true);
}

function _rfmInputs(
  ids: readonly string[],
  s: RfmInputSummary,
  analysisDay: number,
  average: boolean,
  net: boolean,
): RfmInputRow[] {
  const out: RfmInputRow[] = [];
  for (let c = 0; c < ids.length; c++) {
    const orders = s.orders[c];
    if (orders < 1 || s.lastDay[c] === NO_DAY) continue;
    const spend = net ? s.sales[c] - s.returns[c] : s.sales[c];
    out.push({
      customerId: ids[c],
      recencyDays: analysisDay - s.lastDay[c],
      frequency: orders,
      monetary: average ? spend / orders : spend,
    });
  }
  return out;
}

/**
 * Default analysis day: the day after the last purchase in the data, so the most recent buyers
 * have recency 1. NO_DAY entries are ignored; NO_DAY when nobody has bought.
 *
 * @param lastDay Last purchase day per customer (NO_DAY = never bought).
 * @returns max(lastDay) + 1, or NO_DAY.
 * @example
 * defaultAnalysisDay(Int32Array.of(10, NO_DAY, 12)); // 13
 */
export function defaultAnalysisDay(lastDay: Int32Array): number {
  let max = NO_DAY;
  for (let c = 0; c < lastDay.length; c++) if (lastDay[c] > max) max = lastDay[c];
  return max === NO_DAY ? NO_DAY : max + 1;
}
