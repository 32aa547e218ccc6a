#!/usr/bin/env node
// `npm run bench`: builds the bench page (tests/bench → tests/bench/dist), serves it, runs it in
// headless Debian Chromium on a persistent temporary profile (real, on-disk IndexedDB) and prints
// one JSON line per figure on stdout, then a table. Progress and diagnostics go to stderr.
// BENCH_ENFORCE_TARGETS=1 also exits non-zero when a figure misses its target.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, runnerImport } from 'vite';
import { startStaticServer } from '../scripts/static-server.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIST = path.join(HERE, 'dist');
const repoRoot = path.resolve(HERE, '../..');
/**
 * Data files of the model figures, read from outside the project (never copied into it) and
 * answered to the page's requests for `bench-data/<name>` (see main.ts benchData).
 */
const DATA_FILES = {
  'CDNOW_master.txt': path.resolve(repoRoot, '../shared/data/cdnow/CDNOW_master.txt'),
  'cdnow_customers_summary.csv': path.resolve(repoRoot, '../shared/data/cdnow/cdnow_customers_summary.csv'),
};
const TOTAL_LIMIT_MS = 400_000;
const PHASE_LIMIT_MS = 180_000;
const SETTLE_MS = 3000;

/**
 * The reported figures, each with its baseline; order is the print order. `baselineFixed` is a
 * baseline that is a constant, not a measurement; `moonshot` is printed next to the target but
 * never counts as a miss.
 */
const FIGURES = [
  { name: 'store_1m_orders', baseline: 'serialise_1m_orders', target: null },
  { name: 'reload_1m_orders', baseline: 'read_chunks_1m', target: 3000 },
  { name: 'dashboard_1m', baseline: 'typed_array_pass_1m', target: 1000 },
  { name: 'customers_page_100k', baseline: 'sort_100k_numbers', target: null },
  { name: 'resegment_100k', baseline: 'typed_array_rfm_pass_100k', target: 1000 },
  { name: 'kmeans_100k', baseline: 'typed_array_distance_pass_100k', target: 5000 },
  { name: 'backup_encrypted_1m', baseline: 'backup_plain_1m', target: 10_000 },
  { name: 'restore_encrypted_1m', baseline: 'backup_plain_1m', target: 10_000 },
  { name: 'import_1m_orders', baseline: 'arquero_parse', target: 10_000, moonshot: 3000 },
  { name: 'import_1m_longest_main_task', baseline: 'frame_budget', baselineFixed: 50, target: 100 },
  { name: 'cdnow_full_fit', baseline: 'bgnbd_ll_pass_cdnow', target: 500 },
  { name: 'pareto_nbd_fit', baseline: 'pareto_ll_pass_2357', target: 400 },
  { name: 'score_100k', baseline: 'bgnbd_alive_pass_100k', target: 1000 },
  { name: 'cohort_1m', baseline: 'cohort_baseline_pass_1m', target: 1000 },
];

/** Page loads, in order: each a new navigation on the same profile. */
const PHASES = ['store', 'load', 'read', 'backup', 'import', 'models'];

