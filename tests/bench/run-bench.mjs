#!/usr/bin/env node
// `npm run bench`: builds the bench page (tests/bench → tests/bench/dist), serves it, runs it in
// headless Debian Chromium on a persistent temporary profile (real, on-disk IndexedDB) and prints
// one JSON line per figure on stdout, then a table. Progress and diagnostics go to stderr.
// BENCH_ENFORCE_TARGETS=1 also exits non-zero when a figure misses its target.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
  { name: 'import_xlsx_100k', baseline: 'import_csv_100k', target: 5000 },
  { name: 'import_parquet_1m', baseline: 'import_1m_orders', target: 3000 },
  { name: 'cdnow_full_fit', baseline: 'bgnbd_ll_pass_cdnow', target: 500 },
  { name: 'pareto_nbd_fit', baseline: 'pareto_ll_pass_2357', target: 110 },
  { name: 'score_100k', baseline: 'score_100k_per_customer', target: 60 },
  { name: 'score_pareto_100k', baseline: 'score_pareto_100k_per_customer', target: 60 },
  { name: 'clv_100k', baseline: 'clv_100k_per_customer', target: null },
  { name: 'cohort_1m', baseline: 'cohort_baseline_pass_1m', target: 1000 },
  { name: 'voice_by_segment_100k', baseline: 'voice_typed_pass_100k', target: 300 },
  { name: 'allocate_50_segments', baseline: 'allocate_curve_pass_50', target: 5 },
  { name: 'portfolio_100k', baseline: 'portfolio_baseline_net_pass_100k', target: 200 },
  { name: 'care_lists_100k', baseline: 'care_lists_baseline_pass_1m', target: 300 },
  { name: 'action_readout_100k', baseline: 'action_readout_baseline_pass_1m', target: 300 },
];

/** Page loads, in order: each a new navigation on the same profile. */
const ALL_PHASES = ['store', 'load', 'read', 'backup', 'import', 'models'];
/** BENCH_PHASES=models,import runs only those (while working on them); the default is every phase. */
const PHASES = process.env.BENCH_PHASES ? ALL_PHASES.filter((p) => process.env.BENCH_PHASES.split(',').includes(p)) : ALL_PHASES;

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

/** Lines of the 100k files (import_csv_100k, import_xlsx_100k): the first lines of the 1M CSV. */
const IMPORT_100K_ROWS = 100_000;

const sqlText = (s) => `'${s.replaceAll("'", "''")}'`;

/**
 * The 1M-line orders CSV as Parquet (import_parquet_1m): DuckDB reads the CSV just written, with
 * the column types given (ids VARCHAR so their leading zeros stay, order_date DATE, amount DOUBLE,
 * quantity INTEGER), and writes it with its defaults (Snappy, row groups of 122,880 rows). The file
 * is read back to check its types and counts against the generated rows.
 */
async function writeParquet(csvFile, parquetFile, expected) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`COPY (
      SELECT customer_id, order_id, order_date, amount, quantity
      FROM read_csv(${sqlText(csvFile)}, header = true, delim = ',', quote = '"', auto_detect = false,
        columns = {'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE', 'quantity': 'INTEGER'})
    ) TO ${sqlText(parquetFile)} (FORMAT parquet)`);
    const types = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlText(parquetFile)})`))
      .getRowObjectsJson().map((r) => `${r.column_name} ${r.column_type}`).join(', ');
    const wantTypes = 'customer_id VARCHAR, order_id VARCHAR, order_date DATE, amount DOUBLE, quantity INTEGER';
    if (types !== wantTypes) throw new Error(`the Parquet file's columns are ${types}, not ${wantTypes}`);
    const [facts] = (await c.runAndReadAll(`SELECT count(*)::INTEGER AS rows, count(DISTINCT customer_id)::INTEGER AS customers,
        count(*) FILTER (amount < 0)::INTEGER AS returns, min(customer_id) AS first_customer, min(order_date)::VARCHAR AS first_day
      FROM read_parquet(${sqlText(parquetFile)})`)).getRowObjectsJson();
    if (facts.rows !== expected.rows || facts.customers !== expected.customers || facts.returns !== expected.returns) {
      throw new Error(`the Parquet file holds ${JSON.stringify(facts)}, expected ${JSON.stringify(expected)}`);
    }
    const [meta] = (await c.runAndReadAll(`SELECT count(DISTINCT row_group_id)::INTEGER AS groups, min(compression) AS codec
      FROM parquet_metadata(${sqlText(parquetFile)})`)).getRowObjectsJson();
    return `${types}; ${meta.groups} row groups, ${meta.codec}; first customer ${facts.first_customer}, first day ${facts.first_day}`;
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/**
 * The import phase's files, written to a temporary directory: the 1M orders CSV and its first 100k
 * lines (tests/bench/orders-csv.ts), those 100k lines as a workbook (orders-xlsx.ts) and the 1M
 * lines as Parquet (DuckDB, above). Returns their paths and what each import must find, by role.
 */
