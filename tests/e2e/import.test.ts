// Importing a GBK-encoded orders file with Chinese headers through the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { AppPage } from './page-model';

let app: AppPage;
let file: string;

// 6 rows: 4 good (one a return), 1 without customer id ("NA"), 1 with an impossible date.
const CSV = [
  '客户编号,订单编号,下单日期,金额,城市',
  '000123,SO1,2024/1/5,"1,200.00",上海',
  '000123,SO2,2024/3/1,300,上海',
  '000456,SO3,20240210,88.5,北京',
  '000456,SO4,2024/2/12,-20,北京',
  'NA,SO5,2024/2/13,10,广州',
  '000789,SO6,2024/2/30,10,深圳',
].join('\r\n') + '\r\n';

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'zh-CN' });
  app.recordRequests();
  file = await app.writeFile('订单导出.csv', iconv.encode(CSV, 'gbk'));
});

afterAll(async () => {
  await app?.close();
});

describe('import through the page', () => {
  it('previews the GBK file correctly decoded, with Chinese headers mapped', async () => {
    await app.openDemo();
    await app.goto('import'); // 导入
    await app.chooseFiles([file]); // waits for its card
    const card = app.page.locator('[data-file="订单导出.csv"]');
    expect(await card.count()).toBe(1);
    expect(await card.getByRole('combobox', { name: '编码' }).inputValue()).toBe('gb18030');
    expect(await card.locator('table.preview thead').textContent()).toContain('客户编号');
    expect(await card.locator('table.preview tbody').textContent()).toContain('上海');
    expect(await card.getByRole('combobox', { name: '客户编号', exact: true }).inputValue()).toBe('0');
    expect(await card.getByRole('combobox', { name: '日期', exact: true }).inputValue()).toBe('2');
  });

  it('imports into a new dataset and shows accepted, rejected and returns', async () => {
    await app.intoNewDataset('门店订单'); // 新数据集, 名称
    const result = await app.startImport(); // 开始导入
    await expect.poll(() => result.locator('[data-count="accepted"]').textContent(), { timeout: 30_000 }).toBe('已导入 4 行');
    expect(await result.locator('[data-count="rejected"]').textContent()).toBe('已拒绝 2 行');
    expect(await result.locator('[data-count="returns"]').textContent()).toBe('1 条退货');
    const rejects = await result.locator('tbody tr').allTextContents();
    expect(rejects[0]).toContain('6');
    expect(rejects[0]).toContain('NA');
    expect(rejects[0]).toContain('缺少客户编号');
    expect(rejects[1]).toContain('2024/2/30');
    expect(rejects[1]).toContain('日期无法识别');
  });

  it('downloads the rejected rows as a CSV that Excel opens in Chinese', async () => {
    const text = await app.downloadText(app.page.getByRole('button', { name: '下载被拒绝的行（CSV）' }));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // line, column and reason first, then the row as it was (every column), to fix and import again
    expect(text).toMatch(/^\uFEFF行号,列,原因,/);
    expect(text).toMatch(/\r\n6,客户编号,缺少客户编号,[^\r]*\bNA\b/);
  });

  it('keeps the imported data after a reload', async () => {
    const { page } = app;
    await page.reload();
    await expect.poll(() => page.getByRole('combobox', { name: '数据集' }).locator('option:checked').textContent(), { timeout: 30_000 }).toBe('门店订单');
    await app.goto('dashboard'); // 概览
    await app.expectCustomers('2');
    expect(await app.kpi('orders').textContent()).toBe('3');
    await app.goto('customers'); // 客户
    await page.getByRole('link', { name: '000123' }).click();
    await expect.poll(() => app.heading()).toContain('000123');
    expect(await page.locator('table.lines').textContent()).toContain('2024/01/05');
  });

  it('saved a snapshot of the segments at the import', async () => {
    const { page } = app;
    await app.goto('segments'); // 客户细分
    await page.getByRole('tab', { name: '快照与迁移' }).click();
    await expect.poll(() => page.getByTestId('snapshot-list').textContent(), { timeout: 20_000 }).toContain('订单导出.csv');
    expect(await page.getByTestId('snapshot-list').textContent()).toContain('导入时');
  });

  it('made no request to another origin', () => {
    expect(app.foreign).toEqual([]);
  });
});
