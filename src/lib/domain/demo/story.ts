/**
 * The demo company's story: one segment of the default RFM grouping (11 segments, 5 tie-aware
 * bins, total net spend, as of the day after the last order — what the app shows first) is
 * served badly on responsiveness. The generator finds those customers from the simulated orders
 * exactly as the app will, so their complaints can take longer and their SERVQUAL answers can
 * show the gap.
 */

import { assignRfmSegments } from '../segments/assign-rfm';
import { rfmScores, rfmThresholds } from '../segments/rfm';
import { defaultAnalysisDay, rfmInputs } from '../segments/rfm-inputs';
import { NO_DAY, type OrderColumns } from '../types';

/**
 * The RFM segment with the responsiveness problem: valuable customers who are lapsing
 * (R 1–2, F and M 2–5) — slow answers to their complaints helped drive them away.
 */
export const STORY_SEGMENT = 'at_risk';

/**
 * The default RFM segment key of each customer (by index; '' for customers without a purchase),
 * as the app's default grouping assigns it: net total spend, 5 tie-aware bins, the 11-segment
 * preset, recency counted to the day after the last purchase.
 */
export function defaultRfmLabels(orders: OrderColumns, customerIds: readonly string[]): string[] {
  const n = customerIds.length;
  const index = new Map<string, number>();
  customerIds.forEach((id, i) => index.set(id, i));
  const count = new Int32Array(n);
  const sales = new Float64Array(n);
  const returns = new Float64Array(n);
  const lastDay = new Int32Array(n).fill(NO_DAY);
  for (let r = 0; r < orders.customerId.length; r++) {
    const c = index.get(orders.customerId[r]);
    if (c === undefined) continue;
    const amount = orders.amount[r];
    if (orders.isReturn[r] || amount < 0) {
      returns[c] += Math.abs(amount);
      continue;
    }
    count[c]++;
    sales[c] += amount;
    if (orders.day[r] > lastDay[c]) lastDay[c] = orders.day[r];
  }
  const labels = new Array<string>(n).fill('');
  const analysisDay = defaultAnalysisDay(lastDay);
  if (analysisDay === NO_DAY) return labels;
  const inputs = rfmInputs(customerIds, { orders: count, sales, returns, lastDay }, { analysisDay, monetary: 'total' });
  const bins = 5;
  const method = 'tie-aware' as const;
  const thresholds = {
    R: rfmThresholds(inputs.map((r) => r.recencyDays), bins, { method }),
    F: rfmThresholds(inputs.map((r) => r.frequency), bins, { method }),
    M: rfmThresholds(inputs.map((r) => r.monetary), bins, { method }),
  };
  const scores = rfmScores(inputs, { bins, thresholds });
  const rows = inputs.map((r, i) => ({
    customerId: r.customerId, recencyDays: r.recencyDays, frequency: r.frequency, monetary: r.monetary,
    R: scores[i].R, F: scores[i].F, M: scores[i].M,
  }));
  const keys = assignRfmSegments(rows, 'rfm11', { bins });
  rows.forEach((r, i) => (labels[index.get(r.customerId)!] = keys[i]));
  return labels;
}
