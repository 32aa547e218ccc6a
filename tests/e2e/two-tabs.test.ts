// Two tabs of the app on the same origin stay consistent: what one stores appears in the other
// without a manual reload, and a newer app upgrading the database in another tab makes the open
// tabs reload with a notice, their data intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';
import { SCHEMA_VERSION } from '../../src/lib/db/schema';

const DB_NAME = 'customer-strategy-workbench';
/** A newer app's IndexedDB version: Dexie's version n is 10n, one above this app's schema. */
const NEWER = 10 * (SCHEMA_VERSION + 1);
const DEMO = 'Demo company · Harbor Retail';
let a: AppPage;
let b: AppPage;

beforeAll(async () => {
  a = await AppPage.launch({ locale: 'en-US' });
  b = await a.newTab();
});

afterAll(async () => {
  await a?.close();
});

/** A mark in the page's window: gone after a reload of that page. */
const mark = (tab: AppPage) => tab.page.evaluate(() => ((window as unknown as { tabMark?: number }).tabMark = 1));
const marked = (tab: AppPage) => tab.page.evaluate(() => (window as unknown as { tabMark?: number }).tabMark === 1);

describe('two pages on the same origin stay consistent', () => {
  it('opens the demo company in both pages', async () => {
    await a.openDemo({ timeout: 60_000 });
    await b.openDemo({ timeout: 60_000 });
    expect(await b.page.locator('.switcher option').allTextContents()).toEqual([DEMO]);
    await mark(b);
  });

  it('a customer forgotten in A is gone in B, without reloading B', async () => {
    await a.visit('customers/C000123');
    await expect.poll(() => a.heading(), { timeout: 20_000 }).toContain('C000123');
    await a.forgetCustomer('C000123', { notice: 'any' });

    await b.expectCustomers('4,999');
    await expect.poll(() => b.notices()).toContain(`“${DEMO}” was changed in another tab`);
    expect(await marked(b)).toBe(true);
    await b.goto('customers');
    await b.searchCustomers('C000123');
    await expect.poll(() => b.customerCount(), { timeout: 20_000 }).toBe('0 of 4,999 customers');
    // A's own write is not news from another tab
    expect(await a.notices()).not.toContain('another tab');
  });

  it('a dataset renamed in A shows its new name in B', async () => {
    await a.goto('datasets');
    await a.page.getByRole('button', { name: 'Rename' }).click();
    await a.page.getByRole('textbox', { name: `New name for “${DEMO}”` }).fill('Workshop data');
    await a.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => b.page.locator('.switcher option').allTextContents(), { timeout: 20_000 }).toEqual(['Workshop data']);
    await b.goto('dashboard');
    await expect.poll(() => b.heading()).toContain('Workshop data');
    expect(await b.customers()).toBe('4,999');
    expect(await marked(b)).toBe(true);
  });

  it('a newer app upgrading the database in another tab makes B reload with a notice; nothing is lost', async () => {
    await mark(a);
    // the newer app: a third page of the origin (not the app) opening the database at a higher
    // version (Dexie's version n is IndexedDB version 10n)
    const pageC = await a.context.newPage();
    await pageC.goto(`${a.baseUrl}favicon.svg`);
    const upgraded = await pageC.evaluate(
      ({ name, newer }) =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open(name, newer);
          const timer = setTimeout(() => reject(new Error('upgrade still blocked by an open tab')), 20_000);
          req.onsuccess = () => {
            clearTimeout(timer);
            const version = req.result.version;
            req.result.close();
            resolve(version);
          };
          req.onerror = () => reject(req.error);
        }),
      { name: DB_NAME, newer: NEWER },
    );
    expect(upgraded).toBe(NEWER);
    await pageC.close();

    for (const tab of [b, a]) {
      await expect.poll(() => marked(tab).catch(() => true), { timeout: 30_000 }).toBe(false);
      await expect.poll(() => tab.notices(), { timeout: 30_000 }).toContain('This page was reloaded because a newer version of the app was opened in another tab');
      await tab.goto('dashboard');
      await tab.expectCustomers('4,999', 60_000);
      expect(await tab.page.locator('.switcher option').allTextContents()).toEqual(['Workshop data']);
      expect(await tab.page.getByRole('alert').count()).toBe(0);
    }
    const version = await b.page.evaluate(async (name) => (await indexedDB.databases()).find((d) => d.name === name)?.version, DB_NAME);
    expect(version).toBe(NEWER);

    // the notice is said once: another reload of B is quiet
    await b.page.reload();
    await b.expectCustomers('4,999', 60_000);
    expect(await b.notices()).not.toContain('newer version');
  });
});
