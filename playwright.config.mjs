// Playwright runs the browser tests against the release build in `dist/`,
// served from a deep sub-path, in Debian's Chromium (no browser download).
// COUNTERPART_E2E_DIST and COUNTERPART_E2E_PORT serve another build on another
// port (a second checkout testing beside the first); the defaults are dist/ on 4173.
import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';
import { DIST } from './tests/e2e/dist.mjs';

const chromium = process.env.CHROMIUM_PATH || execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8' }).trim();
export const BASE_PATH = '/some/deep/path/';
export const PORT = Number(process.env.COUNTERPART_E2E_PORT || 4173);
export { DIST };

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
