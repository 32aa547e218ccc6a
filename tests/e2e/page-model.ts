// A page model of the app for the e2e tests (in the style of Playwright's page object models):
// one tab of the app in Chromium, with what the tests share: launching on a fresh profile,
// recording requests and page errors, opening the demo, the main sections, and the few flows
// several tests walk through (forget a customer, import files into a new dataset, downloads).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, inject } from 'vitest';
import type { BrowserContext, Download, Locator, Page, Worker } from 'playwright-core';
import { launchBrowser, recordAllRequests, recordForeignRequests, relaunch, type LaunchedBrowser, type RecordedRequest } from './browser';

/** The main sections, as the tabs of the navigation name them. */
export type Section = 'dashboard' | 'customers' | 'segments' | 'value' | 'voice' | 'strategy' | 'actions' | 'report' | 'alerts' | 'import' | 'datasets';
export type Language = 'en' | 'zh';

/** How the navigation links read in each language (src/lib/i18n/locales, nav.*). */
const NAV: Record<Language, Record<Section, string | RegExp>> = {
  en: {
    dashboard: 'Dashboard',
    customers: 'Customers',
    segments: 'Segments',
    value: 'Value',
    voice: 'Voice',
    strategy: 'Strategy',
    actions: 'Actions',
    report: 'Report',
    alerts: /^Alerts/, // followed by the number of open alerts
    import: 'Import',
    datasets: 'Data & storage',
  },
  zh: {
    dashboard: '概览',
    customers: '客户',
    segments: '客户细分',
    value: '客户价值',
    voice: '客户声音',
    strategy: '客户战略',
    actions: '执行与监控',
    report: '战略报告',
    alerts: /^预警/,
    import: '导入',
    datasets: '数据与存储',
  },
};

/** The main navigation's label (nav.label). */
const NAV_LABEL: Record<Language, string> = { en: 'Main sections', zh: '主要栏目' };

/** Words of the import page that the flows below use. */
const IMPORT: Record<Language, { newDataset: string; name: string; start: string }> = {
  en: { newDataset: 'a new dataset', name: 'Name', start: 'Import' },
  zh: { newDataset: '新数据集', name: '名称', start: '开始导入' },
};

const SWITCH_LANGUAGE: Record<Language, string> = {
  zh: 'Switch the interface to Chinese',
  en: 'Switch the interface to English',
};

export interface LaunchOptions {
  /** Browser UI language (navigator.language): the app starts in Chinese for zh-*. Default en-US. */
  locale?: string;
  /** Where the app is served; default the e2e build (inject('baseUrl')). */
  baseUrl?: string;
}

/** What the tabs of one browser share. */
interface Shared {
  locale: string;
  baseUrl: string;
  pageErrors: string[];
  /** One list per recordForeignRequests() call: a relaunched browser records into a new one. */
  foreign: string[][] | undefined;
  /** The scratch folder of writeFile(), removed by close(). */
  dir?: string;
}

/** What a part of the page says, with its white space as one space. */
export const words = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

export class AppPage {
  /** The interface language the app is in, as far as this model switched it. */
  language: Language;

  private constructor(
    private browser: LaunchedBrowser,
    private tab: Page,
    private readonly shared: Shared,
    /** Launched the browser (close() closes it) rather than opened a tab in it. */
    private readonly owner: boolean,
  ) {
    this.language = shared.locale.startsWith('zh') ? 'zh' : 'en';
    this.watchErrors(tab);
  }

  /** Opens Chromium on a fresh profile, on its first tab (the app is not loaded yet: see openDemo). */
  static async launch({ locale = 'en-US', baseUrl = inject('baseUrl') }: LaunchOptions = {}): Promise<AppPage> {
    const browser = await launchBrowser({ locale });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    return new AppPage(browser, page, { locale, baseUrl, pageErrors: [], foreign: undefined }, true);
  }

  /** The app's URL (ends with '/'). */
  get baseUrl(): string {
    return this.shared.baseUrl;
  }

  /** Uncaught exceptions of the browser's pages so far (relaunch and newTab keep adding). */
  get pageErrors(): string[] {
    return this.shared.pageErrors;
  }

  /** Requests to another origin than the app's so far, once recordRequests() was called. */
  get foreign(): string[] {
    return (this.shared.foreign ?? []).flat();
  }

