// Persistent storage, both outcomes. Headless Chromium refuses navigator.storage.persist() unless
// the permission is granted, which a test can do through CDP (Browser.grantPermissions, durableStorage).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

const persisted = () => app.page.getByTestId('persisted');
const persistedInBrowser = () => app.page.evaluate(() => navigator.storage.persisted());

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
});

afterAll(async () => {
  await app?.close();
});

describe('persistent storage', () => {
  it('without a grant: says storage is best-effort and may be evicted, with advice, and asking again is refused visibly', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('datasets');
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
    await app.switchLanguage('zh');
    await expect.poll(() => persisted().textContent()).toContain('未获得持久存储');
    expect(await page.getByTestId('persist-advice').textContent()).toContain('尽力保存');
    expect(await page.getByTestId('persist-refused').textContent()).toContain('没有授予持久存储');
    await app.switchLanguage('en');
    await expect.poll(() => persisted().textContent()).toContain('Persistent storage not granted');
  });

  it('with durableStorage granted through CDP: after a reload the page says storage is persistent', async () => {
    const { page } = app;
    const cdp = await app.context.newCDPSession(page);
    // launchPersistentContext has no Browser object, so Browser.* goes through the page's session;
    // without browserContextId it applies to the default context, which is this persistent one.
    // Chromium drops the override when the session that set it detaches: keep it open until the end.
    await cdp.send('Browser.grantPermissions', { permissions: ['durableStorage'], origin: new URL(app.baseUrl).origin });

    await page.reload(); // still on Data & storage (#/datasets)
    await expect.poll(() => persisted().textContent(), { timeout: 20_000 }).toContain('Persistent storage granted');
    expect(await persisted().textContent()).toContain('the browser will not evict this data on its own');
    expect(await persistedInBrowser()).toBe(true);
    expect(await page.getByTestId('persist-advice').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ask for persistent storage' }).count()).toBe(0);

    await app.switchLanguage('zh');
    await expect.poll(() => persisted().textContent()).toContain('已获得持久存储');
    await app.switchLanguage('en');
    await cdp.detach();
  });

  it('threw no page error', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
