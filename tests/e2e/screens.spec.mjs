// Every screen in both languages: zero axe violations (WCAG 2.0/2.1/2.2 A and
// AA), and screenshots at phone and projector sizes in test-results/screens/.
import { test, expect, nextReply, playToEnd, playBest } from './guard.mjs';
import AxeBuilder from '@axe-core/playwright';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SIZES = { phone: { width: 390, height: 844 }, laptop: { width: 1280, height: 800 }, projector: { width: 1920, height: 1080 } };
const PLAIN = 'supermarket-expired-yoghurt';
const WITH_NOTE = 'vet-practice-long-wait';

async function expectAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

async function shoot(page, name) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `test-results/screens/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(SIZES.projector);
}


for (const lang of ['de', 'en']) {
  test(`every screen is accessible and photographed (${lang})`, async ({ page }) => {
    await page.setViewportSize(SIZES.projector);
    await page.goto(`./?lang=${lang}#/`);
    await expect(page.locator('.card').first()).toBeVisible();
    await expectAccessible(page, `library ${lang}`);
    await shoot(page, `${lang}-library`);

    await page.goto(`./?lang=${lang}#/play/${PLAIN}`);
    await expect(page.getByRole('log')).toBeVisible();
    await expectAccessible(page, `conversation start ${lang}`);
    const group = page.getByRole('group', { name: lang === 'de' ? 'Ihre Antwort' : 'Your reply' });
    await expect(group.getByRole('button').first()).toBeVisible();
    // Two replies of the best path by id, so the conversation is still going.
    await page.locator('[data-reply-id="acknowledge_and_apologise"]').click();
    await page.locator('[data-reply-id="take_regular_seriously"]').click();
    await expect(page.locator('.feedback').nth(1)).toBeVisible();
    await expectAccessible(page, `mid-conversation ${lang}`);
    await shoot(page, `${lang}-conversation`);

    // The rest of the expert path: the debrief then shows earned badges.
    for (const id of ['calm_refund_now', 'refund_or_replace', 'refer_to_management', 'thank_for_telling_us']) {
      await page.locator(`[data-reply-id="${id}"]`).click();
    }
    await expect(page.locator('.awards')).toBeVisible();
    await expectAccessible(page, `debrief ${lang}`);
    await shoot(page, `${lang}-debrief`);

    await page.goto(`./?lang=${lang}#/progress`);
    await expect(page.locator('.history tbody tr').first()).toBeVisible();
    await expectAccessible(page, `progress ${lang}`);
    await shoot(page, `${lang}-progress`);

    await page.goto(`./?lang=${lang}#/certificate`);
    await page.locator('#trainee-name').fill('Alex Beispiel');
    await expectAccessible(page, `certificate ${lang}`);
    await shoot(page, `${lang}-certificate`);

    await page.goto(`./?lang=${lang}#/settings`);
    await expectAccessible(page, `settings ${lang}`);
    await shoot(page, `${lang}-settings`);

    await page.goto(`./?lang=${lang}#/techniques`);
    await expect(page.locator('.primer-entry')).toHaveCount(7);
    await expectAccessible(page, `techniques ${lang}`);
    await shoot(page, `${lang}-techniques`);

    await page.goto(`./?lang=${lang}#/play/${WITH_NOTE}`);
    await expect(page.locator('.content-note')).toBeVisible();
    await expectAccessible(page, `content note ${lang}`);
    await shoot(page, `${lang}-content-note`);
  });
}

test('a complete playthrough by keyboard only', async ({ page }) => {
  await page.goto(`./?lang=en#/`);
  // Tab to the scenario link and open it with Enter.
  const link = page.locator(`.card a[href="#/play/${PLAIN}"]`);
  for (let i = 0; i < 60 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log')).toBeVisible();
  for (let turn = 0, first; turn < 40 && (first = await nextReply(page)); turn++) {
    // Focus sits on the first reply after each choice; from the start, tab to it.
    for (let i = 0; i < 40 && !(await first.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('.debrief h1')).toContainText('Outcome:');
  // Focus moves to the outcome (announced), Tab goes on from there, and the
  // focus ring is visible on keyboard focus.
  await expect(page.locator('.debrief h1')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.closest('.debrief') !== null), 'Tab moves on inside the debrief').toBe(true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
});

test('the settings change text size and contrast and are remembered', async ({ page }) => {
  await page.goto('./?lang=en#/settings');
  await page.getByLabel('Larger').check();
  await page.getByLabel('High contrast').check();
  await expect(page.locator('html')).toHaveClass(/text-larger/);
  await expect(page.locator('html')).toHaveClass(/high-contrast/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/text-larger/);
  await expect(page.getByLabel('High contrast')).toBeChecked();
  await page.goto('./?lang=en#/');
  await expectAccessible(page, 'library with high contrast and large text');
});

test('the library filters and the surprise button', async ({ page }) => {
  await page.goto('./?lang=en#/');
  // The library's code arrives on demand: wait for it before counting.
  await expect(page.locator('.card').first()).toBeVisible();
  const all = await page.locator('.card').count();
  await page.getByLabel('Customer type').selectOption('insulting');
  const insulting = await page.locator('.card').count();
  expect(insulting).toBeGreaterThan(0);
  expect(insulting).toBeLessThan(all);
  await expect(page.locator('.card .meta').first()).toContainText('Insulting');
  await page.getByLabel('Customer type').selectOption('');
  await expect(page.locator('.card')).toHaveCount(all);
  await page.getByRole('button', { name: /Surprise me/ }).click();
  await expect(page).toHaveURL(/#\/play\//);
  await expect(page.locator('h1')).toHaveCount(1);
});

test('every screen reflows at 320 px width and at 200 % zoom (no sideways scrolling)', async ({ page }) => {
  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 720 });
    const screens = ['#/', `#/play/${PLAIN}`, '#/progress', '#/certificate', '#/settings'];
    await page.goto(`./?lang=de#/play/${PLAIN}`);
    await playBest(page);
    const fits = async (label) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${label} at ${width} px`).toBeLessThanOrEqual(0);
    };
    await fits('debrief');
    for (const hash of screens) {
      await page.goto(`./?lang=de${hash}`);
      await expect(page.locator('h1')).toHaveCount(1);
      await fits(hash);
    }
  }
});
