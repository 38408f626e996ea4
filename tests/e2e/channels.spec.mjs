// Each channel looks as people know it (issue #20): a call bar with a timer on
// the phone, chat bubbles with a typing indicator, an e-mail thread with
// subject and times, a review with its stars; face to face, a portrait drawn
// from the scenario's `appearance` that follows the mood. Each is checked
// with axe in both languages and photographed at phone and projector size.
import { test, expect } from './guard.mjs';
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { DIST } from './dist.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SIZES = { phone: { width: 390, height: 844 }, projector: { width: 1920, height: 1080 } };

/** The shipped cards, from the build's index. */
async function cards() {
  return JSON.parse(await readFile(`${DIST}/scenarios/index.json`, 'utf8')).scenarios;
}

async function expectAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Opens a conversation, past its content note, and plays the first shown reply once. */
async function openAndReply(page, lang, id) {
  await page.goto(`./?lang=${lang}#/play/${id}`);
  const start = page.getByRole('button', { name: /Gespräch beginnen|Start the conversation/ });
  const group = page.getByRole('group', { name: /Ihre Antwort|Your reply/ });
  await expect(start.or(group)).toBeVisible();
  if (await start.isVisible()) await start.click();
  await group.getByRole('button').first().click();
  await expect(page.locator('.feedback').first()).toBeVisible();
  await expect(group.getByRole('button').first()).toBeVisible();
}

async function shoot(page, name) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `test-results/screens/${name}-${size}.png`, fullPage: size === 'phone' });
  }
}

const CHROME = {
  phone: async (page, lang) => {
    await expect(page.locator('.call-bar .caller')).not.toBeEmpty();
    const timer = page.getByRole('timer');
    const first = await timer.textContent();
    expect(first).toMatch(/^\d\d:\d\d$/);
    await expect(timer).not.toHaveText(first, { timeout: 3000 });
    await expect(page.locator('.avatar')).toHaveCount(0);
  },
  chat: async (page) => {
    await expect(page.locator('.chat-bar')).toBeVisible();
    // The newest message shows its dots first, then its text.
    const last = page.locator('.transcript > .customer').last();
    await expect(last.locator('p')).toBeVisible();
    await expect(last.locator('.typing')).toBeHidden({ timeout: 3000 });
  },
  email: async (page, lang) => {
    await expect(page.locator('.thread-bar .subject')).not.toBeEmpty();
    await expect(page.locator('.transcript > .customer .sent-at').first()).not.toBeEmpty();
    await expect(page.locator('.transcript > .trainee .sent-at').first()).toHaveText(lang === 'de' ? 'gesendet' : 'sent');
    await expect(page.locator('.reply-prompt')).toBeVisible();
  },
  review: async (page, lang) => {
    await expect(page.getByRole('img', { name: lang === 'de' ? /von 5 Sternen/ : /of 5 stars/ })).toBeVisible();
    await expect(page.locator('.thread-bar .subject')).not.toBeEmpty();
  },
};

for (const lang of ['de', 'en']) {
  test(`every channel has its own look and no axe violations (${lang})`, async ({ page }) => {
    const all = await cards();
    for (const [channel, check] of Object.entries(CHROME)) {
      const card = all.find((c) => c.channel === channel);
      expect(card, `a scenario on the channel ${channel}`).toBeTruthy();
      await page.setViewportSize(SIZES.projector);
      await openAndReply(page, lang, card.id);
      await expect(page.locator(`.conversation.channel-${channel}`)).toBeVisible();
      await check(page, lang);
      await expectAccessible(page, `${channel} ${lang}`);
      await shoot(page, `${lang}-channel-${channel}`);
    }
  });
}

test('a chat message is shown at once under reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const card = (await cards()).find((c) => c.channel === 'chat');
  await openAndReply(page, 'de', card.id);
  const last = page.locator('.transcript > .customer').last();
  await expect(last.locator('.typing')).toBeHidden();
  await expect(last.locator('p')).toHaveCSS('opacity', '1');
});

test('face-to-face customers get portraits that differ and follow the mood', async ({ page }) => {
  const faces = (await cards()).filter((c) => c.channel === 'face_to_face');
  const wanted = ['supermarket-expired-yoghurt', 'vet-practice-long-wait', 'seminar-provider-refund'];
  const drawn = [];
  for (const id of wanted) {
    expect(faces.map((c) => c.id)).toContain(id);
    await page.setViewportSize(SIZES.projector);
    await openAndReply(page, 'de', id);
    const portrait = page.locator('svg.portrait');
    await expect(portrait).toHaveAttribute('aria-label', /wirkt/);
    drawn.push(await portrait.innerHTML());
    await shoot(page, `de-portrait-${id}`);
  }
  expect(new Set(drawn).size, 'three customers, three different portraits').toBe(3);
  // The supermarket customer is older, with grey hair: the label says so.
  await page.evaluate(() => localStorage.clear());
  await page.goto('./?lang=de#/play/supermarket-expired-yoghurt');
  await page.reload();
  await expect(page.locator('svg.portrait')).toHaveAttribute('aria-label', /älter.*grau/);
  // Her face changes with her mood: a poor reply makes it angrier.
  const before = await page.locator('svg.portrait').getAttribute('class');
  await page.locator('[data-reply-id="just_a_yoghurt"]').click();
  await expect(page.locator('svg.portrait')).not.toHaveAttribute('class', before);
});

test('the library filters by channel and each card names its channel', async ({ page }) => {
  await page.goto('./?lang=de#/');
  await expect(page.locator('.card').first()).toBeVisible();
  await page.getByLabel('Kanal').selectOption('phone');
  const shown = page.locator('.card');
  expect(await shown.count()).toBeGreaterThanOrEqual(1);
  for (const meta of await shown.locator('.meta').allTextContents()) expect(meta).toContain('Telefon');
  const phoneCards = (await cards()).filter((c) => c.channel === 'phone').length;
  await expect(shown).toHaveCount(phoneCards);
});
