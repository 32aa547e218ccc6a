// What the engine says, on the screens, in a real browser: RFM warnings and binning, the default
// calibration end and why, no "better" model without a holdout, snapshots compared within one scheme.
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

describe('the screens say what the engine says', () => {
  it('warns about empty score levels with strict quantiles, and goes back to tie-aware binning', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('segments');
    await expect.poll(() => page.getByTestId('rfm-binning').textContent()).toContain('Binning: tie-aware');
    await page.getByRole('combobox', { name: 'Binning' }).selectOption('quantile');
    await expect.poll(() => page.getByTestId('rfm-warnings').textContent()).toMatch(/No customer has F score [\d, ]+/);
    await page.getByRole('button', { name: 'Use tie-aware binning' }).click();
    await expect.poll(() => page.getByTestId('rfm-binning').textContent()).toContain('Binning: tie-aware');
    expect(await page.getByRole('combobox', { name: 'Binning' }).inputValue()).toBe('tie-aware');
    expect(await page.getByTestId('rfm-warnings').textContent() ?? '').not.toContain('No customer has F score');
  });

  it('compares snapshots of the same segments only', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Snapshots & migration' }).click();
    await page.getByRole('button', { name: /Save current segments \(RFM, 11 segments\)/ }).click();
    await expect.poll(() => page.getByTestId('snapshot-list').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('snapshot-list').textContent()).toContain('2025-12-31');
    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await page.getByRole('tab', { name: 'Snapshots & migration' }).click();
    await page.getByRole('button', { name: /Save current segments \(lifecycle stages\)/ }).click();
    await expect.poll(() => page.getByTestId('snapshot-list').locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByTestId('same-scheme').textContent()).toContain('There is no other snapshot of');
    expect(await page.getByRole('button', { name: 'Compare' }).isDisabled()).toBe(true);
  });

  it('shows the default calibration end and why before a fit, and calls no model better without a holdout', async () => {
    const { page } = app;
    await app.goto('value');
    const date = page.getByRole('textbox', { name: 'Calibration end' });
    await expect.poll(() => date.inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/);
    await expect.poll(() => page.getByTestId('calibration-note').textContent()).toMatch(/Calibration ends \d+ weeks before the end of the data/);
    await date.fill('2025-12-31');
    await expect.poll(() => page.getByTestId('calibration-note').textContent()).toContain('nothing is held out');
    await page.getByRole('button', { name: 'Fit models' }).click();
    await expect.poll(() => page.getByTestId('value-params').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('no-better').textContent()).toContain('neither model can be said to predict better');
    expect(await page.getByTestId('value-params').getByText('better on holdout').count()).toBe(0);
    await page.getByRole('button', { name: 'Use the default' }).click();
    await page.getByRole('button', { name: 'Fit models' }).click();
    await expect.poll(() => page.getByTestId('value-params').getByText('better on holdout').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('no-better').count()).toBe(0);
  });

  it('made no request to another origin', () => {
    expect(app.foreign).toEqual([]);
  });
});
