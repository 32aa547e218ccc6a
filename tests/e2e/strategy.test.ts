// The Strategy page in a real browser: open it on the demo — four sections, figures on the 11 RFM
// segments without a click, the quadrant names as text beside the chart —, run the allocation for
// another budget, edit a playbook card's value proposition, reload, and find the edit (then undo it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, words } from './page-model';

let app: AppPage;
const PROPOSITION = 'Same-day callback by a named advisor, and a thank-you call after every order';

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

const optimum = () => words(app.page.getByTestId('budget-optimum'));

describe('strategy', () => {
  it('opens on the demo with the four sections and figures on the 11 RFM segments, without a click', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('strategy');
    await expect.poll(() => page.locator('section .part-title').allTextContents(), { timeout: 30_000 })
      .toEqual(['客户组合 Portfolio', '预算分配 Budget allocation', '差异化服务手册 Service playbook', '会员等级 Loyalty tiers']);
    // the portfolio: one bubble per RFM segment in the table, the four quadrants named in text beside the chart
    const groups = page.getByTestId('portfolio-groups-table');
    await expect.poll(() => groups.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    const quadrants = await words(page.getByTestId('portfolio-groups-quadrants'));
    for (const name of ['Invest & retain', 'Develop', 'Maintain efficiently', 'Basic service']) expect(quadrants).toContain(name);
    expect(await words(groups)).toContain('Champions');
    // the budget: split by the optimiser, beside the naive splits
    await expect.poll(() => page.getByTestId('budget-split-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    expect(await words(page.getByTestId('budget-lambda'))).toMatch(/returns/);
    // the playbook: a card per segment, the value proposition first and filled from its template
    await expect.poll(() => page.getByTestId('playbook-list').locator('button').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    const firstField = page.getByTestId('playbook-card').locator('input, textarea, select').first();
    expect(await firstField.getAttribute('data-testid')).toBe('playbook-vp');
    expect((await firstField.inputValue()).length).toBeGreaterThan(10);
    // the loyalty tiers: the default four tiers on the data
    await expect.poll(() => words(page.getByTestId('loyalty-tier-table')), { timeout: 30_000 }).toMatch(/Member.*Silver.*Gold.*Diamond/);
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|Infinity|undefined|\[object/);
  });

  it('runs the allocation again for another budget', async () => {
    const { page } = app;
    const before = await optimum();
    const field = page.getByTestId('budget-amount');
    await field.fill('400000');
    await field.press('Enter');
    await field.blur();
    await expect.poll(() => optimum(), { timeout: 20_000 }).not.toBe(before);
    const total = await page.getByTestId('budget-split-row').evaluateAll((rows) => rows.length);
    expect(total).toBeGreaterThanOrEqual(10);
    expect(await words(page.getByTestId('budget-amount-why'))).not.toBe('');
  });

  it('edits a playbook card, and the edit is there after a reload; undo brings the template back', async () => {
    const { page } = app;
    await page.getByTestId('playbook-list').getByRole('button', { name: /^At risk/ }).click();
    const vp = page.getByTestId('playbook-vp');
    const template = await vp.inputValue();
    await vp.fill(PROPOSITION);
    await page.getByTestId('playbook-save').click();
    await expect.poll(() => words(page.getByTestId('playbook-status')), { timeout: 10_000 }).toContain('Saved');

    await page.reload();
    await app.goto('strategy');
    await page.getByTestId('playbook-list').getByRole('button', { name: /^At risk/ }).click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('playbook-vp').inputValue(), { timeout: 30_000 }).toBe(PROPOSITION);
    expect(await words(page.getByTestId('playbook-changed'))).toMatch(/^Edited/);

    await page.getByTestId('playbook-undo').click();
    await expect.poll(() => page.getByTestId('playbook-vp').inputValue(), { timeout: 10_000 }).toBe(template);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreign).toEqual([]);
  });
});
