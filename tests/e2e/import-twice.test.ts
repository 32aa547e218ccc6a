// An import can never silently double the data: the same CSV imported twice into one dataset
// through the page is recognised, and the dashboard keeps the counts of one import; the import
// is listed under Data & storage and can be removed there.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

// the real CDNOW file, read where it lies (never copied into the project)
const CDNOW = fileURLToPath(new URL('../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));
const KPIS = ['customers', 'orders', 'revenue', 'aov', 'frequency', 'repurchase', 'returns'];

let app: AppPage;
let once: string[];

async function dashboard(): Promise<string[]> {
  await expect.poll(() => app.page.locator('.job').count(), { timeout: 30_000 }).toBe(0); // no import or loading still running
  await app.goto('dashboard');
  await expect.poll(() => app.kpi('customers').textContent(), { timeout: 30_000 }).not.toBe('');
  // whole cards: values (compact, e.g. 23.6K) and hints (exact, e.g. 23,570 have ordered)
  return Promise.all(KPIS.map(async (k) => (await app.page.locator(`[data-kpi="${k}"]`).textContent()) ?? ''));
}

/** On the import page: the CDNOW file again, into the current dataset. */
async function chooseAgainIntoCurrent(): Promise<void> {
  await app.goto('import');
  await app.chooseFiles([CDNOW]);
  await app.page.getByRole('radio', { name: /the current dataset/ }).check();
}

beforeAll(async () => {
  app = await AppPage.launch();
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

describe('the same file imported twice into one dataset', () => {
  it('imports it once into a new dataset', async () => {
    await app.openDemo();
    const result = await app.importIntoNewDataset([CDNOW], 'CDNOW');
    await expect.poll(() => result.locator('[data-count="accepted"]').textContent(), { timeout: 60_000 }).toBe('69,659 rows imported');
    once = await dashboard();
    expect(once[0]).toContain('23,570 have ordered');
    expect(once[2]).toContain('2.5M'); // net revenue (it read 5M when the advice to import again doubled it)
  });

  it('recognises the file the second time, before importing: skip is the default and nothing can be added', async () => {
    await chooseAgainIntoCurrent();
    const choice = app.page.getByTestId('repeat');
    await expect.poll(() => choice.textContent(), { timeout: 20_000 }).toContain('This file was already imported into “CDNOW”');
    expect(await choice.getByRole('radio', { name: /^Skip it/ }).isChecked()).toBe(true);
    expect(await app.page.getByTestId('all-skipped').textContent()).toContain('Every file is already in this dataset');
    expect(await app.page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await app.page.getByRole('button', { name: 'Start over' }).click();
    await expect.poll(() => app.page.locator('[data-file]').count()).toBe(0);
    expect(await dashboard()).toEqual(once);
  });

  it('replaces the earlier import when asked: the dashboard keeps the counts of one import', async () => {
    await chooseAgainIntoCurrent();
    await app.page.getByTestId('repeat').getByRole('radio', { name: /^Replace that earlier import/ }).check();
    const result = await app.startImport();
    await expect.poll(() => result.getByTestId('replaced').textContent(), { timeout: 60_000 }).toContain('The earlier import “CDNOW_master.txt”');
    expect(await result.locator('[data-count="accepted"]').textContent()).toBe('69,659 rows imported');
    expect(await result.locator('[data-count="rejected"]').textContent()).toBe('0 rows rejected');
    expect(await dashboard()).toEqual(once);
    // and as stored: after a reload, nothing of the page's earlier state is left to show
    await app.page.reload();
    expect(await dashboard()).toEqual(once);
  });

  it('lists one import of the dataset under Data & storage, and removes it in one confirmed step', async () => {
    const { page } = app;
    await app.goto('datasets');
    const item = page.locator('[data-dataset]').filter({ has: page.getByRole('heading', { name: /^CDNOW/ }) });
    const rows = item.getByTestId('imports').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('CDNOW_master.txt');
    expect(await rows.first().textContent()).toContain('69,659 order lines');

    await item.getByRole('button', { name: 'Remove the import “CDNOW_master.txt”' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('It is the only import of “CDNOW”');
    await dialog.getByRole('button', { name: 'Remove import' }).click();
    await expect.poll(() => app.notices(), { timeout: 20_000 }).toContain('“CDNOW” is now empty');
    await expect.poll(() => item.getByTestId('no-imports').count()).toBe(1);
    await app.goto('dashboard');
    await app.expectCustomers('0');
  });

  it('made no request to another origin and threw no page error', () => {
    expect(app.foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
