// After a first visit, the built app loads and works with the network off (service worker).
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

describe('new version', () => {
  it('says so when a different build is loaded', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    expect(await page.getByRole('status').filter({ hasText: 'A new version' }).count()).toBe(0);
    await page.evaluate(() => localStorage.setItem('cswb.build', 'an older build'));
    await page.reload();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'A new version of the app was loaded' }).count(), { timeout: 20_000 }).toBe(1);
  });
});

describe('offline', () => {
  it('reloads and shows the data with the network off after the first visit', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    // the service worker has taken control and precached the app
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    await browser.context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    await expect.poll(() => page.locator('.chart-body svg .mark-rect path').count(), { timeout: 20_000 }).toBeGreaterThan(20);
    await page.getByRole('link', { name: 'Data & storage' }).click();
    await expect.poll(() => page.getByTestId('offline').count()).toBe(1);
    await browser.context.setOffline(false);
  });
});
