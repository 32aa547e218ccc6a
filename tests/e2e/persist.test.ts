// Persistent storage, both outcomes. Headless Chromium refuses navigator.storage.persist() unless
// the permission is granted, which a test can do through CDP (Browser.grantPermissions, durableStorage).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];

const persisted = () => page.getByTestId('persisted');
const persistedInBrowser = () => page.evaluate(() => navigator.storage.persisted());

async function openStoragePage(): Promise<void> {
  await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
  await page.getByRole('link', { name: 'Data & storage' }).click();
}

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'en-US' });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
});

describe('persistent storage', () => {
  it('without a grant: says storage is best-effort and may be evicted, with advice, and asking again is refused visibly', async () => {
    await page.goto(baseUrl);
    await openStoragePage();
    await expect.poll(() => persisted().textContent(), { timeout: 20_000 }).toContain('Persistent storage not granted');
    expect(await persisted().textContent()).toContain('the browser may clear this data when disk space runs low');
    expect(await persistedInBrowser()).toBe(false);
    const advice = page.getByTestId('persist-advice');
    expect(await advice.textContent()).toContain('best-effort');
    expect(await advice.textContent()).toContain('Make a backup (below) or keep your source files');

    // the app already asked at start; asking again by hand is refused too, and the page says so
    expect(await page.getByTestId('persist-refused').count()).toBe(0);
    await page.getByRole('button', { name: 'Ask for persistent storage' }).click();
    await expect.poll(() => page.getByTestId('persist-refused').textContent()).toContain('did not grant persistent storage');
    expect(await persistedInBrowser()).toBe(false);

    // the same state in Chinese
    await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
    await expect.poll(() => persisted().textContent()).toContain('未获得持久存储');
    expect(await page.getByTestId('persist-advice').textContent()).toContain('尽力保存');
    expect(await page.getByTestId('persist-refused').textContent()).toContain('没有授予持久存储');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect.poll(() => persisted().textContent()).toContain('Persistent storage not granted');
  });

  it('with durableStorage granted through CDP: after a reload the page says storage is persistent', async () => {
    const cdp = await browser.context.newCDPSession(page);
    // launchPersistentContext has no Browser object, so Browser.* goes through the page's session;
    // without browserContextId it applies to the default context, which is this persistent one.
    // Chromium drops the override when the session that set it detaches: keep it open until the end.
    await cdp.send('Browser.grantPermissions', { permissions: ['durableStorage'], origin: new URL(baseUrl).origin });

    await page.reload(); // still on Data & storage (#/datasets)
    await expect.poll(() => persisted().textContent(), { timeout: 20_000 }).toContain('Persistent storage granted');
    expect(await persisted().textContent()).toContain('the browser will not evict this data on its own');
    expect(await persistedInBrowser()).toBe(true);
    expect(await page.getByTestId('persist-advice').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ask for persistent storage' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
    await expect.poll(() => persisted().textContent()).toContain('已获得持久存储');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await cdp.detach();
  });

  it('threw no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
