/**
 * The bench page. `?phase=store|load|read|import|models` picks what this page load measures; run-bench.mjs
 * navigates through the phases (each one a new page load on the same browser profile) and reads
 * `window.__benchResult`. The import phase waits for run-bench.mjs to put its files (CSV, .xlsx,
 * Parquet) in the hidden `<input type=file>` (playwright setInputFiles), then times the app's import
 * sequence on this (main) thread, against the real engine worker (see import-phase.ts).
 */
import * as Comlink from 'comlink';
import { runImportPhase } from './import-phase';
import { CDNOW_MASTER_FILE, CDNOW_SUMMARY_FILE, SCORE_CUSTOMERS, scoreRows } from './models';
import type { BenchResult, BenchWorkerApi, ImportExpect, ImportFileRole, Phase, StepResult } from './protocol';

declare global {
  interface Window {
    __benchResult?: BenchResult;
    /** Set by the import phase when it waits for its files (run-bench.mjs then calls setInputFiles). */
    __benchWantsFile?: boolean;
    /** Set by run-bench.mjs before it puts the import files in the input: what each import must find. */
    __benchImportExpect?: Record<ImportFileRole, ImportExpect>;
  }
}

const phase = new URLSearchParams(location.search).get('phase') ?? '';
const status = document.getElementById('status');
const say = (text: string) => {
  console.info(`[bench] ${text}`);
  if (status) status.textContent = text;
};

/** Run one step in a fresh worker, so its first measurement is cold; the worker is then ended. */
async function inFreshWorker<K extends keyof BenchWorkerApi>(
  step: K, ...args: Parameters<BenchWorkerApi[K]>
): Promise<StepResult> {
  say(`${phase}: ${step}…`);
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: `bench-${step}` });
  const api = Comlink.wrap<BenchWorkerApi>(worker);
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`worker error in ${step}: ${e.message || 'failed to start'}`)));
    worker.addEventListener('messageerror', () => reject(new Error(`worker message error in ${step}`)));
  });
  try {
    const call = api[step] as (...a: Parameters<BenchWorkerApi[K]>) => Promise<StepResult>;
    return await Promise.race([call(...args), crashed]);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

/**
 * score_100k / score_pareto_100k: scoreCustomers on the 100k rows in a fresh worker, timed here on
 * the page from the call to the scores' arrival, so it includes the worker round trip (the columns
 * copied in, the scores transferred back), as the app's engine call does. The worker's module is
 * loaded first (an untimed ready() call); the scoring itself is cold.
 */
async function scoreRoundTrip(kind: 'bg-nbd' | 'pareto-nbd'): Promise<StepResult> {
  const name = kind === 'bg-nbd' ? 'score_100k' : 'score_pareto_100k';
  say(`${phase}: ${name}…`);
  const { frequency, recency, T } = scoreRows(SCORE_CUSTOMERS);
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: `bench-${name}` });
  const api = Comlink.wrap<BenchWorkerApi>(worker);
  try {
    await api.ready();
    const t0 = performance.now();
    const scores = await api.scoreBatch(kind, { frequency, recency, T });
    const ms = performance.now() - t0;
    let sum = 0;
    for (let i = 0; i < scores.probabilityAlive.length; i++) sum += scores.probabilityAlive[i] + scores.expectedPurchases[i];
    if (scores.probabilityAlive.length !== SCORE_CUSTOMERS || !Number.isFinite(sum)) throw new Error(`${name}: bad scores`);
    return { timings: [{ name, ms: Math.round(ms * 10) / 10, rows: SCORE_CUSTOMERS }], notes: { [`${name}: mean P(alive) + E[X(39)]`]: (sum / SCORE_CUSTOMERS).toFixed(4) } };
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

/**
 * A data file's text, as run-bench.mjs hands it to the page: it answers requests for
 * `./bench-data/<name>` itself (playwright route) from files read outside the project.
 */
async function benchData(name: string): Promise<string> {
  const response = await fetch(new URL(`./bench-data/${name}`, location.href));
  if (!response.ok) throw new Error(`bench data ${name}: HTTP ${response.status}`);
  return response.text();
}

const STEPS: Record<Phase, (() => Promise<StepResult>)[]> = {
  store: [() => inFreshWorker('store'), () => inFreshWorker('serialise')],
  load: [() => inFreshWorker('loadAndQuery')],
  read: [() => inFreshWorker('readChunksOnly')],
  backup: [() => inFreshWorker('backupRestore')],
  import: [() => runImportPhase({ say, inFreshWorker })],
  models: [
    async () => inFreshWorker('cdnowFit', await benchData(CDNOW_MASTER_FILE)),
    async () => inFreshWorker('paretoFit', await benchData(CDNOW_SUMMARY_FILE)),
    () => scoreRoundTrip('bg-nbd'),
    () => inFreshWorker('scoreLoop', 'bg-nbd'),
    () => scoreRoundTrip('pareto-nbd'),
    () => inFreshWorker('scoreLoop', 'pareto-nbd'),
    () => inFreshWorker('score100k'),
    () => inFreshWorker('voiceBySegment'),
    () => inFreshWorker('cohort1m'),
    () => inFreshWorker('allocate50'),
    () => inFreshWorker('portfolio100k'),
    () => inFreshWorker('careLists100k'),
    () => inFreshWorker('actionReadout100k'),
  ],
};

async function run(): Promise<BenchResult> {
  if (!(phase in STEPS)) throw new Error(`unknown phase "${phase}"`);
  const result: BenchResult = { ok: true, phase: phase as Phase, timings: [], notes: {} };
  for (const step of STEPS[phase as Phase]) {
    const r = await step();
    result.timings.push(...r.timings);
    Object.assign(result.notes, r.notes);
  }
  return result;
}

const failed = (error: unknown): BenchResult => ({
  ok: false,
  phase,
  error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
});

window.addEventListener('unhandledrejection', (e) => {
  window.__benchResult ??= failed(e.reason);
});

run().then(
  (result) => {
    say(`${phase}: done`);
    window.__benchResult = result;
  },
  (error: unknown) => {
    console.error(`[bench] ${phase} failed:`, error);
    window.__benchResult = failed(error);
  },
);
