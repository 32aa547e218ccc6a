// The experiment and sample-size calculators in a real browser: the example read out at once,
// cells pasted from a spreadsheet, both languages, and the days at the dataset's own rate of
// buying customers after importing an orders file made here (so the rate is known by hand).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, words } from './page-model';

let app: AppPage;
let file: string;

// 10 customers; the last order day is 2025-12-31, so the last 90 days are 2025-10-03 … 2025-12-31:
// c01 … c09 bought in them (c01 also long before), c10 last bought on 2025-10-02, one day too early.
// 9 customers ÷ 90 days = 0.1 a day.
const ORDERS = [
  'customer_id,order_id,order_date,amount',
  'c01,O0,2025-01-01,50',
  'c01,O1,2025-10-03,50',
  ...['c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08'].map((c, i) => `${c},O${i + 2},2025-11-${String(10 + i).padStart(2, '0')},80`),
  'c09,O9,2025-12-31,120',
  'c10,O10,2025-10-02,70',
].join('\n') + '\n';

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
  file = await app.writeFile('rate-orders.csv', ORDERS);
});

afterAll(async () => {
  await app?.close();
});

const verdict = () => words(app.page.getByTestId('experiment-readout-verdict').first());

describe('experiment and sample-size calculators', () => {
  it('reads out the example at once and follows pasted cells', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('actions');
    // A 400/5000 = 8.0%, B 470/5000 = 9.4%; 95% CI 1.4 ± 1.96·0.5635 points; (24.2 − 20) × 5000 = 21,000
    await expect.poll(verdict, { timeout: 30_000 }).toBe('B lifted conversion from 8.0% to 9.4% (+1.4 points, 95% CI 0.3 to 2.5); incremental revenue CN¥21,000.');
    await page.getByText('Paste or import variants').click();
    await page.getByTestId('experiment-paste').fill('Variant\tUsers\tConverted\nOld page\t2000\t150\nNew page\t2000\t190\nBroken\t-4\t1');
    await page.getByTestId('experiment-paste-read').click();
    // 7.5% → 9.5%: +2.0 points, 1.96·√(0.075·0.925/2000 + 0.095·0.905/2000) = 1.72 points → 0.3 to 3.7
    await expect.poll(verdict).toBe('New page lifted conversion from 7.5% to 9.5% (+2.0 points, 95% CI 0.3 to 3.7).');
    expect(await words(page.getByTestId('experiment-import-rejects'))).toContain('Line 4 (Broken): Broken: visitors “-4” is not valid');
    await app.switchLanguage('zh');
    await expect.poll(verdict).toBe('New page 将转化率从 7.5% 提高到 9.5%（+2.0 个百分点，95% 置信区间 0.3 至 3.7）。');
    await app.switchLanguage('en');
  });

  it('takes the days from the dataset’s buying customers', async () => {
    const { page } = app;
    const result = await app.importIntoNewDataset([file], 'Rate check');
    await expect.poll(() => result.locator('[data-count="accepted"]').textContent(), { timeout: 30_000 }).toContain('11');
    await app.goto('actions');
    const sample = page.getByTestId('sample-size');
    await expect.poll(() => words(sample), { timeout: 30_000 }).toContain('the dataset’s rate, 0.1 a day (9 customers bought in its last 90 days)');
    // defaults 8% → 10%: 2,984 a group, 5,968 in all; 5968 ÷ 0.1 = 59,680 days
    expect(await words(page.getByTestId('sample-per-arm'))).toBe('2,984');
    expect(await words(page.getByTestId('sample-days'))).toBe('59,680');
    await page.getByTestId('sample-perDay').fill('40');
    // 5968 ÷ 40 = 149.2 → 150
    await expect.poll(() => words(page.getByTestId('sample-days'))).toBe('150');
    expect(app.foreign).toEqual([]);
  });
});