  get page(): Page {
    return this.tab;
  }

  get context(): BrowserContext {
    return this.browser.context;
  }

  /**
   * Starts recording requests to another origin than the app's: pages, workers, the service worker
   * and WebSockets, also after relaunch(). Read them from `foreign` (assert it stays []).
   */
  recordRequests(): void {
    if (this.shared.foreign) return;
    this.shared.foreign = [];
    this.recordForeign();
  }

  /** Records every request of the browser (pages, workers, service worker, WebSockets), live. */
  recordAllRequests(): RecordedRequest[] {
    return recordAllRequests(this.context);
  }

  private recordForeign(): void {
    this.shared.foreign?.push(recordForeignRequests(this.context, this.baseUrl));
  }

  private watchErrors(page: Page): void {
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  /** Another tab of the same browser (same profile, same records); close() closes only that tab. */
  async newTab(): Promise<AppPage> {
    const tab = new AppPage(this.browser, await this.context.newPage(), this.shared, false);
    tab.language = this.language; // the choice is the profile's, not the tab's
    return tab;
  }

  /** Closes the browser keeping its profile and opens it again ("reopen the browser"), on the app. */
  async relaunch(): Promise<void> {
    if (!this.owner) throw new Error('relaunch the tab that launched the browser');
    await this.browser.close({ keepUserDataDir: true });
    this.browser = await relaunch(this.browser.userDataDir, { locale: this.shared.locale });
    this.recordForeign();
    this.tab = this.context.pages()[0] ?? (await this.context.newPage());
    this.watchErrors(this.tab);
    await this.visit();
  }

  /** Closes the browser and deletes its profile and the scratch files (a tab from newTab(): closes the tab). */
  async close(): Promise<void> {
    if (!this.owner) {
      await this.tab.close().catch(() => undefined);
      return;
    }
    await this.browser.close();
    if (this.shared.dir) await rm(this.shared.dir, { recursive: true, force: true });
  }

  /** A path for a file of the test's (a download to keep…) in a scratch folder that close() removes. */
  async scratchPath(name: string): Promise<string> {
    this.shared.dir ??= await mkdtemp(path.join(tmpdir(), 'cswb-e2e-files-'));
    return path.join(this.shared.dir, name);
  }

  /** Writes a file for the test (to import, to restore…) into the scratch folder; returns its path. */
  async writeFile(name: string, content: string | Uint8Array): Promise<string> {
    const file = await this.scratchPath(name);
    await writeFile(file, content);
    return file;
  }

  // ── navigation ──────────────────────────────────────────────────────────────────────────────

  /** The URL of a hash route: url('customers/C000123') → …/#/customers/C000123; url() → the app. */
  url(route = ''): string {
    return route ? `${this.baseUrl}#/${route}` : this.baseUrl;
  }

  /** Loads the app at a hash route (see url()). */
  async visit(route = ''): Promise<void> {
    await this.tab.goto(this.url(route));
  }

  /** Loads the app and waits until the demo company (5,000 customers) is on the dashboard. */
  async openDemo({ timeout = 30_000 }: { timeout?: number } = {}): Promise<void> {
    await this.visit();
    await this.expectCustomers('5,000', timeout);
  }

  /** The navigation link of a section, in the current language. */
  navLink(section: Section): Locator {
    const name = NAV[this.language][section];
    // in the navigation: other links name sections too ("On the Voice page →")
    return this.tab.getByRole('navigation', { name: NAV_LABEL[this.language] }).getByRole('link', { name, exact: section === 'customers' ? true : undefined });
  }

  /** Goes to a section by clicking its link in the navigation. */
  async goto(section: Section): Promise<void> {
    await this.navLink(section).click();
  }

  /** Switches the interface language with the header button. */
  async switchLanguage(to: Language): Promise<void> {
    await this.tab.getByRole('button', { name: SWITCH_LANGUAGE[to] }).click();
    this.language = to;
  }

  // ── what the page shows ─────────────────────────────────────────────────────────────────────

  /** The value of a dashboard KPI card ('customers', 'orders', 'revenue', 'active', …). */
  kpi(id: string): Locator {
    return this.tab.locator(`[data-kpi="${id}"] .value`);
  }

  customers(): Promise<string | null> {
    return this.kpi('customers').textContent();
  }

  /** Waits until the customers KPI reads `text` (e.g. '5,000'). */
  async expectCustomers(text: string, timeout = 30_000): Promise<void> {
    await expect.poll(() => this.customers(), { timeout }).toBe(text);
  }

  /** The page's main heading. */
  heading(): Promise<string | null> {
    return this.tab.locator('h1').first().textContent();
  }

  /** The rows of Data & storage's dataset list. */
  datasets(): Locator {
    return this.tab.locator('[data-dataset]');
  }

  /** Bars drawn by vega in the page's charts (rect marks). */
  chartBars(): Promise<number> {
    return this.tab.locator('.chart-body svg .mark-rect path').count();
  }

  /** Charts drawn in the Value page's cohorts section. */
  cohortCharts(): Promise<number> {
    return this.tab.getByTestId('cohorts').locator('.chart-body svg, .chart-body canvas').count();
  }

  /** All status notices, joined with ' | '. */
  notices(): Promise<string> {
    return this.tab.getByRole('status').allTextContents().then((t) => t.join(' | '));
  }

  /** Whether a service worker controls the page (it has precached the app). */
  serviceWorkerControls(): Promise<boolean> {
    return this.tab.evaluate(() => navigator.serviceWorker.controller !== null);
  }

  /** The engine's worker, if it runs. */
  engineWorker(): Worker | undefined {
    return this.tab.workers().find((w) => w.url().includes('engine'));
  }

  // ── customers ───────────────────────────────────────────────────────────────────────────────

  /** The customers table's count line ('5,000 customers', '1 of 5,000 customers'). */
  customerCount(): Promise<string | null> {
    return this.tab.getByTestId('customer-count').textContent();
  }

  async searchCustomers(text: string): Promise<void> {
    await this.tab.getByRole('searchbox', { name: 'Search customers' }).fill(text);
  }

  /**
   * On a customer's page: forgets the customer after confirming, and waits for the notice.
   * `notice` 'first' checks the first status line, 'any' all of them.
   */
  async forgetCustomer(id: string, { notice = 'first' }: { notice?: 'first' | 'any' } = {}): Promise<void> {
    await this.tab.getByRole('button', { name: 'Forget this customer' }).click();
    await this.tab.getByRole('dialog').getByRole('button', { name: 'Forget this customer' }).click();
    const text = notice === 'first' ? () => this.tab.getByRole('status').first().textContent() : () => this.notices();
    await expect.poll(text, { timeout: 20_000 }).toContain(`${id} was forgotten`);
  }

  // ── import ──────────────────────────────────────────────────────────────────────────────────

  /** On the import page: chooses files and waits until each has its card. */
  async chooseFiles(files: string[]): Promise<void> {
    await this.tab.getByTestId('file-input').setInputFiles(files);
    for (const file of files) await expect.poll(() => this.tab.locator(`[data-file="${path.basename(file)}"]`).count()).toBe(1);
  }

  /** On the import page, files chosen: targets a new dataset called `name`. */
  async intoNewDataset(name: string): Promise<void> {
    await this.tab.getByRole('radio', { name: IMPORT[this.language].newDataset }).check();
    await this.tab.getByRole('textbox', { name: IMPORT[this.language].name }).fill(name);
  }

  /** Starts the import; returns the result box (poll it: the import runs in the worker). */
  async startImport(): Promise<Locator> {
    await this.tab.getByRole('button', { name: IMPORT[this.language].start, exact: true }).click();
    return this.tab.getByTestId('import-result');
  }

  /** The whole flow: the import page, the files, a new dataset `name`, and the import started. */
  async importIntoNewDataset(files: string[], name: string): Promise<Locator> {
    await this.goto('import');
    await this.chooseFiles(files);
    await this.intoNewDataset(name);
    return this.startImport();
  }

  // ── downloads ───────────────────────────────────────────────────────────────────────────────

  /** Clicks `trigger` and returns the download it starts. */
  async download(trigger: Locator, { timeout }: { timeout?: number } = {}): Promise<Download> {
    const [download] = await Promise.all([this.tab.waitForEvent('download', { timeout }), trigger.click()]);
    return download;
  }

  /** Clicks `trigger` and returns the downloaded file's text (UTF-8, BOM kept). */
  async downloadText(trigger: Locator): Promise<string> {
    const download = await this.download(trigger);
    return readFile((await download.path())!, 'utf8');
  }
}
