// KPI targets in a real browser: set on the Actions page (a broken value refused with words),
// shown on the dashboard against the KPI with its status and trend chart, kept across a reload,
// cleared with undo, exported as CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, words } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('KPI targets', () => {
  it('are set on the Actions page; a rate above 100% is refused', async () => {
    await app.openDemo();
    const { page } = app;
    await app.goto('actions');
    await page.getByTestId('target-period').waitFor({ timeout: 30_000 });
    await page.getByLabel('Target for CSAT (%)').fill('150');
    await page.getByTestId('target-save-csat').click();
    expect(await words(page.getByTestId('target-error-csat'))).toBe('A rate is between 0% and 100%.');
    await page.getByLabel('Target for CSAT (%)').fill('10');
    await page.getByLabel('Target for CSAT (%)').press('Enter');
    await expect.poll(() => page.locator('[data-target="csat"] .status').getAttribute('data-status')).toBe('green');
    expect(await page.getByTestId('target-error-csat').count()).toBe(0);
    // churn: a target of 0% cannot be met by the demo, lower is better by default
    await page.getByLabel('Target for Churn rate (%)').fill('0');
    await page.getByTestId('target-save-churn').click();
    await expect.poll(() => page.locator('[data-target="churn"] .status').getAttribute('data-status')).toBe('red');
  });

  it('show on the dashboard with their status in words, the changes and the trend with the target line', async () => {
    const { page } = app;
    await app.goto('dashboard');
    const board = page.getByTestId('dashboard-targets');
    await board.waitFor({ timeout: 30_000 });
    const churn = board.locator('[data-target-kpi="churn"]');
    expect(await words(churn)).toContain('Off target');
    expect(await words(churn)).toMatch(/vs previous period: [+−]?\d/);
    expect(await words(board.locator('[data-target-kpi="csat"]'))).toContain('On target');
    expect(await words(page.locator('[data-kpi="csat"] .target'))).toContain('On target');
    // the trend chart is drawn (an SVG with the target rule)
    await expect.poll(() => board.locator('.chart-body svg .mark-rule path, .chart-body svg .mark-rule line').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await board.locator('.chart-body svg .mark-symbol path').count()).toBeGreaterThan(10);
    expect(await page.locator('.chart-error').count()).toBe(0);
  });

  it('are kept across a reload, cleared with undo and exported', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('dashboard-targets').waitFor({ timeout: 30_000 });
    await app.goto('actions');
    await page.getByTestId('target-clear-churn').click();
    expect(await words(page.getByTestId('target-cleared'))).toContain('The target for Churn rate was cleared.');
    await page.getByTestId('target-undo').click();
    await expect.poll(() => page.locator('[data-target="churn"] .status').getAttribute('data-status')).toBe('red');
    const csv = await app.downloadText(page.getByTestId('targets-export'));
    expect(csv.split('\r\n')[0]).toContain('KPI,Definition,Period start');
    expect(csv).toMatch(/Churn rate,[^\r\n]*,0,lower,5,Off target/);
    expect(app.foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
