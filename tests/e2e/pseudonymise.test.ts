// Pseudonymise on import through the page: phones, e-mails and names never reach the stored data,
// the kept mapping shows who a pseudonym is, and Data & storage discards it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;
let orders: string;
let customers: string;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
  orders = await app.writeFile('orders.csv', 'customer_id,order_id,order_date,amount\n138-0013-8000,A1,2024-01-05,100\n13800138000,A2,2024-02-05,50\nli.na@example.com,A3,2024-01-06,30\n');
  customers = await app.writeFile('members.csv', 'customer_id,name,city\n13800138000,王文博,上海\nLi.Na@Example.com,Li Na,Beijing\n');
});

afterAll(async () => {
  await app?.close();
});

describe('pseudonymise on import', () => {
  it('imports two files with the option ticked and the mapping kept', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('import');
    await app.chooseFiles([orders, customers]);
    await expect.poll(() => page.locator('[data-file]').count()).toBe(2);
    await app.intoNewDataset('Pseudonymised shop');
    await page.getByRole('checkbox', { name: 'Pseudonymise personal data' }).check();
    expect(await page.getByRole('radio', { name: /Keep the mapping/ }).isChecked()).toBe(true);
    await app.startImport();
    await expect.poll(() => page.getByTestId('pseudonymised').textContent(), { timeout: 30_000 }).toContain('2 customer ids and 2 names');
  });

  it('shows pseudonyms only in the customers table', async () => {
    const { page } = app;
    await app.goto('customers');
    await expect.poll(() => page.getByRole('link', { name: /^P-[0-9a-f]{16}$/ }).count(), { timeout: 30_000 }).toBe(2);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of ['13800138000', '138-0013-8000', 'example.com', '王文博', 'Li Na']) expect(text).not.toContain(secret);
  });

  it('stores no phone, e-mail or name in IndexedDB', async () => {
    const found = await app.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('customer-strategy-workbench');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = <T,>(store: string) => new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const datasets = await all<{ id: string; name: string }>('datasets');
      const id = datasets.find((d) => d.name === 'Pseudonymised shop')!.id;
      const rows = (await all<{ datasetId: string; bytes: Uint8Array }>('chunks')).filter((row) => row.datasetId === id);
      db.close();
      if (rows.length === 0) return ['no chunks'];
      const text = rows.map((row) => new TextDecoder().decode(row.bytes)).join('\n').toLowerCase();
      return ['13800138000', 'li.na@example.com', '王文博', 'li na'].filter((s) => text.includes(s));
    });
    expect(found).toEqual([]);
  });

  it('shows the identity on request from the kept mapping', async () => {
    const { page } = app;
    await page.getByRole('link', { name: /^P-/ }).first().click();
    await page.getByRole('button', { name: 'Show identity' }).click();
    await expect.poll(() => page.getByTestId('identity').textContent()).toMatch(/13800138000|li\.na@example\.com/);
  });

  it('discards the mapping from Data & storage after confirmation', async () => {
    const { page } = app;
    await app.goto('datasets');
    const box = page.getByTestId('pseudonyms');
    await expect.poll(() => box.textContent(), { timeout: 20_000 }).toContain('Pseudonymised shop: the mapping of 2 customers');
    await box.getByRole('button', { name: 'Discard the mapping' }).click();
    await page.locator('dialog').getByRole('button', { name: 'Discard the mapping' }).click();
    await expect.poll(() => box.textContent()).toContain('No mapping of pseudonyms to identities is kept.');
    expect(await box.textContent()).toContain('A pseudonymisation key exists on this device');
  });

  it('made no request to another origin', () => {
    expect(app.foreign).toEqual([]);
  });
});
