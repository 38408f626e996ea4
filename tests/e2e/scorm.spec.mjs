// SCORM 1.2 and 2004 against a real runtime (npm scorm-again): a harness page
// provides the API and loads the app in an iframe, like an LMS does.
import { test, expect, SUPERMARKET_BEST as BEST } from './guard.mjs';
import { DIST } from './dist.mjs';
import { readFile, writeFile, mkdtemp, rm, cp } from 'node:fs/promises';
import { spawn, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORIGIN, openInLms as openLms, serve, validateManifest, SCORM12_SCHEMAS, SCORM2004_SCHEMAS, unzip, zipNames } from './lms-package.mjs';

const SCENARIO = 'supermarket-expired-yoghurt';
const APP = `/some/deep/path/index.html?lang=en&required=${SCENARIO}&mastery=80#/play/${SCENARIO}`;

/** The LMS page (tests/e2e/lms-package.mjs) with the app from the test server by default. */
const openInLms = (page, options) => openLms(page, { appUrl: `${ORIGIN}${APP}`, ...options });

async function playBest(frame) {
  for (const id of BEST) await frame.locator(`[data-reply-id="${id}"]`).click();
  await expect(frame.locator('.debrief h1')).toContainText('Outcome:');
}

test('SCORM 1.2: status, score, location, suspend_data, session time, exit and finish', async ({ page }) => {
  const course = await openInLms(page, { version: '1.2' });
  await expect(course.getByRole('button', { name: 'Finish' })).toBeVisible();
  await playBest(course);
  const core = await page.evaluate(() => ({
    status: window.API.LMSGetValue('cmi.core.lesson_status'),
    score: window.API.LMSGetValue('cmi.core.score.raw'),
    location: window.API.LMSGetValue('cmi.core.lesson_location'),
    suspend: window.API.LMSGetValue('cmi.suspend_data'),
  }));
  expect(core.status).toBe('passed');
  expect(core.score).toBe('100');
  expect(core.location).toContain(`#/play/${SCENARIO}`);
  expect(JSON.parse(core.suspend).s[SCENARIO].b).toBe(100);
  expect(core.suspend.length).toBeLessThanOrEqual(4096);

  await course.getByRole('button', { name: 'Finish' }).click();
  await expect(course.locator('.notice')).toContainText('results were sent');
  const after = await page.evaluate(() => ({ calls: window.calls, sets: window.sets }));
  expect(after.calls).toEqual(['LMSInitialize', 'LMSFinish']);
  expect(after.sets['cmi.core.exit']).toBe('suspend');
  expect(after.sets['cmi.core.session_time']).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
});

test('SCORM 2004: completion, success, scaled score, one objective per technique, Terminate', async ({ page }) => {
  const course = await openInLms(page, { version: '2004' });
  await playBest(course);
  const cmi = await page.evaluate(() => {
    const get = (k) => window.API_1484_11.GetValue(k);
    const count = Number(get('cmi.objectives._count'));
    return {
      completion: get('cmi.completion_status'),
      success: get('cmi.success_status'),
      scaled: get('cmi.score.scaled'),
      objectives: Array.from({ length: count }, (_, n) => ({ id: get(`cmi.objectives.${n}.id`), status: get(`cmi.objectives.${n}.success_status`), scaled: get(`cmi.objectives.${n}.score.scaled`) })),
    };
  });
  expect(cmi.completion).toBe('completed');
  expect(cmi.success).toBe('passed');
  expect(Number(cmi.scaled)).toBe(1);
  expect(cmi.objectives.map((o) => o.id)).toEqual(['calm', 'empathy', 'apology', 'solution', 'boundary', 'explain', 'refer']);
  expect(cmi.objectives.find((o) => o.id === 'empathy').status).toBe('passed');
  expect(Number(cmi.objectives.find((o) => o.id === 'empathy').scaled)).toBeGreaterThan(0);
  expect(cmi.objectives.find((o) => o.id === 'boundary').status).toBe('unknown');

  await course.getByRole('button', { name: 'Finish' }).click();
  const after = await page.evaluate(() => ({ calls: window.calls, sets: window.sets }));
  expect(after.calls).toEqual(['Initialize', 'Terminate']);
  expect(after.sets['cmi.exit']).toBe('suspend');
  expect(after.sets['cmi.session_time']).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$/);
});

