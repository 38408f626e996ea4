// Seminar mode (issue #22): the facilitator view driven by the keyboard
// alone, at both projector sizes and axe-clean; the class debrief from five
// exported progress files, its counts computed here from the files (not by
// the app's code), broken and hostile files refused, print and CSV.
// SHOTS=<dir> also saves screenshots (full size and scaled to 50 %).
import { test, expect } from './guard.mjs';
import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

/** A zip archive of [name, text] pairs, deflated (Python's zipfile, so the
 *  archive is not made by the code under test). */
function zipOf(files) {
  const script = 'import io,json,sys,zipfile\nb=io.BytesIO()\nz=zipfile.ZipFile(b,"w",zipfile.ZIP_DEFLATED)\n'
    + 'for n,t in json.load(sys.stdin): z.writestr(n,t)\nz.close()\nsys.stdout.buffer.write(b.getvalue())';
  return execFileSync('python3', ['-c', script], { input: JSON.stringify(files) });
}

const SCENARIO = 'supermarket-expired-yoghurt';
const SECOND = 'vet-practice-long-wait';
const SIZES = [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }];
const TECHNIQUES = ['calm', 'empathy', 'apology', 'solution', 'boundary', 'explain', 'refer'];
const SHOTS = process.env.SHOTS;

async function axeClean(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** Saves a screenshot, and the same scaled to half ("the back of the room"). */
async function shoot(page, browser, name) {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  const size = page.viewportSize();
  const png = await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const half = await browser.newPage({ viewport: { width: Math.round(size.width / 2), height: Math.round(size.height / 2) } });
  await half.setContent(`<body style="margin:0"><img style="width:${size.width / 2}px;display:block" src="data:image/png;base64,${png.toString('base64')}"></body>`);
  await half.screenshot({ path: join(SHOTS, `${name}-50pct.png`) });
  await half.close();
}

const decision = (page) => page.locator('.seminar-where');

for (const size of SIZES) {
  test(`the facilitator view runs a whole conversation by keyboard at ${size.width}×${size.height}`, async ({ page, browser }) => {
    await page.setViewportSize(size);
    await page.goto(`./?lang=de#/seminar/${SCENARIO}`);
    await expect(page.locator('h1')).toHaveCount(1);
    const replies = page.locator('.seminar-replies .seminar-reply');
    // Replies hidden first, with the prompt for discussion.
    await expect(page.getByRole('heading', { name: 'Was würden Sie sagen?' })).toBeVisible();
    await expect(replies).toHaveCount(0);
    await expect(decision(page)).toContainText('Entscheidung 1');
    await axeClean(page);
    await shoot(page, browser, `seminar-${size.width}-prompt`);

    // Show the replies (clicker: next), labelled A–D.
    await page.keyboard.press('ArrowRight');
    await expect(replies.first()).toBeVisible();
    const count = await replies.count();
    expect(count).toBeGreaterThanOrEqual(3);
    await expect(page.locator('.seminar-reply .letter').first()).toHaveText('A');
    await axeClean(page);
    await shoot(page, browser, `seminar-${size.width}-replies`);

    // Blank the screen and bring it back.
    await page.keyboard.press('b');
    await expect(page.locator('.seminar-blank')).toBeVisible();
    await axeClean(page);
    await page.keyboard.press('b');
    await expect(page.locator('.seminar-blank')).toHaveCount(0);

    // Next before a choice does not reveal anything.
    await page.keyboard.press('PageDown');
    await expect(page.locator('.seminar-feedback')).toHaveCount(0);
    // Record C, then change to A; Enter reveals.
    await page.keyboard.press('c');
    await expect(replies.nth(2)).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('a');
    await expect(replies.nth(0)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.seminar-feedback')).toHaveCount(0);
    await page.keyboard.press('Enter');
    const feedback = page.locator('.seminar-feedback');
    await expect(feedback).toBeVisible();
    await expect(feedback.locator('h2')).toHaveText(/Bewertung: (Gut|Vertretbar|Ungünstig)/);
    await expect(feedback.locator('.seminar-mood-change')).toContainText('Stimmung:');
    await axeClean(page);
    await shoot(page, browser, `seminar-${size.width}-revealed`);

    // Back hides the feedback again; forward reveals; next goes on.
    await page.keyboard.press('ArrowLeft');
    await expect(feedback).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(feedback).toBeVisible();
    await page.keyboard.press('PageDown');
    await expect(decision(page)).toContainText('Entscheidung 2');
    await expect(page.getByRole('heading', { name: 'Was würden Sie sagen?' })).toBeVisible();
    // Back to the first decision, as revealed.
    await page.keyboard.press('PageUp');
    await expect(decision(page)).toContainText('Entscheidung 1');
    await expect(feedback).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(decision(page)).toContainText('Entscheidung 2');

    // The timer is off until started with T.
    await expect(page.locator('.seminar-timer')).toHaveCount(0);
    await page.keyboard.press('t');
    await expect(page.locator('.seminar-timer')).toHaveText(/0:0\d/);

    // To the end: show, record A, reveal, next.
    for (let turn = 0; turn < 30 && !(await page.locator('.seminar-debrief').count()); turn++) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('a');
      await page.keyboard.press('Enter');
      await expect(feedback).toBeVisible();
      await page.keyboard.press('ArrowRight');
    }
    const debrief = page.locator('.seminar-debrief');
    await expect(debrief).toBeVisible();
    await expect(debrief).toContainText('Der Weg des Raums');
    await expect(debrief).toContainText('Der beste Weg');
    expect(await debrief.locator('#room-path + ol li').count()).toBeGreaterThanOrEqual(2);
    await axeClean(page);
    await shoot(page, browser, `seminar-${size.width}-end`);

    // The room's run is nobody's progress.
    const stored = await page.evaluate(() => localStorage.getItem('counterpart.progress'));
    expect(stored === null || !JSON.parse(stored).h?.length).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('counterpart.paths'))).toBeNull();

    // Leaving the view (timer running) is clean: the guard fails on any trap.
    await page.evaluate(() => { location.hash = '#/'; });
    await expect(page.locator('.library .card').first()).toBeVisible();
    await page.waitForTimeout(1200);
  });
}

