// What a trainee does, in Firefox ESR or WebKitGTK (CROSS_ENGINE=firefox|webkit),
// against the release build served from a deep sub-path: the library and its
// filters, a conversation with a content note to the debrief (charts and map
// drawn), progress after a reload, export and import, the language switch in
// the middle of a conversation, the display settings, the service worker's
// offline reload, the single file from file://, and SCORM 1.2 and 2004 against
// scorm-again. Every test fails on a console error, an uncaught error or a
// Content-Security-Policy violation, and each photographed screen on scrolling
// sideways. No test is skipped in either engine; where an engine needs another
// way (WebKitGTK: no network emulation, no BiDi), the test says so.
// Run by tests/cross-engine/run.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEngine, waitUntil } from './engines.mjs';
import { prepareSite, serve, writeLmsPage } from './site.mjs';
// The supermarket's expert path lives in one place, beside the Chromium suite.
import { SUPERMARKET_BEST } from '../e2e/guard.mjs';
import { focusCovered } from '../focus-probe.mjs';

const ENGINE = process.env.CROSS_ENGINE;
const SUPERMARKET = 'supermarket-expired-yoghurt';
// A scenario with a content note (insults); played by its first reply each
// time, never by reply ids or texts, which authors change.
const WITH_NOTE = 'doctor-reception-insulting';
const REPLY = '[role="group"][aria-label="Your reply"] button, [role="group"][aria-label="Ihre Antwort"] button';
const OUTCOMES_DE = ['Gelöst', 'Kompromiss', 'Weitergeleitet', 'Grenze gehalten', 'Kunde verloren', 'Eskaliert'];
const PHONE = [390, 844];
const DESKTOP = [1280, 800];

let engine;
let site;
let server;
let app; // the app's URL: http://127.0.0.1:<port>/some/deep/path/

/**
 * One test = fresh browsers (a new profile each), closed afterwards; the test
 * fails on anything the pages reported. On failure a screenshot of each open
 * browser goes to test-results/cross-engine/.
 */
function test(name, fn, options = {}) {
  it(name, { timeout: 180_000, ...options }, async () => {
    const opened = [];
    const open = async () => {
      const browser = await engine.newBrowser();
      opened.push(browser);
      return browser;
    };
    let failure;
    try {
      await fn({ open });
    } catch (e) {
      failure = e;
      for (const [i, browser] of opened.entries()) {
        await browser.screenshotOnFailure(`${ENGINE}-${name}-${i}`).catch(() => {});
      }
    } finally {
      for (const browser of opened) await browser.close();
    }
    const reported = opened.flatMap((b) => b.errors);
    if (failure) {
      // What the pages reported is often the cause.
      if (reported.length) failure.message += `\nThe pages also reported:\n  ${reported.join('\n  ')}`;
      throw failure;
    }
    assert.deepEqual(reported, [], 'console errors, uncaught errors or Content-Security-Policy violations');
  });
}

