// A trainer's own scenarios (issue #24): the import shows what the checker
// says about a valid file — its warnings with their lines, the score range,
// the endings — and each valid own scenario is a card in the library,
// marked as the trainer's own, counted and filtered like the others.
import { test, expect, importScenario } from './guard.mjs';

const TITLE_EN = 'The missing order';
const TITLE_DE = 'Die verschwundene Bestellung';

/**
 * A small valid scenario of customer type `chaotic`. Its one lint warning:
 * the English feedback of reply `apologise` (line 19) does not name its
 * technique; with `deFeedback` not naming it either, there are two.
 */
function scenario({ enFeedback = 'That works.', deFeedback = 'Die Entschuldigung wirkt.', difficulty = 2, poorRating = 'poor' } = {}) {
  return [
    'format = 1',
    'languages = ["de", "en"]',
    '',
    '[scenario]',
    `title = { de = "${TITLE_DE}", en = "${TITLE_EN}" }`,
    'summary = { de = "Eine Kundin vermisst ihre Bestellung.", en = "A customer misses her order." }',
    'customer = { de = "Frau Berg", en = "Ms Berg" }',
    'customer_type = "chaotic"',
    'setting = "other"',
    `difficulty = ${difficulty}`,
    'start_mood = 60',
    'start = "open"',
    '',
    '[[node]]',
    'id = "open"',
    'lines = [{ de = "Wo bleibt meine Bestellung?", en = "Where is my order?" }]',
    '',
    '  [[node.reply]]',
    '  id = "apologise"', // line 19
    '  text = { de = "Das tut mir leid.", en = "I am sorry." }',
    '  rating = "good"',
    '  techniques = ["apology"]',
    '  mood_change = -30',
    '  mood_reason = { de = "entschuldigt", en = "apologised" }',
    `  feedback = { de = "${deFeedback}", en = "${enFeedback}" }`,
    '  next = "found"',
    '',
    '  [[node.reply]]',
    '  id = "blame"',
    '  text = { de = "Da haben Sie sich wohl bei der Adresse vertippt.", en = "You probably mistyped the address." }',
    `  rating = "${poorRating}"`,
    '  mood_change = 40',
    '  mood_reason = { de = "beschuldigt", en = "blamed" }',
    '  feedback = { de = "Schuldzuweisungen verärgern.", en = "Blame annoys." }',
    '  next = "lost"',
    '',
    '[[node]]',
    'id = "found"',
    'lines = [{ de = "Na gut, danke.", en = "All right, thanks." }]',
    '  [node.ending]',
    '  outcome = "resolved"',
    '  title = { de = "Bestellung gefunden", en = "Order found" }',
    '  debrief = { de = "Gut gemacht.", en = "Well done." }',
    '',
    '[[node]]',
    'id = "lost"',
    'lines = [{ de = "Dann bestelle ich woanders!", en = "Then I will order elsewhere!" }]',
    '  [node.ending]',
    '  outcome = "escalated"',
    '  title = { de = "Kundin verärgert", en = "Customer upset" }',
    '  debrief = { de = "Schade.", en = "Pity." }',
    '',
  ].join('\n');
}

/** The number in the library's "24 conversations" / "24 Gespräche". */
async function shownCount(page) {
  const text = await page.locator('.filter-count').innerText();
  const found = text.match(/\d+/);
  expect(found, `a count in "${text}"`).toBeTruthy();
  return Number(found[0]);
}

test('a valid import shows its warning with its line, the score range and the endings, in English and German', async ({ page }) => {
  await page.goto('./?lang=en#/');
  await importScenario(page, 'missing-order.toml', scenario());
  const added = page.locator('.import-ok');
  await expect(added).toContainText(`Added: ${TITLE_EN}`);
  await expect(added.locator('.import-score')).toHaveText('Score range: 0–100');
  await expect(added).toContainText('2 endings:');
  const endings = added.locator('.import-endings li');
  await expect(endings).toHaveText(['Order found – Resolved', 'Customer upset – Escalated']);
  const warnings = page.locator('.import-warnings');
  await expect(warnings.locator('p').first()).toHaveText(/^1 warning – the scenario can be played, but teaches badly at this point\. Please fix it before you pass the file on:$/);
  await expect(warnings.locator('li')).toHaveCount(1);
  await expect(warnings.locator('li')).toHaveText('Line 19, column 8: reply `apologise` of node `open`: the en feedback does not name its technique `apology` (Apologise)');
  // The same report in German when the page speaks German.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(added).toContainText(`Hinzugefügt: ${TITLE_DE}`);
  await expect(added.locator('.import-score')).toHaveText('Erreichbare Punktzahl: 0–100');
  await expect(added).toContainText('2 Enden:');
  await expect(endings).toHaveText(['Bestellung gefunden – Gelöst', 'Kundin verärgert – Eskaliert']);
  await expect(warnings.locator('p').first()).toHaveText(/^1 Warnung – das Szenario lässt sich spielen, lehrt aber an dieser Stelle schlecht\. Bitte beheben Sie das, bevor Sie die Datei weitergeben:$/);
  await expect(warnings.locator('li')).toHaveText('Zeile 19, Spalte 8: Antwort `apologise` (Knoten `open`): das englische Feedback nennt seine Technik `apology` (Apologise) nicht beim Namen');
});

