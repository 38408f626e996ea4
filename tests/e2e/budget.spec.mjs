// The first-load size budget (issue #8), from deterministic sizes, not timings:
// everything the page fetches before the app's first reply of a deep-linked
// conversation can be clicked (the page's early copy of the first turn is
// clickable sooner; its file counts too), gzip-compressed at level 9 as a server would
// send it, for the largest scenario, in both languages. Prints the figure and
// the total of all shipped assets.
//
// The issue's target is 150 KB; the build does not meet it yet (see README,
// "Size and speed"). Until it does, this test holds the line where the build
// stands, so the first load can only shrink: lower CEILING whenever it does.
import { test, expect } from './guard.mjs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from './dist.mjs';

const TARGET = 150 * 1024;
// Measured 219.6 KB (de) in session 4. Raised in session 5 to the measured
// 241.1 KB (de): the largest scenario file grew by 3.7 KB gzip (two right
// ways per decision, more paths) and the main wasm by about 17 KB (keyed
// reply buttons and focus management, the technique links and primer route,
// trial runs, time on task and the reset tombstone, conditional lines and
// mood swings in the engine). Raised again in session 6 to the measured
// 252.8 KB (de): the largest scenario is now a chat (15.2 KB gzip, was
// 13.9), and the main wasm went from 206.7 to 219.2 KB gzip (channels on
// screen — call bar, chat, mail and review threads — and portraits drawn from
// `appearance`; the quiet live region and focus kept clear of the panel; the
// format's new fields in the compiled reader; state as services), then down
// to 214.8 KB by moving the SCORM code into a chunk fetched only inside an
// LMS, and one SVG tab icon (0.3 KB) instead of a PNG (2.9 KB). Lowered in
// session 7 from 253 to 236.7 KB (measured 236.6 KB, de): std rebuilt for
// `panic = immediate-abort` (scripts/build-release) took 22.4 KB gzip off the
// main wasm. Within that session the ceiling stood for a while at 234.5 KB
// (the measurement right after that change); what came after took back
// 2.1 KB: the xAPI bridge's entry and the store keeping replies for it
// (its code is the `xapi` chunk), own scenarios' runs kept out of badges,
// and 0.6 KB of stylesheet for the author preview, map and import (all CSS
// is one file in the first load — a lever for #21: a second stylesheet).
// Issue #21 is where it comes down further; until then this holds the line.
// Session 8: the styles of every screen but the conversation moved to
// screens.css and author.css, loaded with their screens (src/ui/stylesheets.rs):
// the first-load stylesheet went from 5.6 to 3.9 KB gzip, the loader cost
// 0.3 KB of wasm; the editor added nothing to the first load (its code is the
// `author` chunk). Measured 235.7 KB (de), 234.0 KB (en).
// Session 9: the hand-out screen (#24) joined the `author` chunk (as a chunk
// of its own it cost 1.4 KB of first load: its split point and wasm-split's
// shared chunks in the loader), and the release build strips the comments
// from the stylesheet and the page's two small scripts and writes the
// wasm-split loader compactly. Measured 235.0 KB (de), 233.4 KB (en).
// Then the seminar screens (#22, in the author chunk: 1.0 KB, the engine
// calls their chunk makes into the main module) and "In eigenen Worten
// antworten" (#23: merged at 5.7 KB; then the way into the mode a plain
// button, the way back and the setting in its chunk, the transcript's
// comparison given the mode's state as a prop instead of a context lookup,
// the replies rendered only when shown: 2.7 KB): measured 238.7 KB (de).
// Then the release build minifies the wasm-bindgen glue and the wasm-split
// loader (terser; scripts/split-wasm.mjs) and names chunks with 8 hex digits
// instead of 16: -3.2 KB. Measured 235.5 KB (de; just above 235.5), 233.9 KB (en).
// Then the lists of files each screen preloads left the page for a small
// JSON file fetched only off a deep link (public/preload.js): index.html
// 4.2 -> 3.4 KB gzip. Measured 234.7 KB (de), 233.1 KB (en). And the page's
// two small scripts (failure screen, service worker registration) are
// minified too (1.4 -> 1.1 KB gzip): 234.5 KB (de), 232.8 KB (en). After
// the review's tidying (one JSON writer, one settings switch, the zip
// header fields written once): 234.4 KB (de, 239,998 bytes), 232.7 KB (en).
// (One reading of 234.1 KB right after the change did not repeat: the clean
// clone's build and this checkout's are byte-identical and both measure
// 234.4; the ceiling follows the repeated measurement.)
// Session 10: a deep link shows its first turn before the app is ready
// (src/early_turn.rs): its HTML file (1.3 KB for this scenario) and the
// larger preload script count here, as the budget runs to the app's own
// screen. Against that: the preload script is minified and the stylesheet
// loses its layout whitespace (-0.9 KB of index.html and CSS together); the
// main wasm no longer compiles the standard library's stable sort for three
// item types (BTreeMap/BTreeSet `collect()` and one `sort()`, -6 KB) nor the
// B-tree's rebalancing for five (`remove`/`retain`, -7 KB): both rebuild by
// insert now. Then the early copy sets <html lang> (WebKit's catch):
// measured 225.9 KB (de), 224.1 KB (en). (A reading 0.3 KB lower means the
// tab icon had not arrived yet when the app's first reply was clickable:
// what this test collects depends on that timing; the ceiling follows the
// reading with the icon.)
const CEILING = 225.9 * 1024;

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function allFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await allFiles(path)));
    else found.push(path);
  }
  return found;
}

