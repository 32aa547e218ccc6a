// Voice of the customer in a real browser: open Voice on the demo and see NPS by segment with
// intervals, the charts drawn, the two-segment comparison and the high-value detractors' export,
// in English and in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, words } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

describe('voice of the customer', () => {
  it('opens on the demo with NPS and CSAT overall and by RFM segment, each with its 95% CI and answers', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('voice');
    const table = page.getByTestId('voice-groups');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await words(page.getByTestId('voice-nps'))).toMatch(/^Net Promoter Score \(NPS\) -?\d+ 95% CI -?\d+(–| to )-?\d+ [\d,]+ answers/);
    expect(await words(page.getByTestId('voice-csat'))).toMatch(/^Customer satisfaction \(CSAT\) \d+% 95% CI \d+%–\d+% [\d,]+ answers/);
    const champions = table.locator('tbody tr').filter({ hasText: 'Champions' });
    const cells = (await champions.locator('th, td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 7)).toEqual([
      'Champions', expect.stringMatching(/^-?\d+$/), expect.stringMatching(/^-?\d+(–| to )-?\d+$/), expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+%$/), expect.stringMatching(/^\d+%–\d+%$/), expect.stringMatching(/^\d+$/),
    ]);
    expect(await table.locator('thead').textContent()).toContain('95% CI');
    // the charts are drawn (stacked bars, two trends, tiers, the comparison)
    await expect.poll(() => page.locator('[data-testid^="voice-"] .chart-body svg').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    expect(await words(page.getByTestId('voice-comparison'))).toMatch(/Champions’ NPS is \d+ points (higher|lower) than .+, 95% CI -?\d+(–| to )-?\d+\./);
    expect(await page.getByTestId('voice-method').textContent()).toContain('adjusted Wald');
    expect(await page.locator('body').textContent()).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('shows the figures by another grouping picked by keyboard, and exports the high-value detractors', async () => {
    const { page } = app;
    const select = page.getByTestId('voice-grouping');
    await select.focus();
    await page.keyboard.press('ArrowDown'); // RFM segments → value tiers
    const table = page.getByTestId('voice-groups');
    await expect.poll(() => table.locator('tbody th').allTextContents()).toEqual(['High value', 'Medium value', 'Low value']);
    const csv = await app.downloadText(page.getByRole('button', { name: /^Export these \d+ customers \(CSV\)$/ }));
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toContain('Latest NPS');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toMatch(/^C\d+,/);
    // the SERVQUAL questionnaire: 22 statements and the answer template
    expect(await page.getByTestId('voice-q-item').count()).toBe(22);
    const template = (await app.downloadText(page.getByRole('button', { name: 'Download the answer template (CSV)' }))).trim().split(/\r\n/);
    expect(template[0]).toBe('customer_id,date,item,dimension,expectation,perception');
    expect(template.slice(1).map((l) => l.split(',')[2])).toEqual(Array.from({ length: 22 }, (_, i) => String(i + 1)));
  });

  it('words it in Chinese: 净推荐值 NPS and 满意度 CSAT with “95% 置信区间”', async () => {
    const { page } = app;
    await app.switchLanguage('zh');
    await app.goto('voice');
    await page.getByTestId('voice-grouping').selectOption('rfm');
    const table = page.getByTestId('voice-groups');
    await expect.poll(() => table.locator('tbody tr').filter({ hasText: '冠军客户' }).count()).toBe(1);
    expect(await page.getByTestId('voice-nps').textContent()).toContain('净推荐值 NPS');
    expect(await words(page.getByTestId('voice-nps'))).toMatch(/95% 置信区间 -?\d+(–| 至 )-?\d+/);
    expect(await page.getByTestId('voice-csat').textContent()).toContain('满意度 CSAT');
    expect(await table.locator('thead').textContent()).toContain('95% 置信区间');
    expect(await words(page.getByTestId('voice-comparison'))).toMatch(/冠军客户的 NPS 比.+(高|低) \d+ 分，95% 置信区间/);
    expect(await page.getByTestId('voice-questionnaire').textContent()).toContain('有形性（题项 1–4）');
    expect(await page.getByTestId('voice-q-item').first().textContent()).toContain('公司拥有现代化的设备。');
  });

  it('made no request to another origin, and no page error', () => {
    expect(app.foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
