// Backups through the page: a prompt after an import, an encrypted backup downloaded from one
// browser and restored into another (fresh) one; a wrong passphrase and a damaged file change nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, recordForeignRequests, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PASSPHRASE = 'correct horse battery 马';
let dir: string;
let first: LaunchedBrowser;
let second: LaunchedBrowser | undefined;
let page: Page;
let backupFile: string;
const foreign: string[][] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cswb-backup-'));
  first = await launchBrowser({ locale: 'en-US' });
  foreign.push(recordForeignRequests(first.context, baseUrl));
  page = first.context.pages()[0] ?? (await first.context.newPage());
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await rm(dir, { recursive: true, force: true });
});

const kpi = (p: Page) => p.locator('[data-kpi="customers"] .value').textContent();

describe('backup', () => {
  it('prompts to back up after an import, and links to the backups', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => kpi(page), { timeout: 30_000 }).toBe('5,000');
    const csv = path.join(dir, 'orders.csv');
    await writeFile(csv, 'customer_id,date,amount\nA1,2024-01-05,10\nA2,2024-02-05,20\nA1,2024-03-01,5\n');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByTestId('file-input').setInputFiles(csv);
    await page.getByRole('radio', { name: 'a new dataset' }).check();
    await page.getByRole('textbox', { name: 'Name' }).fill('Shop orders');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-result').count(), { timeout: 30_000 }).toBe(1);
    const prompt = page.getByTestId('backup-prompt');
    await expect.poll(() => prompt.count()).toBe(1);
    expect(await prompt.textContent()).toContain('exists only in this browser');
    await prompt.getByRole('link', { name: 'Back up now' }).click();
    await expect.poll(() => page.getByTestId('last-backup').textContent()).toContain('No backup');
    expect(await page.getByTestId('backup').textContent()).toContain('exists only in this browser');
  });

  it('downloads an encrypted backup of everything and remembers when', async () => {
    // make the state distinctive: forget one demo customer first (with the demo open, as it will be after the restore)
    await page.locator('[data-dataset]', { hasText: 'Demo' }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.locator('[data-dataset]', { hasText: 'Demo' }).locator('.badge.cur').count(), { timeout: 30_000 }).toBe(1);
    await page.goto(`${baseUrl}#/customers/C000042`);
    await page.getByRole('button', { name: 'Forget this customer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Forget this customer' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 }).toContain('C000042 was forgotten');

    await page.getByRole('link', { name: 'Data & storage' }).click();
    const section = page.getByTestId('backup');
    await section.getByRole('radio', { name: /Everything/ }).check();
    await section.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await section.getByLabel('Repeat the passphrase').fill('something else');
    expect(await section.getByRole('button', { name: 'Download backup' }).isDisabled()).toBe(true);
    await section.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      section.getByRole('button', { name: 'Download backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cswb-backup-\d{4}-\d{2}-\d{2}\.cswb$/);
    backupFile = path.join(dir, download.suggestedFilename());
    await download.saveAs(backupFile);
    const bytes = await readFile(backupFile);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('CSWB-BAK');
    // encrypted: no customer name or id in the clear
    expect(bytes.includes(Buffer.from('C000001'))).toBe(false);
    await expect.poll(() => page.getByTestId('last-backup').textContent()).toContain('Last backup:');
    expect(await section.textContent()).not.toContain('exists only in this browser');
  });

  it('restores it into a fresh browser: wrong passphrase and damaged file first, then identical data', async () => {
    second = await launchBrowser({ locale: 'en-US' });
    foreign.push(recordForeignRequests(second.context, baseUrl));
    const other = second.context.pages()[0] ?? (await second.context.newPage());
    await other.goto(`${baseUrl}#/datasets`);
    await expect.poll(() => other.locator('[data-dataset]').count(), { timeout: 30_000 }).toBe(1);
    const section = other.getByTestId('backup');
    const datasetsBefore = await other.locator('[data-dataset]').count();
    // the demo has finished loading (inputs are disabled while a job runs)
    await expect.poll(() => section.getByLabel('Backup file').isEnabled(), { timeout: 30_000 }).toBe(true);

    await section.getByLabel('Backup file').setInputFiles(backupFile);
    await section.getByLabel('Passphrase of this backup').fill('not the passphrase');
    await section.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => other.getByTestId('backup-error').textContent(), { timeout: 20_000 }).toContain('Wrong passphrase');

    // a damaged copy: one byte flipped in the middle
    const damaged = path.join(dir, 'damaged.cswb');
    const bytes = await readFile(backupFile);
    bytes[Math.floor(bytes.length / 2)] ^= 0x10;
    await writeFile(damaged, bytes);
    await section.getByLabel('Backup file').setInputFiles(damaged);
    await section.getByLabel('Passphrase of this backup').fill(PASSPHRASE);
    await section.getByRole('button', { name: 'Open' }).click();
    // the damage is found when the file is opened (if it hits the first frame) or at the latest while restoring
    const contentsOrError = async () => (await other.getByTestId('backup-contents').count()) + (await other.getByTestId('backup-error').count());
    await expect.poll(contentsOrError, { timeout: 20_000 }).toBe(1);
    if (await other.getByTestId('backup-contents').count()) await section.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => other.getByTestId('backup-error').textContent(), { timeout: 30_000 }).toContain('damaged');
    expect(await other.locator('[data-dataset]').count()).toBe(datasetsBefore);

    // the real file
    await section.getByLabel('Backup file').setInputFiles(backupFile);
    await section.getByLabel('Passphrase of this backup').fill(PASSPHRASE);
    await section.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => other.getByTestId('backup-contents').textContent(), { timeout: 20_000 }).toContain('4,999 customers');
    await section.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => other.getByTestId('restored').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => other.locator('[data-dataset]').count()).toBe(datasetsBefore + 2);
    // the forgotten customer stays forgotten, the others are there
    await other.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => kpi(other), { timeout: 30_000 }).toBe('4,999');
    await other.goto(`${baseUrl}#/customers/C000043`);
    await expect.poll(() => other.locator('h1').first().textContent(), { timeout: 20_000 }).toContain('C000043');
    // and it survives a reload
    await other.goto(`${baseUrl}#/datasets`);
    await other.reload();
    await expect.poll(() => other.locator('[data-dataset]').count(), { timeout: 30_000 }).toBe(datasetsBefore + 2);
  });

  it('made no request to another origin', () => {
    expect(foreign.flat()).toEqual([]);
  });
});