test('the facilitator view is reachable from the library, in English too', async ({ page }) => {
  await page.goto('./?lang=en#/');
  await page.locator('.library .card').first().waitFor();
  await page.locator('.trainer-area summary').click();
  await page.getByLabel('Conversation for the projector').selectOption(SECOND);
  await page.getByRole('link', { name: 'Open the facilitator view' }).click();
  await expect(page.getByRole('heading', { name: 'What would you say?' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/seminar/${SECOND}`));
});

/** Plays `id` in a fresh context choosing the reply at `pick(turn)` and
 *  exports the progress (with `name`, if given); returns the file's text. */
async function exportRun(browser, runs, name) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  for (const [id, pick] of runs) {
    // Through the library, so a second run of the same scenario starts afresh.
    await page.goto('./?lang=de#/');
    await page.goto(`./?lang=de#/play/${id}`);
    const start = page.getByRole('button', { name: 'Gespräch beginnen' });
    const group = page.getByRole('group', { name: 'Ihre Antwort' });
    await expect(start.or(group)).toBeVisible();
    if (await start.isVisible()) await start.click();
    for (let turn = 0; turn < 40; turn++) {
      const buttons = group.getByRole('button');
      const debrief = page.locator('.debrief');
      await expect(buttons.first().or(debrief).first()).toBeVisible();
      if (await debrief.count()) break;
      const n = await buttons.count();
      await buttons.nth(pick(turn) % n).click();
    }
    await expect(page.locator('.debrief h1')).toBeVisible();
  }
  await page.goto('./?lang=de#/progress');
  if (name) await page.getByLabel(/Name oder Pseudonym/).fill(name);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Fortschritt exportieren' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  await context.close();
  return text;
}

/** The counts the class debrief must show, computed from the files alone. */
function expectedCounts(files) {
  const bit = (t) => 1 << TECHNIQUES.indexOf(t);
  const techniques = Object.fromEntries(TECHNIQUES.map((t) => [t, { applied: 0, missed: 0, misapplied: 0 }]));
  const scenarios = {};
  const wrong = {};
  for (const text of files) {
    const file = JSON.parse(text);
    const p = file.counterpart_progress;
    const records = Object.values(p.s || {});
    const history = p.h || [];
    for (const t of TECHNIQUES) {
      const applied = records.some((r) => r.a & bit(t)) || history.some((h) => h.a & bit(t));
      const misapplied = records.some((r) => r.m & bit(t)) || history.some((h) => h.m & bit(t));
      const missed = !applied && history.some((h) => h.x & bit(t));
      techniques[t].applied += applied;
      techniques[t].missed += missed;
      techniques[t].misapplied += misapplied;
    }
    for (const h of history) (scenarios[h.s] ||= []).push(h.p);
    for (const path of file.paths || []) {
      for (const step of path.c) {
        if (step.g !== 'good') {
          const key = `${path.s}/${step.n}`;
          wrong[key] = (wrong[key] || 0) + 1;
        }
      }
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const summary = Object.fromEntries(Object.entries(scenarios).map(([id, scores]) => [id, { runs: scores.length, median: median(scores) }]));
  const mostWrong = Math.max(0, ...Object.values(wrong));
  return { techniques, summary, mostWrong };
}

test('the class debrief counts five exported files, refuses broken and hostile ones, prints and exports CSV', async ({ page, browser }) => {
  test.setTimeout(240_000);
  // Five participants, different runs: different replies, one also a second scenario.
  const files = [
    await exportRun(browser, [[SCENARIO, () => 0]], 'Kim'),
    await exportRun(browser, [[SCENARIO, () => 1]]),
    await exportRun(browser, [[SCENARIO, (t) => t], [SECOND, () => 0]]),
    await exportRun(browser, [[SCENARIO, () => 2], [SCENARIO, () => 3]]),
    await exportRun(browser, [[SECOND, (t) => t + 1]], '  Alex <b>R.</b> '),
  ];
  expect(JSON.parse(files[0]).participant).toBe('Kim');
  expect(JSON.parse(files[0]).paths.length).toBe(1);
  const want = expectedCounts(files);

  const broken = '{"counterpart_progress": {"v": 2, "s": ';
  // Hostile: markup in the name, and a badge no record earns.
  const hostile = JSON.stringify({
    counterpart_progress: { v: 2, g: { empathy: { l: 3, t: 1 } } },
    exported_at: 1,
    participant: '<img src=x onerror=alert(1)>',
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?lang=de#/class');
  await expect(page.getByRole('heading', { level: 1, name: 'Klassenauswertung' })).toBeVisible();
  await page.getByLabel(/Fortschrittsdateien wählen/).setInputFiles([
    ...files.map((text, i) => ({ name: `teilnehmer-${i + 1}.json`, mimeType: 'application/json', buffer: Buffer.from(text) })),
    { name: 'kaputt.json', mimeType: 'application/json', buffer: Buffer.from(broken) },
    { name: 'boese.json', mimeType: 'application/json', buffer: Buffer.from(hostile) },
    { name: 'doppelt.json', mimeType: 'application/json', buffer: Buffer.from(files[1]) },
  ]);
  await expect(page.locator('.class-summary')).toContainText('5 Teilnehmende');
  const refused = page.locator('.class-refused li');
  await expect(refused).toHaveCount(3);
  await expect(refused.filter({ hasText: 'kaputt.json' })).toContainText('keine Counterpart-Fortschrittsdatei');
  await expect(refused.filter({ hasText: 'boese.json' })).toContainText('beschädigt oder von Hand verändert');
  await expect(refused.filter({ hasText: 'doppelt.json' })).toContainText('schon aufgenommen');
  expect(await page.locator('img[src=x]').count()).toBe(0);
  // Names only where the participant added one.
  await expect(page.locator('.class-participants')).toHaveText('Kim · Teilnehmer 2 · Teilnehmer 3 · Teilnehmer 4 · Alex <b>R.</b>');

  for (const t of TECHNIQUES) {
    const row = page.locator(`tr[data-technique="${t}"]`);
    await expect(row.locator('.applied')).toHaveText(String(want.techniques[t].applied));
    await expect(row.locator('.missed')).toHaveText(String(want.techniques[t].missed));
    await expect(row.locator('.misapplied')).toHaveText(String(want.techniques[t].misapplied));
  }
  for (const [id, s] of Object.entries(want.summary)) {
    const row = page.locator(`tr[data-scenario="${id}"]`);
    await expect(row.locator('.runs')).toHaveText(String(s.runs));
    await expect(row.locator('.median')).toHaveText(String(s.median));
  }
  expect(Object.keys(want.summary).sort()).toEqual([SCENARIO, SECOND].sort());
  const weak = page.locator('.class-weak li').first();
  await expect(weak).toContainText(`daneben: ${want.mostWrong} /`);
  await expect(weak).toContainText('Meist gewählt');
  await axeClean(page);
  await shoot(page, browser, 'class-1280');

  // CSV: the same counts.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV exportieren' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^counterpart-class-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  const empathy = want.techniques.empathy;
  expect(csv).toContain(`Technik,Zuhören und Empathie zeigen,${empathy.applied},${empathy.missed},${empathy.misapplied}\r\n`);
  expect(csv).toContain('Teilnehmende,5');

  // Saved as one file, it opens again with the same participants.
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Klassenergebnis speichern' }).click(),
  ]);
  const classText = await readFile(await saved.path(), 'utf8');
  await page.getByRole('button', { name: 'Alle entfernen' }).click();
  await expect(page.locator('.class-empty')).toBeVisible();
  await page.getByLabel(/Fortschrittsdateien wählen/).setInputFiles({ name: 'klasse.json', mimeType: 'application/json', buffer: Buffer.from(classText) });
  await expect(page.locator('.class-summary')).toContainText('5 Teilnehmende');
  // One zip of everyone's files (deflated), with a broken one inside.
  await page.getByRole('button', { name: 'Alle entfernen' }).click();
  const zipped = zipOf([...files.map((text, i) => [`p${i + 1}.json`, text]), ['kaputt.json', broken]]);
  await page.getByLabel(/Fortschrittsdateien wählen/).setInputFiles({ name: 'klasse.zip', mimeType: 'application/zip', buffer: zipped });
  await expect(page.locator('.class-summary')).toContainText('5 Teilnehmende');
  await expect(page.locator('.class-refused li')).toHaveCount(1);
  await expect(page.locator('.class-refused li')).toContainText('klasse.zip / kaputt.json');
  await expect(page.locator(`tr[data-technique="empathy"] .applied`)).toHaveText(String(want.techniques.empathy.applied));
  // Nothing of the class is kept in storage.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.filter((k) => /class/i.test(k))).toEqual([]);

  // Print: one A4 page, controls left out.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.class-drop')).toBeHidden();
  await expect(page.locator('.topbar')).toBeHidden();
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'class-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  if (SHOTS) await writeFile(join(SHOTS, 'class-print.pdf'), pdf);
  // The page tree's count (the root /Pages node has the largest).
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages/g)].map((m) => Number(m[1] || m[2]));
  expect(Math.max(...counts)).toBe(1);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, browser, 'class-1920');
  await page.evaluate(() => { location.hash = '#/'; });
  await expect(page.locator('.library .card').first()).toBeVisible();
});
