// Feedback and complaints in a real browser: open Voice on the demo, see NPS by segment with its
// 95% CI, see the open-complaints queue, resolve the first complaint with a note (by keyboard),
// reload the page and find it resolved — out of the queue, listed with its note; undo another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage, words } from './page-model';

let app: AppPage;
const NOTE = 'Called back, replacement sent';

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

/** The entry ids in the queue, in order. */
const queueIds = () => app.page.getByTestId('complaints-queue').locator('tbody tr[data-entry]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entry')));

describe('feedback and complaints', () => {
  let first = '';

  it('opens Voice on the demo with NPS by segment and its 95% CI, and the open-complaints queue', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('voice');
    const groups = page.getByTestId('voice-groups');
    await expect.poll(() => groups.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await groups.locator('thead').textContent()).toContain('95% CI');

    const section = page.getByTestId('complaints-section');
    expect(await section.locator('h2').first().textContent()).toBe('Feedback and complaints');
    const queue = page.getByTestId('complaints-queue');
    await expect.poll(() => queue.locator('tbody tr[data-entry]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await words(page.getByTestId('complaints-rule'))).toMatch(/^Priority = customer value × days waiting × severity weight/);
    expect(await words(page.getByTestId('complaints-open'))).toMatch(/^Open complaints \d[\d,]*/);
    expect(await words(page.getByTestId('complaints-rate'))).toMatch(/^Complaint rate \d+\.\d%/);
    expect(await page.getByTestId('complaints-groups').locator('tbody tr').count()).toBeGreaterThan(3);
    // the topics and months charts are drawn
    await expect.poll(() => page.locator('[data-testid="complaints-topics"] svg, [data-testid="complaints-months"] svg').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await section.textContent()).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('resolves the first complaint with a note, by keyboard: it leaves the queue and shows among the resolved', async () => {
    const { page } = app;
    first = (await queueIds())[0]!;
    const before = Number((await page.getByTestId('complaints-open').locator('strong').textContent())!.replace(/,/g, ''));
    await page.locator(`[data-resolve="${first}"]`).focus();
    await page.keyboard.press('Enter');
    const date = page.getByTestId('complaints-resolve-date');
    await expect.poll(() => date.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await date.inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/);
    // the date field's own parts take Tab in Chromium: go to the note directly, then save with Enter
    await page.getByTestId('complaints-resolve-note').focus();
    await page.keyboard.type(NOTE);
    await page.getByTestId('complaints-resolve-save').focus();
    await page.keyboard.press('Enter'); // "Save as resolved"
    await expect.poll(() => queueIds(), { timeout: 20_000 }).not.toContain(first);
    expect(await words(page.getByRole('status').filter({ hasText: 'marked resolved' }))).toContain(`Complaint ${first} of`);
    await expect.poll(async () => Number((await page.getByTestId('complaints-open').locator('strong').textContent())!.replace(/,/g, ''))).toBe(before - 1);
    const row = page.getByTestId('complaints-resolved').locator(`tr[data-entry="${first}"]`);
    expect(await row.textContent()).toContain(NOTE);
  });

  it('finds it resolved, with its note, after a reload', async () => {
    const { page } = app;
    await page.reload();
    await app.goto('voice');
    const queue = page.getByTestId('complaints-queue');
    await expect.poll(() => queue.locator('tbody tr[data-entry]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await queueIds()).not.toContain(first);
    const row = page.getByTestId('complaints-resolved').locator(`tr[data-entry="${first}"]`);
    await expect.poll(() => row.textContent()).toContain(NOTE);
  });

  it('undoes a resolve right after it: the complaint is back in the queue', async () => {
    const { page } = app;
    const second = (await queueIds())[0]!;
    await page.locator(`[data-resolve="${second}"]`).click();
    await page.getByTestId('complaints-resolve-save').click();
    await expect.poll(() => queueIds(), { timeout: 20_000 }).not.toContain(second);
    await page.getByTestId('complaints-undo').click();
    await expect.poll(() => queueIds(), { timeout: 20_000 }).toContain(second);
    expect((await queueIds())[0]).toBe(second);
  });

  it('remembers the service level for the dataset across a reload', async () => {
    const { page } = app;
    const sla = page.getByTestId('complaints-sla');
    await sla.fill('72');
    await sla.press('Enter');
    await expect.poll(() => words(page.getByTestId('complaints-sla-card'))).toMatch(/^Resolved within 72 h/);
    await page.reload();
    await app.goto('voice');
    await expect.poll(() => words(page.getByTestId('complaints-sla-card')), { timeout: 30_000 }).toMatch(/^Resolved within 72 h/);
    expect(await page.getByTestId('complaints-sla').inputValue()).toBe('72');
  });

  it('made no request to another origin, and no page error', () => {
    expect(app.foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
