/**
 * action_readout_100k: the read-out of an action of all the bench dataset's 100k customers (10%
 * control group) over a 30-day window of its 1M orders (workers/act/actions.ts, the engine's
 * `actionReadout`: the members read back from IndexedDB, matched to the loaded customers, both
 * groups' sums in one pass over the orders, and the statistics), beside one pass over the 1M
 * orders in the same run (action_readout_baseline_pass_1m). Runs in the bench worker.
 */
import { openDatabase } from '../../src/lib/db';
import { actionsApi } from '../../workers/act/actions';
import { createContext } from '../../workers/core/context';
import { prepareDataset } from '../../workers/core/loaded';
import { BENCH_DATASET_ID, benchContent, CUSTOMERS, ORDERS } from './fixtures';
import type { StepResult } from './protocol';

const round = (ms: number): number => Math.round(ms * 100) / 100;

export async function actionReadout100k(): Promise<StepResult> {
  // The bench dataset in memory, indexed and summarised as a load does (not timed).
  let t0 = performance.now();
  const ds = prepareDataset(BENCH_DATASET_ID, benchContent());
  const prepareMs = performance.now() - t0;
  const db = openDatabase(`bench-action-${Date.now()}`);
  await db.datasets.put({
    id: BENCH_DATASET_ID, name: 'bench', currency: 'CNY', origin: 'import', createdAt: 0, updatedAt: 0,
    counts: { customers: CUSTOMERS, orders: ORDERS, surveys: 0, interactions: 0, servqual: 0, importance: 0 },
  });
  const ctx = createContext(db);
  ctx.setLoaded(ds);
  const api = actionsApi(ctx);
  const o = ds.indexed.orders;
  let last = -Infinity;
  for (let i = 0; i < o.length; i++) if (o.day[i] > last) last = o.day[i];
  // the action 60 days before the data ends: its 30-day window lies inside the data
  const day = last - 60;
  t0 = performance.now();
  const action = await api.createAction('bench-action-create', BENCH_DATASET_ID, {
    draft: { name: 'bench', type: 'winback', day, owner: '', channel: 'sms', costPerContact: 1, offer: '', controlShare: 0.1 },
    source: { kind: 'all' }, seed: 'bench-seed',
  });
  const createMs = performance.now() - t0;
  // Warm-up (not timed): another window, the code compiled
  t0 = performance.now();
  await api.actionReadout('bench-action-warm', BENCH_DATASET_ID, action.id, { window: 14 });
  const warmMs = performance.now() - t0;
  // action_readout_100k: treated vs control over 30 days
  t0 = performance.now();
  const r = await api.actionReadout('bench-action', BENCH_DATASET_ID, action.id, { window: 30 });
  const ms = performance.now() - t0;
  // action_readout_baseline_pass_1m: one pass over the 1M orders (net per customer)
  t0 = performance.now();
  const net = new Float64Array(ds.indexed.customers.id.length);
  for (let i = 0; i < o.length; i++) net[o.customer[i]] += o.isReturn[i] ? -Math.abs(o.amount[i]) : o.amount[i];
  const baseMs = performance.now() - t0;
  db.close();
  await db.delete();
  if (!r.readout || r.treated.n + r.control.n !== action.sizes.treated + action.sizes.control || r.missing !== 0) {
    throw new Error(`action: unexpected read-out ${JSON.stringify({ treated: r.treated, control: r.control, missing: r.missing })}`);
  }
  let netSum = 0;
  for (let i = 0; i < net.length; i++) netSum += net[i];
  return {
    timings: [
      { name: 'action_readout_100k', ms: round(ms), rows: ORDERS },
      { name: 'action_readout_baseline_pass_1m', ms: round(baseMs), rows: ORDERS },
    ],
    notes: {
      'action: prepare / create (members stored) / warm-up (untimed) ms': `${round(prepareMs)} / ${round(createMs)} / ${round(warmMs)}`,
      'action: treated / control (conversions)': `${r.treated.n} (${r.treated.conversions}) / ${r.control.n} (${r.control.conversions})`,
      'action: verdict, p-value': `${r.readout.verdict.code}, ${r.readout.conversion.pValue.toPrecision(3)}`,
      'action: net revenue of all customers': netSum.toFixed(2),
    },
  };
}
