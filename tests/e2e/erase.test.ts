// "Delete everything": the app's database is gone from the browser, and a reload starts afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
});

afterAll(async () => {
  await app?.close();
});

const databases = () => app.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
const cacheNames = () => app.page.evaluate(() => caches.keys());

describe('forget a customer', () => {
  it('removes one customer after confirmation; search no longer finds them', async () => {
    await app.openDemo();
    await app.visit('customers/C000123');
    await expect.poll(() => app.heading()).toContain('C000123');
    await app.forgetCustomer('C000123');
    await app.goto('customers');
    await app.searchCustomers('C000123');
    await expect.poll(() => app.customerCount()).toBe('0 of 4,999 customers');
  });
});

describe('delete everything', () => {
  it('deletes the database only after confirmation, and says so', async () => {
    const { page } = app;
    await app.goto('dashboard');
    await app.expectCustomers('4,999');
    expect(await databases()).toContain('customer-strategy-workbench');
    // the offline copy of the app is cached by now
    await expect.poll(() => cacheNames().then((names) => names.length), { timeout: 20_000 }).toBeGreaterThan(0);
    await app.goto('datasets');
    // the privacy section lists what is kept for the dataset, with its size
    await expect.poll(() => page.getByTestId('privacy-inventory').locator('tbody').textContent()).toMatch(/Demo company.*\d+(\.\d+)? (kB|MB)/);
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
    await app.page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => app.datasets().count(), { timeout: 30_000 }).toBe(1);
    await app.goto('dashboard');
    await app.expectCustomers('5,000');
  });
});
