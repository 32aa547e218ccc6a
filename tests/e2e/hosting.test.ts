// Hosting the built site with a server-sent Content-Security-Policy (README "Hosting it yourself").
// The page's <meta> CSP does not reach the engine worker (a same-origin module worker); a header does.
// The worker never compiles code (no Arquero verb or row object, which Arquero builds with Function),
// so the recommended header is as strict as the <meta> policy: no 'unsafe-eval' anywhere. This file
// serves the e2e build with that header and checks a whole session runs without a single violation,
// and that the policies really are enforced, in the page and in the worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Worker } from 'playwright-core';
import { startStaticServer } from '../scripts/static-server.mjs';
import { AppPage } from './page-model';
import { utils, write } from '@e965/xlsx';
import { DuckDBInstance } from '@duckdb/node-api';

/** Three orders as an .xlsx (SheetJS) and three as Parquet (DuckDB), four customers in all. */
async function tableFiles(app: AppPage): Promise<string[]> {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet([['customer_id', 'order_date', 'amount'], ['x1', '2024-01-01', 10], ['x1', '2024-02-01', 12], ['x2', '2024-01-05', 7]]), 'Orders');
  const xlsx = await app.writeFile('orders.xlsx', new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
  const parquet = await app.scratchPath('orders.parquet');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`COPY (SELECT 'y' || (i % 2) AS customer_id, DATE '2024-03-01' + i::INTEGER AS order_date, 5.5 * i AS amount FROM range(1, 4) t(i))
    TO '${parquet}' (FORMAT parquet)`);
  return [xlsx, parquet];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// the folder tests/e2e/global-setup.ts built the app into
const OUT_DIR = path.resolve(ROOT, process.env.E2E_OUT_DIR ?? 'tests/.tmp/e2e-dist');
const BASE_PATH = '/cswb/app/';

/** The header recommended in the README: the <meta> policy, plus frame-ancestors. */
const RECOMMENDED =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; " +
  "form-action 'none'; frame-ancestors 'none'";
/** Marks violations reported against the header (a <meta> policy cannot hold frame-ancestors). */
const HEADER_MARK = "frame-ancestors 'none'";

interface Violation {
  where: 'page' | 'worker';
  directive: string;
  blocked: string;
  fromHeader: boolean;
}

/** A browser on a server that sends `headers`, collecting CSP violations from the page and its workers. */
async function session(headers: Parameters<typeof startStaticServer>[0]['headers']) {
  const server = await startStaticServer({ root: OUT_DIR, basePath: BASE_PATH, headers });
  const app = await AppPage.launch({ locale: 'en-US', baseUrl: server.url });
  const { page } = app;
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: unknown[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push({ where: 'page', directive: e.effectiveDirective, blocked: e.blockedURI, fromHeader: e.originalPolicy.includes("frame-ancestors 'none'") }),
    );
  });
  const watchWorker = (worker: Worker) =>
    worker
      .evaluate((mark) => {
        const g = self as unknown as { __csp: unknown[] };
        g.__csp = [];
        self.addEventListener('securitypolicyviolation', (e) =>
          g.__csp.push({ where: 'worker', directive: e.effectiveDirective, blocked: e.blockedURI, fromHeader: e.originalPolicy.includes(mark) }),
        );
      }, HEADER_MARK)
      .catch(() => undefined);
  page.on('worker', (w) => void watchWorker(w));

  const violations = async (): Promise<Violation[]> => {
    const all = (await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp ?? [])) as Violation[];
    for (const w of page.workers()) all.push(...((await w.evaluate(() => (self as unknown as { __csp?: Violation[] }).__csp ?? []).catch(() => [])) as Violation[]));
    return all;
  };
  const engine = () => {
    const w = app.engineWorker();
    if (!w) throw new Error('the engine worker is not running');
    return w;
  };
  return {
    url: server.url,
    app,
    page,
    consoleErrors,
    pageErrors: app.pageErrors,
    violations,
    engine,
    async close() {
      await app.close();
      await server.close();
    },
  };
}

/** Runs `code` as a string in the page or worker, outside the DevTools evaluation (which may always eval). */
const tryEval = (target: Page | Worker, how: 'eval' | 'Function') =>
  (target as Page).evaluate(
    (h) =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            resolve(String(h === 'eval' ? (0, eval)('6 * 7') : Function('return 6 * 7')()));
          } catch (e) {
            resolve((e as Error).name);
          }
        }),
      ),
    how,
  );

