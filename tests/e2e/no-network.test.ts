// "Local only", checked on the wire: every request of a full session — first visit with the demo,
// a CSV import through the page, segments, charts, a segment export — goes to the app's own origin.
// Recorded at the context level, which in Chromium includes dedicated workers and the service worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestOrigin, type RecordedRequest } from './browser';
import { AppPage } from './page-model';

let app: AppPage;
let requests: RecordedRequest[];
let orders: string;

/** 60 customers with 1–6 orders each in 2024 (deterministic), English headers. */
function ordersCsv(): string {
  const lines = ['customer_id,order_id,order_date,amount'];
  let seed = 7;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  let order = 0;
  for (let c = 1; c <= 60; c++) {
    const n = 1 + Math.floor(rand() * 6);
    for (let k = 0; k < n; k++) {
      const month = 1 + Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      lines.push(`K${String(c).padStart(4, '0')},O${++order},2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${(20 + rand() * 480).toFixed(2)}`);
    }
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  requests = app.recordAllRequests();
  orders = await app.writeFile('shop-orders.csv', ordersCsv());
});

afterAll(async () => {
  await app?.close();
});

describe('a full session', () => {
  it('first visit: the demo dashboard with its charts', async () => {
    await app.openDemo();
    await expect.poll(() => app.chartBars(), { timeout: 20_000 }).toBeGreaterThan(20);
    // the service worker installs and precaches the app (its requests are recorded too, see the end)
    await expect.poll(() => app.serviceWorkerControls(), { timeout: 20_000 }).toBe(true);
  });

  it('imports a CSV file through the page into a new dataset', async () => {
    const result = await app.importIntoNewDataset([orders], 'Shop'); // waits for the file's card
    await expect.poll(() => result.locator('[data-count="accepted"]').textContent(), { timeout: 30_000 }).toMatch(/^[\d,]+ rows imported$/);
    await app.goto('dashboard');
    await app.expectCustomers('60');
    await expect.poll(() => app.chartBars(), { timeout: 20_000 }).toBeGreaterThan(0);
  });

  it('segments the imported customers and exports a segment as CSV (a download)', async () => {
    const { page } = app;
    await app.goto('segments');
    const rows = page.locator('[data-testid="segment-table"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(1);
    await page.getByRole('button', { name: /^Open persona of / }).first().click();
    await expect.poll(() => page.getByTestId('persona').count()).toBe(1);
    const text = await app.downloadText(page.getByRole('button', { name: 'Export members (CSV)' }));
    expect(text).toContain('Customer id');
    expect(text).toMatch(/K\d{4}/);
  });

  it('opens the charts of the value page', async () => {
    await app.goto('value');
    await expect.poll(() => app.cohortCharts(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await app.page.locator('.chart-error').count()).toBe(0);
  });

  it('records the worker’s and the service worker’s requests too (the recorder sees everything)', async () => {
    // the engine worker fetches a same-origin URL: a context-level listener must see it
    const worker = app.engineWorker();
    expect(worker, 'the engine worker is running').toBeTruthy();
    await worker!.evaluate(() => fetch('./recorder-probe.txt').then((r) => r.status));
    await expect.poll(() => requests.some((r) => r.url.endsWith('/assets/recorder-probe.txt'))).toBe(true);
    // the service worker's precache fetches were recorded as service-worker requests
    expect(requests.some((r) => r.fromServiceWorker && r.url.includes('/assets/'))).toBe(true);
    // and the page's own: the document, the engine worker script
    expect(requests.some((r) => r.resourceType === 'document' && r.url.startsWith(app.baseUrl))).toBe(true);
    expect(requests.some((r) => /\/assets\/engine\.worker-[\w-]+\.js$/.test(r.url))).toBe(true);
  });

  it('made every request to the app’s own origin, and threw no page error', () => {
    const origin = new URL(app.baseUrl).origin;
    const foreign = requests.filter((r) => !r.url.startsWith('data:') && requestOrigin(r.url) !== origin);
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(app.pageErrors).toEqual([]);
  });
});