async function writeImportFiles(dir) {
  const load = async (file) => (await runnerImport(path.join(HERE, file), { configFile: false, logLevel: 'warn' })).module;
  const csvModule = await load('orders-csv.ts');
  const xlsxModule = await load('orders-xlsx.ts');
  const names = csvModule.IMPORT_FILES;
  const files = {};
  const expect = {};
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
  let t = Date.now();
  const orders = csvModule.benchOrders();
  const csvOf = async (role, rows) => {
    const csv = csvModule.ordersCsv(orders, rows);
    files[role] = path.join(dir, names[role]);
    await writeFile(files[role], csv.parts.join(''));
    expect[role] = { rows: csv.rows, customers: csv.customers, returns: csv.returns };
    const bytes = csv.parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
    log(`  import file ${files[role]}: ${mb(bytes)}, ${csv.rows} orders, ${csv.customers} customers, ${csv.returns} returns (${Date.now() - t} ms)`);
    t = Date.now();
  };
  await csvOf('csv1m', undefined);
  await csvOf('csv100k', IMPORT_100K_ROWS);

  const book = xlsxModule.ordersWorkbook(orders, IMPORT_100K_ROWS);
  files.xlsx100k = path.join(dir, names.xlsx100k);
  await writeFile(files.xlsx100k, book.bytes);
  expect.xlsx100k = { rows: book.rows, customers: book.customers, returns: book.returns };
  log(`  import file ${files.xlsx100k}: ${mb(book.bytes.byteLength)}, sheet "${xlsxModule.XLSX_SHEET}", ${book.rows} orders, ` +
    `${book.customers} customers, ${book.returns} returns (${Date.now() - t} ms)`);
  t = Date.now();

  files.parquet1m = path.join(dir, names.parquet1m);
  expect.parquet1m = expect.csv1m;
  const described = await writeParquet(files.csv1m, files.parquet1m, expect.parquet1m);
  const { size } = await stat(files.parquet1m);
  log(`  import file ${files.parquet1m}: ${mb(size)}, ${described} (${Date.now() - t} ms)`);
  return { files, expect };
}

async function runPhase(page, baseUrl, phase, pageErrors, importFiles) {
  log(`page load: ?phase=${phase}`);
  const errorsBefore = pageErrors.length;
  await page.goto(`${baseUrl}?phase=${phase}`, { waitUntil: 'load' });
  if (phase === 'import') {
    // As a user picking the file: a real, disk-backed File in the page's file input.
    await page.waitForFunction(() => window.__benchWantsFile === true || window.__benchResult !== undefined, null, {
      timeout: PHASE_LIMIT_MS,
      polling: 100,
    });
    if (await page.evaluate(() => window.__benchWantsFile === true)) {
      await page.evaluate((expect) => {
        window.__benchImportExpect = expect;
      }, importFiles.expect);
      await page.setInputFiles('#bench-file', Object.values(importFiles.files));
    }
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
    log('writing the import figures\' files (tests/bench/orders-csv.ts, orders-xlsx.ts, DuckDB)…');
    const importFiles = await writeImportFiles(tempDir);
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
      const result = await runPhase(page, server.url, phase, pageErrors, importFiles);
      for (const t of result.timings) timings.set(t.name, t);
    }

    const lines = FIGURES.filter((f) => PHASES === ALL_PHASES || timings.has(f.name)).map((f) => {
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
