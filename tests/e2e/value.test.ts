// Customer value in a real browser: the simple formula, the model fit on the demo, its diagnostics.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, recordForeignRequests, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: LaunchedBrowser;
let page: Page;
let foreign: string[];

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'en-US' });
  foreign = recordForeignRequests(browser.context, baseUrl);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

describe('customer value', () => {
  it('shows the simple CLV formula with the numbers filled in', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    await page.getByRole('link', { name: 'Value' }).click();
    await expect.poll(() => page.getByTestId('simple-formula').textContent()).toMatch(/^CLV = [\d.]+ × CN¥[\d,.]+ × 3 × 30% = CN¥[\d,.]+$/);
    await expect.poll(() => page.getByTestId('cohorts').locator('.chart-body svg, .chart-body canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  });

  it('fits the models on the demo data and shows parameters, diagnostics and valuable customers', async () => {
    await page.getByRole('button', { name: 'Fit models' }).click();
    const params = page.getByTestId('value-params');
    await expect.poll(() => params.count(), { timeout: 60_000 }).toBe(1);
    expect(await params.textContent()).toMatch(/BG\/NBD.*r [\d.]+ ± [\d.]+/);
    expect(await params.textContent()).toContain('Gamma-Gamma');
    expect(await page.locator('body').textContent()).not.toMatch(/NaN|Infinity/);
    expect(await page.getByTestId('value-totals').textContent()).toContain('Mean P(alive)');
    const top = page.getByTestId('top-customers');
    await expect.poll(() => top.locator('tbody tr').count()).toBe(20);
    expect(await top.locator('tbody tr').first().textContent()).toContain('CN¥');
  });

  it('checks early-warning rules on opening and lets an alert be acknowledged', async () => {
    await page.getByRole('link', { name: /^Alerts/ }).click();
    const list = page.getByTestId('alert-list');
    await expect.poll(() => list.locator('h2').textContent()).toMatch(/Open alerts: \d+/);
    const open = Number((await list.locator('h2').textContent())!.replace(/\D/g, ''));
    if (open > 0) {
      await list.getByRole('button', { name: 'Acknowledge' }).first().click();
      await expect.poll(async () => Number((await list.locator('h2').textContent())!.replace(/\D/g, ''))).toBe(open - 1);
    }
    // a rule that always fires: any customer silent for more than half their usual gap
    await page.getByRole('combobox', { name: 'Rule type' }).selectOption('inactiveBeyondGap');
    await page.getByRole('spinbutton').fill('0.5');
    await page.getByRole('combobox', { name: 'Value tier' }).selectOption('');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(async () => Number((await list.locator('h2').textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('alert-count').textContent()).toMatch(/^\d+$/);
  });

  it('made no request to another origin', () => {
    expect(foreign).toEqual([]);
  });
});
