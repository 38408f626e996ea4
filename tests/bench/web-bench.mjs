// The web benchmark (run by scripts/bench, not part of the tests): serves the
// release build on loopback and measures in headless Chromium, over cold-cache
// runs: bytes of the first load (raw and gzip, per file), time to the first
// enabled reply button of a deep-linked scenario, reply → next customer line
// latency over 200+ replies across all scenarios, and memory after playing
// every scenario. A static page with the same first line is the floor.
// "In your own words" (issue #23): the gzip size of what its toggle downloads
// (the recogniser's chunk) and the recognition time per typed reply.
// Prints a table and writes target/bench/web.json.
import { chromium } from 'playwright-core';
import { execSync, spawn } from 'node:child_process';
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.RUNS || 10);
const SCENARIO = 'supermarket-expired-yoghurt';
const PORT = Number(process.env.BENCH_PORT || 4190);
const executablePath = execSync('command -v chromium').toString().trim();
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'];

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
  return { n: s.length, min: s[0], p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};

async function serve(dir, base, port = PORT) {
  const server = spawn('node', ['tests/e2e/serve.mjs', dir, String(port), base], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (await fetch(`http://127.0.0.1:${port}${base}`).then((r) => r.ok).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

const REPLY = 'button[data-reply-id]:enabled, .floor-reply';

/**
 * One cold load: ms from navigation until the first reply button is enabled,
 * stamped in the page by a MutationObserver (not Playwright's polling). With
 * `bytes`, also every response body, raw and gzip; reading bodies over the
 * DevTools protocol slows the load, so timed runs do not.
 */
async function coldLoad(browser, url, { bytes = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((selector) => {
    const stamp = () => {
      if (window.__firstReply === undefined && document.querySelector(selector)) window.__firstReply = performance.now();
      return window.__firstReply !== undefined;
    };
    const observer = new MutationObserver(() => { if (stamp()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }, REPLY);
  const files = new Map();
  if (bytes) {
    page.on('response', async (response) => {
      try {
        const body = await response.body();
        files.set(new URL(response.url()).pathname.split('/').pop() || 'index.html', { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
      } catch { /* redirects have no body */ }
    });
  }
  await page.goto(url);
  await page.waitForSelector(REPLY);
  const ms = await page.evaluate(() => window.__firstReply ?? performance.now());
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, files: Object.fromEntries(files) };
}

const browser = await chromium.launch({ executablePath, args });
const server = await serve(process.env.COUNTERPART_E2E_DIST || 'dist', '/app/');
const report = {};
try {
  // First load and time to the first reply, cold cache each run.
  const deepLink = `http://127.0.0.1:${PORT}/app/?lang=de#/play/${SCENARIO}`;
  const measured = await coldLoad(browser, deepLink, { bytes: true });
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, deepLink));
  report.first_load = { bytes: measured.files, total_raw: 0, total_gzip: 0, first_reply_ms: stats(loads.map((l) => l.ms)) };
  for (const f of Object.values(measured.files)) { report.first_load.total_raw += f.raw; report.first_load.total_gzip += f.gzip; }

  // Reply latency and memory: every scenario played once (random replies), more rounds until 200 replies.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  // A trap here is a bug in the app: say where, and stop.
  let last = '';
  page.on('console', (m) => { if (m.text().includes('panicked')) console.error(m.text()); });
  page.on('pageerror', (e) => { throw new Error(`the app failed (${e.message}) after ${last}`); });
  await page.goto(`http://127.0.0.1:${PORT}/app/?lang=de#/`);
  const ids = await page.locator('a[href^="#/play/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href').slice(7)));
  const latencies = [];
  for (let round = 0; latencies.length < 200 && round < 10; round++) {
    for (const id of ids) {
      last = `opening ${id}`;
      await page.goto(`http://127.0.0.1:${PORT}/app/?lang=de#/play/${id}`);
      const start = page.getByRole('button', { name: 'Gespräch beginnen' });
      if (await start.count()) await start.click();
      for (let turn = 0; turn < 30; turn++) {
        const ms = await page.evaluate(() => new Promise((resolve) => {
          const buttons = document.querySelectorAll('button[data-reply-id]');
          if (!buttons.length) return resolve(null);
          const log = document.querySelector('[role=log]');
          const before = log.querySelectorAll('.customer').length;
          const t0 = performance.now();
          const done = () => resolve(performance.now() - t0);
          const observer = new MutationObserver(() => {
            if (!document.querySelector('[role=log]') || document.querySelector('[role=log]').querySelectorAll('.customer').length > before) { observer.disconnect(); done(); }
          });
          observer.observe(document.querySelector('main'), { childList: true, subtree: true });
          buttons[Math.floor(Math.random() * buttons.length)].click();
        }));
        last = `reply ${turn} in ${id}`;
        if (ms === null) break;
        latencies.push(ms);
      }
    }
  }
  report.reply_ms = stats(latencies);
  report.memory = await page.evaluate(() => ({
    js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
    wasm_memory_bytes: window.__wasm?.memory?.buffer?.byteLength ?? null,
  }));
  report.scenarios_played = ids.length;
  await context.close();

  // "In your own words": what the toggle downloads, and the time per recognition.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/app/?lang=de#/play/${SCENARIO}`);
    await page.waitForSelector(REPLY);
    await page.waitForLoadState('networkidle');
    const chunk = new Map();
    page.on('response', async (response) => {
      try {
        const body = await response.body();
        chunk.set(new URL(response.url()).pathname.split('/').pop(), { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
      } catch { /* no body */ }
    });
    await page.getByRole('button', { name: 'In eigenen Worten antworten' }).click();
    await page.waitForSelector('#own-reply');
    await page.waitForLoadState('networkidle');
    report.own_words = { bytes: Object.fromEntries(chunk), total_raw: 0, total_gzip: 0 };
    for (const f of chunk.values()) { report.own_words.total_raw += f.raw; report.own_words.total_gzip += f.gzip; }
    // Type (a garbled authored reply of the decision), send, read the time the panel measured.
    const recognise_ms = [];
    for (let round = 0; recognise_ms.length < 100 && round < 10; round++) {
      for (const id of ids) {
        if (recognise_ms.length >= 100) break;
        await page.goto(`http://127.0.0.1:${PORT}/app/?lang=de#/play/${id}`);
        const start = page.getByRole('button', { name: 'Gespräch beginnen' });
        if (await start.count()) await start.click();
        for (let turn = 0; turn < 30; turn++) {
          const field = page.locator('#own-reply');
          if (!(await field.count())) break;
          const texts = await page.locator('.conversation > .replies button').allTextContents();
          if (!texts.length) break;
          const typed = texts[Math.floor(Math.random() * texts.length)].replace(/[^\p{L}\s]/gu, ' ').toLowerCase();
          await field.fill(typed);
          await page.locator('.own-words-send').click();
          const ms = await page.locator('.own-words-read[data-recognise-ms]').getAttribute('data-recognise-ms');
          recognise_ms.push(Number(ms));
          await page.locator('.own-words-nearest button').first().click();
          await page.waitForFunction(() => !document.querySelector('.own-words-read[data-recognise-ms]'));
        }
      }
    }
    report.own_words.recognise_ms = stats(recognise_ms);
    await context.close();
  }
} finally {
  server.kill();
}

// The floor: a static page showing the same first customer line and replies.
const floorDir = await mkdtemp(join(tmpdir(), 'counterpart-floor-'));
await writeFile(join(floorDir, 'index.html'), `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Floor</title></head><body><h1>Schon wieder abgelaufen</h1><p>Das ist doch wohl ein Witz! Den hab ich gestern hier gekauft …</p><div role="group" aria-label="Ihre Antwort"><button class="floor-reply">A</button><button class="floor-reply">B</button><button class="floor-reply">C</button></div></body></html>`);
const floorServer = await serve(floorDir, '/floor/', PORT + 1);
try {
  const floors = [];
  for (let i = 0; i < RUNS; i++) floors.push(await coldLoad(browser, `http://127.0.0.1:${PORT + 1}/floor/`));
  const floorBytes = await coldLoad(browser, `http://127.0.0.1:${PORT + 1}/floor/`, { bytes: true });
  report.floor = { first_reply_ms: stats(floors.map((l) => l.ms)), total_gzip: Object.values(floorBytes.files).reduce((a, f) => a + f.gzip, 0) };
} finally {
  floorServer.kill();
  await browser.close();
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`\nfirst load of #/play/${SCENARIO} (${RUNS} cold runs)`);
for (const [name, f] of Object.entries(report.first_load.bytes)) console.log(`  ${name.padEnd(44)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`);
console.log(`  ${'total'.padEnd(44)} ${kb(report.first_load.total_raw).padStart(10)} raw ${kb(report.first_load.total_gzip).padStart(10)} gzip   (budget 150 KB gzip)`);
const row = (label, s) => console.log(`  ${label.padEnd(44)} p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  min ${s.min.toFixed(1)}  max ${s.max.toFixed(1)}  (n=${s.n})`);
row('first reply button enabled', report.first_load.first_reply_ms);
row('static floor page, first button', report.floor.first_reply_ms);
console.log(`  ${'ratio app / floor (p50)'.padEnd(44)} ${(report.first_load.first_reply_ms.p50 / report.floor.first_reply_ms.p50).toFixed(1)}×`);
row('reply → next customer line', report.reply_ms);
console.log(`  memory after ${report.scenarios_played} scenarios: JS heap ${kb(report.memory.js_heap_bytes ?? 0)}, wasm memory ${kb(report.memory.wasm_memory_bytes ?? 0)}`);
console.log(`\n"In eigenen Worten antworten": the chunk its toggle downloads`);
for (const [name, f] of Object.entries(report.own_words.bytes)) console.log(`  ${name.padEnd(44)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`);
console.log(`  ${'total'.padEnd(44)} ${kb(report.own_words.total_raw).padStart(10)} raw ${kb(report.own_words.total_gzip).padStart(10)} gzip   (budget 150 KB gzip)`);
row('recognition + nearest replies, per reply', report.own_words.recognise_ms);
console.log(`  ${''.padEnd(44)} (budget 5 ms per reply)`);
await mkdir('target/bench', { recursive: true });
await writeFile('target/bench/web.json', JSON.stringify(report, null, 2));
console.log('written: target/bench/web.json');
