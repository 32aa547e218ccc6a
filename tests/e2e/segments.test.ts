// Segmentation in a real browser: apply a preset, open a persona, export its members.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchBrowser, recordForeignRequests, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: LaunchedBrowser;
let page: Page;
let foreign: string[];

beforeAll(async () => {
  browser = await launchBrowser({ locale: 'en-US' });
  foreign = recordForeignRequests(browser.context, baseUrl);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

const sizes = async () =>
  (await page.locator('[data-testid="segment-table"] tbody tr td:nth-child(2)').allTextContents()).reduce((n, t) => n + Number(t.replace(/\D/g, '')), 0);

describe('segments', () => {
  it('scores customers with the 11-segment preset by default', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    await page.getByRole('link', { name: 'Segments' }).click();
    await expect.poll(() => page.locator('[data-segment="champions"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('[data-segment="champions"] th').textContent()).toContain('Champions');
    expect(await sizes()).toBe(4_750); // every buyer of the demo is in exactly one segment
  });

  it('applies the Chinese 8-class preset and names its classes in the current language', async () => {
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('rfm8');
    await expect.poll(() => page.locator('[data-segment="important_value"]').count()).toBe(1);
    expect(await page.locator('[data-segment="important_value"] th').textContent()).toContain('Important value');
    expect(await sizes()).toBe(4_750);
    await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
    await expect.poll(() => page.locator('[data-segment="important_value"] th').textContent()).toContain('重要价值客户');
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  });

  it('opens the persona of a segment with its members, and exports them as CSV', async () => {
    await page.getByRole('button', { name: 'Open persona of Important value' }).click();
    const persona = page.getByTestId('persona');
    await expect.poll(() => persona.count()).toBe(1);
    expect(await persona.textContent()).toContain('Persona: Important value');
    expect(await persona.textContent()).toContain('Top cities');
    const size = Number((await page.locator('[data-segment="important_value"] td').first().textContent())!.replace(/\D/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export members (CSV)' }).click()]);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(lines).toHaveLength(size + 1);
    expect(lines[0]).toContain('Customer id');
    const fullName = lines[1].split(',')[1];

    // with personal data masked, the export is masked too, unless full names are asked for
    const exportLines = async () => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export members (CSV)' }).click()]);
      return (await readFile((await d.path())!, 'utf8')).trim().split('\r\n');
    };
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
    await page.getByRole('tab', { name: 'Rule segment' }).click();
    await page.getByRole('textbox', { name: 'Value' }).fill('10');
    await expect.poll(() => page.getByTestId('rule-size').textContent()).toMatch(/^[\d,]+ customers/);
    const ten = Number((await page.getByTestId('rule-size').textContent())!.split(' ')[0].replace(/,/g, ''));
    await page.getByRole('textbox', { name: 'Value' }).fill('2');
    await expect.poll(async () => Number((await page.getByTestId('rule-size').textContent())!.split(' ')[0].replace(/,/g, ''))).toBeGreaterThan(ten);
  });

  it('saves two snapshots and shows the migration between them', async () => {
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
    await page.getByRole('button', { name: 'Compare' }).click();
    const matrix = page.getByTestId('migration-matrix');
    await expect.poll(() => matrix.count()).toBe(1);
    expect(await matrix.locator('thead').textContent()).toContain('High value');
    await matrix.locator('tbody tr').first().locator('button').first().click();
    await expect.poll(() => page.locator('ul.ids li').count()).toBeGreaterThan(0);
  });

  it('made no request to another origin', () => {
    expect(foreign).toEqual([]);
  });
});
