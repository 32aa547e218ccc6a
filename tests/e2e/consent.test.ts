// Marketing consent in a real browser (issue 16, point 6): the demo company opens with consent for
// most customers, shown on Data & storage; a customers file with a consent column (Chinese headers
// and values) imported through the page is stored with its rejects reported, and the privacy page
// and the customer's page show what was imported, in both languages, after a reload too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { AppPage, words } from './page-model';

let app: AppPage;

/** A table row's cells, joined by ' | '. */
const cells = async (row: Locator): Promise<string> => (await row.locator('th, td').allTextContents()).map((t) => t.trim()).join(' | ');

beforeAll(async () => {
  app = await AppPage.launch();
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

const ORDERS = ['客户编号,订单编号,下单日期,金额', 'K1,o1,2024-01-05,100', 'K2,o2,2024-02-05,50', 'K3,o3,2024-02-06,70', 'K9,o4,2024-02-07,30'].join('\r\n');
const CUSTOMERS = [
  '会员编号,姓名,同意营销,同意营销日期',
  'K1,张三,是,2024-01-01',
  'K2,李四,否,2024-02-01',
  'K3,王五,,',
  'K4,赵六,同意,2023-12-31',
  'K5,钱七,也许吧,',
].join('\r\n');

describe('marketing consent', () => {
  it('the demo company shows its consent coverage on Data & storage', async () => {
    await app.openDemo();
    await app.goto('datasets');
    const box = app.page.getByTestId('consent-coverage');
    await expect.poll(() => words(box), { timeout: 30_000 }).toContain('Agreed');
    const yes = await cells(box.getByTestId('consent-yes'));
    // about 85% of the 5,000 demo customers agreed (drawn per customer: within a few points)
    const share = Number(/([\d.]+)%/.exec(yes)![1]);
    expect(share).toBeGreaterThan(80);
    expect(share).toBeLessThan(90);
    expect(await cells(box.locator('tfoot tr'))).toBe('All customers | 5,000 | 100.0%');
  });

  it('imports a customers file with consent, rejects what is not a consent, and shows the coverage and the customer’s consent', async () => {
    const files = [await app.writeFile('orders.csv', ORDERS), await app.writeFile('customers.csv', CUSTOMERS)];
    const result = await app.importIntoNewDataset(files, 'Consent shop');
    const customers = result.locator('[data-result-file="customers.csv"]');
    await expect.poll(() => words(customers.locator('[data-count="rejected"]')), { timeout: 60_000 }).toBe('1 rows rejected');
    expect(await words(customers)).toContain('也许吧');
    await expect.poll(() => app.page.locator('.job').count(), { timeout: 30_000 }).toBe(0);

    await app.goto('datasets');
    const box = app.page.getByTestId('consent-coverage');
    // K1, K4 agreed; K2 refused; K3 blank and K9 (orders only) not known: 2 / 1 / 2 of 5
    await expect.poll(() => cells(box.getByTestId('consent-yes')), { timeout: 30_000 }).toBe('Agreed | 2 | 40.0%');
    expect(await cells(box.getByTestId('consent-no'))).toBe('Refused | 1 | 20.0%');
    expect(await cells(box.getByTestId('consent-unknown'))).toBe('Not known | 2 | 40.0%');
    expect(await words(box.getByTestId('consent-latest'))).toContain('2024');

    await app.visit('customers/K2');
    await expect.poll(() => words(app.page.getByTestId('consent')), { timeout: 30_000 }).toMatch(/^Refused \(on .*2024\)$/);

    await app.switchLanguage('zh');
    await app.page.reload();
    await expect.poll(() => words(app.page.getByTestId('consent')), { timeout: 30_000 }).toMatch(/^已拒绝（2024.*）$/);
    await app.goto('datasets');
    await expect.poll(() => cells(app.page.getByTestId('consent-yes')), { timeout: 30_000 }).toBe('已同意 | 2 | 40.0%');
    expect(app.pageErrors).toEqual([]);
    expect(app.foreign).toEqual([]);
  });
});
