// The web benchmark (run by scripts/bench, not part of the tests): serves the
// release build on loopback and measures in headless Chromium, over cold-cache
// runs: bytes of the first load (raw and gzip, per file), time to the first
// enabled reply button of a deep-linked scenario (and to the app's own
// screen taking over the page's early first turn), reply → next customer line
// latency over 200+ replies across all scenarios, and memory after playing
// every scenario; and for "In your own words" (issue #23) the gzip size of
// what its toggle downloads (the recogniser's chunk) and the recognition time
// per typed reply.
//
// The first clickable reply is compared with two peers, each loaded the same
// way (a new browser context per run, so a cold cache; the same in-page
// MutationObserver stamp for the same selector; the same server,
// tests/e2e/serve.mjs, gzip-compressing as a web host would):
// - the ink player: the same scenario (same nodes, replies, logic and German
//   texts) as an ink story, compiled at bench time with npm inkjs's compiler
//   and played by inkjs's minified runtime and a small page script, laid out
//   as an author's web export (tests/bench/ink-peer.mjs);
// - the static floor: a static page with the same first line and three
//   buttons, no script at all.
// All three run under two profiles, interleaved run by run (the order rotates)
// so the machine's noise hits them alike: unthrottled, and throttled through
// the DevTools protocol (CPU 4× slower, network 150 ms latency, 200,000 bytes/s
// down, 93,750 up: Chromium's "fast 3G"). Prints the first load's files, one
// table per profile (median and min–max of the first clickable reply, first
// load gzip, the ratios Counterpart / ink and Counterpart / floor), reply
// latency and memory; writes target/bench/web.json.
//
// Environment: RUNS (cold runs per peer and profile, default 10), BENCH_PORT
// (the app's port; the floor and the ink player take the next two; default
// 4190), BENCH_DIST (the built app, default dist).
import { chromium } from 'playwright-core';
import { execSync, spawn } from 'node:child_process';
import { mkdtemp, writeFile, mkdir, rm, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInkPlayer } from './ink-peer.mjs';

const RUNS = Number(process.env.RUNS || 10);
const SCENARIO = 'supermarket-expired-yoghurt';
const PORT = Number(process.env.BENCH_PORT || 4190);
const DIST = process.env.BENCH_DIST || process.env.COUNTERPART_E2E_DIST || 'dist';
const PROFILES = {
  unthrottled: null,
  throttled: {
    cpu: { rate: 4 },
    network: { offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 93750 },
  },
};
const executablePath = execSync('command -v chromium').toString().trim();
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'];

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
  return { n: s.length, min: s[0], p5: q(0.05), p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};

