// A trainee's first minutes: the first-run guide, "Start here", the technique
// primer every label links to, resuming at the current turn, and plurals.
import { test, expect, playBest } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { DIST } from './dist.mjs';

const SCENARIO = 'supermarket-expired-yoghurt';

/** Clicks the first reply shown `n` times (the scenario cannot end that soon). */
async function reply(page, n) {
  for (let i = 0; i < n; i++) {
    const before = await page.getByRole('log').locator('.trainee').count();
    await page.locator('button.reply').first().click();
    await expect(page.getByRole('log').locator('.trainee')).toHaveCount(before + 1);
  }
}

test('a first visit shows the guide and "Hier anfangen" with the easiest scenario; the guide stays dismissed and can be reopened', async ({ page }) => {
  await page.goto('./?lang=de#/');
  await expect(page.getByRole('heading', { name: 'So funktioniert Counterpart' })).toBeVisible();
  const start = page.locator('.start-here');
  await expect(start.getByRole('heading', { name: 'Hier anfangen' })).toBeVisible();
  await expect(start.getByRole('link')).toHaveAttribute('href', /#\/play\//);
  await expect(start).toContainText(/Schwierigkeit leicht · ca\. \d+ Minuten/);
  // Every card says how long it takes.
  const cards = page.locator('.card .meta');
  const count = await cards.count();
  for (let i = 0; i < count; i++) await expect(cards.nth(i)).toContainText(/ca\. \d+ Minuten/);
  await page.getByRole('button', { name: 'Verstanden' }).click();
  await expect(page.getByRole('heading', { name: 'So funktioniert Counterpart' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hier anfangen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'So funktioniert Counterpart' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Kurzanleitung (30 Sekunden)' }).click();
  await expect(page.getByRole('heading', { name: 'So funktioniert Counterpart' })).toBeVisible();
  // The import box for trainers is folded away.
  await expect(page.locator('.trainer-area')).not.toHaveAttribute('open', '');
});

test('every technique label in feedback and debrief links to its page in the primer', async ({ page }) => {
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  for (let turn = 0; turn < 30; turn++) {
    const replyButton = page.locator('button.reply').first();
    if (!(await replyButton.isVisible().catch(() => false))) break;
    await replyButton.click();
    await page.waitForTimeout(50);
    // Every "Applied:" / "Used at the wrong moment:" line names techniques as links.
    for (const line of await page.locator('.feedback .applied, .feedback .misapplied').all()) {
      expect(await line.locator('a.technique-link[href^="#/techniques/"]').count()).toBeGreaterThan(0);
    }
    if (await page.locator('.debrief').isVisible().catch(() => false)) break;
  }
  await expect(page.locator('.debrief')).toBeVisible({ timeout: 20_000 });
  const labels = page.locator('.debrief .technique-link');
  expect(await labels.count()).toBeGreaterThan(0);
  for (const href of await labels.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^#\/techniques\/(calm|empathy|apology|solution|boundary|explain|refer)$/);
  }
  const first = labels.first();
  const name = await first.innerText();
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name: 'The seven techniques' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name })).toBeFocused();
  await expect(page.locator('.primer-entry')).toHaveCount(7);
  await expect(page.locator('.primer-entry.focused h2')).toHaveText(name);
});

test('resuming after a pause lands on the current turn, scrolled into view and focused', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await reply(page, 3);
  await page.getByRole('link', { name: /Pause/ }).click();
  await expect(page.locator('.library')).toBeVisible();
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await expect(page.getByRole('log').locator('.trainee')).toHaveCount(3);
  const current = page.getByRole('log').locator('> *').last();
  await expect(current).toBeInViewport();
  await expect(page.locator('button.reply').first()).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
});

test('counts read right for one and for two', async ({ page }) => {
  // A setting with one scenario and a customer type with two, from the build's index.
  const cards = JSON.parse(readFileSync(`${DIST}/scenarios/index.json`, 'utf8')).scenarios;
  const countOf = (key, value) => cards.filter((c) => c[key] === value).length;
  const single = cards.map((c) => c.setting).find((s) => countOf('setting', s) === 1);
  const pair = cards.map((c) => c.customer_type).find((t) => countOf('customer_type', t) === 2);
  expect(single && pair, 'the library has a setting with one scenario and a type with two').toBeTruthy();
  await page.goto('./?lang=de#/');
  await page.selectOption('#filter-setting', single);
  await expect(page.locator('.filter-count')).toHaveText('1 Gespräch');
  await page.selectOption('#filter-setting', '');
  await page.selectOption('#filter-type', pair);
  await expect(page.locator('.filter-count')).toHaveText('2 Gespräche');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('.filter-count')).toHaveText('2 conversations');
  await page.selectOption('#filter-type', '');
  await page.selectOption('#filter-setting', single);
  await expect(page.locator('.filter-count')).toHaveText('1 conversation');
});

test('the debrief begins with the customer\'s last words', async ({ page }) => {
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  const before = await page.locator('.transcript > .customer').count();
  expect(before).toBe(1);
  await playBest(page);
  const last = page.locator('.debrief .last-words');
  await expect(last).toBeVisible();
  await expect(last.locator('.speaker')).toHaveText('Frau Krüger');
  expect((await last.locator('p').textContent()).length).toBeGreaterThan('Frau Krüger'.length + 10);
});
