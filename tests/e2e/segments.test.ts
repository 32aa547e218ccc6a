// Segmentation in a real browser: apply a preset, open a persona, export its members.
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

const sizes = async () =>
  (await app.page.locator('[data-testid="segment-table"] tbody tr td:nth-child(2)').allTextContents()).reduce((n, t) => n + Number(t.replace(/\D/g, '')), 0);

describe('segments', () => {
  it('scores customers with the 11-segment preset by default', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('segments');
    await expect.poll(() => page.locator('[data-segment="champions"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('[data-segment="champions"] th').textContent()).toContain('Champions');
    expect(await sizes()).toBe(4_750); // every buyer of the demo is in exactly one segment
  });

  it('applies the Chinese 8-class preset and names its classes in the current language', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('rfm8');
    await expect.poll(() => page.locator('[data-segment="important_value"]').count()).toBe(1);
    expect(await page.locator('[data-segment="important_value"] th').textContent()).toContain('Important value');
    expect(await sizes()).toBe(4_750);
    await app.switchLanguage('zh');
    await expect.poll(() => page.locator('[data-segment="important_value"] th').textContent()).toContain('重要价值客户');
    await app.switchLanguage('en');
  });

  it('opens the persona of a segment with its members, and exports them as CSV', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open persona of Important value' }).click();
    const persona = page.getByTestId('persona');
    await expect.poll(() => persona.count()).toBe(1);
    expect(await persona.textContent()).toContain('Persona: Important value');
    expect(await persona.textContent()).toContain('Top cities');
    const size = Number((await page.locator('[data-segment="important_value"] td').first().textContent())!.replace(/\D/g, ''));
    const exportButton = page.getByRole('button', { name: 'Export members (CSV)' });
    const lines = (await app.downloadText(exportButton)).trim().split('\r\n');
    expect(lines).toHaveLength(size + 1);
    expect(lines[0]).toContain('Customer id');
    const fullName = lines[1].split(',')[1];

    // with personal data masked, the export is masked too, unless full names are asked for
    const exportLines = async () => (await app.downloadText(exportButton)).trim().split('\r\n');
    await page.getByRole('button', { name: /Mask personal data/ }).click();
    const masked = (await exportLines())[1].split(',')[1];
    expect(masked).not.toBe(fullName);
    expect(masked).toContain('*');
    expect(masked[0]).toBe(fullName[0]);
    await page.getByRole('checkbox', { name: 'Export full names anyway' }).check();
    expect((await exportLines())[1].split(',')[1]).toBe(fullName);
    await page.getByRole('button', { name: /Mask personal data/ }).click();
    expect(await page.getByRole('checkbox', { name: 'Export full names anyway' }).count()).toBe(0);
  });

  it('builds a rule segment and sees its size', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Rule segment' }).click();
    await page.getByRole('textbox', { name: 'Value' }).fill('10');
    await expect.poll(() => page.getByTestId('rule-size').textContent()).toMatch(/^[\d,]+ customers/);
    const ten = Number((await page.getByTestId('rule-size').textContent())!.split(' ')[0].replace(/,/g, ''));
    await page.getByRole('textbox', { name: 'Value' }).fill('2');
    await expect.poll(async () => Number((await page.getByTestId('rule-size').textContent())!.split(' ')[0].replace(/,/g, ''))).toBeGreaterThan(ten);
  });

  it('saves two snapshots and shows the migration between them', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'RFM' }).click();
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('rfm11');
    await expect.poll(() => page.locator('[data-segment="champions"]').count()).toBe(1);
    await page.getByRole('tab', { name: 'Snapshots & migration' }).click();
    await page.getByRole('textbox', { name: 'Label' }).fill('eleven');
    await page.getByRole('button', { name: /Save current segments \(RFM, 11 segments\)/ }).click();
    await expect.poll(() => page.getByTestId('snapshot-list').locator('tbody tr').count()).toBe(1);
    await page.getByRole('tab', { name: 'Value tiers' }).click();
    await expect.poll(() => page.getByTestId('group-table').locator('tbody tr').count()).toBe(3);
    await page.getByRole('tab', { name: 'Snapshots & migration' }).click();
    await page.getByRole('textbox', { name: 'Label' }).fill('tiers');
    await page.getByRole('button', { name: /Save current segments \(value tiers\)/ }).click();
    await expect.poll(() => page.getByTestId('snapshot-list').locator('tbody tr').count()).toBe(2);
    // only snapshots of the same segments compare: a second one of the value tiers
    await page.getByRole('textbox', { name: 'Label' }).fill('tiers again');
    await page.getByRole('button', { name: /Save current segments \(value tiers\)/ }).click();
    await expect.poll(() => page.getByTestId('snapshot-list').locator('tbody tr').count()).toBe(3);
    await page.getByRole('button', { name: 'Compare' }).click();
    const matrix = page.getByTestId('migration-matrix');
    await expect.poll(() => matrix.count()).toBe(1);
    expect(await matrix.locator('thead').textContent()).toContain('High value');
    await matrix.locator('tbody tr').first().locator('button').first().click();
    await expect.poll(() => page.locator('ul.ids li').count()).toBeGreaterThan(0);
  });

  it('made no request to another origin', () => {
    expect(app.foreign).toEqual([]);
  });
});