test('resume: progress from an earlier attempt comes back from suspend_data', async ({ page }) => {
  const earlier = { v: 2, s: { 'vet-practice-long-wait': { n: 1, b: 90, o: 'boundary_held', w: 90, a: 17, c: 17, m: 0, t: 1764000000000 } }, h: [], g: { calm: { l: 1, t: 1764000000000 }, boundary: { l: 1, t: 1764000000000 } } };
  const course = await openInLms(page, { version: '1.2', preload: { core: { entry: 'resume' }, suspend_data: JSON.stringify(earlier) } });
  await expect(course.getByRole('group', { name: 'Your reply' })).toBeVisible();
  await course.getByRole('link', { name: 'Progress' }).click();
  await expect(course.locator('.badge.earned h3')).toHaveText(['Steady Hand', 'Clear Line']);
});

test('SCORM 1.2 suspend_data stays within 4,096 characters after a heavy history', async ({ page }) => {
  // A trainee who played every scenario many times in this browser.
  await page.goto('./?lang=en#/');
  // The library's code arrives on demand: wait for it before reading it.
  await expect(page.locator('.card a[href^="#/play/"]').first()).toBeVisible();
  const ids = await page.locator('.card a[href^="#/play/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href').slice(7)));
  await page.evaluate((ids) => {
    const s = {}, h = [];
    ids.forEach((id, i) => { s[id] = { n: 25, b: 95, o: 'resolved', w: 95, a: 127, c: 127, m: 8, t: 1764000000000 + i }; });
    for (let i = 0; i < 20; i++) h.push({ t: 1764000000000 + i, s: ids[i % ids.length], o: 'compromise', p: 70, a: 15, m: 0, x: 96 });
    const g = {};
    for (const b of ['calm', 'empathy', 'apology', 'solution', 'boundary', 'explain', 'refer']) g[b] = { l: 3, t: 1764000000000 };
    localStorage.setItem('counterpart.progress', JSON.stringify({ v: 2, s, h, g }));
  }, ids);
  const course = await openInLms(page, { version: '1.2' });
  await playBest(course);
  const suspend = await page.evaluate(() => window.API.LMSGetValue('cmi.suspend_data'));
  console.log(`SCORM 1.2 suspend_data after a heavy history: ${suspend.length} characters`);
  expect(suspend.length).toBeLessThanOrEqual(4096);
  expect(Object.keys(JSON.parse(suspend).s).length).toBe(ids.length);
});

test('an LMS that answers "false" is reported, play continues, local progress is kept', async ({ page }) => {
  const course = await openInLms(page, { version: '2004', api: 'refusing' });
  await playBest(course);
  await expect(course.locator('.notice')).toContainText('did not accept your results');
  await expect(course.getByRole('button', { name: 'Play again' })).toBeVisible();
  const local = await course.locator('body').evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')).h.length);
  expect(local).toBe(1);
});

