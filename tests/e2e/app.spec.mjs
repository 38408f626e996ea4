// Browser tests of the release build served from a deep sub-path: the library,
// a full conversation to an ending, progress kept across a reload, languages,
// and recovery from unreadable stored progress.
import { test, expect, playBest, playToEnd } from './guard.mjs';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { DIST } from './dist.mjs';

/** How many scenarios the build ships (its card index). */
const SHIPPED = JSON.parse(readFileSync(`${DIST}/scenarios/index.json`, 'utf8')).scenarios.length;

const SCENARIO = 'supermarket-expired-yoghurt';



test('the library links every scenario and follows the language', async ({ page }) => {
  await page.goto('./?lang=de#/');
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.locator('h1')).toHaveText('Schwierige Kundengespräche üben');
  const links = page.locator('a[href^="#/play/"]');
  expect(await links.count()).toBeGreaterThanOrEqual(3);
  await expect(page.locator(`.card a[href="#/play/${SCENARIO}"]`)).toBeVisible();
  // The failure drill exists only in test builds.
  expect(await page.evaluate(() => typeof window.wasmBindings?.counterpart_failure_drill)).toBe('undefined');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Practise difficult customer conversations');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('both ?lang forms work for a deep link', async ({ page }) => {
  await page.goto(`./index.html?lang=en#/play/${SCENARIO}`);
  await expect(page.getByRole('group', { name: 'Your reply' })).toBeVisible();
  await page.goto(`./#/play/${SCENARIO}?lang=en`);
  await page.reload();
  await expect(page.getByRole('group', { name: 'Your reply' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a conversation plays to an ending with feedback, and progress survives a reload', async ({ page }) => {
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await expect(page.locator('h1')).toHaveCount(1);
  const log = page.getByRole('log');
  await expect(log).toBeVisible();
  await expect(log.locator('.customer')).toHaveCount(1);
  const group = page.getByRole('group', { name: 'Ihre Antwort' });
  const replies = group.getByRole('button');
  expect(await replies.count()).toBeGreaterThanOrEqual(3);

  // The first reply: its text joins the log, feedback follows, the customer answers.
  const chosen = (await replies.first().innerText()).trim();
  await replies.first().click();
  await expect(log.locator('.trainee').first()).toHaveText(new RegExp(chosen.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const feedback = log.locator('.feedback').first();
  await expect(feedback).toBeVisible();
  await expect(feedback.locator('strong')).toHaveText(/Gute Antwort|Vertretbar|Ungünstig/);
  expect((await feedback.locator('p').first().innerText()).length).toBeGreaterThan(20);
  await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', /\d+/);

  const turns = 1 + await playToEnd(page);
  expect(turns).toBeGreaterThanOrEqual(2);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toContainText('Ergebnis:');
  const outcome = (await page.locator('.outcome-badge').innerText()).trim();
  expect(['Gelöst', 'Kompromiss', 'Weitergeleitet', 'Grenze gehalten', 'Kunde verloren', 'Eskaliert']).toContain(outcome);
  await expect(page.locator('.score')).toContainText('/ 100');
  await expect(page.locator('.technique-box')).toHaveCount(3);
  // The debrief shows the path taken: every decision, and the route on the map.
  await expect(page.locator('.decisions > li')).toHaveCount(turns);
  const taken = await page.locator('.scenario-map polyline').nth(1).getAttribute('points');
  expect(taken.trim().split(' ')).toHaveLength(turns + 1);
  await expect(page.locator('.scenario-map figcaption')).toContainText(`Ihr Weg: ${turns} Entscheidungen`);
  await expect(page.locator('.mood-chart circle')).toHaveCount(turns + 1);
  await expect(page.getByRole('button', { name: 'Nochmal spielen' })).toBeVisible();

  // Progress is stored and shown after a reload.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')));
  expect(stored.v).toBe(2);
  expect(stored.h).toHaveLength(1);
  expect(stored.h[0].s).toBe(SCENARIO);
  await page.goto('./?lang=de#/progress');
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Ihr Fortschritt');
  await expect(page.locator('.history tbody tr')).toHaveCount(1);
  await expect(page.locator('.history tbody tr td').nth(2)).toHaveText(outcome);
  await page.goto('./?lang=de#/');
  await expect(page.locator('.card', { has: page.locator(`a[href="#/play/${SCENARIO}"]`) }).locator('.status')).toContainText('Bestes Ergebnis');

  // Play again starts a fresh run of the same scenario.
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await playToEnd(page);
  await page.getByRole('button', { name: 'Nochmal spielen' }).click();
  await expect(page.getByRole('group', { name: 'Ihre Antwort' })).toBeVisible();
  await expect(page.getByRole('log').locator('.trainee')).toHaveCount(0);
  const runs = await page.evaluate(() => JSON.parse(localStorage.getItem("counterpart.progress")).h.length);
  expect(runs).toBe(2);
});

test('unreadable stored progress is kept under a backup key and the app still starts', async ({ page }) => {
  await page.goto('./?lang=en#/');
  await page.evaluate(() => localStorage.setItem('counterpart.progress', '{"version":1,"runs":"broken'));
  await page.reload();
  await expect(page.locator('h1')).toHaveText('Practise difficult customer conversations');
  await expect(page.locator('.notice')).toContainText('could not be read');
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('counterpart.progress.backup-')).map((k) => localStorage.getItem(k)));
  expect(backups).toEqual(['{"version":1,"runs":"broken']);
  // Play still works and saves over the unreadable value only after the backup exists.
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await playToEnd(page);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')));
  expect(stored.h).toHaveLength(1);
});

test('an unknown scenario shows a way back instead of a blank page', async ({ page }) => {
  await page.goto('./?lang=en#/play/no-such-scenario');
  await expect(page.locator('h1')).toHaveText('Not found');
  await expect(page.getByRole('link', { name: 'To the library' })).toBeVisible();
});

test('a strict Content-Security-Policy is in force (no inline code but the hashed loader)', async ({ page }) => {
  await page.goto('./?lang=en#/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'sha256-");
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  // Code and styles come only from here; only requests may go to an LRS
  // elsewhere (xAPI, cmi5): any https origin, plain http only on loopback.
  const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
  for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'worker-src']) expect(directive(name)).not.toMatch(/https?:/);
  expect(directive('connect-src')).toBe("connect-src 'self' https: http://127.0.0.1:* http://localhost:*");
  // The policy really applies: an injected inline script is refused.
  const ran = await page.evaluate(async () => {
    window.__injected = false;
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    const violation = new Promise((r) => document.addEventListener('securitypolicyviolation', r, { once: true }));
    document.body.appendChild(s);
    await violation;
    return window.__injected;
  }).catch((e) => e.message);
  expect(ran).toBe(false);
});

test('leaving a conversation right after a reply never crashes the app', async ({ page }) => {
  // Regression: focus moves to the next reply on the next frame; when the
  // screen was left in between, that used to read a disposed element and trap.
  for (let i = 0; i < 12; i++) {
    await page.goto(`./?lang=en#/play/${SCENARIO}`);
    await page.locator('button[data-reply-id]').first().waitFor();
    await page.evaluate(() => {
      document.querySelector('button[data-reply-id]').click();
      location.hash = '#/progress';
    });
    await expect(page.locator('h1')).toHaveText('Your progress');
  }
  await expect(page.locator('#failure-screen')).toHaveCount(0);
});

test('a scenario that cannot be fetched says so in plain words, and "Try again" loads it', async ({ page }) => {
  await page.route('**/scenarios/*.json', (route) => route.abort());
  await page.goto('./?lang=en#/play/supermarket-expired-yoghurt');
  await expect(page.getByRole('heading', { name: 'Conversation not loaded' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Are you offline?');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/screens/load-failed-phone.png', fullPage: true });
  await page.unroute('**/scenarios/*.json');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('group', { name: 'Your reply' })).toBeVisible();
});

test('a deep link fetches only its own scenario in its language, and the library only the cards', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/scenarios/')) fetched.push(r.url().split('/').pop()); });
  await page.goto('./?lang=en#/');
  await expect(page.locator('.card')).toHaveCount(SHIPPED);
  expect(fetched).toEqual(['index.json']);
  fetched.length = 0;
  await page.goto('./?lang=en#/play/supermarket-expired-yoghurt');
  await expect(page.getByRole('group', { name: 'Your reply' })).toBeVisible();
  // Within the page, the app fetches the file.
  expect(fetched).toHaveLength(1);
  expect(fetched[0]).toMatch(/^supermarket-expired-yoghurt\.en\.[0-9a-f]{10}\.json$/);
  // The language saved by the last visit decides, as it does for the app.
  fetched.length = 0;
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('group', { name: 'Ihre Antwort' })).toBeVisible();
  fetched.length = 0;
  await page.goto('./#/play/supermarket-expired-yoghurt');
  await expect(page.getByRole('group', { name: 'Ihre Antwort' })).toBeVisible();
  // Opened as a new page: the file, and beside it its first turn as HTML,
  // shown before the app is ready (src/early_turn.rs).
  expect(fetched.sort()).toHaveLength(2);
  expect(fetched[0]).toMatch(/^supermarket-expired-yoghurt\.de\.[0-9a-f]{10}\.html$/);
  expect(fetched[1]).toBe(fetched[0].replace(/html$/, 'json'));
});

