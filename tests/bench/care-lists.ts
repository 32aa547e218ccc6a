/**
 * care_lists_100k: every ready list of the care section (workers/act/care.ts, the engine's
 * `careLists`) on the bench dataset's 100k customers and 1M orders, beside one pass over the 1M
 * orders in the same run (care_lists_baseline_pass_1m). Runs in the bench worker.
 */
import { openDatabase } from '../../src/lib/db';
import { careApi, type CareListsResult } from '../../workers/act/care';
import { createContext } from '../../workers/core/context';
import { prepareDataset } from '../../workers/core/loaded';
import { BENCH_DATASET_ID, benchContent, CUSTOMERS, ORDERS } from './fixtures';
import type { StepResult } from './protocol';

const round = (ms: number): number => Math.round(ms * 100) / 100;

export async function careLists100k(): Promise<StepResult> {
  // The bench dataset in memory, indexed and summarised as a load does (not timed).
  let t0 = performance.now();
  const ds = prepareDataset(BENCH_DATASET_ID, benchContent());
  const prepareMs = performance.now() - t0;
  // an empty database of its own: no saved tier design, the default one is used
  const db = openDatabase(`bench-care-${Date.now()}`);
  const ctx = createContext(db);
  ctx.setLoaded(ds);
  const api = careApi(ctx);
  // Warm-up (not timed): the dataset's usual gaps, its as-of summary and the default RFM segments
  // (for the Champions) are built and kept as a load's first use would, and the code compiled; on
  // other settings than the timed call.
  t0 = performance.now();
  await api.careLists('bench-care-warm', BENCH_DATASET_ID, { days: 31, factor: 3, vip: 'champions' });
  const warmMs = performance.now() - t0;
  // care_lists_100k: all seven lists (size, value, contactable) with the default settings
  t0 = performance.now();
  const r: CareListsResult = await api.careLists('bench-care', BENCH_DATASET_ID, {});
  const ms = performance.now() - t0;
  // care_lists_baseline_pass_1m: one pass over the 1M orders (net per customer)
  t0 = performance.now();
  const o = ds.indexed.orders;
  const net = new Float64Array(ds.indexed.customers.id.length);
  for (let i = 0; i < o.length; i++) net[o.customer[i]] += o.isReturn[i] ? -Math.abs(o.amount[i]) : o.amount[i];
  const baseMs = performance.now() - t0;
  db.close();
  await db.delete();
  if (r.day === null || r.lists.length !== 7 || r.lists.some((l) => l.size > CUSTOMERS || l.contactable > l.size)) {
    throw new Error(`care: unexpected lists ${JSON.stringify(r.lists)}`);
  }
  let netSum = 0;
  for (let i = 0; i < net.length; i++) netSum += net[i];
  return {
    timings: [
      { name: 'care_lists_100k', ms: round(ms), rows: CUSTOMERS },
      { name: 'care_lists_baseline_pass_1m', ms: round(baseMs), rows: ORDERS },
    ],
    notes: {
      'care: prepare / warm-up (untimed) ms': `${round(prepareMs)} / ${round(warmMs)}`,
      'care: list sizes (birthdays, anniversaries, win-back, VIP, second purchase, complaints, upgrade)': r.lists.map((l) => l.size).join(', '),
      'care: contactable of those': r.lists.map((l) => l.contactable).join(', '),
      'care: net revenue of all customers': netSum.toFixed(2),
    },
  };
}
