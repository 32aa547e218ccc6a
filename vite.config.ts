import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Writes sw.js next to index.html at build time: the service worker template with this build's
 * version and the list of files to precache, so the app works offline after the first visit.
 */
function serviceWorker(): Plugin {
  return {
    name: 'cswb-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map')).sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./src/sw/service-worker.js', import.meta.url), 'utf8');
      const assets = ['index.html', 'favicon.svg', ...files.filter((f) => f !== 'index.html')].map((f) => `./${f}`);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template.replace('= __VERSION__;', `= ${JSON.stringify(version)};`).replace('= __ASSETS__;', `= ${JSON.stringify(assets)};`),
      });
    },
  };
}

// base './' lets the built folder be served from any sub-path by any static server.
/** Identifies this build, so the app can tell the user when a new version was loaded. */
const BUILD = JSON.stringify(new Date().toISOString());

export default defineConfig({
  base: './',
  define: { __APP_BUILD__: BUILD },
  plugins: [svelte({ configFile: false }), serviceWorker()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    reporters: ['default', './tests/scripts/plain-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/lint/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/db/setup.ts'],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
