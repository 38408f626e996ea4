// Trainers import their own scenarios in the browser: checked by the same
// validator, every error with line and column, text rendered as text.
import { test, expect, importScenario } from './guard.mjs';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';


test('a valid own scenario is kept and plays like a built-in one', async ({ page }) => {
  const toml = await readFile('tests/fixtures/valid-minimal.toml', 'utf8');
  await page.goto('./?lang=en#/');
  await importScenario(page, 'my-own-test.toml', toml);
  await expect(page.locator('.import-ok')).toContainText('Added: Small test');
  await page.reload();
  await expect(page.locator('.own-list')).toContainText('Small test');
  await page.locator('.own-list a').first().click();
  await expect(page).toHaveURL(/#\/play\/my-own-test$/);
  await page.locator('[data-reply-id="listen"]').click();
  await page.locator('[data-reply-id="offer"]').click();
  await expect(page.locator('.debrief h1')).toContainText('Resolved');
  // A deep link to it works from a cold start too, while the import worker re-checks it.
  await page.goto('./?lang=en#/play/my-own-test');
  await page.reload();
  await expect(page.locator('[data-reply-id="listen"]')).toBeVisible();
  await page.goto('./?lang=en#/');
  page.once('dialog', (d) => d.accept());
  await page.locator('.own-list').getByRole('button', { name: 'Remove' }).click();
  await expect(page.locator('.own-list li')).toHaveCount(0);
});

test('a run of an own scenario joins the history but earns no badge (no farming)', async ({ page }) => {
  const toml = await readFile('tests/fixtures/valid-minimal.toml', 'utf8');
  await page.goto('./?lang=en#/');
  await importScenario(page, 'my-own-test.toml', toml);
  await expect(page.locator('.import-ok')).toContainText('Added: Small test');
  // Applying empathy, calm and a solution well in a built-in scenario earns
  // badges at once; in one's own scenario it must not, however often.
  await page.goto('./?lang=en#/play/my-own-test');
  for (let round = 0; round < 2; round++) {
    await page.locator('[data-reply-id="listen"]').click();
    await page.locator('[data-reply-id="offer"]').click();
    await expect(page.locator('.debrief h1')).toContainText('Resolved');
    await expect(page.locator('.own-note')).toContainText('does not count towards badges');
    await expect(page.locator('.awards')).toHaveCount(0);
    if (round === 0) await page.getByRole('button', { name: 'Play again' }).click();
  }
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')));
  expect(stored.h.map((r) => r.s)).toEqual(['my-own-test', 'my-own-test']);
  expect(stored.s ?? {}).toEqual({});
  expect(stored.g ?? {}).toEqual({});
});

test('a file with three errors shows all three with their lines', async ({ page }) => {
  const toml = (await readFile('tests/fixtures/valid-minimal.toml', 'utf8'))
    .replace('difficulty = 1', 'difficulty = 7')
    .replace('rating = "acceptable"', 'rating = "okay"')
    .replace('techniques = ["solution"]', 'techniques = ["solutoin"]');
  await page.goto('./?lang=en#/');
  await importScenario(page, 'broken.toml', toml);
  const problems = page.locator('.problems li');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText('Line 11, column 14: difficulty 7 is out of range');
  await expect(problems.nth(1)).toContainText('unknown rating `okay`');
  await expect(problems.nth(2)).toContainText('did you mean `solution`?');
  await expect(page.locator('.own-list li')).toHaveCount(0);
  // The same problems in German when the page speaks German.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(problems.nth(0)).toContainText('Zeile 11, Spalte 14: die Schwierigkeit 7 ist nicht erlaubt');
  await expect(problems.nth(2)).toContainText('Meinten Sie `solution`?');
});

test('markup in an imported scenario is shown as text and never runs', async ({ page }) => {
  const toml = (await readFile('tests/fixtures/valid-minimal.toml', 'utf8'))
    .replace('title = { de = "Kleiner Test", en = "Small test" }', 'title = { de = "<script>window.pwned=1</script>", en = "<img src=x onerror=\\"window.pwned=2\\">" }')
    .replace('{ de = "Hallo A", en = "Hello A" }', '{ de = "<b>fett</b>", en = "<img src=x onerror=\\"window.pwned=3\\">" }')
    .replace('{ de = "Hallo B", en = "Hello B" }', '{ de = "<b>fett</b>", en = "<img src=x onerror=\\"window.pwned=3\\">" }');
  await page.goto('./?lang=en#/');
  await importScenario(page, 'markup.toml', toml);
  await expect(page.locator('.import-ok')).toContainText('<img src=x onerror="window.pwned=2">');
  await page.locator('.import-ok a').click();
  await expect(page.locator('h1')).toHaveText('<img src=x onerror="window.pwned=2">');
  await expect(page.getByRole('log')).toContainText('<img src=x onerror="window.pwned=3">');
  await expect(page.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
});

test('a 2 MB file is refused', async ({ page }) => {
  await page.goto('./?lang=en#/');
  await importScenario(page, 'huge.toml', '#'.repeat(2 * 1024 * 1024));
  await expect(page.locator('.import-error')).toContainText('larger than 1 MB');
});

test('the author preview shows every node, each route condition, and plays from any node', async ({ page }) => {
  await page.goto('./?lang=en#/preview/vet-practice-long-wait');
  await expect(page.locator('h1')).toHaveText('Preview: Balu is in pain');
  const toml = await readFile('scenarios/vet-practice-long-wait.toml', 'utf8');
  const nodeIds = [...toml.matchAll(/^id = "([^"]+)"$/gm)].map((m) => m[1]);
  await expect(page.locator('.preview-node')).toHaveCount(nodeIds.length);
  await expect(page.locator('.routes').first()).toContainText('otherwise →');
  await expect(page.locator('.routes', { hasText: 'mood' }).first()).toBeVisible();
  await expect(page.locator('.scenario-map svg')).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  // Jump into the middle of the conversation.
  const target = page.locator('.preview-node').nth(3);
  const firstReply = (await target.locator('.preview-reply strong').first().innerText()).split(' · ')[0];
  await target.getByRole('button', { name: 'Play from here' }).click();
  await expect(page).toHaveURL(/#\/play\/vet-practice-long-wait\?trial=1$/);
  await expect(page.locator(`[data-reply-id="${firstReply}"]`)).toBeVisible();
});

test.describe('without a service worker', () => {
  // Once the service worker controls the page it serves the worker's files
  // from its cache, where blocking the network cannot reach them.
  test.use({ serviceWorkers: 'block' });

  test('if the checker cannot start, own scenarios are hidden with a notice and come back later', async ({ page }) => {
    const toml = await readFile('tests/fixtures/valid-minimal.toml', 'utf8');
    await page.goto('./?lang=en#/');
    await importScenario(page, 'kept-anyway.toml', toml);
    await expect(page.locator('.import-ok')).toContainText('Added: Small test');
    await page.route('**/counterpart-import-check*', (route) => route.abort());
    await page.reload();
    await expect(page.locator('.notices')).toContainText('Your own scenarios could not be checked just now');
    await expect(page.locator('.own-list li')).toHaveCount(0);
    await page.unroute('**/counterpart-import-check*');
    await page.reload();
    await expect(page.locator('.own-list')).toContainText('Small test');
  });
});

test('"Play from here" is a trial run: the trainee\'s paused conversation stays, and the trial is not recorded', async ({ page }) => {
  const SCENARIO = 'supermarket-expired-yoghurt';
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  for (let i = 0; i < 2; i++) {
    await page.locator('button.reply').first().click();
    await expect(page.getByRole('log').locator('.trainee')).toHaveCount(i + 1);
  }
  const paused = await page.getByRole('log').locator('.trainee').allInnerTexts();
  await page.getByRole('link', { name: /Pause/ }).click();
  await page.goto(`./?lang=en#/preview/${SCENARIO}`);
  await page.locator('.preview-node').nth(2).getByRole('button', { name: 'Play from here' }).click();
  await expect(page.locator('.trial-note')).toBeVisible();
  // Play the trial to its end: nothing of it is recorded.
  for (let turn = 0; turn < 30 && !(await page.locator('.debrief').isVisible().catch(() => false)); turn++) {
    const reply = page.locator('button.reply').first();
    if (await reply.isVisible().catch(() => false)) await reply.click(); else await page.waitForTimeout(100);
  }
  await expect(page.locator('.debrief h1')).toContainText('Outcome:');
  expect(await page.evaluate(() => localStorage.getItem('counterpart.progress'))).toBeNull();
  // The paused conversation resumes where the trainee left it.
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await expect(page.getByRole('log').locator('.trainee')).toHaveCount(2);
  expect(await page.getByRole('log').locator('.trainee').allInnerTexts()).toEqual(paused);
});
