// The same orders as CSV and as an Excel workbook give the same dataset, in a real browser: the
// UCI Online Retail sample, read where it lies, and a workbook made from it here with typed cells
// (dates as date cells, quantities and prices as numbers) behind a cover sheet.
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read, utils, write } from '@e965/xlsx';
import { AppPage } from './page-model';
import { parseIsoDay } from '../../src/lib/domain';

const CSV = fileURLToPath(new URL('../../../shared/data/online-retail/online_retail_sample.csv', import.meta.url));
const KPIS = ['customers', 'orders', 'revenue', 'aov', 'frequency', 'repurchase', 'returns'];

let app: AppPage;

/** The CSV's rows as a workbook: InvoiceDate (m/d/yyyy h:mm) as date cells, Quantity and UnitPrice as numbers. */
function workbookOf(csvPath: string): Uint8Array {
  const rows = utils.sheet_to_json<string[]>(read(readFileSync(csvPath, 'utf8'), { type: 'string', raw: true }).Sheets.Sheet1, { header: 1, raw: true, defval: '' });
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);
  const [date, qty, price] = [col('InvoiceDate'), col('Quantity'), col('UnitPrice')];
  const epoch = parseIsoDay('1899-12-30')!;
  const typed = rows.map((r, i) => {
    if (i === 0) return r;
    const out: unknown[] = [...r];
    const [m, d, rest] = r[date].split('/');
    const [y, time] = rest.split(' ');
    const [hh, mm] = time.split(':').map(Number);
    const day = parseIsoDay(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`)!;
    out[date] = { t: 'n', v: day - epoch + (hh * 60 + mm) / 1440, z: 'm/d/yyyy h:mm' };
    out[qty] = Number(r[qty]);
    out[price] = Number(r[price]);
    return out;
  });
  const wb = utils.book_new();
  utils.book_append_sheet(wb, utils.aoa_to_sheet([['Online Retail — sample export']]), 'Cover');
  utils.book_append_sheet(wb, utils.aoa_to_sheet(typed), 'Invoices');
  return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

async function kpis(): Promise<string[]> {
  await expect.poll(() => app.page.locator('.job').count(), { timeout: 30_000 }).toBe(0);
  await app.goto('dashboard');
  await expect.poll(() => app.kpi('customers').textContent(), { timeout: 30_000 }).not.toBe('');
  return Promise.all(KPIS.map(async (k) => (await app.page.locator(`[data-kpi="${k}"]`).textContent()) ?? ''));
}

beforeAll(async () => {
  app = await AppPage.launch();
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

describe('an Excel workbook', () => {
  it('gives the same dataset as the same orders in CSV', async () => {
    const xlsx = await app.writeFile('online_retail_sample.xlsx', workbookOf(CSV));
    await app.openDemo();
    const csvResult = await app.importIntoNewDataset([CSV], 'Retail CSV');
    await expect.poll(() => csvResult.locator('[data-count="accepted"]').textContent(), { timeout: 60_000 }).toBe('2,041 rows imported');
    const fromCsv = await kpis();

    await app.goto('import');
    await app.chooseFiles([xlsx]);
    const card = app.page.locator('[data-file="online_retail_sample.xlsx"]');
    expect(await card.getByTestId('table-format').textContent()).toBe('Excel workbook');
    // the cover sheet is passed over
    expect(await card.getByRole('combobox', { name: 'Sheet' }).inputValue()).toBe('Invoices');
    await app.intoNewDataset('Retail XLSX');
    const xlsxResult = await app.startImport();
    await expect.poll(() => xlsxResult.locator('[data-count="accepted"]').textContent(), { timeout: 60_000 }).toBe('2,041 rows imported');
    expect(await xlsxResult.locator('[data-count="rejected"]').textContent()).toBe('668 rows rejected');
    expect(await kpis()).toEqual(fromCsv);
    expect(app.pageErrors).toEqual([]);
  });
});