test('an imported scenario is a library card marked as your own, counted and filtered like the others', async ({ page }) => {
  await page.goto('./?lang=en#/');
  await page.locator('.library .card').first().waitFor();
  const before = await shownCount(page);
  await expect(page.locator('.card .own-badge')).toHaveCount(0);
  await importScenario(page, 'missing-order.toml', scenario());
  await expect(page.locator('.import-ok')).toContainText(`Added: ${TITLE_EN}`);
  const card = page.locator('.cards .card', { hasText: TITLE_EN });
  await expect(card).toHaveCount(1);
  await expect(card.locator('.own-badge')).toHaveText('Your own scenario');
  await expect(card.getByRole('link', { name: TITLE_EN })).toHaveAttribute('href', '#/play/missing-order');
  await expect(page.locator('.card .own-badge')).toHaveCount(1);
  await expect(page.locator('.filter-count')).toHaveText(`${before + 1} conversations`);
  await expect(page.locator('.cards .card')).toHaveCount(before + 1);
  // A customer type other than its own hides it; its own shows it.
  await page.selectOption('#filter-type', 'aggressive');
  await expect(card).toHaveCount(0);
  await expect(page.locator('.cards .card')).toHaveCount(await shownCount(page));
  await page.selectOption('#filter-type', 'chaotic');
  await expect(card).toHaveCount(1);
  await expect(page.locator('.cards .card')).toHaveCount(await shownCount(page));
  await page.selectOption('#filter-type', '');
  await expect(page.locator('.filter-count')).toHaveText(`${before + 1} conversations`);
  // In German too, and after a reload, once the checker has seen it again.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.locator('.cards .card', { hasText: TITLE_DE }).locator('.own-badge')).toHaveText('Eigenes Szenario');
  await page.reload();
  await expect(page.locator('.cards .card', { hasText: TITLE_DE }).locator('.own-badge')).toHaveText('Eigenes Szenario');
  await expect(page.locator('.filter-count')).toHaveText(`${before + 1} Gespräche`);
  // Removed in the trainer area, it leaves the library.
  page.once('dialog', (d) => d.accept());
  await page.locator('.own-list').getByRole('button', { name: 'Entfernen' }).click();
  await expect(page.locator('.card .own-badge')).toHaveCount(0);
  await expect(page.locator('.filter-count')).toHaveText(`${before} Gespräche`);
});

test('warnings and problems are counted right for one and for two', async ({ page }) => {
  await page.goto('./?lang=en#/');
  const heading = page.locator('.import-warnings p').first();
  await importScenario(page, 'one-warning.toml', scenario());
  await expect(heading).toHaveText(/^1 warning – .* fix it before/);
  await expect(page.locator('.import-warnings li')).toHaveCount(1);
  await importScenario(page, 'two-warnings.toml', scenario({ deFeedback: 'Das wirkt.' }));
  await expect(heading).toHaveText(/^2 warnings – .* at these points\. Please fix them before/);
  await expect(page.locator('.import-warnings li')).toHaveCount(2);
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(heading).toHaveText(/^2 Warnungen – .* an diesen Stellen schlecht/);
  await importScenario(page, 'one-warning-again.toml', scenario());
  await expect(heading).toHaveText(/^1 Warnung – .* an dieser Stelle schlecht/);
  // A file with one problem, then with two.
  const problems = page.locator('.import-error p').first();
  await importScenario(page, 'one-problem.toml', scenario({ difficulty: 7 }));
  await expect(problems).toHaveText('1 Problem gefunden – bitte in der Datei korrigieren:');
  await expect(page.locator('.import-error .problems li')).toHaveCount(1);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(problems).toHaveText('1 problem found – please fix it in the file:');
  await importScenario(page, 'two-problems.toml', scenario({ difficulty: 7, poorRating: 'okay' }));
  await expect(problems).toHaveText('2 problems found – please fix them in the file:');
  await expect(page.locator('.import-error .problems li')).toHaveCount(2);
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(problems).toHaveText('2 Probleme gefunden – bitte in der Datei korrigieren:');
});