describe('served with the recommended Content-Security-Policy header', () => {
  let s: Awaited<ReturnType<typeof session>>;
  let orders: string;

  beforeAll(async () => {
    s = await session({ 'Content-Security-Policy': RECOMMENDED });
    const csv = ['customer_id,order_id,order_date,amount'];
    for (let c = 1; c <= 30; c++) for (let k = 0; k <= c % 4; k++) csv.push(`H${c},H${c}-${k},2024-${1 + ((c + 3 * k) % 12)}-${1 + ((c * 7 + k) % 28)},${10 + ((c * 37 + k * 11) % 300)}`);
    orders = await s.app.writeFile('orders.csv', csv.join('\n') + '\n');
  });

  afterAll(async () => {
    await s?.close();
  });

  it('sends the header with every file: the page, the service worker and the engine worker script', async () => {
    const engineScript = (await readdir(path.join(OUT_DIR, 'assets'))).find((f) => /^engine\.worker-[\w-]+\.js$/.test(f));
    expect(engineScript).toBeTruthy();
    for (const file of ['', 'sw.js', `assets/${engineScript}`]) {
      const response = await fetch(new URL(file, s.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(RECOMMENDED);
    }
  });

  it('runs a whole session without a single violation: demo, segments, customers, value fit, import, charts', async () => {
    const { app, page } = s;
    await app.openDemo();
    await expect.poll(() => app.chartBars(), { timeout: 20_000 }).toBeGreaterThan(20);

    await app.goto('segments');
    await expect.poll(() => page.locator('[data-segment="champions"]').count(), { timeout: 20_000 }).toBe(1);

    // the customers table is filtered and sorted in the worker (without compiling code)
    await app.goto('customers');
    await expect.poll(() => app.customerCount(), { timeout: 20_000 }).toBe('5,000 customers');
    await app.searchCustomers('C000123');
    await expect.poll(() => app.customerCount(), { timeout: 20_000 }).toBe('1 of 5,000 customers');

    await app.goto('value');
    await expect.poll(() => app.cohortCharts(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Fit models' }).click();
    await expect.poll(() => page.getByTestId('value-params').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('value-params').textContent()).toMatch(/BG\/NBD.*r [\d.]+ ± [\d.]+/);

    const result = await app.importIntoNewDataset([orders], 'Hosted');
    await expect.poll(() => result.locator('[data-count="accepted"]').textContent(), { timeout: 30_000 }).toMatch(/^[\d,]+ rows imported$/);
    await app.goto('dashboard');
    await app.expectCustomers('30');
    await expect.poll(() => app.chartBars(), { timeout: 20_000 }).toBeGreaterThan(0);
    // a workbook and a Parquet file, read in the worker under the same policy (no eval, no WebAssembly)
    const tables = await tableFiles(app);
    const read = await app.importIntoNewDataset(tables, 'Hosted tables');
    await expect.poll(() => read.locator('[data-count="accepted"]').allTextContents(), { timeout: 30_000 }).toEqual(['3 rows imported', '3 rows imported']);
    await app.goto('dashboard');
    await app.expectCustomers('4');
    await app.goto('segments');
    await expect.poll(() => page.locator('[data-testid="segment-table"] tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    // the customers of the imported dataset, queried in the worker
    await app.goto('customers');
    await expect.poll(() => app.customerCount(), { timeout: 20_000 }).toBe('4 customers');
    await app.goto('dashboard');

    expect(await page.locator('.chart-error').count()).toBe(0);
    expect(await s.violations()).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('enforces the header in the worker: another origin and compiling code are refused', async () => {
    const worker = s.engine();
    expect(await tryEval(worker, 'Function')).toBe('EvalError');
    const fetched = await worker.evaluate(() =>
      new Promise<string>((resolve) => { setTimeout(() => resolve('timeout'), 5000); setTimeout(() => fetch('http://localhost:9/elsewhere').then(() => resolve('fetched'), (e: Error) => resolve(e.name))); }),
    );
    expect(fetched).toBe('TypeError');
    await expect.poll(async () => (await s.violations()).filter((v) => v.where === 'worker')).toEqual([
      { where: 'worker', directive: 'script-src', blocked: 'eval', fromHeader: true },
      { where: 'worker', directive: 'connect-src', blocked: 'http://localhost:9/elsewhere', fromHeader: true },
    ]);
  });

  it('refuses eval and inline scripts on the page under both policies, also when served from the offline copy', async () => {
    const { app, page } = s;
    await expect.poll(() => app.serviceWorkerControls(), { timeout: 20_000 }).toBe(true);
    await page.reload(); // now served by the service worker, from its cache
    await expect.poll(() => app.chartBars(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await s.violations()).toEqual([]);

    expect(await tryEval(page, 'eval')).toBe('EvalError');
    expect(await tryEval(page, 'Function')).toBe('EvalError');
    // an injected inline script does not run
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false)).toBe(false);

    const seen = (await s.violations()).filter((v) => v.where === 'page');
    // eval and the inline script are refused by both policies: the header reached the page, even from the cache
    expect(seen.filter((v) => v.directive === 'script-src' && v.blocked === 'eval').map((v) => v.fromHeader).sort()).toEqual([false, false, true, true]);
    expect(seen.filter((v) => v.blocked === 'inline').map((v) => v.fromHeader).sort()).toEqual([false, true]);
    expect(s.consoleErrors.some((m) => m.includes('inline script'))).toBe(true);
  });
});
