/**
 * The bench page. `?phase=store|load|read` picks what this page load measures; run-bench.mjs
 * navigates through the phases (each one a new page load on the same browser profile) and reads
 * `window.__benchResult`.
 */
import * as Comlink from 'comlink';
import type { BenchResult, BenchWorkerApi, Phase, StepResult } from './protocol';

declare global {
  interface Window {
    __benchResult?: BenchResult;
  }
}

const phase = new URLSearchParams(location.search).get('phase') ?? '';
const status = document.getElementById('status');
const say = (text: string) => {
  console.info(`[bench] ${text}`);
  if (status) status.textContent = text;
};

/** Run one step in a fresh worker, so its first measurement is cold; the worker is then ended. */
async function inFreshWorker(step: keyof BenchWorkerApi): Promise<StepResult> {
  say(`${phase}: ${step}…`);
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: `bench-${step}` });
  const api = Comlink.wrap<BenchWorkerApi>(worker);
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`worker error in ${step}: ${e.message || 'failed to start'}`)));
    worker.addEventListener('messageerror', () => reject(new Error(`worker message error in ${step}`)));
  });
  try {
    return await Promise.race([api[step](), crashed]);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

const STEPS: Record<Phase, (keyof BenchWorkerApi)[]> = {
  store: ['store', 'serialise'],
  load: ['loadAndQuery'],
  read: ['readChunksOnly'],
};

async function run(): Promise<BenchResult> {
  if (!(phase in STEPS)) throw new Error(`unknown phase "${phase}"`);
  const result: BenchResult = { ok: true, phase: phase as Phase, timings: [], notes: {} };
  for (const step of STEPS[phase as Phase]) {
    const r = await inFreshWorker(step);
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
