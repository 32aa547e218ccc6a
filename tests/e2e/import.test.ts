// Importing a GBK-encoded orders file with Chinese headers through the page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { launchBrowser, recordForeignRequests, type LaunchedBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: LaunchedBrowser;
let page: Page;
let foreign: string[];
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
  const dir = await mkdtemp(path.join(tmpdir(), 'cswb-import-'));
  file = path.join(dir, '订单导出.csv');
  await writeFile(file, iconv.encode(CSV, 'gbk'));
  browser = await launchBrowser({ locale: 'zh-CN' });
  foreign = recordForeignRequests(browser.context, baseUrl);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

describe('import through the page', () => {
  it('previews the GBK file correctly decoded, with Chinese headers mapped', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('5,000');
    await page.getByRole('link', { name: '导入' }).click();
    await page.getByTestId('file-input').setInputFiles(file);
    const card = page.locator('[data-file="订单导出.csv"]');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByRole('combobox', { name: '编码' }).inputValue()).toBe('gb18030');
    expect(await card.locator('table.preview thead').textContent()).toContain('客户编号');
    expect(await card.locator('table.preview tbody').textContent()).toContain('上海');
    expect(await card.getByRole('combobox', { name: '客户编号', exact: true }).inputValue()).toBe('0');
    expect(await card.getByRole('combobox', { name: '日期', exact: true }).inputValue()).toBe('2');
  });

  it('imports into a new dataset and shows accepted, rejected and returns', async () => {
    await page.getByRole('radio', { name: '新数据集' }).check();
    await page.getByRole('textbox', { name: '名称' }).fill('门店订单');
    await page.getByRole('button', { name: '开始导入' }).click();
    const result = page.getByTestId('import-result');
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
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载被拒绝的行（CSV）' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('行号,列,值,原因');
    expect(text).toContain('6,客户编号,NA,缺少客户编号');
  });

  it('keeps the imported data after a reload', async () => {
    await page.reload();
    await expect.poll(() => page.getByRole('combobox', { name: '数据集' }).locator('option:checked').textContent(), { timeout: 30_000 }).toBe('门店订单');
    await page.getByRole('link', { name: '概览' }).click();
    await expect.poll(() => page.locator('[data-kpi="customers"] .value').textContent(), { timeout: 30_000 }).toBe('2');
    expect(await page.locator('[data-kpi="orders"] .value').textContent()).toBe('3');
    await page.getByRole('link', { name: '客户', exact: true }).click();
    await page.getByRole('link', { name: '000123' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('000123');
    expect(await page.locator('table.lines').textContent()).toContain('2024/01/05');
  });

  it('saved a snapshot of the segments at the import', async () => {
    await page.getByRole('link', { name: '客户细分' }).click();
    await page.getByRole('tab', { name: '快照与迁移' }).click();
    await expect.poll(() => page.getByTestId('snapshot-list').textContent(), { timeout: 20_000 }).toContain('订单导出.csv');
    expect(await page.getByTestId('snapshot-list').textContent()).toContain('导入时');
  });

  it('made no request to another origin', () => {
    expect(foreign).toEqual([]);
  });
});
