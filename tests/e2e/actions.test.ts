// The end-to-end run, in a real browser on the demo: make the win-back list an action with
// a 10% control group, export the treated list (consent left out, then included),
// import a follow-up orders file made here — orders after the action's day for some treated and
// some control customers, plus one outside the window —, open Actions and read the result: both
// groups' conversions match the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, words } from './page-model';

let app: AppPage;
let treated: string[] = [];
let control: string[] = [];
let members: string[] = [];

// the demo's orders end on 2025-12-31; the action is on 2026-01-05, its 30-day window 01-05 … 02-03
const ACTION_DAY = '2026-01-05';

/** The ids (first column) of an exported CSV, header and BOM left out. */
function idsOf(csv: string): string[] {
  return csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((line) => line.split(',')[0].replace(/^"|"$/g, ''));
}

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

const item = () => app.page.getByTestId('action-item').first();

describe('an action with a control group, read out after a later import', () => {
  it('shows the empty state; a broken form says what is wrong, loses nothing and creates nothing', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('actions');
    const section = page.getByTestId('actions-actions');
    await expect.poll(() => words(section), { timeout: 30_000 }).toContain('No actions yet');
    await page.getByTestId('action-start-all').click();
    const form = page.getByTestId('action-form');
    expect(await words(form.getByTestId('action-form-source'))).toContain('All customers');
    await expect.poll(() => words(form.getByTestId('action-form-size')), { timeout: 20_000 }).toContain('5,000 customers now');
    await form.getByLabel('Name').fill('Everyone');
    await form.getByLabel(/Cost per contact/).fill('two yuan');
    await form.getByLabel('Control group (%)').fill('80');
    await form.getByLabel('Date').fill('');
    await form.getByTestId('action-create').click();
    const text = await words(form);
    expect(text).toContain('Please correct the fields marked below.');
    expect(text).toContain('The cost per contact must be a number');
    expect(text).toContain('The control group must be between 0% and 50%');
    expect(text).toContain('Enter a valid date');
    expect(await form.getByLabel('Name').inputValue()).toBe('Everyone');
    expect(await form.getByLabel(/Cost per contact/).inputValue()).toBe('two yuan');
    expect(await page.getByTestId('action-item').count()).toBe(0);
    await form.getByTestId('action-cancel').click();
    expect(await page.getByTestId('action-form').count()).toBe(0);
  });

  it('makes the win-back list an action with a 10% control group', async () => {
    const { page } = app;
    // the list's customers, all of them (consent included: this export is only to check the groups)
    const row = page.getByTestId('care-list-winback');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    const size = Number((await words(page.getByTestId('care-list-winback-size'))).replace(/,/g, ''));
    expect(size).toBeGreaterThan(100);
    await page.getByTestId('care-list-winback-open').click();
    const careExport = page.getByTestId('care-export');
    await expect.poll(() => careExport.count(), { timeout: 20_000 }).toBe(1);
    const include = careExport.getByLabel('Include them (this list is not for marketing)');
    if (await include.count()) await include.check();
    members = idsOf(await app.downloadText(careExport.locator('button').first()));
    expect(members).toHaveLength(size);

    await page.getByTestId('care-list-winback-action').click();
    const form = page.getByTestId('action-form');
    expect(await words(form.getByTestId('action-form-source'))).toContain('Ready list: Win-back');
    await expect.poll(() => words(form.getByTestId('action-form-size')), { timeout: 20_000 }).toContain(`${size.toLocaleString('en-US')} customers now`);
    // the list's type is the form's default
    expect(await form.getByLabel('Type').inputValue()).toBe('winback');
    await form.getByLabel('Name').fill('Win-back');
    await form.getByLabel('Date').fill(ACTION_DAY);
    await form.getByLabel(/Cost per contact/).fill('1.5');
    expect(await form.getByLabel('Control group (%)').inputValue()).toBe('10');
    await form.getByTestId('action-create').click();
    await expect.poll(() => page.getByTestId('action-item').count(), { timeout: 20_000 }).toBe(1);
    expect(await words(item().getByTestId('action-item-name'))).toBe('Win-back');
    expect(await words(item())).toContain('Win-back · SMS · 01/05/2026 · Ready list: Win-back');
    const sizes = await words(item().getByTestId('action-sizes'));
    const [, t, c] = /^([\d,]+) treated · ([\d,]+) control \(10%\)/.exec(sizes)!;
    const nt = Number(t.replace(/,/g, '')), nc = Number(c.replace(/,/g, ''));
    expect(nt + nc).toBe(size);
    // about 10% (a seeded draw): within 4 standard deviations
    expect(Math.abs(nc - size * 0.1)).toBeLessThan(4 * Math.sqrt(size * 0.1 * 0.9));
  });

  it('exports the treated customers only: without consent left out by default, all of them when included; never the control', async () => {
    const exportBox = item().getByTestId('action-export');
    const button = exportBox.getByRole('button', { name: 'Export treated customers (CSV)' });
    await expect.poll(() => button.isEnabled()).toBe(true);
    const sizes = await words(item().getByTestId('action-sizes'));
    const nt = Number(/^([\d,]+) treated/.exec(sizes)![1].replace(/,/g, ''));
    await expect.poll(() => exportBox.getByTestId('action-export-left-out').count(), { timeout: 20_000 }).toBe(1);
    const leftOut = Number(/([\d,]+) customers/.exec(await words(exportBox.getByTestId('action-export-left-out')))![1].replace(/,/g, ''));
    const first = idsOf(await app.downloadText(button));
    expect(first.length + leftOut).toBe(nt);
    await exportBox.getByLabel('Include them (this list is not for marketing)').check();
    await expect.poll(async () => idsOf(await app.downloadText(button)).length, { timeout: 20_000 }).toBe(nt);
    treated = idsOf(await app.downloadText(button));
    expect(new Set(treated).size).toBe(nt);
    const listed = new Set(members);
    expect(treated.every((id) => listed.has(id))).toBe(true);
    const inTreated = new Set(treated);
    control = members.filter((id) => !inTreated.has(id));
    expect(control.length).toBe(members.length - nt);
    expect(await words(item())).toContain(`the control group (${control.length.toLocaleString('en-US')}) stays on this device`);
  });

  it('after importing follow-up orders, reads out both groups’ conversion as the file says', async () => {
    const { page } = app;
    // 40 treated customers order once (one of them twice), 12 control customers once, in the window;
    // 3 more treated customers order only after it ends (2026-02-10): they do not count
    const lines = ['customer_id,order_id,order_date,amount'];
    const inWindow = { treated: treated.slice(0, 40), control: control.slice(0, 12) };
    inWindow.treated.forEach((id, i) => lines.push(`${id},F-T${i},2026-01-${String(6 + (i % 20)).padStart(2, '0')},120`));
    lines.push(`${inWindow.treated[0]},F-T-again,2026-01-28,60`);
    inWindow.control.forEach((id, i) => lines.push(`${id},F-C${i},2026-01-${String(7 + i).padStart(2, '0')},90`));
    treated.slice(40, 43).forEach((id, i) => lines.push(`${id},F-L${i},2026-02-10,500`));
    const file = await app.writeFile('follow-up-orders.csv', lines.join('\n') + '\n');
    const expected = { treated: { n: treated.length, conversions: 40 }, control: { n: control.length, conversions: 12 } };

    await app.goto('import');
    await app.chooseFiles([file]);
    await page.getByRole('radio', { name: /the current dataset/ }).check();
    const result = await app.startImport();
    await expect.poll(() => result.locator('[data-count="accepted"]').textContent(), { timeout: 60_000 }).toBe(`${lines.length - 1} rows imported`);

    await app.goto('actions');
    const arms = item().locator('[data-testid$="-arms"]');
    await expect.poll(() => arms.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    const rows = await arms.locator('tbody tr').allTextContents();
    const pct = (x: { n: number; conversions: number }) => `${((100 * x.conversions) / x.n).toFixed(1)}%`;
    const cells = async (i: number) => (await arms.locator('tbody tr').nth(i).locator('th, td').allTextContents()).map((s) => s.trim());
    const [controlRow, treatedRow] = [await cells(0), await cells(1)];
    expect(controlRow[0]).toContain('Control');
    expect(controlRow.slice(1, 4)).toEqual([expected.control.n.toLocaleString('en-US'), '12', pct(expected.control)]);
    expect(treatedRow[0]).toContain('Treated');
    expect(treatedRow.slice(1, 4)).toEqual([expected.treated.n.toLocaleString('en-US'), '40', pct(expected.treated)]);
    expect(rows).toHaveLength(2);
    // the verdict in words, with the 30-day window and the action's name
    const verdict = await words(item().locator('[data-testid$="-verdict"]'));
    expect(verdict).toContain('Win-back');
    expect(verdict).toContain('30-day repurchase');
    expect(await words(item().getByTestId('action-range'))).toBe('Orders from 01/05/2026 to 02/03/2026.');
    // revenue: treated 40 × 120 + 60 = 4,860 over the treated, control 12 × 90 = 1,080 over the control
    const each = (sum: number, n: number) => `CN¥${(sum / n).toFixed(2)}`;
    expect(treatedRow[4]).toBe(each(4860, expected.treated.n));
    expect(controlRow[4]).toBe(each(1080, expected.control.n));

    // a longer window takes in the three later orders (converted, treated)
    await item().getByLabel('Read-out window (days)').fill('60');
    await item().getByLabel('Read-out window (days)').press('Enter');
    await expect.poll(async () => (await cells(1))[2], { timeout: 20_000 }).toBe('43');

    // and in Chinese
    await app.switchLanguage('zh');
    await expect.poll(() => words(item().locator('[data-testid$="-verdict"]'))).toContain('60 天复购率');
    expect(app.foreign).toEqual([]);
  });
});
