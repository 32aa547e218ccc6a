/// <reference lib="webworker" />
/**
 * The bench worker: imports the engine, store and db code directly (as the app's engine worker
 * does) and times each step with performance.now() inside the worker. Every public method runs
 * in a fresh worker (see main.ts), so each first measurement is cold.
 */
import * as aq from 'arquero';
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import {
  allocateBudget, bgNbdExpectedPurchases, bgNbdLogLikelihood, marginalResponse, response, bgNbdProbabilityAlive, cohortTable, customerLifetimeValue, fitBgNbd,
  fitGammaGamma, fitParetoNbd, gammaGammaExpectedSpend, indexDataset, lifetimeValues, monthIndexOfDay, NO_DAY, paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood, paretoNbdProbabilityAlive, rfmSummary, scoreCustomers, scoreCustomersAt, standardize, summarizeCustomers,
  type PurchaseModel,
} from '../../src/lib/domain';
import { generateSyntheticOrders } from '../../src/lib/domain/demo';
import {
  CHUNK_ROWS, decodeDataset, encodeChunk, openDatabase, readChunks, rowCount, type WorkbenchDB,
} from '../../src/lib/db';
import type { TableKind } from '../../src/lib/domain';
import { createEngine } from '../../workers/engine';
import { storeDataset } from '../../workers/core/store';
import {
  BENCH_DATASET_ID, BENCH_DB, benchContent, benchDatasetRow, CUSTOMERS, ORDERS,
} from './fixtures';
import {
  CDNOW_BG_NBD, CDNOW_GAMMA_GAMMA, CDNOW_MASTER_ROWS, CDNOW_OBSERVATION_END, CDNOW_PARETO_NBD, CDNOW_SUMMARY_ROWS, parseCdnowMaster,
  parseCdnowSummary, SCORE_CUSTOMERS, SCORE_HORIZON, scoreRows,
} from './models';
import type { BenchWorkerApi, StepResult } from './protocol';
import { voiceOfGroups } from '../../workers/voice/segments';
import { createRandom } from '../../src/lib/domain/random';
import { tableBreakdown } from './table-breakdown';
import { prepareDataset } from '../../workers/core/loaded';
import { netInYear } from '../../workers/strategy/facts';
import { runPortfolioPoints } from '../../workers/strategy/portfolio';
import { careLists100k } from './care-lists';
import { actionReadout100k } from './action-readout';

/** The empty database a backup is restored into. */
const BENCH_RESTORE_DB = `${BENCH_DB}-restore`;
const KINDS: TableKind[] = ['customers', 'orders', 'surveys', 'interactions'];
const round = (ms: number): number => Math.round(ms * 100) / 100;
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;
const fix = (v: number, digits = 4): string => v.toFixed(digits);

/** Relative difference, for checking a summed log-likelihood pass against a fit's own figure. */
const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

function fail(step: string, message: string): never {
  throw new Error(`${step}: ${message}`);
}

/** Errors that are not Error instances (e.g. engine notices) as readable Errors for Comlink. */
async function guard<T>(step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new Error(`${step}: ${JSON.stringify(error)}`);
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Sum of amounts per customer: the plain typed-array pass the dashboard is compared with. */
function sumPerCustomer(customer: Int32Array, amount: Float64Array, customers: number): Float64Array {
  const out = new Float64Array(customers);
  for (let i = 0; i < customer.length; i++) out[customer[i]] += amount[i];
  return out;
}

/** Per-customer facts as the engine's summary holds them (orders, sales, returns, first/last day). */
interface PerCustomer {
  orders: Int32Array;
  sales: Float64Array;
  returns: Float64Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
}

/** The per-customer arrays from the regenerated orders (not timed; one order per row here). */
function perCustomer(customer: Int32Array, day: Int32Array, amount: Float64Array, isReturn: Uint8Array, customers: number): PerCustomer {
  const s: PerCustomer = {
    orders: new Int32Array(customers), sales: new Float64Array(customers), returns: new Float64Array(customers),
    firstDay: new Int32Array(customers).fill(NO_DAY), lastDay: new Int32Array(customers).fill(NO_DAY),
  };
  for (let i = 0; i < customer.length; i++) {
    const c = customer[i];
    if (isReturn[i]) {
      s.returns[c] += Math.abs(amount[i]);
      continue;
    }
    s.sales[c] += amount[i];
    s.orders[c]++;
    const d = day[i];
    if (s.firstDay[c] === NO_DAY || d < s.firstDay[c]) s.firstDay[c] = d;
    if (s.lastDay[c] === NO_DAY || d > s.lastDay[c]) s.lastDay[c] = d;
  }
  return s;
}

/**
 * The bare RFM-inputs pass the re-segmentation is compared with: per buying customer, recency =
 * analysisDay − lastDay, frequency = orders, monetary = sales − returns, into typed arrays.
 * Returns how many customers were scored.
 */
function rfmPass(s: PerCustomer, analysisDay: number, recency: Float64Array, frequency: Int32Array, monetary: Float64Array): number {
  let scored = 0;
  for (let c = 0; c < s.orders.length; c++) {
    const orders = s.orders[c];
    if (orders < 1 || s.lastDay[c] === NO_DAY) continue;
    recency[scored] = analysisDay - s.lastDay[c];
    frequency[scored] = orders;
    monetary[scored] = s.sales[c] - s.returns[c];
    scored++;
  }
  return scored;
}

/**
 * The bare distance pass k-means is compared with: squared distance of every row of a row-major
 * n × d matrix to each of k centroids, keeping the nearest. Returns the summed nearest distances.
 */
function distancePass(data: Float64Array, n: number, d: number, centroids: Float64Array, k: number, nearest: Int32Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = i * d;
    let best = Infinity;
    let bestJ = 0;
    for (let j = 0; j < k; j++) {
      const c = j * d;
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = data[p + f] - centroids[c + f];
        s += t * t;
      }
      if (s < best) {
        best = s;
        bestJ = j;
      }
    }
    nearest[i] = bestJ;
    total += best;
  }
  return total;
}

