/**
 * The import phase (`?phase=import`): a 1M-row orders CSV from file to query-ready, timed on the
 * page's main thread the way the app does it (src/lib/state/importer.svelte.ts and
 * workspace.svelte.ts): engine.preview(file) → settings from the preview (as
 * tests/db/import-helpers.ts settingsOf) → engine.importFiles(…, { newDataset }) → engine.load(…).
 *
 * The engine is the app's own worker entry (workers/engine.worker.ts) in a module Worker wrapped
 * with Comlink, so it opens the app's default database. That database is deleted first (the profile
 * is fresh as well), and the worker is started with engine.start(), as the app does at start-up,
 * before the clock starts: the user picks a file in an app that is already open.
 *
 * The file comes from the hidden `<input type=file id=bench-file>`: run-bench.mjs writes the CSV to
 * a temporary directory and calls playwright's setInputFiles, so the File is disk-backed, as when a
 * user picks it.
 *
 * While the import runs, the main thread is watched: PerformanceObserver 'longtask' entries, plus a
 * setTimeout and a requestAnimationFrame loop whose largest gaps bound the longest task when the
 * browser reports no long task (none ≥ 50 ms) or has no longtask support.
 */
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import { DB_NAME } from '../../src/lib/db/schema';
import type { EngineApi, FilePreview, ImportSettings, JobProgress } from '../../workers/api';
import { CUSTOMERS, ORDERS } from './fixtures';
import type { BenchWorkerApi, Notes, StepResult } from './protocol';

/** The frame budget the longest main-thread task is compared with (the 'longtask' threshold). */
export const FRAME_BUDGET_MS = 50;

const round = (ms: number): number => Math.round(ms * 100) / 100;

interface Deps {
  say(text: string): void;
  inFreshWorker<K extends keyof BenchWorkerApi>(step: K, ...args: Parameters<BenchWorkerApi[K]>): Promise<StepResult>;
}

/** Settings as the UI builds them from a preview (tests/db/import-helpers.ts settingsOf, no overrides). */
function settingsOf(p: FilePreview): ImportSettings {
  return {
    kind: p.kind, encoding: p.encoding ?? 'utf-8', delimiter: p.delimiter, hasHeader: p.hasHeader, columnNames: p.columnNames,
    mapping: p.mapping, dateOrder: p.dateOrder, dropDuplicates: false,
  };
}

/** The file run-bench.mjs puts in the hidden file input. */
function pickedFile(say: Deps['say']): Promise<File> {
  const input = document.getElementById('bench-file') as HTMLInputElement | null;
  if (!input) throw new Error('no #bench-file input on the page');
  if (input.files?.length) return Promise.resolve(input.files[0]);
  say('import: waiting for the file (setInputFiles)…');
  const picked = new Promise<File>((resolve, reject) =>
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) resolve(file);
      else reject(new Error('the file input changed but holds no file'));
    }, { once: true }),
  );
  window.__benchWantsFile = true;
  return picked;
}

interface MainThreadReport {
  longTaskSupported: boolean;
  longTasks: number;
  longestTask: number;
  timerGap: number;
  timerTicks: number;
  frameGap: number;
  frames: number;
}

/** Watch the main thread: long tasks, and the largest gaps between setTimeout ticks and between frames. */
function watchMainThread(): { stop(): MainThreadReport } {
  const longTaskSupported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
  const durations: number[] = [];
  let observer: PerformanceObserver | undefined;
  if (longTaskSupported) {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) durations.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
  }
  let running = true;
  let timerGap = 0, timerTicks = 0, lastTick = performance.now();
  const tick = () => {
    const now = performance.now();
    timerGap = Math.max(timerGap, now - lastTick);
    lastTick = now;
    timerTicks++;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  let frameGap = 0, frames = 0, lastFrame = NaN;
  const frame = () => {
    const now = performance.now();
    if (!Number.isNaN(lastFrame)) frameGap = Math.max(frameGap, now - lastFrame);
    lastFrame = now;
    frames++;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return {
    stop() {
      running = false;
      const now = performance.now();
      timerGap = Math.max(timerGap, now - lastTick);
      if (observer) {
        for (const e of observer.takeRecords()) durations.push(e.duration);
        observer.disconnect();
      }
      return {
        longTaskSupported, longTasks: durations.length, longestTask: durations.length ? Math.max(...durations) : 0,
        timerGap, timerTicks, frameGap, frames,
      };
    },
  };
}

/** Throws readable Errors for the engine's plain `{ code, params }` notices. */
async function engineCall<T>(step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new Error(`${step}: ${JSON.stringify(error)}`);
  }
}

