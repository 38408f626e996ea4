// The first turn before the app is ready (issue #21, src/early_turn.rs,
// public/preload.js, src/ui/early_turn.rs). The app's wasm is held back in
// each test, so the page's early copy can be looked at and used; then the
// app arrives and must take over what was shown and done, unchanged.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './guard.mjs';

const ID = 'supermarket-expired-yoghurt';
const WITH_NOTE = 'bank-counter-insults';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Holds the app's main wasm until the returned function is called. */
async function holdTheApp(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/\/counterpart-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** What a screen shows of the first turn: title, line, replies in order. */
async function shown(root) {
  return {
    title: await root.locator('h1').first().innerText(),
    line: await root.locator('.bubble.customer p').first().innerText(),
    replies: await root.locator('.replies button').evaluateAll((buttons) => buttons.map((b) => b.dataset.replyId)),
  };
}

for (const [device, viewport] of [['desktop', { width: 1280, height: 720 }], ['phone', { width: 390, height: 844 }]]) test(`a deep link shows its first turn before the app, and the app takes it over unchanged (${device})`, async ({ page }) => {
  await page.setViewportSize(viewport);
  const release = await holdTheApp(page);
  await page.goto(`./?lang=de#/play/${ID}`);
  const early = page.locator('#counterpart-early');
  await expect(early.locator('.replies button').first()).toBeEnabled();
  await expect(page.locator('#main')).toHaveCount(0);
  const before = await shown(early);
  expect(before.replies.length).toBe(5);
  expect(await early.locator('[data-line]').count(), 'one opening line kept').toBe(1);
  const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  const boxBefore = await early.locator('.replies').boundingBox();
  const meter = await early.getByRole('meter').getAttribute('aria-valuenow');

  release();
  const app = page.locator('#main');
  await expect(app.locator('.replies button').first()).toBeEnabled();
  await expect(early).toHaveCount(0);
  expect(await shown(app)).toEqual(before);
  // Nothing moves when the app takes over, and the start mood is the one shown.
  const boxAfter = await app.locator('.replies').boundingBox();
  console.log(`replies moved by ${(boxAfter.y - boxBefore.y).toFixed(1)} px when the app took over (${device})`);
  expect(Math.abs(boxAfter.y - boxBefore.y)).toBeLessThanOrEqual(2);
  expect(await app.getByRole('meter').getAttribute('aria-valuenow')).toBe(meter);
});

test('the opening chat message, already typed on the page, is not typed again when the app takes over', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./?lang=de#/play/it-support-chat-chaos');
  const early = page.locator('#counterpart-early');
  await expect(early.locator('.bubble.customer .typing')).toBeHidden({ timeout: 3000 });
  release();
  const app = page.locator('#main');
  await expect(app.locator('.replies button').first()).toBeEnabled();
  expect(await app.locator('.bubble.customer .typing').evaluate((el) => getComputedStyle(el).display)).toBe('none');
});

test('a reply clicked before the app is ready is played when it is, and each run has its own seed', async ({ page }) => {
  const seeds = [];
  for (let run = 0; run < 2; run++) {
    await page.goto('about:blank');
    const release = await holdTheApp(page);
    await page.goto(`./?lang=de#/play/${ID}`);
    const early = page.locator('#counterpart-early');
    const second = early.locator('.replies button').nth(1);
    const chosen = await second.getAttribute('data-reply-id');
    const text = await second.innerText();
    await second.click();
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    release();
    const app = page.locator('#main');
    await expect(app.locator('.bubble.trainee')).toHaveText(new RegExp(text.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expect(app.locator('.feedback').first()).toBeVisible();
    const saved = await page.evaluate((id) => localStorage.getItem(`counterpart.session.${id}`), ID);
    // Saved unless that reply ended the run; the first reply never does here.
    const session = JSON.parse(saved);
    expect(session.steps.map((s) => s.reply)).toEqual([chosen]);
    seeds.push(session.seed);
    await page.evaluate((id) => localStorage.removeItem(`counterpart.session.${id}`), ID);
    await page.unrouteAll();
  }
  expect(seeds[0], 'two runs, two seeds').not.toBe(seeds[1]);
});

test('a content note comes first, and its start button works before the app is ready', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto(`./?lang=de#/play/${WITH_NOTE}`);
  const early = page.locator('#counterpart-early');
  await expect(early.getByRole('heading', { name: 'Hinweis zum Inhalt' })).toBeVisible();
  await expect(early.locator('.replies')).toBeHidden();
  await early.getByRole('button', { name: 'Gespräch beginnen' }).click();
  await expect(early.locator('.replies button').first()).toBeFocused();
  const before = await shown(early);
  release();
  const app = page.locator('#main');
  await expect(app.locator('.replies button').first()).toBeEnabled();
  await expect(app.getByRole('heading', { name: 'Hinweis zum Inhalt' })).toHaveCount(0);
  expect(await shown(app)).toEqual(before);
});

test('a paused conversation is resumed by the app, never shown from the start early', async ({ page }) => {
  await page.goto(`./?lang=de#/play/${ID}`);
  const app = page.locator('#main');
  await app.locator('.replies button').first().click();
  await expect(app.locator('.bubble.trainee')).toHaveCount(1);
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.getElementById('counterpart-early')) window.earlySeen = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(app.locator('.bubble.trainee')).toHaveCount(1);
  expect(await page.evaluate(() => window.earlySeen ?? false)).toBe(false);
});
