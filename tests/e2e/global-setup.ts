// Vitest globalSetup for the 'e2e' project: builds the app once, serves it under
// /cswb/app/ (a sub-path, like production) and provides the URL as inject('baseUrl').
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../scripts/static-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// E2E_OUT_DIR lets parallel runs (several checkouts or sessions) build into their own folder
// (relative to the project root, or absolute).
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'tests/.tmp/e2e-dist';
const BASE_PATH = '/cswb/app/';

function buildApp(): Promise<void> {
  // A clean production build: drop Vitest's NODE_ENV=test / VITEST flags from the child.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const key of Object.keys(env)) if (key === 'TEST' || key.startsWith('VITEST')) delete env[key];

  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      process.stderr.write(output);
      reject(new Error(`e2e: \`npx vite build --outDir ${OUT_DIR}\` failed with exit code ${code}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // E2E_SKIP_BUILD=1 reuses the previous build in tests/.tmp/e2e-dist (faster test iteration).
  if (!process.env.E2E_SKIP_BUILD) await buildApp();
  const server = await startStaticServer({ root: path.resolve(ROOT, OUT_DIR), basePath: BASE_PATH });
  project.provide('baseUrl', server.url);
  return () => server.close();
}