const started = Date.now();
const log = (...args) => console.error(`bench [${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);

const watchdog = setTimeout(() => {
  log(`FAILED: the run took longer than ${TOTAL_LIMIT_MS / 1000} s`);
  process.exit(1);
}, TOTAL_LIMIT_MS);
watchdog.unref();

async function buildPage() {
  log('building the bench page (vite build, tests/bench/vite.bench.config.ts)…');
  await build({
    configFile: path.join(HERE, 'vite.bench.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    clearScreen: false,
  });
}

/** tests/e2e/browser.ts is TypeScript: load it through Vite's module runner. */
async function loadBrowserHelpers() {
  const { module } = await runnerImport(path.join(HERE, '../e2e/browser.ts'), {
    configFile: false,
    logLevel: 'warn',
  });
  return module;
}

/** The model figures' data files' text, by the name the page asks for. */
async function readDataFiles() {
  const texts = new Map();
  for (const [name, file] of Object.entries(DATA_FILES)) {
    const text = await readFile(file, 'utf8').catch((error) => {
      throw new Error(`cannot read the bench data file ${file}: ${error.message}`);
    });
    texts.set(name, text);
    log(`  data file ${file}: ${(Buffer.byteLength(text) / 1048576).toFixed(2)} MB`);
  }
  return texts;
}

/** The import figure's orders CSV (tests/bench/orders-csv.ts), written to a temporary directory. */
async function writeImportFile(dir) {
  const { module } = await runnerImport(path.join(HERE, 'orders-csv.ts'), { configFile: false, logLevel: 'warn' });
  const csv = module.ordersCsv();
  const file = path.join(dir, module.IMPORT_FILE_NAME);
  await writeFile(file, csv.parts.join(''));
  const bytes = csv.parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
  log(`  import file ${file}: ${(bytes / 1048576).toFixed(1)} MB, ${csv.rows} orders, ${csv.customers} customers, ${csv.returns} returns`);
  return file;
}

async function runPhase(page, baseUrl, phase, pageErrors, importFile) {
  log(`page load: ?phase=${phase}`);
  const errorsBefore = pageErrors.length;
  await page.goto(`${baseUrl}?phase=${phase}`, { waitUntil: 'load' });
  if (phase === 'import') {
    // As a user picking the file: a real, disk-backed File in the page's file input.
    await page.waitForFunction(() => window.__benchWantsFile === true || window.__benchResult !== undefined, null, {
      timeout: PHASE_LIMIT_MS,
      polling: 100,
    });
    if (await page.evaluate(() => window.__benchWantsFile === true)) await page.setInputFiles('#bench-file', importFile);
  }
  await page.waitForFunction(() => window.__benchResult !== undefined, null, {
    timeout: PHASE_LIMIT_MS,
    polling: 200,
  });
  const result = await page.evaluate(() => window.__benchResult);
  if (!result?.ok) throw new Error(`phase "${phase}" failed in the page:\n${result?.error ?? 'no result'}`);
  if (pageErrors.length > errorsBefore) {
    throw new Error(`phase "${phase}" logged errors:\n${pageErrors.slice(errorsBefore).join('\n')}`);
  }
  for (const t of result.timings) log(`  ${t.name}: ${t.ms} ms`);
  for (const [k, v] of Object.entries(result.notes)) log(`  (${k}: ${v})`);
  return result;
}

const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)) + ' ms';

function printTable(lines) {
  const rows = [['name', 'value', 'baseline', 'ratio', 'target', 'rows']];
  for (const l of lines) {
    const fig = FIGURES.find((f) => f.name === l.name);
    let target = fig.target === null ? '—' : `≤ ${fig.target} ms ${l.value <= fig.target ? 'ok' : 'MISSED'}`;
    if (fig.moonshot) target += ` (moonshot ≤ ${fig.moonshot} ms ${l.value <= fig.moonshot ? 'ok' : 'missed'})`;
    rows.push([
      l.name,
      fmtMs(l.value),
      `${l.baseline_name} ${fmtMs(l.baseline)}`,
      l.baseline > 0 ? `${(l.value / l.baseline).toFixed(1)}×` : '—',
      target,
      l.rows.toLocaleString('en-US'),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const right = new Set([1, 3, 5]);
  const fmt = (r) => r.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log('');
  console.log(fmt(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(fmt(r));
}

async function main() {
  await buildPage();
  const { launchBrowser } = await loadBrowserHelpers();
  const tempDir = await mkdtemp(path.join(tmpdir(), 'cswb-bench-import-'));
  let server;
  let browser;
  try {
    log('writing the import figure\'s orders CSV (tests/bench/orders-csv.ts)…');
    const importFile = await writeImportFile(tempDir);
    const dataTexts = await readDataFiles();
    server = await startStaticServer({ root: DIST, basePath: '/bench/', port: 0 });
    log(`serving ${DIST} at ${server.url}; launching /usr/bin/chromium (temporary persistent profile)…`);
    browser = await launchBrowser({ locale: 'en-US' });
    log(`profile: ${browser.userDataDir}`);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.stack ?? e.message}`));
    page.on('crash', () => pageErrors.push('page crashed'));
    page.on('console', (msg) => {
      const text = msg.text();
      if (msg.type() === 'error') pageErrors.push(`console.error: ${text} (${msg.location().url || 'no url'})`);
      else if (text.startsWith('[bench]')) log(`  page: ${text.slice(8)}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    // The model figures' data: answered here from the files read above, not served from dist.
    await page.route(`${server.url}bench-data/**`, (route) => {
      const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
      const text = dataTexts.get(name);
      if (text === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: `no bench data ${name}` });
      return route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: text });
    });

    // Let the freshly launched browser finish its start-up work (2-core machines) before timing.
    await page.goto('about:blank');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

    const timings = new Map();
    for (const phase of PHASES) {
      const result = await runPhase(page, server.url, phase, pageErrors, importFile);
      for (const t of result.timings) timings.set(t.name, t);
    }

    const lines = FIGURES.map((f) => {
      const v = timings.get(f.name);
      const b = f.baselineFixed !== undefined ? { ms: f.baselineFixed } : timings.get(f.baseline);
      if (!v || !b || !Number.isFinite(v.ms) || !Number.isFinite(b.ms)) {
        throw new Error(`missing measurement for ${f.name} / ${f.baseline}`);
      }
      return { name: f.name, value: v.ms, unit: 'ms', baseline_name: f.baseline, baseline: b.ms, rows: v.rows };
    });
    for (const l of lines) console.log(JSON.stringify(l));
    printTable(lines);

    const missed = lines.filter((l) => {
      const t = FIGURES.find((f) => f.name === l.name).target;
      return t !== null && l.value > t;
    });
    if (missed.length) log(`targets missed: ${missed.map((l) => l.name).join(', ')}`);
    log('done');
    return missed.length && process.env.BENCH_ENFORCE_TARGETS === '1' ? 1 : 0;
  } finally {
    await browser?.close();
    await server?.close();
    await rm(tempDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`FAILED: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
