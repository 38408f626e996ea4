// Hand out from the browser (#/handout, issue #24): a trainer imports an own
// scenario and builds, in the page, the single HTML file and the SCORM 1.2,
// SCORM 2004 and cmi5 packages with it required. The single file plays it
// from file://; the zips' manifests validate against the same XSDs as the
// native builder's, are the ones `counterpart-package` writes for the same
// files, and run in scorm-again like the native zips (tests/e2e/scorm.spec.mjs).
// Ports 4182–4184 are this spec's (4173–4179 belong to the others).
import { test, expect, importScenario } from './guard.mjs';
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, readFile, rm, mkdir, rename, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openInLms, serve, validateManifest, SCORM12_SCHEMAS, SCORM2004_SCHEMAS, unzip, zipNames } from './lms-package.mjs';

const OWN = 'handout-own';
const OWN_TITLE = 'Small test';
/** The own scenario's best path (tests/fixtures/valid-minimal.toml): resolved, 100 points. */
const OWN_BEST = ['listen', 'offer'];
const SHIPPED = 'supermarket-expired-yoghurt';
const TITLE = 'Kundengespräche & Übungen';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Imports the own scenario on the library screen. */
async function importOwn(page) {
  await page.goto('./?lang=en#/');
  await importScenario(page, `${OWN}.toml`, await readFile('tests/fixtures/valid-minimal.toml', 'utf8'));
  await expect(page.locator('.import-ok')).toContainText(`Added: ${OWN_TITLE}`);
}

/** Clicks `button` and saves the download it starts into `dir`; returns its path. */
async function download(page, button, dir) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

test('the hand-out screen: reached from the library with the own scenarios chosen, keyboard and axe in both languages, photographed', async ({ page }) => {
  await importOwn(page);
  const link = page.getByRole('link', { name: 'Hand out: as one file or as an LMS package' });
  await expect(link).toHaveAttribute('href', `#/handout?select=${OWN}`);
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hand out');
  await expect(page).toHaveTitle('Hand out – Counterpart');
  const own = page.getByRole('group', { name: 'My scenarios' }).getByRole('checkbox', { name: OWN_TITLE });
  await expect(own).toBeChecked();
  await expect(page.locator('.handout-count')).toHaveText('1 conversation chosen');
  await expect(page.getByRole('group', { name: 'Built-in conversations' }).getByRole('checkbox')).toHaveCount(24);
  // The required list offers the chosen ones only.
  const required = page.getByRole('group', { name: 'Required conversations' }).getByRole('checkbox');
  await expect(required).toHaveCount(1);
  await expect(required).toHaveAccessibleName(OWN_TITLE);
  await expectAccessible(page, 'hand-out en');

  // Keyboard only: Space ticks a built-in conversation, which then is offered as required.
  const builtIn = page.getByRole('group', { name: 'Built-in conversations' });
  const shipped = builtIn.getByRole('checkbox', { name: 'Out of date – again' });
  await shipped.focus();
  await page.keyboard.press('Space');
  await expect(shipped).toBeChecked();
  await expect(page.locator('.handout-count')).toHaveText('2 conversations chosen');
  await expect(required).toHaveCount(2);
  await page.getByLabel('Course title (as the LMS shows it)').focus();
  await page.keyboard.press('Tab');
  await expect(required.first()).toBeFocused();

  for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `test-results/screens/en-handout-${name}.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scrolling at ${name} width`).toBe(true);
  }

  // German, with the choices kept (the language switch keeps the screen).
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weitergeben');
  await expect(page.locator('.handout-count')).toHaveText('2 Gespräche ausgewählt');
  await expect(page.getByRole('group', { name: 'Mitgelieferte Gespräche' }).getByRole('checkbox', { name: 'Schon wieder abgelaufen' })).toBeChecked();
  await expectAccessible(page, 'hand-out de');
  await page.screenshot({ path: 'test-results/screens/de-handout-desktop.png', fullPage: true });

  // Nothing chosen: the build says so, in plain words, as an alert.
  await page.getByRole('button', { name: 'Keine' }).click();
  await page.getByRole('button', { name: 'Datei herunterladen (counterpart.html)' }).click();
  await expect(page.getByRole('alert')).toHaveText('Bitte wählen Sie mindestens ein Gespräch aus.');
  await page.getByRole('button', { name: 'Alle auswählen' }).click();
  await expect(page.locator('.handout-count')).toHaveText('25 Gespräche ausgewählt');
  await page.getByLabel('Mindestpunktzahl (0–100)').fill('101');
  await page.getByRole('button', { name: 'SCORM 1.2 herunterladen' }).click();
  await expect(page.getByRole('alert')).toHaveText('Die Mindestpunktzahl ist eine ganze Zahl von 0 bis 100.');
});

