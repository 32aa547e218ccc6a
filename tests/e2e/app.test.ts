// The app in a real browser: built static files served under a sub-path, a persistent profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

describe('first visit', () => {
  it('is served from a sub-path and shows the demo dashboard with a rendered chart', async () => {
    expect(new URL(app.baseUrl).pathname).toBe('/cswb/app/');
    await app.openDemo();
    const { page } = app;
    expect(await app.heading()).toContain('Demo company');
    expect(Number((await app.kpi('orders').textContent())!.replace(/[^\d.]/g, ''))).toBeGreaterThan(5);
    // vega-embed drew bars into the first chart
    await expect.poll(() => app.chartBars(), { timeout: 20_000 }).toBeGreaterThan(20);
    expect(await page.locator('.chart-body').first().getAttribute('aria-label')).toBe('Net revenue by month');
    expect(await page.locator('.chart-error').count()).toBe(0);
  });

  it('recomputes active customers when the window changes', async () => {
    const { page } = app;
    const before = Number((await app.kpi('active').textContent())!.replace(/\D/g, ''));
    await page.getByLabel('Active window (days)').fill('365');
    await page.getByLabel('Active window (days)').press('Enter');
    await expect.poll(async () => Number((await app.kpi('active').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(before);
  });

  it('switches the whole interface to Chinese and back', async () => {
    const { page } = app;
    await app.switchLanguage('zh');
    await expect.poll(() => page.locator('[data-kpi="customers"] .label').textContent()).toBe('客户数');
    expect(await page.locator('nav.tabs').textContent()).toContain('概览');
    expect(await page.title()).toBe('客户战略工作台');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await app.customers()).toBe('5,000');
  });

  it('keeps data and language across a reload, without generating the demo again', async () => {
    const { page } = app;
    const revenue = await app.kpi('revenue').textContent();
    await page.reload();
    await expect.poll(() => app.kpi('revenue').textContent(), { timeout: 30_000 }).toBe(revenue);
    expect(await page.locator('[data-kpi="customers"] .label').textContent()).toBe('客户数');
    await app.goto('datasets'); // 数据与存储
    await expect.poll(() => app.datasets().count()).toBe(1);
    await app.switchLanguage('en');
    await expect.poll(() => page.locator('nav.tabs').textContent()).toContain('Dashboard');
  });
});

describe('customers', () => {
  it('searches, sorts and pages the customers table, and opens a customer', async () => {
    const { page } = app;
    await app.goto('customers');
    await expect.poll(() => app.customerCount()).toBe('5,000 customers');
    await page.getByRole('button', { name: 'Customer id' }).click();
    await expect.poll(() => page.locator('tbody tr').first().locator('td').first().textContent()).toBe('C000001');
    await page.getByRole('button', { name: /Next page/ }).click();
    await expect.poll(() => page.locator('tbody tr').first().locator('td').first().textContent()).toBe('C000051');
    // mask personal data for a projector: names are partly hidden, and shown again when switched off
    const firstName = page.locator('tbody tr').first().locator('td').nth(1);
    const name = (await firstName.textContent())!;
    await page.getByRole('button', { name: /Mask personal data/ }).click();
    await expect.poll(() => firstName.textContent()).toBe(name[0] + '*'.repeat(Math.max(1, name.split(' ')[0].length - 1)) + (name.includes(' ') ? ' ' + name.split(' ')[1][0] + '*'.repeat(name.split(' ')[1].length - 1) : ''));
    await page.getByRole('button', { name: /Mask personal data/ }).click();
    await expect.poll(() => firstName.textContent()).toBe(name);
    await app.searchCustomers('C000123');
    await expect.poll(() => app.customerCount()).toBe('1 of 5,000 customers');
    await page.getByRole('link', { name: 'C000123' }).click();
    await expect.poll(() => app.heading()).toContain('Customer C000123');
    expect(page.url()).toContain('#/customers/C000123');
  });
});

describe('datasets', () => {
  it('renames, and deletes only after confirmation', async () => {
    const { page } = app;
    await app.goto('datasets');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: /^New name for/ }).fill('Workshop demo');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Dataset' }).locator('option').first().textContent()).toBe('Workshop demo');
    expect(await page.getByTestId('usage').textContent()).toMatch(/used of/);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.datasets().count()).toBe(1);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete dataset' }).click();
    await expect.poll(() => app.datasets().count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add demo company' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Add demo company' }).click();
    await expect.poll(() => app.datasets().count(), { timeout: 30_000 }).toBe(1);
  });

  it('still has the data after the browser is closed and reopened', async () => {
    await app.goto('dashboard');
    await app.expectCustomers('5,000');
    const revenue = await app.kpi('revenue').textContent();
    await app.relaunch(); // the same profile; still recording requests and page errors
    await expect.poll(() => app.kpi('revenue').textContent(), { timeout: 30_000 }).toBe(revenue);
  });
});

describe('privacy', () => {
  it('made no request to any origin other than the page’s own, and threw no page error', () => {
    expect(app.foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