/** Photographs the screen at phone and desktop size; neither may scroll sideways. */
async function shoot(browser, name) {
  const [width, height] = await browser.js(() => [innerWidth, innerHeight]);
  const sideways = [];
  for (const [size, [w, h]] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await browser.setViewport(w, h);
    await browser.screenshot(`${ENGINE}-${name}-${size}`);
    const wide = await browser.js(() => {
      const limit = document.documentElement.clientWidth;
      const over = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > limit + 1 && !e.closest('[hidden]'));
      return { by: document.documentElement.scrollWidth - limit, what: over.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''}`) };
    });
    if (wide.by > 0) sideways.push(`${name} at ${size} size scrolls sideways by ${wide.by} px (${wide.what.join(', ')})`);
  }
  await browser.setViewport(width, height);
  assert.deepEqual(sideways, [], 'pages that scroll sideways');
}

/** Clicks the first reply shown until the debrief appears; returns how many replies. */
async function playToEnd(browser) {
  let turns = 0;
  for (; turns < 40; turns++) {
    const next = await waitUntil(async () => {
      if (await browser.count('.debrief')) return 'debrief';
      return (await browser.count(REPLY)) ? 'reply' : null;
    }, 'the next replies or the debrief');
    if (next === 'debrief') break;
    await browser.click(REPLY);
  }
  await browser.waitFor('.debrief h1');
  return turns;
}

/** Plays the supermarket's expert path by reply id. */
async function playBest(browser) {
  for (const id of SUPERMARKET_BEST) await browser.click(`[data-reply-id="${id}"]`);
  await browser.waitForText('.debrief h1', /Outcome:|Ergebnis:/);
}

const progress = (browser) => browser.js(() => JSON.parse(localStorage.getItem('counterpart.progress')));

describe(`cross-engine: ${ENGINE}`, () => {
  before(async () => {
    engine = await startEngine(ENGINE);
    // WebKitGTK reads the console through probe.js; Firefox over BiDi.
    site = await prepareSite(ENGINE, { probe: ENGINE === 'webkit' });
    server = await serve(site.site);
    app = server.url;
  });

  after(async () => {
    await server?.stop();
    await engine?.stop();
  });

  test('the suite sees a Content-Security-Policy violation and a console error (self-check)', async ({ open }) => {
    const browser = await open();
    await browser.get(`${app}?lang=en#/`);
    await browser.waitFor('.card');
    const csp = await browser.js(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    assert.match(csp, /script-src 'self' 'sha256-/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    // An injected inline script is refused by the policy, and the suite hears of it.
    const ran = await browser.js(() => {
      window.injected = false;
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      console.error('a console error on purpose');
      return window.injected;
    });
    assert.equal(ran, false, 'the policy let an inline script run');
    await browser.collect();
    await waitUntil(() => browser.errors.length >= 2, 'the violation and the console error to be reported', 5000).catch(() => {});
    const seen = browser.errors.splice(0);
    assert.ok(seen.some((e) => /securitypolicyviolation: script-src/.test(e)), `no CSP violation reported: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((e) => /a console error on purpose/.test(e)), `no console error reported: ${JSON.stringify(seen)}`);
  });

  test('the library lists every scenario, filters, and follows the language switch', async ({ open }) => {
    const browser = await open();
    await browser.setViewport(...DESKTOP);
    await browser.get(`${app}?lang=de#/`);
    await browser.waitForText('h1', 'Schwierige Kundengespräche üben');
    assert.equal(await browser.js(() => document.documentElement.lang), 'de');
    await browser.waitFor('.card');
    const all = await browser.count('.card');
    assert.ok(all >= 12, `${all} cards`);
    assert.equal(await browser.count(`.card a[href="#/play/${SUPERMARKET}"]`), 1);

    await browser.click('.lang-switch button', { text: 'English' });
    await browser.waitForText('h1', 'Practise difficult customer conversations');
    assert.equal(await browser.js(() => document.documentElement.lang), 'en');
    await shoot(browser, 'library');

    // A filter narrows the cards and "all" brings them back.
    await browser.click('#filter-type option[value="insulting"]');
    await waitUntil(async () => (await browser.count('.card')) < all, 'fewer cards');
    const insulting = await browser.count('.card');
    assert.ok(insulting > 0, 'no insulting customer left');
    await browser.waitForText('.card .meta', 'Insulting');
    await browser.click('#filter-type option[value=""]');
    await browser.waitForCount('.card', all);

    // The language chosen is kept.
    await browser.reload();
    await browser.waitForText('h1', 'Practise difficult customer conversations');
    await browser.click('button.surprise');
    await waitUntil(async () => /#\/play\//.test(await browser.url()), 'a scenario to open');
    await browser.waitFor(`${REPLY}, .content-note`);
  });

  test('a conversation with a content note plays to the debrief; the debrief draws its charts; progress survives a reload', async ({ open }) => {
    const browser = await open();
    await browser.setViewport(...DESKTOP);
    await browser.get(`${app}?lang=de#/play/${WITH_NOTE}`);
    await browser.waitForText('.content-note h2', 'Hinweis zum Inhalt');
    // Shown ones: the page's early copy of the first turn (src/early_turn.rs)
    // holds its replies in a hidden section until the note is accepted.
    const shownReplies = await browser.js((css) => [...document.querySelectorAll(css)].filter((b) => b.getClientRects().length > 0).length, REPLY);
    assert.equal(shownReplies, 0, 'replies shown before the content note was accepted');
    await browser.click('.content-note button', { text: 'Gespräch beginnen' });
    await browser.waitFor('[role="log"] .customer');
    await browser.waitFor(REPLY);
    const chosen = (await browser.text(REPLY)).trim();
    await browser.click(REPLY);
    await browser.waitForText('[role="log"] .trainee', chosen.slice(0, 20));
    await browser.waitForText('[role="log"] .feedback strong', /Gute Antwort|Vertretbar|Ungünstig/);
    assert.match(await browser.js(() => document.querySelector('[role="meter"]').getAttribute('aria-valuenow')), /^\d+$/);
    if (!(await browser.count('.debrief'))) await shoot(browser, 'conversation');

    const turns = 1 + await playToEnd(browser);
    await browser.waitForText('.debrief h1', 'Ergebnis:');
    const outcome = (await browser.text('.outcome-badge')).trim();
    assert.ok(OUTCOMES_DE.includes(outcome), `outcome ${outcome}`);
    await browser.waitForText('.score', '/ 100');
    await browser.waitForCount('.decisions > li', turns);
    // Charts and map are drawn: SVG with a size, the mood curve with a point per step.
    await browser.waitForCount('.mood-chart circle', turns + 1);
    const sizes = await browser.js(() => ['.mood-chart svg', '.scenario-map svg'].map((css) => {
      const svg = document.querySelector(css);
      const box = svg && svg.getBoundingClientRect();
      return box ? [css, Math.round(box.width), Math.round(box.height)] : [css, 0, 0];
    }));
    for (const [css, w, h] of sizes) assert.ok(w > 0 && h > 0, `${css} is ${w}×${h}`);
    const path = await browser.js(() => document.querySelectorAll('.scenario-map polyline')[1]?.getAttribute('points') ?? '');
    assert.equal(path.trim().split(/\s+/).length, turns + 1, 'the map draws the path taken');
    await shoot(browser, 'debrief');

    // Progress is stored and shown after a reload.
    const stored = await progress(browser);
    assert.equal(stored.v, 2);
    assert.equal(stored.h.length, 1);
    assert.equal(stored.h[0].s, WITH_NOTE);
    await browser.get(`${app}?lang=de#/progress`);
    await browser.reload();
    await browser.waitForText('h1', 'Ihr Fortschritt');
    await browser.waitForCount('.history tbody tr', 1);
    assert.equal((await browser.text('.history tbody tr td:nth-child(3)')).trim(), outcome);
    await browser.get(`${app}?lang=de#/`);
    await browser.waitForText(`.card:has(a[href="#/play/${WITH_NOTE}"]) .status`, 'Bestes Ergebnis');
  });

  test('accessibility beyond axe: focus never under the customer panel at 320×256 and 1280×800, a quiet live region, headings in order', async ({ open }) => {
    const browser = await open();
    for (const [w, h] of [[320, 256], DESKTOP]) {
      await browser.setViewport(w, h);
      await browser.get(`${app}?lang=de#/play/${SUPERMARKET}`);
      await browser.reload(); // a fresh conversation: the previous size's run is stored
      await browser.js(() => localStorage.clear());
      await browser.reload();
      await browser.waitFor('[data-reply-id="acknowledge_and_apologise"]');
      assert.equal(await browser.js(() => document.querySelector('[role="log"]').getAttribute('aria-live')), 'off');
      await browser.click('[data-reply-id="acknowledge_and_apologise"]');
      await browser.waitForCount('.feedback', 1);
      const live = await browser.js(() => document.querySelector('.conversation [aria-live="polite"]').textContent);
      assert.match(live, /^Frau Krüger: /, 'the live region names the customer and her new line');
      assert.ok(!live.includes('kürzer'), 'the live region does not repeat the feedback');
      await browser.click('[data-reply-id="take_regular_seriously"]');
      await browser.waitForCount('.feedback', 2);
      // Tab from the heading through the conversation: each stop is on top at its centre.
      await browser.js(() => document.querySelector('h1').focus());
      const covered = [];
      for (let i = 0; i < 14; i++) {
        await browser.tab();
        const hidden = await browser.js(focusCovered);
        if (hidden === 'left') break; // past the last stop of the conversation
        if (hidden) covered.push(hidden);
      }
      assert.deepEqual(covered, [], `focus hidden at ${w}×${h}`);
    }
    await browser.setViewport(...DESKTOP);
    for (const id of SUPERMARKET_BEST.slice(2)) await browser.click(`[data-reply-id="${id}"]`);
    await browser.waitForText('.debrief h1', 'Ergebnis:');
    const headings = await browser.js(() => [...document.querySelectorAll('.debrief h1, .debrief h2, .debrief h3')].map((h) => Number(h.tagName[1])));
    headings.forEach((level, i) => assert.ok(i === 0 || level - headings[i - 1] <= 1, `heading levels ${headings.join(' ')} skip one`));
  });

  test('progress exported as a file imports into a fresh browser, badges and all', async ({ open }) => {
    const first = await open();
    await first.get(`${app}?lang=en#/play/${SUPERMARKET}`);
    await playBest(first);
    await first.get(`${app}?lang=en#/progress`);
    await first.waitFor('.badge.earned h3');
    const earned = await first.js(() => [...document.querySelectorAll('.badge.earned h3')].map((h) => h.textContent));
    assert.ok(earned.length > 0, 'no badge earned on the expert path');
    await first.click('button', { text: 'Export progress' });
    const download = await first.downloaded(/^counterpart-progress-\d{4}-\d\d-\d\d\.json$/);
    const exported = JSON.parse(await readFile(download, 'utf8'));
    assert.equal(exported.counterpart_progress.h.length, 1);
    const dir = await mkdtemp(join(tmpdir(), 'counterpart-export-'));
    const file = join(dir, 'progress.json');
    await copyFile(download, file);
    await first.close(); // WebKitWebDriver runs one session at a time

    try {
      const fresh = await open();
      await fresh.get(`${app}?lang=en#/progress`);
      await fresh.waitForText('h1', 'Your progress');
      assert.equal(await fresh.count('.badge.earned'), 0, 'a fresh browser already has badges');
      await (await fresh.find('input[type=file]')).sendKeys(file);
      await fresh.waitForText('.transfer-message', 'Imported and merged');
      const imported = await fresh.js(() => [...document.querySelectorAll('.badge.earned h3')].map((h) => h.textContent));
      assert.deepEqual(imported, earned);
      await fresh.reload();
      await fresh.waitFor('.badge.earned h3');
      await fresh.waitForCount('.history tbody tr', 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('?lang=en opens English; the switch in the top bar changes the language mid-conversation and keeps it', async ({ open }) => {
    const browser = await open();
    await browser.get(`${app}index.html?lang=en#/play/${SUPERMARKET}`);
    await browser.waitFor('[role="group"][aria-label="Your reply"] button');
    assert.equal(await browser.js(() => document.documentElement.lang), 'en');
    await browser.click(REPLY);
    await browser.waitForCount('[role="log"] .trainee', 1);
    const english = await browser.text('[role="log"] .trainee p');
    const mood = await browser.js(() => document.querySelector('[role="meter"]').getAttribute('aria-valuenow'));

    await browser.click('.lang-switch button', { text: 'Deutsch' });
    await browser.waitFor('[role="group"][aria-label="Ihre Antwort"] button');
    assert.equal(await browser.js(() => document.documentElement.lang), 'de');
    await browser.waitForCount('[role="log"] .trainee', 1);
    await waitUntil(async () => (await browser.text('[role="log"] .trainee p')) !== english, 'the reply in German');
    assert.equal(await browser.js(() => document.querySelector('[role="meter"]').getAttribute('aria-valuenow')), mood);

    await browser.click('.lang-switch button', { text: 'English' });
    await browser.waitForText('[role="log"] .trainee p', english);
    // The other form of the parameter, after the hash, also works after a reload.
    await browser.get(`${app}#/play/${SUPERMARKET}?lang=de`);
    await browser.reload();
    await browser.waitFor('[role="group"][aria-label="Ihre Antwort"] button');
    await browser.waitForCount('[role="log"] .trainee', 1);
  });

  test('the display settings take effect at once and are remembered', async ({ open }) => {
    const browser = await open();
    await browser.get(`${app}?lang=en#/play/${SUPERMARKET}`);
    await browser.waitFor(REPLY);
    const style = () => browser.js(() => ({
      root: parseFloat(getComputedStyle(document.documentElement).fontSize),
      ink: getComputedStyle(document.body).color,
      fill: getComputedStyle(document.querySelector('.mood-fill')).transitionDuration,
    }));
    const before = await style();
    assert.notEqual(before.fill, '0s', 'the mood meter is animated by default');

    await browser.get(`${app}?lang=en#/settings`);
    await browser.waitForText('h1', 'Display');
    await browser.click('label', { text: 'Larger' });
    await browser.click('label', { text: 'High contrast' });
    await browser.click('label', { text: 'Reduce motion (no animations)' });
    await waitUntil(async () => /text-larger/.test(await browser.js(() => document.documentElement.className)), 'the larger text class');
    const classes = await browser.js(() => document.documentElement.className);
    assert.match(classes, /high-contrast/);
    assert.match(classes, /reduce-motion/);

    await browser.get(`${app}?lang=en#/play/${SUPERMARKET}`);
    await browser.reload();
    await browser.waitFor(REPLY);
    const after = await style();
    assert.ok(after.root >= before.root * 1.3, `text size ${before.root}px → ${after.root}px`);
    assert.equal(after.ink, 'rgb(0, 0, 0)', 'high contrast ink');
    assert.equal(after.fill, '0s', 'the mood meter still animates with reduced motion');
    await browser.get(`${app}?lang=en#/settings`);
    await browser.waitForText('h1', 'Display');
    const checked = await browser.js(() => [...document.querySelectorAll('input')].map((i) => i.checked));
    // Text size (3 radios), reduced motion, high contrast, then the two
    // own-words settings (off).
    assert.deepEqual(checked, [false, false, true, true, true, false, false]);
  });

  test(`after one visit the app reloads and plays with the network off (${ENGINE === 'firefox' ? 'BiDi network emulation' : 'server stopped: WebKitGTK\'s driver cannot emulate the network'})`, async ({ open }) => {
    // A server of its own, which the test may stop.
    const own = await serve(site.site);
    try {
      const browser = await open();
      await browser.get(`${own.url}?lang=en#/play/${SUPERMARKET}`);
      await browser.waitFor(REPLY);
      await waitUntil(() => browser.js(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.active)), 'the service worker to be registered and active');
      await browser.reload();
      await waitUntil(() => browser.js(() => !!navigator.serviceWorker.controller), 'the page to be controlled by the service worker');
      await browser.waitFor(REPLY);

      if (engine.offline === 'bidi') await engine.setOffline(browser, true);
      else await own.stop();
      const reachable = await browser.js(() => fetch(`not-cached-${Date.now()}.txt`, { cache: 'no-store' }).then(() => true, () => false));
      assert.equal(reachable, false, 'the network is still there');
      await browser.reload();
      await browser.waitFor(REPLY);
      await playToEnd(browser);
      await browser.get(`${own.url}?lang=en#/`);
      await browser.reload();
      await browser.waitForText('h1', 'Practise difficult customer conversations');
      await browser.waitFor('.card');
      assert.equal((await progress(browser)).h.length, 1);
      if (engine.offline === 'bidi') await engine.setOffline(browser, false);
    } finally {
      await own.stop();
    }
  });

  test('the single file plays from file:// and keeps progress', async ({ open }) => {
    const browser = await open();
    const url = pathToFileURL(site.single).href;
    await browser.get(`${url}?lang=en#/play/${SUPERMARKET}`);
    await browser.waitFor('[role="group"][aria-label="Your reply"] button');
    const csp = await browser.js(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    assert.match(csp, /script-src 'self' 'sha256-[^']+' 'wasm-unsafe-eval'/);
    await playToEnd(browser);
    await browser.reload();
    await browser.get(`${url}?lang=en#/progress`);
    await browser.waitForCount('.history tbody tr', 1);
    await browser.get(`${url}?lang=en#/`);
    await browser.waitFor('.card');
    assert.ok((await browser.count('.card')) >= 12);
    // The debrief's and library's code is inlined too: the last card opens and plays.
    const last = await browser.js(() => [...document.querySelectorAll('.card a[href^="#/play/"]')].pop().getAttribute('href'));
    await browser.get(`${url}?lang=en${last}`);
    await browser.waitFor(`${REPLY}, .content-note`);
  });

  for (const version of ['1.2', '2004']) {
    test(`SCORM ${version}: the app in an LMS frame reports to scorm-again, and Finish ends the attempt`, async ({ open }) => {
      const page = await writeLmsPage(site.site, version,
        `../index.html?lang=en&required=${SUPERMARKET}&mastery=80#/play/${SUPERMARKET}`, { probe: ENGINE === 'webkit' });
      const browser = await open();
      await browser.get(`${app}${page}`);
      await browser.waitForText('h1', 'Test LMS');
      await browser.driver.switchTo().frame(0);
      await browser.waitFor('button.finish');
      await playBest(browser);
      await browser.driver.switchTo().defaultContent();
      if (version === '1.2') {
        const core = await browser.js(() => ({
          status: window.API.LMSGetValue('cmi.core.lesson_status'),
          score: window.API.LMSGetValue('cmi.core.score.raw'),
          location: window.API.LMSGetValue('cmi.core.lesson_location'),
          suspend: window.API.LMSGetValue('cmi.suspend_data'),
        }));
        assert.equal(core.status, 'passed');
        assert.equal(core.score, '100');
        assert.match(core.location, new RegExp(`#/play/${SUPERMARKET}`));
        assert.ok(core.suspend.length <= 4096, `suspend_data has ${core.suspend.length} characters`);
        assert.equal(JSON.parse(core.suspend).s[SUPERMARKET].b, 100);
      } else {
        const cmi = await browser.js(() => {
          const get = (k) => window.API_1484_11.GetValue(k);
          const count = Number(get('cmi.objectives._count'));
          return {
            completion: get('cmi.completion_status'),
            success: get('cmi.success_status'),
            scaled: get('cmi.score.scaled'),
            objectives: Array.from({ length: count }, (_, n) => get(`cmi.objectives.${n}.id`)),
            empathy: get('cmi.objectives.1.success_status'),
          };
        });
        assert.equal(cmi.completion, 'completed');
        assert.equal(cmi.success, 'passed');
        assert.equal(Number(cmi.scaled), 1);
        assert.deepEqual(cmi.objectives, ['calm', 'empathy', 'apology', 'solution', 'boundary', 'explain', 'refer']);
        assert.equal(cmi.empathy, 'passed');
      }

      await browser.driver.switchTo().frame(0);
      await browser.click('button.finish');
      await browser.waitForText('.notice', 'results were sent');
      await browser.driver.switchTo().defaultContent();
      const after = await browser.js(() => ({ calls: window.calls, sets: window.sets }));
      if (version === '1.2') {
        assert.deepEqual(after.calls, ['LMSInitialize', 'LMSFinish']);
        assert.equal(after.sets['cmi.core.exit'], 'suspend');
        assert.match(after.sets['cmi.core.session_time'], /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      } else {
        assert.deepEqual(after.calls, ['Initialize', 'Terminate']);
        assert.equal(after.sets['cmi.exit'], 'suspend');
        assert.match(after.sets['cmi.session_time'], /^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$/);
      }
    });
  }
});