export async function runImportPhase({ say, inFreshWorker }: Deps): Promise<StepResult> {
  const file = await pickedFile(say);
  const notes: Notes = { 'import file': `${file.name}, ${(file.size / 1048576).toFixed(1)} MB` };

  // A clean origin for the app's database, then the engine as the app starts it.
  await Dexie.delete(DB_NAME);
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  const engine = Comlink.wrap<EngineApi>(worker);
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`engine worker error: ${e.message || 'failed to start'}`)));
  });
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, crashed]);
  try {
    await race(engineCall('start', () => engine.start()));
    notes['databases before the import'] = (await indexedDB.databases()).map((d) => d.name).join(', ') || '(none)';

    // Progress, as the app's EngineClient receives it (a Comlink proxy): kept for the breakdown.
    let clock = 0;
    const progress: { phase: string; done: number; total: number; at: number }[] = [];
    const onProgress = Comlink.proxy((p: JobProgress) => progress.push({ ...p, at: performance.now() - clock }));

    say('import: preview → importFiles → load…');
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the page go idle before watching it
    const watch = watchMainThread();
    const t0 = performance.now();
    clock = t0;
    const preview = await race(engineCall('preview', () => engine.preview(file)));
    const t1 = performance.now();
    if (preview.problems.length) throw new Error(`preview problems: ${JSON.stringify(preview.problems)}`);
    const settings = settingsOf(preview);
    const t2 = performance.now();
    clock = t2;
    const imported = await race(engineCall('importFiles', () =>
      engine.importFiles('bench-import', [{ file, settings }], { newDataset: { name: 'Bench import 1M', currency: 'USD' } }, onProgress),
    ));
    const t3 = performance.now();
    const importProgress = progress.splice(0);
    clock = t3;
    const loaded = await race(engineCall('load', () => engine.load('bench-import-load', imported.datasetId, onProgress)));
    const t4 = performance.now();
    const main = watch.stop();
    const loadProgress = progress.splice(0);

    // Checks (not timed).
    const stats = imported.files[0]?.stats;
    if (!imported.committed || !stats) throw new Error(`import not committed: ${JSON.stringify(imported)}`);
    if (preview.kind !== 'orders' || stats.accepted !== ORDERS || stats.rejected !== 0) {
      throw new Error(`import: kind ${preview.kind}, ${stats.accepted} accepted, ${stats.rejected} rejected`);
    }
    if (!(stats.returns > 0.02 * ORDERS && stats.returns < 0.04 * ORDERS)) throw new Error(`import: ${stats.returns} returns`);
    if (loaded.orders !== ORDERS || loaded.customers !== CUSTOMERS) {
      throw new Error(`load: ${loaded.orders} orders / ${loaded.customers} customers`);
    }
    const dash = await race(engineCall('dashboard', () => engine.dashboard(imported.datasetId, { activeDays: 90 })));
    if (dash.kpis.customers !== CUSTOMERS || dash.monthly.length === 0) {
      throw new Error(`dashboard after import: ${JSON.stringify(dash.kpis)}`);
    }

    const total = t4 - t0;
    const lastSlice = importProgress.length ? importProgress[importProgress.length - 1].at : NaN;
    const indexing = loadProgress.find((p) => p.phase === 'indexing');
    Object.assign(notes, {
      'stage: preview ms': round(t1 - t0),
      'stage: settings ms': round(t2 - t1),
      'stage: importFiles ms': round(t3 - t2),
      'stage: load ms': round(t4 - t3),
      'import: file slices read, parsed, converted and written ms (last progress event)': round(lastSlice),
      'import: final flush + commit ms (after the last progress event)': round(t3 - t2 - lastSlice),
      'import: progress events': importProgress.length,
      'load: reading chunks ms (until the indexing progress event)': indexing ? round(indexing.at) : 'n/a',
      'load: decode + index + summary ms (after it)': indexing ? round(t4 - t3 - indexing.at) : 'n/a',
      'load: engine figure ms': round(loaded.ms),
      'import stats': `accepted ${stats.accepted}, rejected ${stats.rejected}, returns ${stats.returns}, customers ${stats.customers}, ` +
        `order ids ${stats.orderIds}, encoding ${imported.files[0].encoding}, date order ${preview.dateOrder}`,
      'main thread: longtask supported': String(main.longTaskSupported),
      'main thread: long tasks (≥ 50 ms)': main.longTasks,
      'main thread: longest long task ms': round(main.longestTask),
      'main thread: largest setTimeout gap ms': round(main.timerGap),
      'main thread: setTimeout ticks': main.timerTicks,
      'main thread: largest frame gap ms': round(main.frameGap),
      'main thread: frames': main.frames,
    });
    // The longest task: the longest 'longtask' entry; with none (no task ≥ 50 ms, or no support),
    // the largest setTimeout gap, which no task can be longer than.
    const longest = main.longTasks > 0 ? main.longestTask : main.timerGap;
    notes['main thread: figure from'] = main.longTasks > 0 ? 'longtask entries' : 'setTimeout gap (no long task reported)';

    const timings = [
      { name: 'import_1m_orders', ms: round(total), rows: ORDERS },
      { name: 'import_1m_longest_main_task', ms: round(longest), rows: ORDERS },
    ];
    engine[Comlink.releaseProxy]();
    worker.terminate();

    // Baseline: bare Arquero parse of the same file's text, in a fresh worker.
    const base = await inFreshWorker('arqueroParse', file);
    timings.push(...base.timings);
    Object.assign(notes, base.notes);
    return { timings, notes };
  } finally {
    worker.terminate();
  }
}
