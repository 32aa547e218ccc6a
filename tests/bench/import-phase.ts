/**
 * The import phase (`?phase=import`): order files from file to query-ready, timed on the page's
 * main thread the way the app does it (src/lib/state/importer.svelte.ts and workspace.svelte.ts):
 * engine.preview(file) → settings from the preview (as tests/db/import-helpers.ts settingsOf, with
 * a table file's format and sheet) → engine.importFiles(…, { newDataset }) → engine.load(…).
 * In order: the 1M-line CSV (import_1m_orders, with the main-thread watch as
 * import_1m_longest_main_task), its Arquero baseline, then the first 100,000 of those lines as CSV
 * (import_csv_100k) and as an .xlsx workbook (import_xlsx_100k), then the 1M lines as Parquet
 * (import_parquet_1m, against import_1m_orders). The same rows in two formats must give the same
 * import counts and the same dashboard KPIs.
 *
 * Every import gets a fresh engine: the app's own worker entry (workers/engine.worker.ts) in a
 * module Worker wrapped with Comlink, so it opens the app's default database. That database is
 * deleted first (the profile is fresh as well), and the worker is started with engine.start(), as
 * the app does at start-up, before the clock starts: the user picks a file in an app that is
 * already open.
 *
 * The files come from the hidden `<input type=file id=bench-file multiple>`: run-bench.mjs writes
 * them to a temporary directory and calls playwright's setInputFiles, so the Files are disk-backed,
 * as when a user picks them; it also sets `window.__benchImportExpect` (each file's lines,
 * customers and returns, counted from the generated rows).
 *
 * While an import runs, the main thread is watched: PerformanceObserver 'longtask' entries, plus a
 * setTimeout and a requestAnimationFrame loop whose largest gaps bound the longest task when the
 * browser reports no long task (none ≥ 50 ms) or has no longtask support.
 */
import * as Comlink from 'comlink';
import Dexie from 'dexie';
import { DB_NAME } from '../../src/lib/db/schema';
import type { ConvertStats } from '../../src/lib/domain/import';
import type { DashboardKpis } from '../../src/lib/domain';
import type { EngineApi, FilePreview, ImportSettings, JobProgress } from '../../workers/api';
import type { TableFormat } from '../../workers/import/tables';
import { CUSTOMERS, ORDERS } from './fixtures';
import {
  IMPORT_FILES, IMPORT_XLSX_SHEET, type BenchWorkerApi, type ImportExpect, type ImportFileRole, type Notes, type StepResult,
} from './protocol';

/** The frame budget the longest main-thread task is compared with (the 'longtask' threshold). */
export const FRAME_BUDGET_MS = 50;

const round = (ms: number): number => Math.round(ms * 100) / 100;

interface Deps {
  say(text: string): void;
  inFreshWorker<K extends keyof BenchWorkerApi>(step: K, ...args: Parameters<BenchWorkerApi[K]>): Promise<StepResult>;
}

/**
 * Settings as the UI builds them from a preview (tests/db/import-helpers.ts settingsOf, no
 * overrides): a workbook's or Parquet file's format, and the workbook's sheet, as the preview found them.
 */
function settingsOf(p: FilePreview): ImportSettings {
  return {
    kind: p.kind, encoding: p.encoding ?? 'utf-8', delimiter: p.delimiter, hasHeader: p.hasHeader, columnNames: p.columnNames,
    mapping: p.mapping, dateOrder: p.dateOrder, dropDuplicates: false, ...(p.format ? { format: p.format, sheet: p.sheet } : {}),
  };
}

