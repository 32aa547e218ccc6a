#!/usr/bin/env node
// Minimal static file server (node:http only) used by the real-browser tests.
// CLI: node tests/scripts/static-server.mjs <root> [basePath] [port]
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** @type {Record<string, string>} */
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * @typedef {Record<string, string> | ((relPath: string) => Record<string, string>)} ExtraHeaders
 *   Extra response headers for served files (e.g. Content-Security-Policy), or a function of the
 *   file's path relative to root ('index.html', 'assets/x.js') returning them.
 * @typedef {{ root: string, basePath?: string, port?: number, host?: string, headers?: ExtraHeaders }} StaticServerOptions
 * @typedef {{ url: string, port: number, close(): Promise<void> }} StaticServer
 */

/**
 * Serve the files under `root` at `basePath` (e.g. '/cswb/app/').
 * @param {StaticServerOptions} options
 * @returns {Promise<StaticServer>}
 */
export async function startStaticServer({ root, basePath = '/', port = 0, host = '127.0.0.1', headers }) {
  const rootDir = path.resolve(root);
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

  /** @param {http.ServerResponse} res @param {number} status @param {string} msg */
  const fail = (res, status, msg) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(msg);
  };

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'Method Not Allowed');
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (`${pathname}/` === base) {
        res.writeHead(301, { Location: base, 'Cache-Control': 'no-store' });
        return res.end();
      }
      if (!pathname.startsWith(base)) return fail(res, 404, 'Not Found');

      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(base.length));
      } catch {
        return fail(res, 400, 'Bad Request');
      }
      if (rel.includes('\0')) return fail(res, 400, 'Bad Request');
      let file = path.resolve(rootDir, rel);
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return fail(res, 404, 'Not Found');

      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return fail(res, 404, 'Not Found');

      const extra = typeof headers === 'function' ? headers(path.relative(rootDir, file).split(path.sep).join('/')) : headers;
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...extra,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      if (!res.headersSent) fail(res, 500, 'Internal Server Error');
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${hostForUrl}:${actualPort}${base}`,
    port: actualPort,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [root, basePath = '/', port = '0'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node tests/scripts/static-server.mjs <root> [basePath] [port]');
    process.exit(2);
  }
  const { url } = await startStaticServer({ root, basePath, port: Number(port) });
  console.log(url);
}
