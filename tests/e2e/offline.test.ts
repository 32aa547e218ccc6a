// After a first visit, the built app loads and works with the network off (service worker).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
});

afterAll(async () => {
  await app?.close();
});

describe('new version', () => {
  it('says so when a different build is loaded', async () => {
    const { page } = app;
    await app.openDemo();
    expect(await page.getByRole('status').filter({ hasText: 'A new version' }).count()).toBe(0);
    await page.evaluate(() => localStorage.setItem('cswb.build', 'an older build'));
    await page.reload();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'A new version of the app was loaded' }).count(), { timeout: 20_000 }).toBe(1);
  });
});

describe('offline', () => {
  it('reloads and shows the data with the network off after the first visit', async () => {
    const { page } = app;
    await app.openDemo();
    // the service worker has taken control and precached the app
    await expect.poll(() => app.serviceWorkerControls(), { timeout: 20_000 }).toBe(true);
    await app.context.setOffline(true);
    await page.reload();
    await app.expectCustomers('5,000');
    await expect.poll(() => app.chartBars(), { timeout: 20_000 }).toBeGreaterThan(20);
    await app.goto('datasets');
    await expect.poll(() => page.getByTestId('offline').count()).toBe(1);
    await app.context.setOffline(false);
  });
});
