// Playwright runs the browser tests against the release build in `dist/`,
// served from a deep sub-path, in Debian's Chromium (no browser download).
import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';
import { DIST } from './tests/e2e/dist.mjs';

const chromium = process.env.CHROMIUM_PATH || execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8' }).trim();
export const BASE_PATH = '/some/deep/path/';
// COUNTERPART_DIST / COUNTERPART_PORT run the suite against another build
// (a worktree's own dist) on another port; the defaults are `dist` and 4173.
const PORT = Number(process.env.COUNTERPART_PORT || 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node tests/e2e/serve.mjs ${DIST} ${PORT} ${BASE_PATH}`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
