// The app in a real browser: built static files served under a sub-path, a persistent profile.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, recordForeignRequests, relaunch, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: LaunchedBrowser;
let foreign: string[];
let page: Page;
const pageErrors: string[] = [];

const kpi = (id: string) => page.locator(`[data-kpi="${id}"] .value`);

async function open(p: Page): Promise<void> {
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(baseUrl);
}

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'en-US' });
  foreign = recordForeignRequests(browser.context, baseUrl);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

describe('first visit', () => {
  it('is served from a sub-path and shows the demo dashboard with a rendered chart', async () => {
    expect(new URL(baseUrl).pathname).toBe('/cswb/app/');
    await open(page);
    await expect.poll(() => kpi('customers').textContent(), { timeout: 30_000 }).toBe('5,000');
    expect(await page.locator('h1').first().textContent()).toContain('Demo company');
    expect(Number((await kpi('orders').textContent())!.replace(/[^\d.]/g, ''))).toBeGreaterThan(5);
    // vega-embed drew bars into the first chart
    await expect.poll(() => page.locator('.chart-body svg .mark-rect path').count(), { timeout: 20_000 }).toBeGreaterThan(20);
    expect(await page.locator('.chart-body').first().getAttribute('aria-label')).toBe('Net revenue by month');
    expect(await page.locator('.chart-error').count()).toBe(0);
  });

  it('recomputes active customers when the window changes', async () => {
    const before = Number((await kpi('active').textContent())!.replace(/\D/g, ''));
    await page.getByLabel('Active window (days)').fill('365');
    await page.getByLabel('Active window (days)').press('Enter');
    await expect.poll(async () => Number((await kpi('active').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(before);
  });

  it('switches the whole interface to Chinese and back', async () => {
    await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
    await expect.poll(() => page.locator('[data-kpi="customers"] .label').textContent()).toBe('客户数');
    expect(await page.locator('nav.tabs').textContent()).toContain('概览');
    expect(await page.title()).toBe('客户战略工作台');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await kpi('customers').textContent()).toBe('5,000');
  });

  it('keeps data and language across a reload, without generating the demo again', async () => {
    const revenue = await kpi('revenue').textContent();
    await page.reload();
    await expect.poll(() => kpi('revenue').textContent(), { timeout: 30_000 }).toBe(revenue);
    expect(await page.locator('[data-kpi="customers"] .label').textContent()).toBe('客户数');
    await page.getByRole('link', { name: '数据与存储' }).click();
    await expect.poll(() => page.locator('[data-dataset]').count()).toBe(1);
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect.poll(() => page.locator('nav.tabs').textContent()).toContain('Dashboard');
  });
});

describe('customers', () => {
  it('searches, sorts and pages the customers table, and opens a customer', async () => {
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await expect.poll(() => page.getByTestId('customer-count').textContent()).toBe('5,000 customers');
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
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('C000123');
    await expect.poll(() => page.getByTestId('customer-count').textContent()).toBe('1 of 5,000 customers');
    await page.getByRole('link', { name: 'C000123' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('Customer C000123');
    expect(page.url()).toContain('#/customers/C000123');
  });
});

describe('datasets', () => {
  it('renames, and deletes only after confirmation', async () => {
    await page.getByRole('link', { name: 'Data & storage' }).click();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: /^New name for/ }).fill('Workshop demo');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Dataset' }).locator('option').first().textContent()).toBe('Workshop demo');
    expect(await page.getByTestId('usage').textContent()).toMatch(/used of/);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('[data-dataset]').count()).toBe(1);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete dataset' }).click();
    await expect.poll(() => page.locator('[data-dataset]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add demo company' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Add demo company' }).click();
    await expect.poll(() => page.locator('[data-dataset]').count(), { timeout: 30_000 }).toBe(1);
  });

  it('still has the data after the browser is closed and reopened', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => kpi('customers').textContent(), { timeout: 30_000 }).toBe('5,000');
    const revenue = await kpi('revenue').textContent();
    await browser.close({ keepUserDataDir: true });
    browser = await relaunch(browser.userDataDir, { locale: 'en-US' });
    foreign.push(...recordForeignRequests(browser.context, baseUrl));
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await open(page);
    await expect.poll(() => kpi('revenue').textContent(), { timeout: 30_000 }).toBe(revenue);
  });
});

describe('privacy', () => {
  it('made no request to any origin other than the page’s own, and threw no page error', () => {
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
