// Focus and titles as a keyboard or screen-reader user meets them: the page
// title names the screen, focus lands on the new screen's heading, each turn
// brings new reply buttons, and the focus ring is dark-and-light.
import { test, expect } from './guard.mjs';

const SCENARIO = 'supermarket-expired-yoghurt';
const WITH_NOTE = 'doctor-reception-insulting';

test('the page title names the screen, in the UI language', async ({ page }) => {
  await page.goto('./?lang=de#/');
  await expect(page).toHaveTitle('Gespräche – Counterpart');
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await expect(page).toHaveTitle('Schon wieder abgelaufen – Gespräch – Counterpart');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveTitle('Out of date – again – Conversation – Counterpart');
  await page.goto('./?lang=en#/progress');
  await expect(page).toHaveTitle('Progress – Counterpart');
  await page.goto('./?lang=en#/techniques');
  await expect(page).toHaveTitle('The seven techniques – Counterpart');
});

test('after a route change, the content note and Pause, focus is on the new screen\'s heading', async ({ page }) => {
  await page.goto('./?lang=en#/');
  await page.getByRole('navigation').getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.goto(`./?lang=en#/`);
  await page.locator(`a[href="#/play/${WITH_NOTE}"]`).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  await expect(page.getByRole('group', { name: 'Your reply' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByRole('link', { name: /Pause/ }).click();
  await expect(page.locator('.library')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('each turn brings new reply buttons, and focus is on one of them', async ({ page }) => {
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  for (let turn = 0; turn < 3; turn++) {
    await page.locator('button.reply').first().waitFor();
    // Mark this turn's buttons; none of them may survive into the next turn.
    await page.evaluate(() => document.querySelectorAll('button.reply').forEach((b) => { b.dataset.turnSeen = '1'; }));
    const before = await page.getByRole('log').locator('.trainee').count();
    await page.locator('button.reply').first().click();
    await expect(page.getByRole('log').locator('.trainee')).toHaveCount(before + 1);
    await expect(page.locator('button.reply[data-turn-seen]')).toHaveCount(0);
    await expect(page.locator('button.reply').first()).toBeFocused();
    await expect(page.locator('button.reply').first()).toBeInViewport();
  }
});

test('the focus ring is a dark ring inside a light one', async ({ page }) => {
  await page.goto('./?lang=en#/');
  // The library's code arrives on demand: tab through the settled page.
  await page.locator('.card').first().waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { outline: style.outlineColor, width: style.outlineWidth, shadow: style.boxShadow };
  });
  expect(ring.outline).toBe('rgb(27, 36, 48)');
  expect(ring.width).toBe('3px');
  expect(ring.shadow).toContain('rgb(255, 255, 255)');
});
