// The rule builder in a real browser: a text field offers the values the demo data holds, with
// counts, typing narrows them, the keyboard picks one, and "contains" finds part of a value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
  app.recordRequests();
});

afterAll(async () => {
  await app?.close();
});

const ruleSize = async () => Number((await app.page.getByTestId('rule-size').textContent())!.split(' ')[0].replace(/,/g, ''));

describe('rule segment values', () => {
  it('offers the cities of the data with their customers, and picks one with the keyboard', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('segments');
    await page.getByRole('tab', { name: 'Rule segment' }).click();
    await expect.poll(() => page.getByTestId('rule-size').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Remove condition' }).click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    const box = page.getByRole('combobox', { name: 'Value' });
    await box.click();
    const list = page.getByRole('listbox', { name: 'Values of City in the data, with customers' });
    await expect.poll(() => list.getByRole('option').count()).toBe(15); // the demo's 15 cities
    const options = await list.getByRole('option').allInnerTexts();
    expect(options[0]).toMatch(/^Shanghai\s+[\d,]+$/);
    const counts = options.map((o) => Number(o.split(/\s+/).at(-1)!.replace(/,/g, '')));
    expect(counts).toEqual([...counts].sort((a, b) => b - a)); // most common first
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5_000);

    await box.pressSequentially('ＳＨＡＮ'); // full-width, upper case
    await expect.poll(() => list.getByRole('option').allInnerTexts()).toEqual([options[0]]);
    await box.press('ArrowDown');
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Shanghai');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(ruleSize).toBe(counts[0]);

    // "contains" with a part of the name, in another case
    await page.getByRole('combobox', { name: 'Condition' }).selectOption('contains');
    await box.fill('ANGH');
    await expect.poll(ruleSize).toBe(counts[0]);
    expect(app.foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('picks gender by its name in the interface language, with counts', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Field' }).selectOption('gender');
    const gender = page.getByRole('combobox', { name: 'Value' });
    await expect.poll(async () => (await gender.locator('option').allInnerTexts()).map((t) => t.replace(/[\d,]+/, 'n'))).toEqual(['Female (n)', 'Male (n)']);
    const female = Number((await gender.locator('option').first().innerText()).replace(/\D/g, ''));
    await expect.poll(ruleSize).toBe(female);
    await app.switchLanguage('zh');
    await expect.poll(() => page.getByRole('combobox', { name: '值' }).locator('option').allInnerTexts()).toEqual([
      expect.stringMatching(/^女（[\d,]+）$/), expect.stringMatching(/^男（[\d,]+）$/),
    ]);
    await app.switchLanguage('en');
  });
});
