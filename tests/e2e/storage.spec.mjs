// Progress that never gets lost: full quota, two tabs, export/import, resume.
import { test, expect, playToEnd, playBest } from './guard.mjs';
import { readFile } from 'node:fs/promises';

const SCENARIO = 'supermarket-expired-yoghurt';



test('a full storage quota warns, play continues, and export still works', async ({ page }) => {
  await page.goto('./?lang=en#/');
  // Fill the quota to the last character: halve the chunk on each refusal.
  const filled = await page.evaluate(() => {
    let size = 1024 * 1024;
    let stored = 0;
    for (let i = 0; size >= 1 && i < 10000; i++) {
      try { localStorage.setItem(`filler-${i}`, 'x'.repeat(size)); stored += size; } catch { size = Math.floor(size / 2); }
    }
    return stored;
  });
  expect(filled).toBeGreaterThan(1024 * 1024);
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await playToEnd(page);
  await expect(page.locator('.notice')).toHaveCount(1);
  await expect(page.locator('.notice')).toContainText('could not be saved');
  await expect(page.locator('.debrief h1')).toContainText('Outcome:');
  // The run is kept in memory and can be exported.
  await page.goto('./?lang=en#/progress');
  await expect(page.locator('.history tbody tr')).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^counterpart-progress-\d{4}-\d\d-\d\d\.json$/);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(file.counterpart_progress.h).toHaveLength(1);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
});

test('progress saved in one tab appears in the other, and saves merge', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto('./?lang=en#/progress');
  await second.goto('./?lang=en#/progress');
  await expect(second.locator('.history')).toHaveCount(0);

  await first.goto(`./?lang=en#/play/${SCENARIO}`);
  await playToEnd(first);
  await expect(second.locator('.history tbody tr')).toHaveCount(1);

  // The second tab finishes a run too: its save merges, nothing is clobbered.
  await second.goto(`./?lang=en#/play/${SCENARIO}`);
  await playToEnd(second);
  const runs = await first.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')).h.length);
  expect(runs).toBe(2);
  await first.goto('./?lang=en#/progress');
  await expect(first.locator('.history tbody tr')).toHaveCount(2);
});

test('export, then import into a fresh browser restores badges', async ({ page, browser }) => {
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await playBest(page);
  await page.goto('./?lang=en#/progress');
  // The progress screen's code arrives on demand: wait for it before reading.
  await expect(page.locator('.badge.earned').first()).toBeVisible();
  const earned = await page.locator('.badge.earned h3').allInnerTexts();
  expect(earned.length).toBeGreaterThan(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  const path = await download.path();

  const fresh = await browser.newContext({ baseURL: page.url().split('#')[0].replace(/\?.*$/, '') });
  const other = await fresh.newPage();
  await other.goto('./?lang=en#/progress');
  await expect(other.locator('.badge.earned')).toHaveCount(0);
  await other.locator('input[type=file]').setInputFiles(path);
  await expect(other.locator('.transfer-message')).toContainText('Imported and merged');
  await expect(other.locator('.badge.earned h3')).toHaveText(earned);
  await other.reload();
  await expect(other.locator('.badge.earned h3')).toHaveText(earned);

  // A wrong file and a tampered file are refused in plain words.
  await other.locator('input[type=file]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(other.locator('.transfer-message')).toContainText('not a Counterpart progress file');
  const tampered = (await readFile(path, 'utf8')).replace(/"l":1/g, '"l":3');
  await other.locator('input[type=file]').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await expect(other.locator('.transfer-message')).toContainText('damaged or was changed by hand');
  await fresh.close();
});

test('a reload mid-conversation resumes where it stopped', async ({ page }) => {
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  // Two replies of the best path by id: the conversation cannot end yet.
  await page.locator('[data-reply-id="acknowledge_and_apologise"]').click();
  await page.locator('[data-reply-id="take_regular_seriously"]').click();
  const log = page.getByRole('log');
  const before = await log.innerText();
  const mood = await page.getByRole('meter').getAttribute('aria-valuenow');
  await page.reload();
  await expect.poll(() => page.getByRole('log').innerText()).toBe(before);
  await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', mood);
  await expect(page.getByRole('log').locator('.trainee')).toHaveCount(2);
  // Pausing leaves it unfinished; the library says so, and it resumes.
  await page.getByRole('link', { name: /Pause/ }).click();
  await expect(page.locator('.card', { has: page.locator(`a[href="#/play/${SCENARIO}"]`) })).toContainText('started, will resume');
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await expect(page.getByRole('log').locator('.trainee')).toHaveCount(2);
});

test('switching the language mid-conversation keeps the conversation and shows its texts in the new language', async ({ page }) => {
  const fetched = [];
  // Scenario files only: the cards (index.json) follow the first reply, for the debrief.
  page.on('request', (r) => { if (r.url().includes(`/scenarios/${SCENARIO}.`) && r.url().endsWith('.json')) fetched.push(r.url().split('/').pop()); });
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  const group = page.getByRole('group', { name: 'Ihre Antwort' });
  await group.getByRole('button').first().click();
  await expect(page.getByRole('log').locator('.trainee')).toHaveCount(1);
  const german = await page.getByRole('log').locator('.trainee p').innerText();
  const mood = await page.getByRole('meter').getAttribute('aria-valuenow');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('group', { name: 'Your reply' })).toBeVisible();
  await expect(page.getByRole('log').locator('.trainee')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The English texts were fetched and replaced the German ones.
  await expect(page.getByRole('log').locator('.trainee p')).not.toHaveText(german);
  await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', mood);
  expect(fetched.map((f) => f.split('.')[1])).toEqual(['de', 'en']);
  // And back: both languages are here now, nothing more is fetched.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('log').locator('.trainee p')).toHaveText(german);
  expect(fetched).toHaveLength(2);
});

test('blocked storage (private mode, sandboxed iframe): a warning, play in memory, export offered', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  await page.goto(`./?lang=en#/play/${SCENARIO}`);
  await expect(page.locator('.notice')).toContainText('does not allow saving here');
  await playBest(page);
  await expect(page.locator('.debrief h1')).toContainText('Outcome:');
  await page.locator('.notice').getByRole('link', { name: 'Save your progress as a file' }).click();
  await expect(page.locator('.history tbody tr')).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(file.counterpart_progress.h).toHaveLength(1);
});

test('an oversized progress file is refused before it is read', async ({ page }) => {
  await page.goto('./?lang=en#/progress');
  await page.locator('input[type=file]').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(2 * 1024 * 1024, 32) });
  await expect(page.locator('.transfer-message')).toContainText('far too large');
});

test('a reset in one tab stays reset when another open tab saves later', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(`./?lang=en#/play/${SCENARIO}`);
  await playToEnd(first);
  await second.goto('./?lang=en#/progress');
  await expect(second.locator('.history tbody tr')).toHaveCount(1);
  // Reset in the first tab.
  await first.goto('./?lang=en#/progress');
  first.once('dialog', (d) => d.accept());
  await first.getByRole('button', { name: 'Delete progress' }).click();
  await expect(first.locator('.history')).toHaveCount(0);
  // The second tab, opened before the reset, finishes a run and saves.
  await second.goto(`./?lang=en#/play/${SCENARIO}`);
  await playToEnd(second);
  const stored = await first.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')));
  expect(stored.h, 'only the run after the reset').toHaveLength(1);
  await first.goto('./?lang=en#/progress');
  await expect(first.locator('.history tbody tr')).toHaveCount(1);
});