test('a cross-origin parent means standalone mode, without errors', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const dir = await mkdtemp(join(tmpdir(), 'counterpart-lms-'));
  const server = spawn('node', ['tests/e2e/serve.mjs', dir, '4175', '/lms/'], { stdio: 'ignore' });
  try {
    const url = 'http://127.0.0.1:4175/lms/';
    await expect.poll(async () => (await fetch(url).catch(() => null))?.status ?? 0).toBe(404);
    const course = await openInLms(page, { version: '1.2', harness: { dir, url } });
    await playBest(course);
    await expect(course.getByRole('button', { name: 'Finish' })).toHaveCount(0);
    expect(await page.evaluate(() => window.calls)).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    server.kill();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the package builder writes zips whose manifests validate and which run in the LMS', async ({ page }) => {
  const out = await mkdtemp(join(tmpdir(), 'counterpart-scorm-'));
  try {
    execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'counterpart-package', '--', '--dist', DIST, '--out', out,
      '--title', 'Kundengespräche & Übungen', '--required', SCENARIO, '--mastery', '80']);
    // Manifests validate against the official XSDs (xmllint exits non-zero otherwise).
    await validateManifest(join(out, 'counterpart-scorm12/imsmanifest.xml'), ...SCORM12_SCHEMAS);
    await validateManifest(join(out, 'counterpart-scorm2004/imsmanifest.xml'), ...SCORM2004_SCHEMAS);
    // Every file of the package is listed in its manifest.
    const unpacked = join(out, 'unpacked');
    unzip(join(out, 'counterpart-scorm12.zip'), unpacked);
    const manifest = await readFile(join(unpacked, 'imsmanifest.xml'), 'utf8');
    const listed = [...manifest.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]).sort();
    const files = zipNames(join(out, 'counterpart-scorm12.zip')).filter((n) => n !== 'imsmanifest.xml').sort();
    expect(listed).toEqual(files);

    // Each unpacked package runs in the LMS with the packaged assignment (no URL parameters).
    for (const [version, zip, port] of [['1.2', 'counterpart-scorm12.zip', 4176], ['2004', 'counterpart-scorm2004.zip', 4177]]) {
      const folder = join(out, `unpacked-${version}`);
      unzip(join(out, zip), folder);
      const { server, url } = await serve(folder, port, '/course/');
      try {
        const course = await openInLms(page, { version, harness: { dir: folder, url }, appUrl: `index.html?lang=en#/play/${SCENARIO}` });
        await playBest(course);
        const status = await page.evaluate((v) => v === '1.2'
          ? [window.API.LMSGetValue('cmi.core.lesson_status'), window.API.LMSGetValue('cmi.core.score.raw')]
          : [window.API_1484_11.GetValue('cmi.success_status'), window.API_1484_11.GetValue('cmi.score.raw')], version);
        expect(status).toEqual(['passed', '100']);
        // A package leaves out the author preview (the answer key).
        const frame = page.frames().find((f) => f.url().includes('/course/index.html'));
        await frame.evaluate((id) => { location.hash = `#/preview/${id}`; }, SCENARIO);
        await expect(course.getByRole('heading', { level: 1 })).toHaveText('Preview not available');
        await expect(course.locator('.routes')).toHaveCount(0);
      } finally {
        server.kill();
      }
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('embed mode hides the navigation and posts the documented messages to the parent', async ({ page }) => {
  const html = `<!doctype html><html lang="en"><head><title>Intranet</title><link rel="icon" href="data:,"></head><body>
<script>window.messages = []; addEventListener('message', (e) => { if (e.data && e.data.source === 'counterpart') window.messages.push(e.data); });</script>
<iframe title="Course" src="/some/deep/path/index.html?lang=en&embed=1#/play/${SCENARIO}" style="width:100%;height:90vh;border:0"></iframe></body></html>`;
  await page.route('**/intranet/page.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${ORIGIN}/intranet/page.html`);
  const course = page.frameLocator('iframe');
  await expect(course.getByRole('group', { name: 'Your reply' })).toBeVisible();
  await expect(course.locator('.topbar')).toHaveCount(0);
  await playBest(course);
  const messages = await page.evaluate(() => window.messages);
  expect(messages[0]).toEqual({ source: 'counterpart', type: 'started', scenario: SCENARIO });
  const replies = messages.filter((m) => m.type === 'reply');
  expect(replies.map((m) => m.reply)).toEqual(BEST);
  expect(replies[0]).toMatchObject({ rating: 'good', node: expect.any(String), mood: expect.any(Number) });
  const finished = messages.at(-1);
  expect(finished).toMatchObject({ type: 'finished', scenario: SCENARIO, outcome: 'resolved', score: 100 });
  expect(finished.applied).toEqual(expect.arrayContaining(['empathy', 'apology']));
  expect(finished.missed).toEqual([]);
});

test('SCORM 1.2 under Moodle\'s default "mastery score overrides status": an unfinished assignment stays incomplete, a finished one keeps the app\'s verdict', async ({ page }) => {
  const OTHER = 'vet-practice-long-wait';
  const out = await mkdtemp(join(tmpdir(), 'counterpart-moodle-'));
  try {
    execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'counterpart-package', '--', '--dist', DIST, '--out', out,
      '--title', 'Kundengespräche', '--required', `${SCENARIO},${OTHER}`, '--mastery', '70']);
    const folder = join(out, 'unpacked');
    unzip(join(out, 'counterpart-scorm12.zip'), folder);
    // The LMS applies the manifest's mastery score, if it has one, as Moodle does.
    const manifest = await readFile(join(folder, 'imsmanifest.xml'), 'utf8');
    const mastery = (manifest.match(/<adlcp:masteryscore>(\d+)<\/adlcp:masteryscore>/) || [])[1] || '';
    const { server, url } = await serve(folder, 4178, '/course/');
    try {
      const moodle = { mastery_override: true };
      const preload = mastery ? { student_data: { mastery_score: mastery } } : null;
      const course = await openInLms(page, { version: '1.2', harness: { dir: folder, url }, settings: moodle, preload, appUrl: `index.html?lang=en#/play/${SCENARIO}` });
      await playBest(course);
      await page.evaluate(() => window.API.LMSFinish(''));
      const [status, raw] = await page.evaluate(() => [window.API.cmi.core.lesson_status, window.API.cmi.core.score.raw]);
      expect(Number(raw)).toBeLessThan(70);
      expect(status, 'one of two required conversations: not failed, not locked into review').toBe('incomplete');

      // Both finished: the status the app decides (each conversation against
      // the mastery) is the status the LMS keeps.
      const again = await openInLms(page, { version: '1.2', harness: { dir: folder, url }, settings: moodle, preload, appUrl: `index.html?lang=en#/play/${SCENARIO}` });
      await playBest(again);
      const frame = page.frames().find((f) => f.url().includes('/course/index.html'));
      await frame.evaluate((id) => { location.hash = `#/play/${id}`; }, OTHER);
      for (let turn = 0; turn < 40; turn++) {
        if (await again.locator('.debrief h1').isVisible().catch(() => false)) break;
        const note = again.getByRole('button', { name: 'Start the conversation' });
        if (await note.isVisible().catch(() => false)) await note.click();
        const reply = again.locator('button.reply').first();
        if (await reply.isVisible().catch(() => false)) await reply.click();
        else await page.waitForTimeout(100);
      }
      await expect(again.locator('.debrief h1')).toContainText('Outcome:');
      const decided = await page.evaluate(() => window.sets['cmi.core.lesson_status']);
      expect(['passed', 'failed']).toContain(decided);
      await page.evaluate(() => window.API.LMSFinish(''));
      expect(await page.evaluate(() => window.API.cmi.core.lesson_status)).toBe(decided);
    } finally {
      server.kill();
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('imported progress reaches the LMS like a played run', async ({ page }) => {
  const course = await openInLms(page, { version: '1.2' });
  await expect(course.getByRole('group', { name: 'Your reply' })).toBeVisible();
  const frame = page.frames().find((f) => f.url().includes('/some/deep/path/'));
  await frame.evaluate(() => { location.hash = '#/progress'; });
  const progress = await readFile('tests/fixtures/stored/progress-v2.json', 'utf8');
  await course.locator('input[type=file]').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(progress) });
  await expect(course.locator('.transfer-message')).toContainText('Imported and merged');
  await expect.poll(() => page.evaluate(() => window.sets['cmi.suspend_data'] || '')).toContain('bike-shop-indecisive');
});
