// Two tabs of the app on the same origin stay consistent: what one stores appears in the other
// without a manual reload, and a newer app upgrading the database in another tab makes the open
// tabs reload with a notice, their data intact.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
const DB_NAME = 'customer-strategy-workbench';
const DEMO = 'Demo company · Harbor Retail';
let browser: LaunchedBrowser;
let pageA: Page;
let pageB: Page;

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'en-US' });
  pageA = browser.context.pages()[0] ?? (await browser.context.newPage());
  pageB = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

const kpiCustomers = (page: Page) => page.locator('[data-kpi="customers"] .value').textContent();
/** A mark in the page's window: gone after a reload of that page. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { tabMark?: number }).tabMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { tabMark?: number }).tabMark === 1);
const notices = (page: Page) => page.getByRole('status').allTextContents().then((t) => t.join(' | '));

describe('two pages on the same origin stay consistent', () => {
  it('opens the demo company in both pages', async () => {
    await pageA.goto(baseUrl);
    await expect.poll(() => kpiCustomers(pageA), { timeout: 60_000 }).toBe('5,000');
    await pageB.goto(baseUrl);
    await expect.poll(() => kpiCustomers(pageB), { timeout: 60_000 }).toBe('5,000');
    expect(await pageB.locator('.switcher option').allTextContents()).toEqual([DEMO]);
    await mark(pageB);
  });

  it('a customer forgotten in A is gone in B, without reloading B', async () => {
    await pageA.goto(`${baseUrl}#/customers/C000123`);
    await expect.poll(() => pageA.locator('h1').first().textContent(), { timeout: 20_000 }).toContain('C000123');
    await pageA.getByRole('button', { name: 'Forget this customer' }).click();
    await pageA.getByRole('dialog').getByRole('button', { name: 'Forget this customer' }).click();
    await expect.poll(() => notices(pageA), { timeout: 20_000 }).toContain('C000123 was forgotten');

    await expect.poll(() => kpiCustomers(pageB), { timeout: 30_000 }).toBe('4,999');
    await expect.poll(() => notices(pageB)).toContain(`“${DEMO}” was changed in another tab`);
    expect(await marked(pageB)).toBe(true);
    await pageB.getByRole('link', { name: 'Customers', exact: true }).click();
    await pageB.getByRole('searchbox', { name: 'Search customers' }).fill('C000123');
    await expect.poll(() => pageB.getByTestId('customer-count').textContent(), { timeout: 20_000 }).toBe('0 of 4,999 customers');
    // A's own write is not news from another tab
    expect(await notices(pageA)).not.toContain('another tab');
  });

  it('a dataset renamed in A shows its new name in B', async () => {
    await pageA.getByRole('link', { name: 'Data & storage' }).click();
    await pageA.getByRole('button', { name: 'Rename' }).click();
    await pageA.getByRole('textbox', { name: `New name for “${DEMO}”` }).fill('Workshop data');
    await pageA.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => pageB.locator('.switcher option').allTextContents(), { timeout: 20_000 }).toEqual(['Workshop data']);
    await pageB.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => pageB.locator('h1').first().textContent()).toContain('Workshop data');
    expect(await kpiCustomers(pageB)).toBe('4,999');
    expect(await marked(pageB)).toBe(true);
  });

  it('a newer app upgrading the database in another tab makes B reload with a notice; nothing is lost', async () => {
    await mark(pageA);
    // the newer app: a third page of the origin (not the app) opening the database at a higher
    // version (Dexie's version n is IndexedDB version 10n; the app is at 2, i.e. 20)
    const pageC = await browser.context.newPage();
    await pageC.goto(`${baseUrl}favicon.svg`);
    const upgraded = await pageC.evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open(name, 30);
          const timer = setTimeout(() => reject(new Error('upgrade still blocked by an open tab')), 20_000);
          req.onsuccess = () => {
            clearTimeout(timer);
            const version = req.result.version;
            req.result.close();
            resolve(version);
          };
          req.onerror = () => reject(req.error);
        }),
      DB_NAME,
    );
    expect(upgraded).toBe(30);
    await pageC.close();

    for (const page of [pageB, pageA]) {
      await expect.poll(() => marked(page).catch(() => true), { timeout: 30_000 }).toBe(false);
      await expect.poll(() => notices(page), { timeout: 30_000 }).toContain('This page was reloaded because a newer version of the app was opened in another tab');
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await expect.poll(() => kpiCustomers(page), { timeout: 60_000 }).toBe('4,999');
      expect(await page.locator('.switcher option').allTextContents()).toEqual(['Workshop data']);
      expect(await page.getByRole('alert').count()).toBe(0);
    }
    const version = await pageB.evaluate(async (name) => (await indexedDB.databases()).find((d) => d.name === name)?.version, DB_NAME);
    expect(version).toBe(30);

    // the notice is said once: another reload of B is quiet
    await pageB.reload();
    await expect.poll(() => kpiCustomers(pageB), { timeout: 60_000 }).toBe('4,999');
    expect(await notices(pageB)).not.toContain('newer version');
  });
});