test('the single file and the SCORM 1.2, SCORM 2004 and cmi5 packages built in the browser, with an own scenario required, work', async ({ page, context }) => {
  test.setTimeout(240_000);
  const out = await mkdtemp(join(tmpdir(), 'counterpart-handout-'));
  const servers = [];
  try {
    await importOwn(page);
    // Nothing leaves the browser: every request of the hand-out is a GET for one of the app's files.
    const requests = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.goto(`./?lang=en#/handout?select=${OWN},${SHIPPED}`);
    await expect(page.locator('.handout-count')).toHaveText('2 conversations chosen');
    await page.getByRole('group', { name: 'Required conversations' }).getByRole('checkbox', { name: OWN_TITLE }).check();
    await page.getByLabel('Course title (as the LMS shows it)').fill(TITLE);
    await page.getByLabel('Mastery score (0–100)').fill('80');

    const single = await download(page, page.getByRole('button', { name: 'Download the file (counterpart.html)' }), out);
    await expect(page.locator('.handout-part').first().getByRole('status')).toContainText('Done: counterpart.html (');
    const zips = {};
    for (const [kind, label] of [['scorm12', 'Download SCORM 1.2'], ['scorm2004', 'Download SCORM 2004'], ['cmi5', 'Download cmi5']]) {
      zips[kind] = await download(page, page.getByRole('button', { name: label }), out);
      expect(zips[kind].endsWith(`counterpart-${kind}.zip`)).toBe(true);
      await expect(page.locator('.handout-part').nth(1).getByRole('status')).toContainText(`Done: counterpart-${kind}.zip (`);
    }
    expect(requests.filter((r) => !r.startsWith('GET http://127.0.0.1:')), 'only GETs to the app\'s own server').toEqual([]);
    const sizes = await Promise.all([single, ...Object.values(zips)].map(async (f) => `${f.split('/').pop()} ${(await stat(f)).size} bytes`));
    console.log(`built in the browser: ${sizes.join(', ')}`);

    // The single file plays the own scenario from file://, which counts fully there.
    const url = pathToFileURL(resolve(single)).href;
    const file = await context.newPage();
    await file.goto(`${url}?lang=en#/`);
    await expect(file.locator('.card')).toHaveCount(2);
    await expect(file.locator('.card .own-badge')).toHaveCount(0);
    await file.goto(`${url}?lang=en#/play/${OWN}`);
    for (const id of OWN_BEST) await file.locator(`[data-reply-id="${id}"]`).click();
    await expect(file.locator('.debrief h1')).toContainText('Outcome:');
    await expect(file.locator('.awards')).toBeVisible();
    // The author preview is left out (the screen's default for trainees).
    await file.goto(`${url}?lang=en#/preview/${OWN}`);
    await expect(file.getByRole('heading', { level: 1 })).toHaveText('Preview not available');
    // From file://, the hand-out screen says what it needs.
    await file.goto(`${url}?lang=en#/handout`);
    await expect(file.getByRole('note')).toContainText('opened as a file (file://)');
    await expect(file.getByRole('button', { name: 'Download cmi5' })).toBeDisabled();
    await file.close();

    // Every zip: only the app and the two chosen scenarios; no hand-out files, no service worker.
    const names = zipNames(zips.scorm12);
    expect(names[0]).toBe('imsmanifest.xml');
    expect(names.some((n) => n.startsWith('handout/') || n === 'sw.js')).toBe(false);
    const scenarioFiles = names.filter((n) => n.startsWith('scenarios/') && !/(index|files)\.json$/.test(n));
    expect(scenarioFiles.map((n) => n.split('/')[1].split('.')[0]).sort()).toEqual([OWN, OWN, SHIPPED, SHIPPED]);
    for (const kind of ['scorm2004', 'cmi5']) {
      expect(zipNames(zips[kind]).filter((n) => !['imsmanifest.xml', 'cmi5.xml'].includes(n))).toEqual(names.slice(1).filter((n) => n !== 'imsmanifest.xml'));
    }

    // The descriptors validate, and are byte for byte what the native builder writes for these files.
    const unpacked = {};
    for (const kind of Object.keys(zips)) {
      unpacked[kind] = join(out, kind);
      unzip(zips[kind], unpacked[kind]);
    }
    await validateManifest(join(unpacked.scorm12, 'imsmanifest.xml'), ...SCORM12_SCHEMAS);
    await validateManifest(join(unpacked.scorm2004, 'imsmanifest.xml'), ...SCORM2004_SCHEMAS);
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', 'tests/fixtures/cmi5/CourseStructure.xsd', join(unpacked.cmi5, 'cmi5.xml')], { stdio: 'pipe' });
    const app = join(out, 'app');
    await mkdir(app);
    unzip(zips.scorm12, app);
    await rename(join(app, 'imsmanifest.xml'), join(out, 'ignored.xml'));
    const native = join(out, 'native');
    execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'counterpart-package', '--', '--dist', app, '--out', native,
      '--title', TITLE, '--required', OWN, '--mastery', '80']);
    for (const [kind, descriptor] of [['scorm12', 'imsmanifest.xml'], ['scorm2004', 'imsmanifest.xml'], ['cmi5', 'cmi5.xml']]) {
      const ours = await readFile(join(unpacked[kind], descriptor), 'utf8');
      expect(ours, `${kind}: ${descriptor}`).toBe(await readFile(join(native, `counterpart-${kind}`, descriptor), 'utf8'));
    }
    const cmi5 = await readFile(join(unpacked.cmi5, 'cmi5.xml'), 'utf8');
    expect(cmi5).toContain(' moveOn="CompletedAndPassed" masteryScore="0.8" ');
    expect(cmi5).toContain(`<launchParameters>required=${OWN}&amp;mastery=80</launchParameters>`);
    const index = await readFile(join(unpacked.cmi5, 'index.html'), 'utf8');
    expect(index).toContain(`<meta name="counterpart-assignment" content="required=${OWN}&amp;mastery=80" />`);

    // SCORM 1.2 and 2004 in scorm-again: the own scenario, required, counts like a shipped one.
    for (const [version, kind, port] of [['1.2', 'scorm12', 4182], ['2004', 'scorm2004', 4183]]) {
      const { server, url } = await serve(unpacked[kind], port, '/course/');
      servers.push(server);
      const course = await openInLms(page, { version, harness: { dir: unpacked[kind], url }, appUrl: `index.html?lang=en#/play/${OWN}` });
      for (const id of OWN_BEST) await course.locator(`[data-reply-id="${id}"]`).click();
      await expect(course.locator('.debrief h1')).toContainText('Outcome:');
      await expect(course.locator('.awards')).toBeVisible();
      if (version === '1.2') {
        const core = await page.evaluate(() => [window.API.LMSGetValue('cmi.core.lesson_status'), window.API.LMSGetValue('cmi.core.score.raw')]);
        expect(core).toEqual(['passed', '100']);
      } else {
        const cmi = await page.evaluate(() => {
          const get = (k) => window.API_1484_11.GetValue(k);
          const count = Number(get('cmi.objectives._count'));
          return {
            completion: get('cmi.completion_status'),
            success: get('cmi.success_status'),
            scaled: get('cmi.score.scaled'),
            objectives: Array.from({ length: count }, (_, n) => ({ id: get(`cmi.objectives.${n}.id`), status: get(`cmi.objectives.${n}.success_status`) })),
          };
        });
        expect([cmi.completion, cmi.success, Number(cmi.scaled)]).toEqual(['completed', 'passed', 1]);
        expect(cmi.objectives.map((o) => o.id)).toEqual(['calm', 'empathy', 'apology', 'solution', 'boundary', 'explain', 'refer']);
        expect(cmi.objectives.find((o) => o.id === 'empathy').status).toBe('passed');
        expect(cmi.objectives.find((o) => o.id === 'boundary').status).toBe('unknown');
      }
      server.kill();
    }
  } finally {
    for (const server of servers) server.kill();
    await rm(out, { recursive: true, force: true });
  }
});
