#!/usr/bin/env node
// Makes sure Debian's Chromium (/usr/bin/chromium) exists for the real-browser tests.
// Never downloads a Playwright browser: installs the Debian package when running as root.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

/** @param {string} cmd @returns {boolean} */
function hasCommand(cmd) {
  return ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].some((dir) => existsSync(`${dir}/${cmd}`));
}

/** @param {string[]} args @returns {boolean} */
function aptGet(args) {
  const r = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

if (existsSync(CHROMIUM)) {
  console.error(`ensure-chromium: using ${CHROMIUM}`);
  process.exit(0);
}

if (process.getuid?.() === 0 && hasCommand('apt-get')) {
  console.error('ensure-chromium: /usr/bin/chromium missing; installing Debian package "chromium"…');
  if (!aptGet(['update']) || !aptGet(['install', '-y', 'chromium']) || !existsSync(CHROMIUM)) {
    console.error('ensure-chromium: failed to install Chromium with `apt-get install -y chromium`');
    process.exit(1);
  }
  process.exit(0);
}

console.error("Real-browser tests need Debian's Chromium: run `sudo apt-get install -y chromium`");
process.exit(1);
