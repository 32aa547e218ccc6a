// The Report page (战略报告) on the demo company: build the report, download it as HTML (one
// self-contained file), print it to PDF and find every chosen section and the page numbers.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from './page-model';

const PDFTOTEXT = '/usr/bin/pdftotext';
/** Screenshots of the page and of the PDF's first pages go here when set (for a person to look at). */
const SHOTS = process.env.REPORT_SHOTS_DIR;

/** pdftotext (Debian package poppler-utils): installed when missing and running as root, else a one-line instruction. */
function ensurePdftotext(): void {
  if (existsSync(PDFTOTEXT)) return;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', 'poppler-utils'], { stdio: 'inherit', env });
  }
  if (!existsSync(PDFTOTEXT)) throw new Error('The report test reads the PDF with pdftotext: run `sudo apt-get install -y poppler-utils`');
}

/** The PDF's text, pages separated by form feeds. */
function pdfText(file: string): string[] {
  const r = spawnSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.split('\f');
}

let app: AppPage;

beforeAll(async () => {
  ensurePdftotext();
  app = await AppPage.launch({ locale: 'en-US' });
  if (SHOTS) await mkdir(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const EN_SECTIONS = ['Summary KPIs', 'Customer segments', 'Voice of the customer', 'Portfolio and budget'];
const ZH_SECTIONS = ['核心指标', '客户细分', '客户声音', '客户组合与预算分配'];

async function buildAndPrint(language: 'en' | 'zh', sections: string[]): Promise<void> {
  const { page } = app;
  const started = Date.now();
  await page.getByTestId('report-build').click();
  await expect.poll(() => page.getByTestId('report-ready').count(), { timeout: 60_000 }).toBe(1);
  const seconds = (Date.now() - started) / 1000;
  console.log(`report (${language}) built in ${seconds.toFixed(1)} s`);
  const preview = page.getByTestId('report-preview');
  for (const title of sections) await expect.poll(() => preview.getByRole('heading', { name: title, level: 2 }).count()).toBe(1);
  // the demo has no actions: the section is left out and the page says why
  await expect.poll(() => page.getByTestId('report-left-out').locator('[data-section="actions"]').count()).toBe(1);
  // charts are images
  expect(await preview.locator('img').count()).toBeGreaterThanOrEqual(3);
  if (SHOTS) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `page-${language}.png`) });
  }

  // print: just the document
  await page.emulateMedia({ media: 'print' });
  expect(await preview.isVisible()).toBe(true);
  for (const hidden of [page.getByRole('navigation', { name: language === 'en' ? 'Main sections' : '主要栏目' }), page.getByTestId('report-build'), page.locator('header.top')]) {
    expect(await hidden.isVisible()).toBe(false);
  }
  const pdf = await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const file = await app.writeFile(`report-${language}.pdf`, pdf);
  if (SHOTS) await writeFile(path.join(SHOTS, `report-${language}.pdf`), pdf);
  const pages = pdfText(file).filter((p) => p.trim() !== '');
  expect(pages.length).toBeGreaterThanOrEqual(sections.length + 1);
  const text = pages.join('\n');
  for (const title of sections) expect(text).toContain(title);
  // each section starts a page: its heading is on a page of its own start
  for (const title of sections) expect(pages.some((p) => p.trimStart().startsWith(title))).toBe(true);
  // page numbers at the foot of the pages after the cover
  for (let n = 2; n <= pages.length; n++) expect(pages[n - 1]).toMatch(new RegExp(`(^|\\n)\\s*${n}\\s*$`));
  // none on the cover
  expect(pages[0]).not.toMatch(/\n\s*1\s*$/);
  // the cover: the dataset, and masking in words
  expect(pages[0]).toContain(language === 'en' ? 'Dataset:' : '数据集：');
}

describe('the Report page', () => {
  it('builds the demo report, downloads it as HTML and prints it to PDF with every section and page numbers', async () => {
    const { page } = app;
    await app.openDemo();
    await app.goto('report');
    await expect.poll(() => page.getByRole('heading', { name: 'Report', level: 1 }).count()).toBe(1);
    expect(await page.getByTestId('report-mask').getAttribute('data-mask')).toBe('off');
    await buildAndPrint('en', EN_SECTIONS);

    // HTML: one self-contained file, no script, no URL to any origin
    const download = await app.download(page.getByTestId('report-html'));
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    for (const title of EN_SECTIONS) expect(html).toContain(title);
    expect(html).toContain('data:image/png;base64,');

    // Markdown: a zip
    const zip = await app.download(page.getByTestId('report-zip'));
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = await readFile((await zip.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // in Chinese, masked
    await app.switchLanguage('zh');
    await page.getByRole('button', { name: '遮蔽个人信息' }).click();
    expect(await page.getByTestId('report-stale').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: '战略报告', level: 1 }).count()).toBe(1);
    expect(await page.getByTestId('report-mask').getAttribute('data-mask')).toBe('on');
    await buildAndPrint('zh', ZH_SECTIONS);
    expect(await page.getByTestId('report-preview').textContent()).toContain('个人信息已遮蔽');
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
