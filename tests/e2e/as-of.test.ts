// Analyses as of a past date in a real browser: one analysis date on the Segments page moves every
// grouping back in time, and the Value page shares it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
});

afterAll(async () => {
  await app?.close();
});

const segmentSizes = async () =>
  (await app.page.locator('[data-testid="segment-table"] tbody tr td:nth-child(2)').allTextContents()).reduce((n, t) => n + Number(t.replace(/\D/g, '')), 0);
const groupSizes = async () =>
  (await app.page.locator('[data-testid="group-table"] tbody tr td:nth-child(2)').allTextContents()).reduce((n, t) => n + Number(t.replace(/\D/g, '')), 0);

describe('analysis as of a past date', () => {
  it('scores RFM, tiers and lifecycle on the orders up to the date only, and the Value page follows', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('segments');
    // every buyer of the demo (orders 2023-01-01 … 2025-12-31) is in one segment
    await expect.poll(segmentSizes, { timeout: 20_000 }).toBe(4_750);
    const date = page.getByLabel('Analysis date').first();
    expect(await date.inputValue()).toBe('2026-01-01');
    await date.fill('2024-06-30');
    await date.dispatchEvent('change');
    await expect.poll(segmentSizes, { timeout: 20_000 }).toBeLessThan(4_750);
    const buyers = await segmentSizes();
    expect(buyers).toBeGreaterThan(500);
    await expect.poll(() => page.getByTestId('as-of').textContent()).toContain('Past date');
    // the R edges are days since the last order up to that date: never negative
    expect(await page.locator('.hint', { hasText: 'Bin edges' }).first().textContent()).not.toMatch(/R days [^;]*[−-]\d/);

    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await expect.poll(groupSizes, { timeout: 20_000 }).toBeGreaterThan(0);
    // buyers by then plus the prospects who had signed up by then; fewer than all 5,000 customers
    expect(await groupSizes()).toBeGreaterThanOrEqual(buyers);
    expect(await groupSizes()).toBeLessThan(5_000);
    expect(await page.locator('.hint', { hasText: 'Counted up to' }).textContent()).toContain('2024');

    await app.goto('value');
    const valueDate = page.getByLabel('Analysis date').first();
    await expect.poll(() => valueDate.inputValue(), { timeout: 20_000 }).toBe('2024-06-30');
    // back to the latest data from the Value page: the Segments page follows
    await page.getByRole('button', { name: 'Back to the latest data' }).click();
    await expect.poll(() => valueDate.inputValue()).toBe('2026-01-01');
    await app.goto('segments');
    await page.getByRole('tab', { name: 'RFM' }).click();
    await expect.poll(segmentSizes, { timeout: 20_000 }).toBe(4_750);
  });
});
