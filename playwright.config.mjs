// Playwright runs the browser tests against the release build in `dist/`,
// served from a deep sub-path, in Debian's Chromium (no browser download).
import { defineConfig } from '@playwright/test';
import { execSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH || execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8' }).trim();
export const BASE_PATH = '/some/deep/path/';
// The build and port are overridable (DIST=…, PORT=…), so several worktrees
// can test their own builds side by side; by default `dist` on 4173.
export const DIST = process.env.DIST || 'dist';
const PORT = Number(process.env.PORT || 4173);

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
