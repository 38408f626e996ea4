// Offline at a seminar: the installed PWA plays with the network off, a new
// deployment is offered as an update, and the single file works from file://.
import { test, expect, importScenario, playToEnd } from './guard.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './dist.mjs';

const SCENARIO = 'supermarket-expired-yoghurt';

async function controlledByWorker(page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test('after one visit the app starts and plays with the network off', async ({ page, context }) => {
  await page.goto(`./?lang=en#/`);
  await expect(page.locator('.card').first()).toBeVisible();
  await controlledByWorker(page);
  const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
  expect(manifest.start_url).toBe('./');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  // Chromium's own installability check finds nothing missing — except that
  // Playwright's browser contexts are incognito, where nothing installs.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Practise difficult customer conversations');
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await playToEnd(page);
  const runs = await page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')).h.length);
  expect(runs).toBe(1);
  await page.reload();
  await page.goto('./?lang=en#/progress');
  await expect(page.locator('.history tbody tr')).toHaveCount(1);
  await context.setOffline(false);
});

test('a new deployment is offered as an update and runs after reload', async ({ page }) => {
  // Serve a copy of the build that the test can redeploy.
  const dir = await mkdtemp(join(tmpdir(), 'counterpart-deploy-'));
  await cp(DIST, dir, { recursive: true });
  const port = 4174;
  const server = spawn('node', ['tests/e2e/serve.mjs', dir, String(port), '/deploy/'], { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}/deploy/`;
    await expect.poll(async () => (await fetch(base).catch(() => null))?.status ?? 0).toBe(200);
    await page.goto(`${base}?lang=en#/`);
    await controlledByWorker(page);
    await expect(page.locator('meta[name=counterpart-build]')).toHaveCount(0);

    // Deploy: a changed page and a new precache list, as a new build makes.
    const index = join(dir, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('<title>', '<meta name="counterpart-build" content="2" />\n    <title>'));
    execFileSync('node', ['scripts/generate-sw.mjs'], { env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' } });

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.locator('#update-banner');
    await expect(banner).toContainText('A new version is available.');
    await banner.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('meta[name=counterpart-build]')).toHaveCount(1);
    await expect(page.locator('h1')).toHaveText('Practise difficult customer conversations');
  } finally {
    server.kill();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the single file plays from file:// and keeps progress', async ({ page }) => {
  const url = pathToFileURL(resolve('target/single/counterpart.html')).href;
  await page.goto(`${url}?lang=en#/play/${SCENARIO}`);
  await expect(page.getByRole('group', { name: 'Your reply' })).toBeVisible();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toMatch(/script-src 'self' 'sha256-[^']+' 'wasm-unsafe-eval'/);
  expect(csp).not.toContain('unsafe-inline');
  await playToEnd(page);
  await page.reload();
  await page.goto(`${url}?lang=en#/progress`);
  await expect(page.locator('.history tbody tr')).toHaveCount(1);
  // Every scenario is inside the file, and each one plays.
  await page.goto(`${url}?lang=en#/`);
  // The library's code is a chunk, decoded on demand even here.
  await expect(page.locator('.card').first()).toBeVisible();
  expect(await page.locator('.card').count()).toBeGreaterThanOrEqual(12);
  const last = page.locator('.card a').last();
  const title = await last.textContent();
  await last.click();
  await expect(page.locator('main h1')).toHaveText(title);
  // Importing works too: the checker's worker starts from the file itself.
  await page.goto(`${url}?lang=en#/`);
  await importScenario(page, 'single-file-own.toml', await readFile('tests/fixtures/valid-minimal.toml', 'utf8'));
  await expect(page.locator('.import-ok')).toContainText('Added: Small test');
});
