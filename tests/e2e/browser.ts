// Real-browser helpers: Debian's Chromium via playwright-core, with a persistent
// profile (so IndexedDB/OPFS survive reloads and a relaunch on the same directory).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Request, type WebSocket } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LaunchOptions {
  /** Browser UI language (navigator.language); fixed so runs don't depend on the machine's LANG. */
  locale?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDir: string;
  /** Closes the browser and deletes the profile unless `keepUserDataDir` (for relaunch tests). */
  close(options?: { keepUserDataDir?: boolean }): Promise<void>;
}

/** Opens Chromium on an existing profile directory ("reopen the browser"). */
export async function relaunch(
  userDataDir: string,
  { locale = 'en-US' }: LaunchOptions = {},
): Promise<LaunchedBrowser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
  });
  return {
    context,
    userDataDir,
    async close({ keepUserDataDir = false } = {}) {
      await context.close().catch(() => undefined);
      if (!keepUserDataDir) await rm(userDataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** Launches Chromium on a fresh temporary profile. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'cswb-e2e-'));
  try {
    return await relaunch(userDataDir, options);
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

const IGNORED_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome-extension:', 'devtools:']);

/**
 * Collects (live) every request URL whose origin differs from `allowedOrigin`:
 * page, worker and service-worker requests plus WebSockets. Assert it stays [].
 */
export function recordForeignRequests(context: BrowserContext, allowedOrigin: string): string[] {
  const allowed = new URL(allowedOrigin).origin;
  const foreign: string[] = [];
  const check = (url: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      foreign.push(url);
      return;
    }
    if (!IGNORED_SCHEMES.has(parsed.protocol) && parsed.origin !== allowed) foreign.push(url);
  };
  // Context-level 'request' covers all pages, dedicated/shared workers and service workers.
  context.on('request', (request: Request) => check(request.url()));
  const watchSockets = (page: { on(event: 'websocket', cb: (ws: WebSocket) => void): unknown }) =>
    page.on('websocket', (ws) => check(ws.url()));
  context.pages().forEach(watchSockets);
  context.on('page', watchSockets);
  return foreign;
}

export interface RecordedRequest {
  url: string;
  resourceType: string;
  /** Made by a service worker (its precache fetches and the fetches it forwards). */
  fromServiceWorker: boolean;
}

/**
 * Records (live) every request of the context, whatever its origin: pages, dedicated workers and
 * service workers (Chromium reports them all at the context level), plus WebSockets (resourceType
 * 'websocket'). For tests that want to look at the whole list, not only at foreign requests.
 */
export function recordAllRequests(context: BrowserContext): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  context.on('request', (request: Request) =>
    requests.push({ url: request.url(), resourceType: request.resourceType(), fromServiceWorker: request.serviceWorker() !== null }),
  );
  const watchSockets = (page: { on(event: 'websocket', cb: (ws: WebSocket) => void): unknown }) =>
    page.on('websocket', (ws) => requests.push({ url: ws.url(), resourceType: 'websocket', fromServiceWorker: false }));
  context.pages().forEach(watchSockets);
  context.on('page', watchSockets);
  return requests;
}

/** The origin a request URL belongs to (a blob: URL belongs to the origin that made it). */
export function requestOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'unparsable';
  }
}