async function serve(dir, base, port = PORT) {
  const server = spawn('node', ['tests/e2e/serve.mjs', dir, String(port), base, 'gzip'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (await fetch(`http://127.0.0.1:${port}${base}`).then((r) => r.ok).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

const REPLY = 'button[data-reply-id]:enabled, .floor-reply, button.ink-choice:enabled';
// Counterpart's page shows its first turn before the app is ready (its
// replies are clickable then, and a click is kept: src/early_turn.rs); the
// app itself is ready when its own screen (#main) has the replies. The
// peers are ready when their replies are shown.
const APP_READY = '#main button[data-reply-id]:enabled, .floor-reply, button.ink-choice:enabled';

/**
 * One cold load: ms from navigation until the first reply button is enabled,
 * stamped in the page by a MutationObserver (not Playwright's polling). With
 * `bytes`, also every response body, raw and gzip; reading bodies over the
 * DevTools protocol slows the load, so timed runs do not. With `profile`, the
 * page is throttled (CPU and network) over the DevTools protocol before it
 * navigates.
 */
async function coldLoad(browser, url, { bytes = false, profile = null } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (profile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', profile.cpu);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', profile.network);
  }
  await page.addInitScript(([reply, ready]) => {
    const stamp = () => {
      if (window.__firstReply === undefined && document.querySelector(reply)) window.__firstReply = performance.now();
      if (window.__appReady === undefined && document.querySelector(ready)) window.__appReady = performance.now();
      return window.__appReady !== undefined;
    };
    const observer = new MutationObserver(() => { if (stamp()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }, [REPLY, APP_READY]);
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
  await page.waitForSelector(APP_READY);
  const [ms, ready] = await page.evaluate(() => [window.__firstReply ?? performance.now(), window.__appReady ?? performance.now()]);
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, ready, files: Object.fromEntries(files) };
}

// The peers: the floor, a static page showing the same first customer line
// and replies, and the ink player of the same scenario.
const floorDir = await mkdtemp(join(tmpdir(), 'counterpart-floor-'));
await writeFile(join(floorDir, 'index.html'), `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Floor</title></head><body><h1>Schon wieder abgelaufen</h1><p>Das ist doch wohl ein Witz! Den hab ich gestern hier gekauft …</p><div role="group" aria-label="Ihre Antwort"><button class="floor-reply">A</button><button class="floor-reply">B</button><button class="floor-reply">C</button></div></body></html>`);
const inkDir = await mkdtemp(join(tmpdir(), 'counterpart-ink-'));
const inkStory = await buildInkPlayer(DIST, SCENARIO, 'de', inkDir);

const browser = await chromium.launch({ executablePath, args });
const servers = [await serve(DIST, '/app/'), await serve(floorDir, '/floor/', PORT + 1), await serve(inkDir, '/ink/', PORT + 2)];
const report = {};
const peers = [
  { key: 'counterpart', label: 'Counterpart', url: `http://127.0.0.1:${PORT}/app/?lang=de#/play/${SCENARIO}` },
  { key: 'ink', label: 'ink player', url: `http://127.0.0.1:${PORT + 2}/ink/` },
  { key: 'floor', label: 'static floor', url: `http://127.0.0.1:${PORT + 1}/floor/` },
];
const total = (files, kind) => Object.values(files).reduce((a, f) => a + f[kind], 0);
try {
  // Bytes of each peer's first load (untimed: reading bodies slows the load).
  const bytes = {};
  for (const peer of peers) bytes[peer.key] = (await coldLoad(browser, peer.url, { bytes: true })).files;

  // Time to the first clickable reply, cold cache each run, the peers and the
  // profiles interleaved, their order rotating from run to run.
  const names = Object.keys(PROFILES);
  const times = Object.fromEntries(names.map((p) => [p, Object.fromEntries(peers.map((peer) => [peer.key, []]))]));
  const readyTimes = Object.fromEntries(names.map((p) => [p, Object.fromEntries(peers.map((peer) => [peer.key, []]))]));
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < names.length; j++) {
      const profile = names[(i + j) % names.length];
      for (let k = 0; k < peers.length; k++) {
        const peer = peers[(i + k) % peers.length];
        const load = await coldLoad(browser, peer.url, { profile: PROFILES[profile] });
        times[profile][peer.key].push(load.ms);
        readyTimes[profile][peer.key].push(load.ready);
      }
    }
  }

  report.first_load = { bytes: bytes.counterpart, total_raw: total(bytes.counterpart, 'raw'), total_gzip: total(bytes.counterpart, 'gzip'), first_reply_ms: stats(times.unthrottled.counterpart) };
  report.floor = { first_reply_ms: stats(times.unthrottled.floor), total_gzip: total(bytes.floor, 'gzip') };
  report.ink = { first_reply_ms: stats(times.unthrottled.ink), bytes: bytes.ink, total_raw: total(bytes.ink, 'raw'), total_gzip: total(bytes.ink, 'gzip'), story: inkStory };
  report.runs = RUNS;
  report.profiles = {};
  for (const name of names) {
    const p = { settings: PROFILES[name] };
    for (const peer of peers) p[peer.key] = { first_reply_ms: stats(times[name][peer.key]), app_ready_ms: stats(readyTimes[name][peer.key]), total_gzip: total(bytes[peer.key], 'gzip') };
    p.ratio_counterpart_ink = p.counterpart.first_reply_ms.p50 / p.ink.first_reply_ms.p50;
    p.ratio_ready_counterpart_ink = p.counterpart.app_ready_ms.p50 / p.ink.app_ready_ms.p50;
    p.ratio_counterpart_floor = p.counterpart.first_reply_ms.p50 / p.floor.first_reply_ms.p50;
    report.profiles[name] = p;
  }

  // Reply latency and memory: every scenario played once (random replies), more rounds until 200 replies.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  // A trap here is a bug in the app: say where, and stop.
  let last = '';
  page.on('console', (m) => { if (m.text().includes('panicked')) console.error(m.text()); });
  page.on('pageerror', (e) => { throw new Error(`the app failed (${e.message}) after ${last}`); });
  await page.goto(`http://127.0.0.1:${PORT}/app/?lang=de#/`);
  await page.locator('a[href^="#/play/"]').first().waitFor();
  const ids = await page.locator('a[href^="#/play/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href').slice(7)));
  const latencies = [];
  for (let round = 0; latencies.length < 200 && round < 10; round++) {
    for (const id of ids) {
      last = `opening ${id}`;
      await page.goto(`http://127.0.0.1:${PORT}/app/?lang=de#/play/${id}`);
      // The app's screen, not the page's early copy of the first turn.
      const start = page.locator('#main').getByRole('button', { name: 'Gespräch beginnen' });
      await page.locator('#main button[data-reply-id], #main .content-note').first().waitFor();
      if (await start.count()) await start.click();
      for (let turn = 0; turn < 30; turn++) {
        const ms = await page.evaluate(() => new Promise((resolve) => {
          const buttons = document.querySelectorAll('#main button[data-reply-id]');
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
  if (!latencies.length) throw new Error('no reply was timed');
  report.reply_ms = stats(latencies);
  report.memory = await page.evaluate(() => ({
    js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null,
    wasm_memory_bytes: window.__wasm?.memory?.buffer?.byteLength ?? null,
  }));
  report.scenarios_played = ids.length;
  await context.close();

  // "In your own words": what the toggle downloads, and the time per recognition.
  // A scenario's German reply texts by node, read from the build.
  const replyFiles = JSON.parse(await readFile(join(DIST, 'scenarios', 'files.json'), 'utf8')).scenarios;
  const replyTexts = async (id) => {
    const file = replyFiles.find((f) => f.id === id)?.files.de;
    const scenario = JSON.parse(await readFile(join(DIST, 'scenarios', file), 'utf8'));
    return new Map(scenario.nodes.map((n) => [n.id, (n.replies ?? []).map((r) => r.text.de)]));
  };
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/app/?lang=de#/play/${SCENARIO}`);
    await page.waitForSelector(APP_READY);
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
        const start = page.locator('#main').getByRole('button', { name: 'Gespräch beginnen' });
        await page.locator('#main button[data-reply-id], #main .content-note, #own-reply').first().waitFor();
        if (await start.count()) await start.click();
        for (let turn = 0; turn < 30; turn++) {
          const field = page.locator('#own-reply');
          if (!(await field.count())) break;
          // The decision's authored replies, from the scenario file the app loaded.
          const node = await page.locator('.own-words').getAttribute('data-node');
          const texts = (await replyTexts(id)).get(node) ?? [];
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
  for (const server of servers) server.kill();
  await browser.close();
  await rm(floorDir, { recursive: true, force: true });
  await rm(inkDir, { recursive: true, force: true });
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`\nfirst load of #/play/${SCENARIO} (served gzip-compressed)`);
for (const [name, f] of Object.entries(report.first_load.bytes)) console.log(`  ${name.padEnd(44)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`);
console.log(`  ${'total'.padEnd(44)} ${kb(report.first_load.total_raw).padStart(10)} raw ${kb(report.first_load.total_gzip).padStart(10)} gzip   (budget 150 KB gzip)`);
console.log(`\nink player of the same scenario (${inkStory.knots} knots, ${inkStory.choices} choices; ink source ${kb(inkStory.ink_source_bytes)}, story JSON ${kb(inkStory.story_json_bytes)}, the app's scenario JSON ${kb(inkStory.scenario_json_bytes)})`);
for (const [name, f] of Object.entries(report.ink.bytes)) console.log(`  ${name.padEnd(44)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzip`);
const ms = (x) => `${x.toFixed(1)}`;
for (const [name, p] of Object.entries(report.profiles)) {
  const how = p.settings ? `CPU ${p.settings.cpu.rate}× slower, ${p.settings.network.latency} ms latency, ${p.settings.network.downloadThroughput / 1000} kB/s down` : 'no throttling';
  console.log(`\nfirst clickable reply, ${name} (${how}; ${RUNS} cold runs each)`);
  console.log(`  ${''.padEnd(16)} ${'median'.padStart(10)} ${'min–max'.padStart(18)} ${'p5–p95'.padStart(18)} ${'first load gzip'.padStart(16)}`);
  for (const peer of peers) {
    const r = p[peer.key];
    const s = r.first_reply_ms;
    console.log(`  ${peer.label.padEnd(16)} ${(ms(s.p50) + ' ms').padStart(10)} ${(ms(s.min) + '–' + ms(s.max) + ' ms').padStart(18)} ${(ms(s.p5) + '–' + ms(s.p95) + ' ms').padStart(18)} ${kb(r.total_gzip).padStart(16)}`);
  }
  const gz = (a, b) => (p[a].total_gzip / p[b].total_gzip).toFixed(1);
  const ready = p.counterpart.app_ready_ms;
  console.log(`  ${'(app ready)'.padEnd(16)} ${(ms(ready.p50) + ' ms').padStart(10)} ${(ms(ready.min) + '–' + ms(ready.max) + ' ms').padStart(18)} ${(ms(ready.p5) + '–' + ms(ready.p95) + ' ms').padStart(18)}   Counterpart's own screen, taking over the early first turn`);
  console.log(`  Counterpart / ink player:   ${p.ratio_counterpart_ink.toFixed(2)}× time (median), ${gz('counterpart', 'ink')}× gzip bytes; app ready ${p.ratio_ready_counterpart_ink.toFixed(2)}×`);
  console.log(`  Counterpart / static floor: ${p.ratio_counterpart_floor.toFixed(2)}× time (median), ${gz('counterpart', 'floor')}× gzip bytes`);
}
const row = (label, s) => console.log(`  ${label.padEnd(44)} p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  min ${s.min.toFixed(1)}  max ${s.max.toFixed(1)}  (n=${s.n})`);
console.log('');
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
