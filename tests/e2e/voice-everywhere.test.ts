// Voice figures where people look for them, in a real browser on the demo: the dashboard's NPS and
// CSAT cards with their 95% CI, the segment table's and the persona's NPS, CSAT and complaint rate,
// and a customer's survey answers and interactions — in English and in Chinese.
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

describe('voice everywhere', () => {
  it('the dashboard shows NPS and CSAT cards with their 95% CI and answers, linking to the Voice page', async () => {
    const { page } = app;
    await app.openDemo();
    const nps = page.locator('[data-kpi="nps"]');
    await nps.waitFor({ timeout: 30_000 });
    expect(await words(nps)).toMatch(/^Net Promoter Score -?\d+ 95% CI -?\d+(–| to )-?\d+ [\d,]+ answers On the Voice page →$/);
    expect(await words(page.locator('[data-kpi="csat"]'))).toMatch(/^Satisfaction \(CSAT\) \d+% 95% CI \d+%–\d+% [\d,]+ answers/);
    // beside the other KPI cards
    expect(await nps.locator('xpath=..').locator('[data-kpi="revenue"]').count()).toBe(1);
    await nps.getByRole('link').click();
    await expect.poll(() => page.getByTestId('voice-groups').locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(5);
  });

  it('the segment table and the persona carry each segment’s NPS, CSAT and complaint rate', async () => {
    const { page } = app;
    await app.goto('segments');
    const champions = page.locator('[data-segment="champions"]');
    await champions.waitFor({ timeout: 30_000 });
    expect(await words(champions.locator('[data-voice="nps"]'))).toMatch(/^-?\d+ -?\d+(–| to )-?\d+$/);
    expect(await words(champions.locator('[data-voice="answers"]'))).toMatch(/^\d+$/);
    expect(await words(champions.locator('[data-voice="csat"]'))).toMatch(/^\d+% \d+%–\d+%$/);
    expect(await words(champions.locator('[data-voice="complaint-rate"]'))).toMatch(/^\d+\.\d% \d+(\.\d)?$/);
    await champions.getByRole('button').click();
    const persona = page.getByTestId('persona').first();
    await persona.waitFor();
    expect(await words(persona.getByTestId('persona-nps'))).toMatch(/^Net Promoter Score \(NPS\) -?\d+ 95% CI -?\d+(–| to )-?\d+ · [\d,]+ answers$/);
    expect(await words(persona.getByTestId('persona-complaints'))).toMatch(/[\d,]+ of [\d,]+ customers complained at least once · [\d.]+ complaints per 1,000 orders/);
  });

  it('a customer’s page lists their survey answers and interactions, newest first', async () => {
    const { page } = app;
    await app.goto('voice');
    // a high-value detractor has answered at least once
    const link = page.getByTestId('voice-detractors').getByRole('link').first();
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    const surveys = page.getByTestId('surveys');
    await surveys.waitFor({ timeout: 30_000 });
    const rows = await surveys.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.join(' ')).toMatch(/\d · detractor/);
    const dates = await surveys.locator('tbody tr td:first-child').allTextContents();
    const days = dates.filter((d) => d !== '—').map((d) => Date.parse(d));
    expect(days).toEqual([...days].sort((a, b) => b - a));
    // interactions, or the words that say there are none
    expect(await page.getByTestId('interactions').count() + await page.getByTestId('no-interactions').count()).toBe(1);
  });

  it('words it in Chinese: 净推荐值 NPS and 满意度 CSAT with “95% 置信区间”', async () => {
    const { page } = app;
    await app.switchLanguage('zh');
    await app.goto('dashboard');
    const nps = page.locator('[data-kpi="nps"]');
    await nps.waitFor({ timeout: 30_000 });
    expect(await words(nps)).toMatch(/^净推荐值 NPS -?\d+ 95% 置信区间 -?\d+(–| 至 )-?\d+ [\d,]+ 条回答/);
    expect(await words(page.locator('[data-kpi="csat"]'))).toMatch(/^满意度 CSAT \d+% 95% 置信区间/);
    await app.goto('segments');
    const head = page.getByTestId('segment-table').locator('thead');
    await expect.poll(() => head.textContent(), { timeout: 30_000 }).toContain('投诉率');
    expect(await head.textContent()).toContain('95% 置信区间');
  });

  it('made no request to another origin, and no page error', () => {
    expect(app.foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