/** The files run-bench.mjs puts in the hidden file input (all at once), by role, and what each import must find. */
async function pickedFiles(say: Deps['say']): Promise<Record<ImportFileRole, { file: File; expect: ImportExpect }>> {
  const input = document.getElementById('bench-file') as HTMLInputElement | null;
  if (!input) throw new Error('no #bench-file input on the page');
  if (!input.files?.length) {
    say('import: waiting for the files (setInputFiles)…');
    const picked = new Promise<void>((resolve, reject) =>
      input.addEventListener('change', () => (input.files?.length ? resolve() : reject(new Error('the file input changed but holds no file'))), { once: true }),
    );
    window.__benchWantsFile = true;
    await picked;
  }
  const files = [...(input.files ?? [])];
  const expect = window.__benchImportExpect;
  const out: Partial<Record<ImportFileRole, { file: File; expect: ImportExpect }>> = {};
  for (const [role, name] of Object.entries(IMPORT_FILES) as [ImportFileRole, string][]) {
    const file = files.find((f) => f.name === name);
    if (!file) throw new Error(`the file input holds no ${name} (it holds ${files.map((f) => f.name).join(', ') || 'nothing'})`);
    if (!expect?.[role]) throw new Error(`run-bench.mjs set no expected counts for ${name}`);
    out[role] = { file, expect: expect[role] };
  }
  return out as Record<ImportFileRole, { file: File; expect: ImportExpect }>;
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

/** One timed import: a file, what it must give, and the prefix of its notes ('' for the 1M CSV, as before). */
interface ImportRun {
  label: string;
  notePrefix: string;
  file: File;
  expect: ImportExpect;
  format?: TableFormat;
  datasetName: string;
}

interface ImportMeasure {
  /** preview → settings → importFiles → load, ms. */
  ms: number;
  stats: ConvertStats;
  kpis: DashboardKpis;
  main: MainThreadReport;
  notes: Notes;
}

/**
 * Differences between two results that must be equal (the same rows in two formats): exact for
 * everything but non-integer numbers, which may differ by 1e-9 relative (none should).
 */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const same = a === b || (Number.isFinite(a) && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
    return same ? [] : [`${at}: ${a} ≠ ${b}`];
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
  }
  return Object.is(a, b) ? [] : [`${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

/**
 * The app's import of one file to query-ready, timed on this thread: a clean database, the engine
 * worker started (not timed), then preview → settings → importFiles → load. Checked (not timed):
 * committed, every line accepted, none rejected, the expected returns and customers, the load's
 * counts, and a dashboard. The engine worker is ended before returning.
 */
async function timeImport(run: ImportRun, say: Deps['say']): Promise<ImportMeasure> {
  const { label, notePrefix: p, file, expect } = run;
  const notes: Notes = { [`${p}import file`]: `${file.name}, ${(file.size / 1048576).toFixed(1)} MB` };
  // A clean origin for the app's database, then the engine as the app starts it.
  await Dexie.delete(DB_NAME);
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  const engine = Comlink.wrap<EngineApi>(worker);
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`${label}: engine worker error: ${e.message || 'failed to start'}`)));
  });
  const race = <T>(q: Promise<T>): Promise<T> => Promise.race([q, crashed]);
  const fail = (what: string): never => {
    throw new Error(`${label} (${file.name}): ${what}`);
  };
  try {
    await race(engineCall('start', () => engine.start()));
    notes[`${p}databases before the import`] = (await indexedDB.databases()).map((d) => d.name).join(', ') || '(none)';

    // Progress, as the app's EngineClient receives it (a Comlink proxy): kept for the breakdown.
    let clock = 0;
    const progress: { phase: string; done: number; total: number; at: number }[] = [];
    const onProgress = Comlink.proxy((q: JobProgress) => progress.push({ ...q, at: performance.now() - clock }));

    say(`import ${label}: preview → importFiles → load…`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the page go idle before watching it
    const watch = watchMainThread();
    const t0 = performance.now();
    clock = t0;
    const preview = await race(engineCall('preview', () => engine.preview(file)));
    const t1 = performance.now();
    if (preview.problems.length) fail(`preview problems: ${JSON.stringify(preview.problems)}`);
    const settings = settingsOf(preview);
    const t2 = performance.now();
    clock = t2;
    const imported = await race(engineCall('importFiles', () =>
      engine.importFiles(`bench-import-${label.replace(/\W+/g, '-')}`, [{ file, settings }], { newDataset: { name: run.datasetName, currency: 'USD' } }, onProgress),
    ));
    const t3 = performance.now();
    const importProgress = progress.splice(0);
    clock = t3;
    const loaded = await race(engineCall('load', () => engine.load('bench-import-load', imported.datasetId, onProgress)));
    const t4 = performance.now();
    const main = watch.stop();
    const loadProgress = progress.splice(0);

    // Checks (not timed).
    if (preview.format !== run.format) fail(`the preview read it as ${preview.format ?? 'text'}, not ${run.format ?? 'text'}`);
    if (run.format === 'xlsx' && (preview.sheet !== IMPORT_XLSX_SHEET || preview.sheets?.length !== 1)) {
      fail(`the preview proposed sheet ${preview.sheet} of ${JSON.stringify(preview.sheets)}`);
    }
    const stats = imported.files[0]?.stats;
    if (!imported.committed || !stats) fail(`import not committed: ${JSON.stringify(imported).slice(0, 2000)}`);
    if (preview.kind !== 'orders' || stats.accepted !== expect.rows || stats.rejected !== 0) {
      const rejects = JSON.stringify(imported.files[0].rejects.slice(0, 5));
      fail(`kind ${preview.kind}, ${stats.accepted} accepted of ${expect.rows}, ${stats.rejected} rejected ` +
        `(${JSON.stringify(stats.rejectedBy)}; first rejects ${rejects}); mapping ${JSON.stringify(preview.mapping)}`);
    }
    if (stats.returns !== expect.returns || stats.customers !== expect.customers) {
      fail(`${stats.returns} returns (expected ${expect.returns}), ${stats.customers} customers (expected ${expect.customers})`);
    }
    if (loaded.orders !== expect.rows || loaded.customers !== expect.customers) {
      fail(`load: ${loaded.orders} orders / ${loaded.customers} customers`);
    }
    const dash = await race(engineCall('dashboard', () => engine.dashboard(imported.datasetId, { activeDays: 90 })));
    if (dash.kpis.customers !== expect.customers || dash.monthly.length === 0) fail(`dashboard after import: ${JSON.stringify(dash.kpis)}`);
    // Not in the figure: the SHA-256 importFiles takes of the file before reading it (a second read, cache warm).
    const h0 = performance.now();
    await race(engineCall('hashFile', () => engine.hashFile(file)));
    const hashMs = performance.now() - h0;

    const first = importProgress.length ? importProgress[0].at : NaN;
    const last = importProgress.length ? importProgress[importProgress.length - 1].at : NaN;
    const indexing = loadProgress.find((q) => q.phase === 'indexing');
    Object.assign(notes, {
      [`${p}stage: preview ms`]: round(t1 - t0),
      [`${p}stage: settings ms`]: round(t2 - t1),
      [`${p}stage: importFiles ms`]: round(t3 - t2),
      [`${p}stage: load ms`]: round(t4 - t3),
    });
    if (run.format) {
      const read = run.format === 'xlsx'
        ? 'hash + workbook unzipped and parsed + its first 50,000 rows converted and written'
        : 'hash + footer (metadata) read + first row group decoded, converted and written';
      const rest = run.format === 'xlsx' ? 'the other rows converted and written' : 'the other row groups decoded, converted and written';
      Object.assign(notes, {
        [`${p}import: ${read} ms (first progress event)`]: round(first),
        [`${p}import: ${rest} ms (first → last progress event)`]: round(last - first),
        [`${p}import: progress events at ms`]: importProgress.map((q) => Math.round(q.at)).join(' '),
      });
    } else {
      notes[`${p}import: file slices read, parsed, converted and written ms (last progress event)`] = round(last);
    }
    Object.assign(notes, {
      [`${p}import: final flush + commit ms (after the last progress event)`]: round(t3 - t2 - last),
      [`${p}import: progress events`]: importProgress.length,
      [`${p}import: SHA-256 of the file ms (engine.hashFile afterwards, not timed; importFiles does it first)`]: round(hashMs),
      [`${p}load: reading chunks ms (until the indexing progress event)`]: indexing ? round(indexing.at) : 'n/a',
      [`${p}load: decode + index + summary ms (after it)`]: indexing ? round(t4 - t3 - indexing.at) : 'n/a',
      [`${p}load: engine figure ms`]: round(loaded.ms),
      [`${p}import stats`]: `accepted ${stats.accepted}, rejected ${stats.rejected}, returns ${stats.returns}, customers ${stats.customers}, ` +
        `order ids ${stats.orderIds}, encoding ${imported.files[0].encoding}, date order ${preview.dateOrder}` +
        (preview.format ? `, format ${preview.format}${preview.sheet ? `, sheet ${preview.sheet}` : ''}` : ''),
    });
    return { ms: t4 - t0, stats, kpis: dash.kpis, main, notes };
  } finally {
    engine[Comlink.releaseProxy]();
    worker.terminate();
  }
}

/** The main-thread watch of one import, in notes. */
function mainThreadNotes(p: string, main: MainThreadReport): Notes {
  return {
    [`${p}main thread: longtask supported`]: String(main.longTaskSupported),
    [`${p}main thread: long tasks (≥ 50 ms)`]: main.longTasks,
    [`${p}main thread: longest long task ms`]: round(main.longestTask),
    [`${p}main thread: largest setTimeout gap ms`]: round(main.timerGap),
    [`${p}main thread: setTimeout ticks`]: main.timerTicks,
    [`${p}main thread: largest frame gap ms`]: round(main.frameGap),
    [`${p}main thread: frames`]: main.frames,
  };
}

/** The same rows in two formats must give the same import counts and the same dashboard. */
function sameResult(label: string, a: ImportMeasure, b: ImportMeasure, against: string): void {
  const diff = [...differences(a.stats, b.stats).map((d) => `stats.${d}`), ...differences(a.kpis, b.kpis).map((d) => `kpis.${d}`)];
  if (diff.length) throw new Error(`${label} does not give what ${against} gives (${label} ≠ ${against}): ${diff.slice(0, 12).join('; ')}`);
}

export async function runImportPhase({ say, inFreshWorker }: Deps): Promise<StepResult> {
  const files = await pickedFiles(say);
  const notes: Notes = {};
  if (files.csv1m.expect.rows !== ORDERS || files.csv1m.expect.customers !== CUSTOMERS) {
    throw new Error(`the 1M CSV was written with ${JSON.stringify(files.csv1m.expect)}`);
  }

  // import_1m_orders: the 1M-line CSV, with the main-thread watch as its second figure.
  const csv1m = await timeImport({ label: 'csv 1M', notePrefix: '', file: files.csv1m.file, expect: files.csv1m.expect, datasetName: 'Bench import 1M' }, say);
  Object.assign(notes, csv1m.notes, mainThreadNotes('', csv1m.main));
  // The longest task: the longest 'longtask' entry; with none (no task ≥ 50 ms, or no support),
  // the largest setTimeout gap, which no task can be longer than.
  const main = csv1m.main;
  const longest = main.longTasks > 0 ? main.longestTask : main.timerGap;
  notes['main thread: figure from'] = main.longTasks > 0 ? 'longtask entries' : 'setTimeout gap (no long task reported)';
  const timings = [
    { name: 'import_1m_orders', ms: round(csv1m.ms), rows: ORDERS },
    { name: 'import_1m_longest_main_task', ms: round(longest), rows: ORDERS },
  ];

  // Baseline: bare Arquero parse of the same file's text, in a fresh worker.
  const base = await inFreshWorker('arqueroParse', files.csv1m.file);
  timings.push(...base.timings);
  Object.assign(notes, base.notes);

  // import_xlsx_100k against import_csv_100k (the same 100,000 lines), then import_parquet_1m
  // (against import_1m_orders above): each the same sequence as the 1M CSV, from a clean database.
  const csv100k = await timeImport({
    label: 'csv 100k', notePrefix: 'csv 100k: ', file: files.csv100k.file, expect: files.csv100k.expect, datasetName: 'Bench import CSV 100k',
  }, say);
  const xlsx100k = await timeImport({
    label: 'xlsx 100k', notePrefix: 'xlsx 100k: ', file: files.xlsx100k.file, expect: files.xlsx100k.expect, format: 'xlsx',
    datasetName: 'Bench import XLSX 100k',
  }, say);
  sameResult('xlsx 100k', xlsx100k, csv100k, 'csv 100k');
  const parquet1m = await timeImport({
    label: 'parquet 1M', notePrefix: 'parquet 1M: ', file: files.parquet1m.file, expect: files.parquet1m.expect, format: 'parquet',
    datasetName: 'Bench import Parquet 1M',
  }, say);
  sameResult('parquet 1M', parquet1m, csv1m, 'csv 1M');
  for (const [p, m] of [['csv 100k: ', csv100k], ['xlsx 100k: ', xlsx100k], ['parquet 1M: ', parquet1m]] as const) {
    Object.assign(notes, m.notes, {
      [`${p}main thread: longest task ms (longtask entry, else largest setTimeout gap)`]: round(m.main.longTasks > 0 ? m.main.longestTask : m.main.timerGap),
    });
  }
  notes['xlsx 100k / parquet 1M: same import counts and dashboard KPIs as the CSV of the same lines'] = 'yes';
  // Not a figure: where the table imports' time goes, step by step, in a fresh worker.
  Object.assign(notes, (await inFreshWorker('tableBreakdown', files.csv1m.file, files.xlsx100k.file, files.parquet1m.file)).notes);
  timings.push(
    { name: 'import_csv_100k', ms: round(csv100k.ms), rows: files.csv100k.expect.rows },
    { name: 'import_xlsx_100k', ms: round(xlsx100k.ms), rows: files.xlsx100k.expect.rows },
    { name: 'import_parquet_1m', ms: round(parquet1m.ms), rows: files.parquet1m.expect.rows },
  );
  return { timings, notes };
}
