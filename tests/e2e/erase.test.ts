// "Delete everything": the app's database is gone from the browser, and a reload starts afresh.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'en-US' });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
const cacheNames = () => page.evaluate(() => caches.keys());

describe('forget a customer', () => {
  it('removes one customer after confirmation; search no longer finds them', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    await page.goto(`${baseUrl}#/customers/C000123`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('C000123');
    await page.getByRole('button', { name: 'Forget this customer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Forget this customer' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toContain('C000123 was forgotten');
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('C000123');
    await expect.poll(() => page.getByTestId('customer-count').textContent()).toBe('0 of 4,999 customers');
  });
});

describe('delete everything', () => {
  it('deletes the database only after confirmation, and says so', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('4,999');
    expect(await databases()).toContain('customer-strategy-workbench');
    // the offline copy of the app is cached by now
    await expect.poll(() => cacheNames().then((names) => names.length), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Data & storage' }).click();
    // the privacy section lists what is kept for the dataset, with its size
    await expect.poll(() => page.getByTestId('privacy').locator('tbody').textContent()).toMatch(/Demo company.*\d+(\.\d+)? (kB|MB)/);
    await page.getByRole('button', { name: 'Delete all data of this app' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await databases()).toContain('customer-strategy-workbench');
    await page.getByRole('button', { name: 'Delete all data of this app' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete all data of this app' }).click();
    await expect.poll(() => page.getByTestId('erased').count(), { timeout: 20_000 }).toBe(1);
    expect(await databases()).not.toContain('customer-strategy-workbench');
    expect(await cacheNames()).toEqual([]);
  });

  it('starts afresh with the demo company after a reload', async () => {
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.locator('[data-dataset]').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
  });
});