async function chunkBytes(db: WorkbenchDB): Promise<number> {
  let bytes = 0;
  await db.chunks.where('datasetId').equals(BENCH_DATASET_ID).each((c) => (bytes += c.bytes.byteLength));
  return bytes;
}

const api: BenchWorkerApi = {
  serialise: () => guard('serialise', async (): Promise<StepResult> => {
    const content = benchContent();
    let bytes = 0, chunks = 0;
    const t0 = performance.now();
    for (const kind of KINDS) {
      const total = rowCount(kind, content[kind]);
      for (let start = 0; start < total; start += CHUNK_ROWS) {
        bytes += encodeChunk(kind, content[kind], start, Math.min(total, start + CHUNK_ROWS)).byteLength;
        chunks++;
      }
    }
    const ms = performance.now() - t0;
    return {
      timings: [{ name: 'serialise_1m_orders', ms: round(ms), rows: ORDERS }],
      notes: { 'serialised chunks': chunks, 'serialised size': mb(bytes) },
    };
  }),

  store: () => guard('store', async (): Promise<StepResult> => {
    await Dexie.delete(BENCH_DB);
    const content = benchContent();
    const db = openDatabase(BENCH_DB);
    await db.open(); // schema creation is not part of the measurement
    try {
      const t0 = performance.now();
      await storeDataset(
        db, { dataset: benchDatasetRow(), content, source: 'bench', replace: false }, () => undefined,
      );
      const ms = performance.now() - t0;
      const row = await db.datasets.get(BENCH_DATASET_ID);
      if (row?.counts.orders !== ORDERS || row.counts.customers !== CUSTOMERS) {
        fail('store', `unexpected stored counts ${JSON.stringify(row?.counts)}`);
      }
      const chunks = await db.chunks.where('datasetId').equals(BENCH_DATASET_ID).count();
      const bytes = await chunkBytes(db);
      return {
        timings: [{ name: 'store_1m_orders', ms: round(ms), rows: ORDERS }],
        notes: { 'stored chunks': chunks, 'stored size': mb(bytes) },
      };
    } finally {
      db.close();
    }
  }),

  loadAndQuery: () => guard('load', async (): Promise<StepResult> => {
    const notes: StepResult['notes'] = {};
    // reload_1m_orders: stored dataset → query-ready (read + decode + index + per-customer summary).
    let t0 = performance.now();
    const engine = createEngine(openDatabase(BENCH_DB));
    const loaded = await engine.load('bench-load', BENCH_DATASET_ID);
    const loadMs = performance.now() - t0;
    if (loaded.orders !== ORDERS || loaded.customers !== CUSTOMERS) {
      fail('load', `loaded ${loaded.orders} orders / ${loaded.customers} customers`);
    }
    notes['engine load ms (its own figure)'] = round(loaded.ms);

    // dashboard_1m: first (cold) call, then a few warm ones for the median.
    const dashMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      const dash = await engine.dashboard(BENCH_DATASET_ID, { activeDays: 90 });
      dashMs.push(performance.now() - t0);
      if (dash.kpis.customers !== CUSTOMERS || !(dash.kpis.orders > 0) || dash.monthly.length === 0) {
        fail('dashboard', `implausible KPIs ${JSON.stringify(dash.kpis)}`);
      }
    }
    notes['dashboard_1m median of 5 ms'] = round(median(dashMs));

    // customers_page_100k: first query builds and sorts the 100k-customer table.
    t0 = performance.now();
    const page = await engine.customers(BENCH_DATASET_ID, { sortBy: 'net', descending: true, limit: 50 });
    const pageMs = performance.now() - t0;
    if (page.total !== CUSTOMERS || page.rows.length !== 50) {
      fail('customers', `total ${page.total}, ${page.rows.length} rows`);
    }
    for (let i = 1; i < page.rows.length; i++) {
      if (page.rows[i].net > page.rows[i - 1].net) fail('customers', 'page is not sorted by net, descending');
    }
    t0 = performance.now();
    await engine.customers(BENCH_DATASET_ID, { sortBy: 'net', descending: true, offset: 50, limit: 50 });
    notes['customers next page (cached sort) ms'] = round(performance.now() - t0);

    // resegment_100k: score and segment once with the 11-segment preset (warm-up, not timed), then
    // time the preset change to the 8-class preset with median references.
    t0 = performance.now();
    const rfm11 = await engine.rfm(BENCH_DATASET_ID, { monetary: 'total', bins: 5, preset: 'rfm11', reference: 'mean' });
    notes['rfm11 warm-up (not timed) ms'] = round(performance.now() - t0);
    if (!(rfm11.scored > 0)) fail('rfm', `rfm11 scored ${rfm11.scored} customers`);
    t0 = performance.now();
    const rfm8 = await engine.rfm(BENCH_DATASET_ID, { monetary: 'total', bins: 5, preset: 'rfm8', reference: 'median' });
    const resegmentMs = performance.now() - t0;
    if (!(rfm8.scored > 0)) fail('rfm', `rfm8 scored ${rfm8.scored} customers`);
    if (rfm8.segments.length > 8) fail('rfm', `rfm8 gave ${rfm8.segments.length} segments`);
    const rfm8Members = rfm8.segments.reduce((n, s) => n + s.size, 0);
    if (rfm8Members !== rfm8.scored) fail('rfm', `rfm8 segments hold ${rfm8Members} of ${rfm8.scored} scored customers`);
    notes['rfm8: scored customers'] = rfm8.scored;
    notes['rfm8: segments'] = rfm8.segments.length;
    notes['rfm11: segments'] = rfm11.segments.length;

    // kmeans_100k: k-means with k chosen by silhouette (2 … 8) on 5 standardized features.
    t0 = performance.now();
    const clusters = await engine.clusters(BENCH_DATASET_ID, {
      features: ['recency', 'frequency', 'monetary', 'tenure', 'aov'], k: 'auto', seed: 1,
    });
    const kmeansMs = performance.now() - t0;
    if (!(clusters.k >= 2 && clusters.k <= 8)) fail('clusters', `k = ${clusters.k}`);
    if (clusters.clusters.length !== clusters.k) fail('clusters', `${clusters.clusters.length} clusters for k = ${clusters.k}`);
    if (clusters.features.length !== 5) fail('clusters', `features ${JSON.stringify(clusters.features)}`);
    const clustered = clusters.clusters.reduce((n, c) => n + c.size, 0);
    notes['kmeans: k chosen'] = clusters.k;
    notes['kmeans: customers clustered'] = clustered;
    notes['kmeans: silhouettes'] = clusters.scores.map((s) => `${s.k}:${s.silhouette.toFixed(3)}`).join(' ');
    notes['kmeans: cluster sizes'] = clusters.clusters.map((c) => c.size).join(' ');

    // Baselines on the same 1M rows: the generator is deterministic, so regenerate them here
    // (the engine's loaded arrays are private to it). Not timed.
    const orders = generateSyntheticOrders({ orders: ORDERS, customers: CUSTOMERS, seed: 42 });
    const customer = new Int32Array(ORDERS);
    for (let i = 0; i < ORDERS; i++) customer[i] = Number(orders.customerId[i].slice(1)) - 1;

    t0 = performance.now();
    const sums = sumPerCustomer(customer, orders.amount, CUSTOMERS);
    const passMs = performance.now() - t0;
    const net = sums.slice();
    t0 = performance.now();
    net.sort();
    const sortMs = performance.now() - t0;
    if (net[0] > net[CUSTOMERS - 1]) fail('sort', 'Float64Array sort went wrong');

    // typed_array_rfm_pass_100k: per-customer arrays as the engine's summary holds them (not
    // timed), then one pass computing recency, frequency and monetary per buying customer.
    const pc = perCustomer(customer, orders.day, orders.amount, orders.isReturn, CUSTOMERS);
    let analysisDay = NO_DAY;
    for (let c = 0; c < CUSTOMERS; c++) if (pc.lastDay[c] > analysisDay) analysisDay = pc.lastDay[c];
    analysisDay += 1;
    const recency = new Float64Array(CUSTOMERS);
    const frequency = new Int32Array(CUSTOMERS);
    const monetary = new Float64Array(CUSTOMERS);
    t0 = performance.now();
    const passScored = rfmPass(pc, analysisDay, recency, frequency, monetary);
    const rfmPassMs = performance.now() - t0;
    if (passScored !== rfm8.scored) notes['typed-array rfm pass: scored (engine differs!)'] = `${passScored} vs ${rfm8.scored}`;

    // typed_array_distance_pass_100k: 100k × 5 standardized features (not timed), then one pass of
    // squared distances to 8 centroids (8 spread-out rows of the matrix).
    const tenure = new Float64Array(CUSTOMERS);
    const aov = new Float64Array(CUSTOMERS);
    const rec = new Float64Array(CUSTOMERS);
    const freq = new Float64Array(CUSTOMERS);
    const mon = new Float64Array(CUSTOMERS);
    for (let c = 0; c < CUSTOMERS; c++) {
      const buyer = pc.orders[c] > 0;
      rec[c] = buyer ? analysisDay - pc.lastDay[c] : NaN;
      freq[c] = pc.orders[c];
      mon[c] = pc.sales[c] - pc.returns[c];
      tenure[c] = buyer ? analysisDay - pc.firstDay[c] : NaN;
      aov[c] = buyer ? pc.sales[c] / pc.orders[c] : NaN;
    }
    const z = standardize([rec, freq, mon, tenure, aov], { log: [false, true, true, false, true] });
    const K = 8;
    const centroids = new Float64Array(K * z.d);
    for (let j = 0; j < K; j++) centroids.set(z.data.subarray((j * 12_347) * z.d, (j * 12_347 + 1) * z.d), j * z.d);
    const nearest = new Int32Array(z.n);
    t0 = performance.now();
    const inertia = distancePass(z.data, z.n, z.d, centroids, K, nearest);
    const distMs = performance.now() - t0;
    if (!Number.isFinite(inertia) || z.n !== CUSTOMERS) fail('distance pass', `inertia ${inertia}, n ${z.n}`);

    engine.unload(BENCH_DATASET_ID);
    return {
      timings: [
        { name: 'reload_1m_orders', ms: round(loadMs), rows: ORDERS },
        { name: 'dashboard_1m', ms: round(dashMs[0]), rows: ORDERS },
        { name: 'customers_page_100k', ms: round(pageMs), rows: CUSTOMERS },
        { name: 'typed_array_pass_1m', ms: round(passMs), rows: ORDERS },
        { name: 'sort_100k_numbers', ms: round(sortMs), rows: CUSTOMERS },
        { name: 'resegment_100k', ms: round(resegmentMs), rows: CUSTOMERS },
        { name: 'kmeans_100k', ms: round(kmeansMs), rows: CUSTOMERS },
        { name: 'typed_array_rfm_pass_100k', ms: round(rfmPassMs), rows: CUSTOMERS },
        { name: 'typed_array_distance_pass_100k', ms: round(distMs), rows: CUSTOMERS },
      ],
      notes,
    };
  }),

  backupRestore: () => guard('backup', async (): Promise<StepResult> => {
    const source = openDatabase(BENCH_DB);
    const engine = createEngine(source);
    const passphrase = 'bench passphrase';
    try {
      let t0 = performance.now();
      const plain = await engine.backup('bench-plain', { datasetId: BENCH_DATASET_ID });
      const plainMs = performance.now() - t0;
      t0 = performance.now();
      const sealed = await engine.backup('bench-sealed', { datasetId: BENCH_DATASET_ID, passphrase });
      const sealedMs = performance.now() - t0;

      await Dexie.delete(BENCH_RESTORE_DB);
      const target = openDatabase(BENCH_RESTORE_DB);
      await target.open();
      const restorer = createEngine(target);
      try {
        t0 = performance.now();
        const result = await restorer.restoreBackup('bench-restore', sealed, { conflict: 'replace', passphrase });
        const restoreMs = performance.now() - t0;
        const row = await target.datasets.get(BENCH_DATASET_ID);
        if (result.datasetIds[0] !== BENCH_DATASET_ID || row?.counts.orders !== ORDERS || row.counts.customers !== CUSTOMERS) {
          fail('restore', `restored ${JSON.stringify(row?.counts)}`);
        }
        return {
          timings: [
            { name: 'backup_plain_1m', ms: round(plainMs), rows: ORDERS },
            { name: 'backup_encrypted_1m', ms: round(sealedMs), rows: ORDERS },
            { name: 'restore_encrypted_1m', ms: round(restoreMs), rows: ORDERS },
          ],
          notes: { 'plain backup size': mb(plain.size), 'encrypted backup size': mb(sealed.size), 'restored chunks': result.chunks },
        };
      } finally {
        target.close();
        await Dexie.delete(BENCH_RESTORE_DB);
      }
    } finally {
      source.close();
    }
  }),

  readChunksOnly: () => guard('read', async (): Promise<StepResult> => {
    let t0 = performance.now();
    const db = openDatabase(BENCH_DB);
    try {
      const chunks = await readChunks(db, BENCH_DATASET_ID);
      const readMs = performance.now() - t0;
      const bytes = chunks.reduce((n, c) => n + c.bytes.byteLength, 0);
      const rows = chunks.reduce((n, c) => n + (c.kind === 'orders' ? c.rows : 0), 0);
      if (rows !== ORDERS) fail('read', `read ${rows} order rows`);

      // Breakdown of the rest of a load (diagnostic only; warm-ish, after the engine load).
      t0 = performance.now();
      const content = decodeDataset(chunks);
      const decodeMs = performance.now() - t0;
      t0 = performance.now();
      const indexed = indexDataset(content);
      const indexMs = performance.now() - t0;
      t0 = performance.now();
      summarizeCustomers(indexed.orders, indexed.customers.id.length);
      const summaryMs = performance.now() - t0;
      return {
        timings: [{ name: 'read_chunks_1m', ms: round(readMs), rows: ORDERS }],
        notes: {
          'read chunks': chunks.length,
          'read size': mb(bytes),
          'breakdown: decode ms': round(decodeMs),
          'breakdown: index ms': round(indexMs),
          'breakdown: per-customer summary ms': round(summaryMs),
        },
      };
    } finally {
      db.close();
    }
  }),

  arqueroParse: (file: File) => guard('arquero', async (): Promise<StepResult> => {
    let t0 = performance.now();
    const text = await file.text();
    const readMs = performance.now() - t0;
    t0 = performance.now();
    const table = aq.fromCSV(text);
    const parseMs = performance.now() - t0;
    if (table.numRows() !== ORDERS || table.numCols() !== 5) {
      fail('arquero', `parsed ${table.numRows()} rows × ${table.numCols()} columns`);
    }
    return {
      timings: [{ name: 'arquero_parse', ms: round(parseMs), rows: ORDERS }],
      notes: { 'arquero: file.text() ms (not timed)': round(readMs) },
    };
  }),
  tableBreakdown: (csv: File, xlsx: File, parquet: File) => guard('table breakdown', async (): Promise<StepResult> => ({
    timings: [],
    notes: await tableBreakdown(csv, xlsx, parquet),
  })),
  cdnowFit: (masterText: string) => guard('cdnow', async (): Promise<StepResult> => {
    const orders = parseCdnowMaster(masterText); // not timed
    if (orders.length !== CDNOW_MASTER_ROWS) fail('cdnow', `parsed ${orders.length} rows, expected ${CDNOW_MASTER_ROWS}`);

    // cdnow_full_fit: BTYD summary (weeks) → BG/NBD fit → Gamma-Gamma fit on repeaters with m > 0.
    const t0 = performance.now();
    const summary = rfmSummary(orders, { observationEnd: CDNOW_OBSERVATION_END, timeUnit: 'W' });
    const t1 = performance.now();
    const n = summary.length;
    const frequency = new Float64Array(n);
    const recency = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      frequency[i] = summary[i].frequency;
      recency[i] = summary[i].recency;
      T[i] = summary[i].T;
    }
    const bg = fitBgNbd({ frequency, recency, T });
    const t2 = performance.now();
    const repeatX: number[] = [];
    const repeatM: number[] = [];
    let zeroSpendRepeaters = 0;
    for (let i = 0; i < n; i++) {
      if (!(summary[i].frequency > 0)) continue;
      if (summary[i].monetaryValue > 0) {
        repeatX.push(summary[i].frequency);
        repeatM.push(summary[i].monetaryValue);
      } else zeroSpendRepeaters++;
    }
    const gg = fitGammaGamma({ frequency: repeatX, monetaryValue: repeatM });
    const t3 = performance.now();
    const fitMs = t3 - t0;
    if (!bg.converged || !gg.converged) fail('cdnow', `fits did not converge (BG/NBD ${bg.converged}, Gamma-Gamma ${gg.converged})`);

    // bgnbd_ll_pass_cdnow: one summed per-customer log-likelihood at the fitted parameters.
    const t4 = performance.now();
    let ll = 0;
    for (let i = 0; i < n; i++) ll += bgNbdLogLikelihood(bg, frequency[i], recency[i], T[i]);
    const llMs = performance.now() - t4;
    if (!Number.isFinite(ll)) fail('cdnow', `LL pass gave ${ll}`);

    return {
      timings: [
        { name: 'cdnow_full_fit', ms: round(fitMs), rows: CDNOW_MASTER_ROWS },
        { name: 'bgnbd_ll_pass_cdnow', ms: round(llMs), rows: CDNOW_MASTER_ROWS },
      ],
      notes: {
        'cdnow: customers in summary': n,
        'cdnow: repeaters for Gamma-Gamma (m > 0)': repeatX.length,
        'cdnow: repeaters left out (m <= 0)': zeroSpendRepeaters,
        'cdnow: breakdown rfmSummary / fitBgNbd / fitGammaGamma ms': `${round(t1 - t0)} / ${round(t2 - t1)} / ${round(t3 - t2)}`,
        'cdnow: BG/NBD fit': `r ${fix(bg.r)} alpha ${fix(bg.alpha)} a ${fix(bg.a)} b ${fix(bg.b)} LL ${fix(bg.logLikelihood, 2)}`,
        'cdnow: Gamma-Gamma fit': `p ${fix(gg.p)} q ${fix(gg.q)} gamma ${fix(gg.gamma)} LL ${fix(gg.logLikelihood, 2)}`,
        'cdnow: LL pass sum (rel. diff to fit LL)': `${fix(ll, 2)} (${relDiff(ll, bg.logLikelihood).toExponential(1)})`,
      },
    };
  }),

  paretoFit: (summaryText: string) => guard('pareto', async (): Promise<StepResult> => {
    const data = parseCdnowSummary(summaryText); // not timed
    const n = data.frequency.length;
    if (n !== CDNOW_SUMMARY_ROWS) fail('pareto', `parsed ${n} customers, expected ${CDNOW_SUMMARY_ROWS}`);

    // pareto_nbd_fit
    let t0 = performance.now();
    const fit = fitParetoNbd(data);
    const fitMs = performance.now() - t0;
    if (!fit.converged) fail('pareto', 'fit did not converge');

    // pareto_ll_pass_2357: one summed per-customer log-likelihood at the fitted parameters.
    t0 = performance.now();
    let ll = 0;
    for (let i = 0; i < n; i++) ll += paretoNbdLogLikelihood(fit, data.frequency[i], data.recency[i], data.T[i]);
    const llMs = performance.now() - t0;
    if (!Number.isFinite(ll)) fail('pareto', `LL pass gave ${ll}`);

    return {
      timings: [
        { name: 'pareto_nbd_fit', ms: round(fitMs), rows: n },
        { name: 'pareto_ll_pass_2357', ms: round(llMs), rows: n },
      ],
      notes: {
        'pareto: fit': `r ${fix(fit.r)} alpha ${fix(fit.alpha)} s ${fix(fit.s)} beta ${fix(fit.beta)} LL ${fix(fit.logLikelihood, 2)}`,
        'pareto: LL pass sum (rel. diff to fit LL)': `${fix(ll, 2)} (${relDiff(ll, fit.logLikelihood).toExponential(1)})`,
      },
    };
  }),

  score100k: () => guard('score', async (): Promise<StepResult> => {
    const rows = scoreRows(SCORE_CUSTOMERS); // not timed
    const { frequency, recency, T, monetaryValue } = rows;
    const n = frequency.length;
    const bg = { ...CDNOW_BG_NBD };
    const gg = { ...CDNOW_GAMMA_GAMMA };
    const horizon = 90 / 7; // 90 days, in weeks
    const clvOptions = { months: 12, monthlyDiscountRate: 0.01, margin: 1, timeUnitsPerMonth: 4.345 };

    // clv_100k: P(alive), expected purchases in 90 days and 12-month discounted CLV, as columns.
    let t0 = performance.now();
    const model: PurchaseModel = { kind: 'bg-nbd', params: bg };
    const batch = scoreCustomersAt(model, rows, [horizon]);
    const spend = new Float64Array(n);
    for (let i = 0; i < n; i++) spend[i] = gammaGammaExpectedSpend(gg, frequency[i], monetaryValue[i]);
    const batchClv = lifetimeValues(model, rows, spend, clvOptions);
    const batchMs = performance.now() - t0;

    // clv_100k_per_customer: the same, customer by customer with the single-customer functions.
    const alive = new Float64Array(n);
    const expected = new Float64Array(n);
    const clv = new Float64Array(n);
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const x = frequency[i], tx = recency[i], age = T[i];
      alive[i] = bgNbdProbabilityAlive(bg, x, tx, age);
      expected[i] = bgNbdExpectedPurchases(bg, horizon, x, tx, age);
      clv[i] = customerLifetimeValue(bg, gg, { frequency: x, recency: tx, T: age, monetaryValue: monetaryValue[i] }, clvOptions);
    }
    const loopMs = performance.now() - t0;

    let sumAlive = 0, sumExpected = 0, sumClv = 0, repeaters = 0, worst = 0;
    for (let i = 0; i < n; i++) {
      if (!(alive[i] >= 0 && alive[i] <= 1) || !(expected[i] >= 0) || !(clv[i] >= 0) || !Number.isFinite(clv[i])) {
        fail('score', `row ${i}: P(alive) ${alive[i]}, E[X] ${expected[i]}, CLV ${clv[i]}`);
      }
      worst = Math.max(worst, relDiff(batch.probabilityAlive[i], alive[i]), relDiff(batch.expectedPurchases[0][i], expected[i]), relDiff(batchClv[i], clv[i]));
      sumAlive += alive[i];
      sumExpected += expected[i];
      sumClv += clv[i];
      if (frequency[i] > 0) repeaters++;
    }
    if (!(worst <= 1e-12)) fail('score', `columns and single-customer functions differ by ${worst} (relative)`);
    return {
      timings: [
        { name: 'clv_100k', ms: round(batchMs), rows: n },
        { name: 'clv_100k_per_customer', ms: round(loopMs), rows: n },
      ],
      notes: {
        'score: repeaters (x > 0)': repeaters,
        'score: mean P(alive) / E[X(90 d)] / 12-month CLV': `${fix(sumAlive / n)} / ${fix(sumExpected / n)} / ${fix(sumClv / n, 2)}`,
        'score: largest relative difference, columns vs per customer': worst.toExponential(1),
      },
    };
  }),

  scoreLoop: (kind: 'bg-nbd' | 'pareto-nbd') => guard('score', async (): Promise<StepResult> => {
    const { frequency, recency, T } = scoreRows(SCORE_CUSTOMERS); // not timed
    const n = frequency.length;
    const alive = new Float64Array(n);
    const expected = new Float64Array(n);
    const t0 = performance.now();
    if (kind === 'bg-nbd') {
      const p = { ...CDNOW_BG_NBD };
      for (let i = 0; i < n; i++) {
        alive[i] = bgNbdProbabilityAlive(p, frequency[i], recency[i], T[i]);
        expected[i] = bgNbdExpectedPurchases(p, SCORE_HORIZON, frequency[i], recency[i], T[i]);
      }
    } else {
      const p = { ...CDNOW_PARETO_NBD };
      for (let i = 0; i < n; i++) {
        alive[i] = paretoNbdProbabilityAlive(p, frequency[i], recency[i], T[i]);
        expected[i] = paretoNbdExpectedPurchases(p, SCORE_HORIZON, frequency[i], recency[i], T[i]);
      }
    }
    const ms = performance.now() - t0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += alive[i] + expected[i];
    if (!Number.isFinite(sum)) fail('score', `per-customer ${kind} scores are not all finite`);
    const name = kind === 'bg-nbd' ? 'score_100k_per_customer' : 'score_pareto_100k_per_customer';
    return { timings: [{ name, ms: round(ms), rows: n }], notes: { [`${name}: mean P(alive) + E[X(39)]`]: fix(sum / n) } };
  }),

  scoreBatch: async (kind: 'bg-nbd' | 'pareto-nbd', columns: { frequency: Float64Array; recency: Float64Array; T: Float64Array }) => {
    const model: PurchaseModel = kind === 'bg-nbd' ? { kind, params: { ...CDNOW_BG_NBD } } : { kind, params: { ...CDNOW_PARETO_NBD } };
    const scores = scoreCustomers(model, columns, SCORE_HORIZON);
    return Comlink.transfer(scores, [scores.probabilityAlive.buffer, scores.expectedPurchases.buffer]);
  },

  ready: async () => true as const,

  voiceBySegment: () => guard('voice', async (): Promise<StepResult> => {
    // 100,000 customers in 11 segments, 200,000 answers (each with an NPS, 80% with a CSAT); not timed
    const CUSTOMERS_V = 100_000, ANSWERS = 200_000;
    const rng = createRandom('bench/voice');
    const keys = ['champions', 'loyal', 'new', 'promising', 'potential', 'attention', 'cant_lose', 'at_risk', 'about_to_sleep', 'lost', 'hibernating'];
    const code = Int32Array.from({ length: CUSTOMERS_V }, () => Math.floor(rng.next() * keys.length));
    const labels = Array.from(code, (k) => keys[k]);
    const ids = Array.from({ length: CUSTOMERS_V }, (_, i) => `C${String(i + 1).padStart(7, '0')}`);
    const who = Int32Array.from({ length: ANSWERS }, () => Math.floor(rng.next() * CUSTOMERS_V));
    const nps = Int8Array.from({ length: ANSWERS }, () => Math.floor(rng.next() * 11));
    const csat = Int8Array.from({ length: ANSWERS }, () => (rng.next() < 0.8 ? 1 + Math.floor(rng.next() * 5) : 0));
    const ds = {
      content: {
        surveys: { customerId: Array.from(who, (c) => ids[c]), day: new Int32Array(ANSWERS).fill(NO_DAY), nps, csat },
        interactions: { customerId: [], day: new Int32Array(0), kind: [] },
      },
      indexed: { customerIndex: new Map(ids.map((id, i) => [id, i])) },
    };

    // voice_by_segment_100k: the segment tables' NPS and CSAT per segment (workers/voice voiceOfGroups)
    let t0 = performance.now();
    const groups = voiceOfGroups(ds as never, { labels, frequency: new Float64Array(CUSTOMERS_V) } as never, keys, undefined)!;
    const ms = performance.now() - t0;

    // voice_typed_pass_100k: promoters, detractors, CSAT answers and satisfied per segment code in one typed-array pass
    t0 = performance.now();
    const counts = new Int32Array(keys.length * 4);
    for (let i = 0; i < ANSWERS; i++) {
      const g = code[who[i]] * 4;
      if (nps[i] >= 9) counts[g]++;
      else if (nps[i] <= 6) counts[g + 1]++;
      if (csat[i] > 0) {
        counts[g + 2]++;
        if (csat[i] >= 4) counts[g + 3]++;
      }
    }
    const baseMs = performance.now() - t0;
    groups.forEach((v, k) => {
      if (v.nps.promoters !== counts[k * 4] || v.nps.detractors !== counts[k * 4 + 1] || v.csat.n !== counts[k * 4 + 2] || v.csat.satisfied !== counts[k * 4 + 3]) {
        fail('voice', `segment ${keys[k]}: counts differ from the typed pass`);
      }
    });
    const answered = groups.reduce((a, v) => a + v.nps.n, 0);
    if (answered !== ANSWERS) fail('voice', `${answered} NPS answers grouped, expected ${ANSWERS}`);
    return {
      timings: [
        { name: 'voice_by_segment_100k', ms: round(ms), rows: ANSWERS },
        { name: 'voice_typed_pass_100k', ms: round(baseMs), rows: ANSWERS },
      ],
      notes: { 'voice: NPS of the first segment (95% CI)': `${fix(groups[0].nps.nps, 1)} (${fix(groups[0].nps.ci[0], 1)} … ${fix(groups[0].nps.ci[1], 1)})` },
    };
  }),

  allocate50: () => guard('allocate', async (): Promise<StepResult> => {
    // 50 segments whose curves span several orders of magnitude, 1M to spend (seeded, untimed)
    const rng = createRandom('bench/allocate');
    const segments = Array.from({ length: 50 }, (_, i) => ({
      key: `s${i}`, beta: 10 ** (3 + 3 * rng.next()), kappa: 10 ** (2 + 3 * rng.next()), min: i % 10 === 0 ? 1000 : 0, max: i % 7 === 0 ? 20_000 : undefined,
    }));
    const budget = 1_000_000;
    const RUNS = 200;
    allocateBudget(segments, budget); // warm
    // allocate_50_segments: one optimisation, the mean of RUNS
    let t0 = performance.now();
    let result = allocateBudget(segments, budget);
    for (let r = 1; r < RUNS; r++) result = allocateBudget(segments, budget, { curve: r % 2 ? 'exponential' : 'michaelis-menten' });
    const ms = (performance.now() - t0) / RUNS;
    // allocate_curve_pass_50: the response and marginal return of every segment at an equal split, the mean of RUNS
    t0 = performance.now();
    let sum = 0;
    for (let r = 0; r < RUNS; r++) {
      for (const s of segments) sum += response('michaelis-menten', s.beta, s.kappa, budget / 50) + marginalResponse('michaelis-menten', s.beta, s.kappa, budget / 50);
    }
    const baseMs = (performance.now() - t0) / RUNS;
    const spent = result.allocations.reduce((t, a) => t + a.amount, 0);
    if (Math.abs(spent - budget) > 1e-6 * budget || !Number.isFinite(sum)) fail('allocate', `spent ${spent} of ${budget}`);
    return {
      timings: [
        { name: 'allocate_50_segments', ms: Math.round(ms * 1000) / 1000, rows: 50 },
        { name: 'allocate_curve_pass_50', ms: Math.round(baseMs * 1000) / 1000, rows: 50 },
      ],
      notes: { 'allocate: λ at the optimum (MM)': String(allocateBudget(segments, budget).lambda.toPrecision(6)) },
    };
  }),

  careLists100k: () => guard('care', careLists100k),

  actionReadout100k: () => guard('action', actionReadout100k),

  portfolio100k: () => guard('portfolio', async (): Promise<StepResult> => {
    // The bench dataset in memory, indexed and summarised as a load does (not timed).
    let t0 = performance.now();
    const ds = prepareDataset(BENCH_DATASET_ID, benchContent());
    const prepareMs = performance.now() - t0;
    const none = () => undefined;
    // Warm-up (not timed): the default 11 RFM segments computed and kept, the code compiled, on
    // the other current value ('total'), so the timed call still reads the orders for its own.
    t0 = performance.now();
    runPortfolioPoints(ds, { current: 'total' }, none);
    const warmMs = performance.now() - t0;
    // portfolio_100k: the customer-level matrix data (values, medians, quadrants, totals, axes)
    t0 = performance.now();
    const points = runPortfolioPoints(ds, {}, none);
    const ms = performance.now() - t0;
    // portfolio_baseline_net_pass_100k: one netInYear pass over the same 1M orders
    t0 = performance.now();
    const net = netInYear(ds, points.asOfDay);
    const baseMs = performance.now() - t0;
    const q = points.quadrants;
    const counted = q.invest.customers + q.develop.customers + q.maintain.customers + q.basic.customers;
    if (points.count === 0 || points.count > CUSTOMERS || counted !== points.count || points.x.length !== points.count) {
      fail('portfolio', `${points.count} customers placed, ${counted} in quadrants`);
    }
    let netSum = 0, placedSum = 0;
    for (let i = 0; i < net.length; i++) netSum += net[i];
    for (let i = 0; i < points.count; i++) placedSum += points.x[i];
    return {
      timings: [
        { name: 'portfolio_100k', ms: round(ms), rows: points.count },
        { name: 'portfolio_baseline_net_pass_100k', ms: round(baseMs), rows: ORDERS },
      ],
      notes: {
        'portfolio: prepare / warm-up (untimed) ms': `${round(prepareMs)} / ${round(warmMs)}`,
        'portfolio: customers placed / in quadrants (invest, develop, maintain, basic)': `${points.count} / ${q.invest.customers}, ${q.develop.customers}, ${q.maintain.customers}, ${q.basic.customers}`,
        'portfolio: medians (net 12 months, recency days)': `${fix(points.medians.current, 2)}, ${fix(points.medians.future, 1)}`,
        'portfolio: net 12 months placed / all customers': `${fix(placedSum, 2)} / ${fix(netSum, 2)}`,
      },
    };
  }),

  cohort1m: () => guard('cohort', async (): Promise<StepResult> => {
    // The bench's 1M orders, with dense customer indices (not timed).
    const generated = generateSyntheticOrders({ orders: ORDERS, customers: CUSTOMERS, seed: 42 });
    const customer = new Int32Array(ORDERS);
    for (let i = 0; i < ORDERS; i++) customer[i] = Number(generated.customerId[i].slice(1)) - 1;
    const orders = { length: ORDERS, customer, day: generated.day, amount: generated.amount, isReturn: generated.isReturn };

    // cohort_1m
    let t0 = performance.now();
    const table = cohortTable(orders, CUSTOMERS);
    const cohortMs = performance.now() - t0;

    // cohort_baseline_pass_1m: the plain per-customer amount sum over the same rows.
    t0 = performance.now();
    const sums = sumPerCustomer(customer, generated.amount, CUSTOMERS);
    const passMs = performance.now() - t0;

    const sized = table.sizes.reduce((a, b) => a + b, 0);
    if (table.cohorts.length === 0 || sized === 0 || sized > CUSTOMERS) fail('cohort', `${table.cohorts.length} cohorts, ${sized} customers`);
    for (let c = 0; c < table.cohorts.length; c++) {
      if (table.active[c][0] !== table.sizes[c]) fail('cohort', `cohort ${table.cohorts[c]}: active[0] ${table.active[c][0]} ≠ size ${table.sizes[c]}`);
    }
    // Reconcile (not timed): the table's revenue is the pass's net amount less the returns it leaves
    // out by its conventions (returns of customers without a purchase, or before their first purchase month).
    let revenue = 0;
    for (const row of table.revenue) for (const v of row) revenue += v;
    let net = 0;
    for (let c = 0; c < CUSTOMERS; c++) net += sums[c];
    const firstDay = new Int32Array(CUSTOMERS).fill(NO_DAY);
    for (let i = 0; i < ORDERS; i++) {
      const c = customer[i];
      if (!generated.isReturn[i] && (firstDay[c] === NO_DAY || generated.day[i] < firstDay[c])) firstDay[c] = generated.day[i];
    }
    let leftOut = 0;
    for (let i = 0; i < ORDERS; i++) {
      const c = customer[i];
      if (!generated.isReturn[i]) continue;
      if (firstDay[c] === NO_DAY || monthIndexOfDay(generated.day[i]) < monthIndexOfDay(firstDay[c])) leftOut += generated.amount[i];
    }
    if (Math.abs(revenue - (net - leftOut)) > 0.01 * Math.max(1, table.cohorts.length)) {
      fail('cohort', `table revenue ${revenue.toFixed(2)} ≠ pass net ${net.toFixed(2)} − left-out returns ${leftOut.toFixed(2)}`);
    }
    return {
      timings: [
        { name: 'cohort_1m', ms: round(cohortMs), rows: ORDERS },
        { name: 'cohort_baseline_pass_1m', ms: round(passMs), rows: ORDERS },
      ],
      notes: {
        'cohort: cohorts / customers in cohorts': `${table.cohorts.length} (${table.cohorts[0]} … ${table.cohorts[table.cohorts.length - 1]}) / ${sized}`,
        'cohort: table revenue = pass net amount − returns left out': `${revenue.toFixed(2)} = ${net.toFixed(2)} − ${(-leftOut).toFixed(2)}`,
      },
    };
  }),
};

Comlink.expose(api);
