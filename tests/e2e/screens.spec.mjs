// Every screen in both languages: zero axe violations (WCAG 2.0/2.1/2.2 A and
// AA), and screenshots at phone and projector sizes in test-results/screens/.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SIZES = { phone: { width: 390, height: 844 }, projector: { width: 1920, height: 1080 } };
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

async function playToEnd(page) {
  const group = page.getByRole('group', { name: /Ihre Antwort|Your reply/ });
  for (let turn = 0; turn < 40 && !(await page.locator('.debrief').count()); turn++) {
    await group.getByRole('button').first().click();
  }
  await expect(page.locator('.debrief')).toBeVisible();
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

    await playToEnd(page);
    await expectAccessible(page, `debrief ${lang}`);
    await shoot(page, `${lang}-debrief`);

    await page.goto(`./?lang=${lang}#/progress`);
    await expect(page.locator('.history tbody tr').first()).toBeVisible();
    await expectAccessible(page, `progress ${lang}`);
    await shoot(page, `${lang}-progress`);

    await page.goto(`./?lang=${lang}#/play/${WITH_NOTE}`);
    await expect(page.locator('.content-note')).toBeVisible();
    await expectAccessible(page, `content note ${lang}`);
    await shoot(page, `${lang}-content-note`);
  });
}
