// The care section and the purchase ladder in a real browser, on the demo: every ready list shows
// a size, the win-back list opens (masked when masking is on) and exports for contact with its
// consent rule, a date of the user's own survives a reload, the ladder names where repeat buying
// becomes a habit, and the section speaks Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, words } from './page-model';

let app: AppPage;
const LISTS = ['birthdays', 'anniversaries', 'winback', 'vip', 'secondPurchase', 'complaintFollowUp', 'upgradeNudge'];
const num = (text: string) => Number(text.replace(/,/g, ''));

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

describe('care lists and ladder', () => {
  it('shows every ready list with a size, as of the day after the last order', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('actions');
    await expect.poll(() => page.getByTestId('care-list-winback-size').count(), { timeout: 60_000 }).toBe(1);
    expect(await words(page.getByTestId('care-as-of'))).toMatch(/^Lists as of .+, the day after the last order/);
    for (const list of LISTS) expect(num(await words(page.getByTestId(`care-list-${list}-size`)))).toBeGreaterThanOrEqual(0);
    expect(num(await words(page.getByTestId('care-list-winback-size')))).toBeGreaterThan(100);
    expect(await page.getByTestId('care').textContent()).not.toMatch(/NaN|Infinity|undefined|\[object/);
  });

  it('opens the win-back list, masked when masking is on, and exports it for contact', async () => {
    const { page } = app;
    await page.getByTestId('care-list-winback-open').click();
    const table = page.getByTestId('care-customers-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 20_000 }).toBe(20);
    const firstId = await words(table.locator('tbody tr').first().locator('td').first());
    expect(firstId).toMatch(/^C\d+/);
    const csv = await app.downloadText(page.getByTestId('care-export').locator('button').first());
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('Customer,Name,Orders,Last order,Net revenue,CLV,Last order,Days silent,Note');
    // the demo has consent: customers without it are left out, and the number said
    const leftOut = num((await words(page.getByTestId('care-export-left-out'))).match(/^([\d,]+)/)![1]);
    const size = num(await words(page.getByTestId('care-list-winback-size')));
    expect(lines.length - 1).toBe(size - leftOut);
    // masking on: the names on screen and in the file are masked (ids like C000169 are codes and stay)
    const nameCell = () => words(table.locator('tbody tr').first().locator('td').nth(1));
    const firstName = await nameCell();
    expect(lines.some((l) => l.includes(firstName))).toBe(true);
    await page.getByRole('button', { name: 'Mask personal data' }).click();
    await expect.poll(nameCell).not.toBe(firstName);
    const masked = await app.downloadText(page.getByTestId('care-export').locator('button').first());
    expect(masked).not.toContain(firstName);
    await page.getByRole('button', { name: 'Mask personal data' }).click();
  });

  it('keeps a date of the user’s own across a reload', async () => {
    const { page } = app;
    await page.getByTestId('care-date-name').fill('Store anniversary');
    await page.getByTestId('care-date-month').fill('1');
    await page.getByTestId('care-date-day').fill('8');
    await page.getByTestId('care-date-submit').click();
    await expect.poll(() => page.getByTestId('care-date-row').count(), { timeout: 10_000 }).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId('care-date-row').count(), { timeout: 60_000 }).toBe(1);
    expect(await words(page.getByTestId('care-date-row'))).toContain('Store anniversary');
  });

  it('names where repeat buying becomes a habit, with a chart and a table', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('ladder-habit').count(), { timeout: 60_000 }).toBe(1);
    expect(await words(page.getByTestId('ladder-habit'))).toMatch(/Repeat buying becomes a habit after order \d+|Too few repeat customers/);
    expect(await page.getByTestId('ladder-table').locator('tbody tr').count()).toBe(10);
    await expect.poll(() => page.getByTestId('actions-ladder').locator('canvas, svg.marks').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const csv = await app.downloadText(page.getByTestId('ladder-export'));
    expect(csv.split(/\r\n/)[1]).toMatch(/^All customers,1,/);
  });

  it('speaks Chinese', async () => {
    const { page } = app;
    await app.switchLanguage('zh');
    await expect.poll(() => words(page.getByTestId('care-list-winback')), { timeout: 20_000 }).toContain('流失挽回');
    expect(await words(page.getByTestId('care-as-of'))).toMatch(/^名单日期/);
    expect(await words(page.getByTestId('ladder-habit'))).toMatch(/复购|回头客/);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreign).toEqual([]);
  });
});