/** The id of the scenario with the largest compiled file (the worst case). */
async function largestScenario() {
  const dir = `${DIST}/scenarios`;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'index.json' && f !== 'files.json');
  const sizes = await Promise.all(files.map(async (f) => [(await stat(join(dir, f))).size, f]));
  sizes.sort((a, b) => b[0] - a[0]);
  return sizes[0][1].split('.')[0];
}

for (const lang of ['de', 'en']) {
  test(`first load of a deep-linked conversation (${lang}) stays within the budget`, async ({ page }) => {
    const id = await largestScenario();
    const fetched = new Map();
    let scenarioRequests = 0;
    page.on('request', (request) => { if (request.url().includes(`/scenarios/${id}.`) && request.url().endsWith('.json')) scenarioRequests += 1; });
    page.on('response', async (response) => {
      if (response.status() !== 200) return;
      const body = await response.body().catch(() => null);
      if (body) fetched.set(new URL(response.url()).pathname.split('/').pop() || 'index.html', body);
    });
    await page.goto(`./?lang=${lang}#/play/${id}`);
    // The app's screen (#main), not the first turn the page shows before the
    // app is ready (src/early_turn.rs): everything a working conversation needs.
    const app = page.locator('#main');
    const start = app.getByRole('button', { name: /Gespräch beginnen|Start the conversation/ });
    const group = app.getByRole('group', { name: /Ihre Antwort|Your reply/ });
    // A content note comes first for some scenarios: its button counts as the way in.
    await expect(start.or(group)).toBeVisible();
    if (await start.isVisible()) await start.click();
    await expect(group.getByRole('button').first()).toBeEnabled();
    const firstLoad = [...fetched].map(([name, body]) => [name, body.length, gzipped(body)]);
    const total = firstLoad.reduce((sum, [, , gz]) => sum + gz, 0);
    const shipped = await allFiles(DIST);
    let shippedGz = 0;
    for (const file of shipped) shippedGz += gzipped(await readFile(file));
    console.log(`first load (${lang}, ${id}):`);
    for (const [name, raw, gz] of firstLoad) console.log(`  ${name.padEnd(48)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip`);
    console.log(`  total ${kb(total)} gzip; target ${kb(TARGET)} ${total <= TARGET ? 'met' : `NOT met (${kb(total - TARGET)} over)`}; ceiling ${kb(CEILING)}`);
    console.log(`all shipped assets: ${shipped.length} files, ${kb(shippedGz)} gzip`);
    expect(firstLoad.some(([name]) => /^counterpart-[0-9a-f]+_bg\.wasm$/.test(name)), 'the app wasm is part of the first load').toBe(true);
    expect(firstLoad.some(([name]) => name.startsWith(`${id}.`)), 'the scenario file is part of the first load').toBe(true);
    expect(firstLoad.some(([name]) => name.startsWith(`${id}.`) && name.endsWith('.html')), 'so is its first turn, shown before the app is ready').toBe(true);
    expect(firstLoad.some(([name]) => name.startsWith('counterpart-import-check')), 'the import checker is not').toBe(false);
    // Preloaded by the page (scripts/post-build.mjs) and taken by the app: one download.
    expect(scenarioRequests, 'the scenario is downloaded once').toBe(1);
    expect(total).toBeLessThanOrEqual(CEILING);
  });
}
