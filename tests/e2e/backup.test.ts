// Backups through the page: a prompt after an import, an encrypted backup downloaded from one
// browser and restored into another (fresh) one; a wrong passphrase and a damaged file change nothing.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

const PASSPHRASE = 'correct horse battery 马';
let first: AppPage;
let second: AppPage | undefined;
let backupFile: string;

beforeAll(async () => {
  first = await AppPage.launch({ locale: 'en-US' });
  first.recordRequests();
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe('backup', () => {
  it('prompts to back up after an import, and links to the backups', async () => {
    const { page } = first;
    await first.openDemo();
    const csv = await first.writeFile('orders.csv', 'customer_id,date,amount\nA1,2024-01-05,10\nA2,2024-02-05,20\nA1,2024-03-01,5\n');
    const result = await first.importIntoNewDataset([csv], 'Shop orders');
    await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(1);
    const prompt = page.getByTestId('backup-prompt');
    await expect.poll(() => prompt.count()).toBe(1);
    expect(await prompt.textContent()).toContain('exists only in this browser');
    await prompt.getByRole('link', { name: 'Back up now' }).click();
    await expect.poll(() => page.getByTestId('last-backup').textContent()).toContain('No backup');
    expect(await page.getByTestId('backup').textContent()).toContain('exists only in this browser');
  });

  it('downloads an encrypted backup of everything and remembers when', async () => {
    const { page } = first;
    // make the state distinctive: forget one demo customer first (with the demo open, as it will be after the restore)
    const demo = first.datasets().filter({ hasText: 'Demo' });
    await demo.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => demo.locator('.badge.cur').count(), { timeout: 30_000 }).toBe(1);
    await first.visit('customers/C000042');
    await first.forgetCustomer('C000042');

    await first.goto('datasets');
    const section = page.getByTestId('backup');
    await section.getByRole('radio', { name: /Everything/ }).check();
    await section.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await section.getByLabel('Repeat the passphrase').fill('something else');
    expect(await section.getByRole('button', { name: 'Download backup' }).isDisabled()).toBe(true);
    await section.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    const download = await first.download(section.getByRole('button', { name: 'Download backup' }), { timeout: 60_000 });
    expect(download.suggestedFilename()).toMatch(/^cswb-backup-\d{4}-\d{2}-\d{2}\.cswb$/);
    backupFile = await first.scratchPath(download.suggestedFilename());
    await download.saveAs(backupFile);
    const bytes = await readFile(backupFile);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('CSWB-BAK');
    // encrypted: no customer name or id in the clear
    expect(bytes.includes(Buffer.from('C000001'))).toBe(false);
    await expect.poll(() => page.getByTestId('last-backup').textContent()).toContain('Last backup:');
    expect(await section.textContent()).not.toContain('exists only in this browser');
  });

  it('restores it into a fresh browser: wrong passphrase and damaged file first, then identical data', async () => {
    const fresh = await AppPage.launch({ locale: 'en-US' });
    second = fresh;
    fresh.recordRequests();
    const other = fresh.page;
    await fresh.visit('datasets');
    await expect.poll(() => fresh.datasets().count(), { timeout: 30_000 }).toBe(1);
    const section = other.getByTestId('backup');
    // the demo has finished loading (inputs are disabled while a job runs)
    await expect.poll(() => section.getByLabel('Backup file').isEnabled(), { timeout: 30_000 }).toBe(true);
    // counted once the list has settled (it is drawn again when the demo's load ends)
    await expect.poll(() => fresh.datasets().count(), { timeout: 30_000 }).toBe(1);
    const datasetsBefore = await fresh.datasets().count();

    await section.getByLabel('Backup file').setInputFiles(backupFile);
    await section.getByLabel('Passphrase of this backup').fill('not the passphrase');
    await section.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => other.getByTestId('backup-error').textContent(), { timeout: 20_000 }).toContain('Wrong passphrase');

    // a damaged copy: one byte flipped in the middle
    const bytes = await readFile(backupFile);
    bytes[Math.floor(bytes.length / 2)] ^= 0x10;
    const damaged = await first.writeFile('damaged.cswb', bytes);
    await section.getByLabel('Backup file').setInputFiles(damaged);
    await section.getByLabel('Passphrase of this backup').fill(PASSPHRASE);
    await section.getByRole('button', { name: 'Open' }).click();
    // the damage is found when the file is opened (if it hits the first frame) or at the latest while restoring
    const contentsOrError = async () => (await other.getByTestId('backup-contents').count()) + (await other.getByTestId('backup-error').count());
    await expect.poll(contentsOrError, { timeout: 20_000 }).toBe(1);
    if (await other.getByTestId('backup-contents').count()) await section.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => other.getByTestId('backup-error').textContent(), { timeout: 30_000 }).toContain('damaged');
    expect(await fresh.datasets().count()).toBe(datasetsBefore);

    // the real file
    await section.getByLabel('Backup file').setInputFiles(backupFile);
    await section.getByLabel('Passphrase of this backup').fill(PASSPHRASE);
    await section.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => other.getByTestId('backup-contents').textContent(), { timeout: 20_000 }).toContain('4,999 customers');
    await section.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => other.getByTestId('restored').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => fresh.datasets().count()).toBe(datasetsBefore + 2);
    // the forgotten customer stays forgotten, the others are there
    await fresh.goto('dashboard');
    await fresh.expectCustomers('4,999');
    await fresh.visit('customers/C000043');
    await expect.poll(() => fresh.heading(), { timeout: 20_000 }).toContain('C000043');
    // and it survives a reload
    await fresh.visit('datasets');
    await other.reload();
    await expect.poll(() => fresh.datasets().count(), { timeout: 30_000 }).toBe(datasetsBefore + 2);
  });

  it('made no request to another origin', () => {
    expect([...first.foreign, ...(second?.foreign ?? [])]).toEqual([]);
  });
});
