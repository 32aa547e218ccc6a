// Pseudonymise on import through the page: phones, e-mails and names never reach the stored data,
// the kept mapping shows who a pseudonym is, and Data & storage discards it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, recordForeignRequests, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: LaunchedBrowser;
let page: Page;
let foreign: string[];
let orders: string;
let customers: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cswb-pseudo-'));
  orders = path.join(dir, 'orders.csv');
  customers = path.join(dir, 'members.csv');
  await writeFile(orders, 'customer_id,order_id,order_date,amount\n138-0013-8000,A1,2024-01-05,100\n13800138000,A2,2024-02-05,50\nli.na@example.com,A3,2024-01-06,30\n');
  await writeFile(customers, 'customer_id,name,city\n13800138000,王文博,上海\nLi.Na@Example.com,Li Na,Beijing\n');
  browser = await launchBrowser({ locale: 'en-US' });
  foreign = recordForeignRequests(browser.context, baseUrl);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

describe('pseudonymise on import', () => {
  it('imports two files with the option ticked and the mapping kept', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByTestId('file-input').setInputFiles([orders, customers]);
    await expect.poll(() => page.locator('[data-file]').count()).toBe(2);
    await page.getByRole('radio', { name: 'a new dataset' }).check();
    await page.getByRole('textbox', { name: 'Name' }).fill('Pseudonymised shop');
    await page.getByRole('checkbox', { name: 'Pseudonymise personal data' }).check();
    expect(await page.getByRole('radio', { name: /Keep the mapping/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('pseudonymised').textContent(), { timeout: 30_000 }).toContain('2 customer ids and 2 names');
  });

  it('shows pseudonyms only in the customers table', async () => {
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name: /^P-[0-9a-f]{16}$/ }).count(), { timeout: 30_000 }).toBe(2);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of ['13800138000', '138-0013-8000', 'example.com', '王文博', 'Li Na']) expect(text).not.toContain(secret);
  });

  it('stores no phone, e-mail or name in IndexedDB', async () => {
    const found = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('customer-strategy-workbench');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = <T,>(store: string) => new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const datasets = await all<{ id: string; name: string }>('datasets');
      const id = datasets.find((d) => d.name === 'Pseudonymised shop')!.id;
      const rows = (await all<{ datasetId: string; bytes: Uint8Array }>('chunks')).filter((row) => row.datasetId === id);
      db.close();
      if (rows.length === 0) return ['no chunks'];
      const text = rows.map((row) => new TextDecoder().decode(row.bytes)).join('\n').toLowerCase();
      return ['13800138000', 'li.na@example.com', '王文博', 'li na'].filter((s) => text.includes(s));
    });
    expect(found).toEqual([]);
  });

  it('shows the identity on request from the kept mapping', async () => {
    await page.getByRole('link', { name: /^P-/ }).first().click();
    await page.getByRole('button', { name: 'Show identity' }).click();
    await expect.poll(() => page.getByTestId('identity').textContent()).toMatch(/13800138000|li\.na@example\.com/);
  });

  it('discards the mapping from Data & storage after confirmation', async () => {
    await page.getByRole('link', { name: 'Data & storage' }).click();
    const box = page.getByTestId('pseudonyms');
    await expect.poll(() => box.textContent(), { timeout: 20_000 }).toContain('Pseudonymised shop: the mapping of 2 customers');
    await box.getByRole('button', { name: 'Discard the mapping' }).click();
    await page.locator('dialog').getByRole('button', { name: 'Discard the mapping' }).click();
    await expect.poll(() => box.textContent()).toContain('No mapping of pseudonyms to identities is kept.');
    expect(await box.textContent()).toContain('A pseudonymisation key exists on this device');
  });

  it('made no request to another origin', () => {
    expect(foreign).toEqual([]);
  });
});