test('a deep link downloads no on-demand code before the first reply; the debrief arrives during the conversation', async ({ page }) => {
  const chunks = [];
  page.on('request', (r) => { if (/\/(split_|chunk_)[^/]*\.wasm$/.test(r.url())) chunks.push(r.url().split('/').pop()); });
  await page.goto('./?lang=en#/play/supermarket-expired-yoghurt');
  await expect(page.getByRole('group', { name: 'Your reply' }).getByRole('button').first()).toBeEnabled();
  expect(chunks, 'on-demand code fetched for a deep link').toEqual([]);
  await playBest(page);
  expect(chunks.some((c) => c.startsWith('split_debrief-'))).toBe(true);
  expect(chunks.some((c) => c.startsWith('split_library-')), 'the library is not needed here').toBe(false);
});

test('a part of the app that cannot be downloaded says so in plain words, and "Try again" loads it', async ({ page }) => {
  await page.route('**/split_library-*.wasm', (route) => route.abort());
  await page.goto('./?lang=en#/');
  await expect(page.getByRole('heading', { name: 'Not loaded' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Are you offline?');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.unroute('**/split_library-*.wasm');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.card')).toHaveCount(SHIPPED);
});

test('a server that sends wasm without its MIME type (some LMSs) still runs every part', async ({ page }) => {
  await page.route('**/*.wasm', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto('./?lang=en#/');
  await expect(page.locator('.card')).toHaveCount(SHIPPED);
  await page.goto('./?lang=en#/play/supermarket-expired-yoghurt');
  await playBest(page);
  await expect(page.locator('.debrief h1')).toBeFocused();
});

test("the library's code and cards download alongside the main wasm (preloads), once each", async ({ page }) => {
  const library = [];
  const cards = [];
  page.on('request', (r) => {
    if (/\/split_library-[0-9a-f]+\.wasm$/.test(r.url())) library.push(r.url());
    if (r.url().endsWith('/scenarios/index.json')) cards.push(r.url());
  });
  await page.goto('./?lang=en#/');
  await expect(page.locator('.card')).toHaveCount(SHIPPED);
  await expect(page.locator('link[rel=preload][href*="split_library-"]')).toHaveCount(1);
  await expect(page.locator('link[rel=preload][href$="scenarios/index.json"]')).toHaveCount(1);
  expect(library).toHaveLength(1);
  expect(cards).toHaveLength(1);
});
