// Customer value in a real browser: the simple formula, the model fit on the demo, its diagnostics.
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

describe('customer value', () => {
  it('shows the simple CLV formula with the numbers filled in', async () => {
    await app.openDemo();
    await app.goto('value');
    await expect.poll(() => app.page.getByTestId('simple-formula').textContent()).toMatch(/^CLV = [\d.]+ × CN¥[\d,.]+ × 3 × 30% = CN¥[\d,.]+$/);
    await expect.poll(() => app.cohortCharts(), { timeout: 20_000 }).toBeGreaterThan(0);
  });

  it('fits the models on the demo data and shows parameters, diagnostics and valuable customers', async () => {
    const { page } = app;
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
    const { page } = app;
    await app.goto('alerts');
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
    expect(app.foreign).toEqual([]);
  });
});
