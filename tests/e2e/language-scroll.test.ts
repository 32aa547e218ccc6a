// One language at a time: switching the interface language keeps the reader where they were, and
// chart axes follow the language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
});

afterAll(async () => {
  await app?.close();
});

describe('switching language', () => {
  it('keeps the scroll position on a page full of charts', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('value');
    await expect.poll(() => app.cohortCharts(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(1500);
    await page.evaluate(() => window.scrollTo(0, 1200));
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBe(1200);
    // the switch as a keyboard user or a sticky header gives it, without scrolling to the button
    await page.evaluate(() => (document.querySelector('header button.lang, button.lang') as HTMLButtonElement).click());
    await page.waitForTimeout(2500);
    const after = await page.evaluate(() => window.scrollY);
    // the same place, within the few pixels longer Chinese or English lines may add above it
    expect(Math.abs(after - before)).toBeLessThan(120);
    expect(await page.locator('h1').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows the demo company’s cities and channels in the interface language', async () => {
    const { page } = app;
    // back to English, then the customers list
    await page.evaluate(() => (document.querySelector('button.lang') as HTMLButtonElement).click());
    await app.goto('customers');
    const firstCity = () => page.locator('table tbody tr').first().locator('td').nth(4).textContent();
    await expect.poll(firstCity, { timeout: 20_000 }).toMatch(/^[A-Z][a-z' ]+$/);
    await page.evaluate(() => (document.querySelector('button.lang') as HTMLButtonElement).click());
    await expect.poll(firstCity).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});
