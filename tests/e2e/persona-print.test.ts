// Printing a persona prints the persona card alone, on one A4 page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

let app: AppPage;

beforeAll(async () => {
  app = await AppPage.launch({ locale: 'en-US' });
});

afterAll(async () => {
  await app?.close();
});

describe('printing a persona', () => {
  it('prints the card alone on one A4 page', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('segments');
    await page.getByRole('button', { name: 'Open persona of Champions' }).click();
    await expect.poll(() => page.getByTestId('persona').count(), { timeout: 20_000 }).toBe(1);
    // the print dialog is the browser's: stand in for it, and keep the page as printing leaves it
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Print persona' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('persona').isVisible()).toBe(true);
    for (const hidden of [page.getByRole('heading', { level: 1 }), page.getByRole('navigation', { name: 'Main sections' }), page.getByTestId('segment-table')]) {
      expect(await hidden.isVisible()).toBe(false);
    }
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
    // afterwards the page prints as a whole again
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});
