// Trunk post-build hook, run on the staging directory before it becomes dist/:
// 0. splits the app's wasm into a main module and chunks loaded on demand
//    (scripts/split-wasm.mjs);
// 1. compiles the scenarios into scenarios/ (index.json with the cards, the
//    slim files.json, one file per scenario and language, see
//    src/engine/compiled.rs) and embeds files.json in index.html, so a deep
//    link fetches only its own scenario, in its language;
// 2. adds the Content-Security-Policy (a <meta> in index.html) with the hash
//    of Trunk's inline loader script, which changes with every build;
// 3. writes the service worker that precaches the final files (release only).
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { policy, scenarioBlock, sha256 } from './csp.mjs';
import { splitApp } from './split-wasm.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run as a Trunk hook (TRUNK_STAGING_DIR is not set)');

const split = await splitApp(dir, { release: process.env.TRUNK_PROFILE === 'release' });
console.log(`wasm split: ${split.written.length} files loaded on demand`);
// The code of the screen a link opens (the library, for most visits) starts
// downloading with the main wasm, not after it; so do the cards of the
// screens that list scenarios (src/ui/app.rs, with_cards).
const cards = 'scenarios/index.json';
const screenFiles = {
  '': [...split.needs.library, cards],
  progress: [...split.needs.progress, cards],
  settings: split.needs.settings,
  certificate: [...split.needs.certificate, cards],
};

const indexPath = join(dir, 'index.html');
const compiled = join(dir, 'scenarios');
execFileSync('cargo', ['run', '--quiet', '--locked', '--offline', '--bin', 'counterpart-compile', '--', 'scenarios', compiled], {
  stdio: 'inherit',
});
let html = await readFile(indexPath, 'utf8');
const embedded = scenarioBlock({ 'files.json': await readFile(join(compiled, 'files.json'), 'utf8') });
// A deep link's scenario starts downloading at once, in parallel with the
// wasm, instead of after the app has started (one round trip less on slow
// networks); the app takes the text from window.counterpartEarlyScenario.
// Scenario files hold one language each: the script picks the language as the
// app will (src/route.rs choose_lang: the link's ?lang=, the page's ?lang=,
// the saved choice, the browser's languages, German). Should it guess wrong
// (a namespace <meta> placed after it), the app fetches its own file.
const preload = `(() => {
  const fetchEarly = (href) => document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));
  const link = /^#\\/(?:play|preview)\\/([^?/]+)/.exec(location.hash);
  if (!link) {
    const screen = /^(?:#\\/?)?([a-z]*)/.exec(location.hash)[1];
    (${JSON.stringify(screenFiles)}[screen] || []).forEach(fetchEarly);
    return;
  }
  try {
    const files = JSON.parse(document.getElementById('counterpart-scenarios').textContent);
    const entry = JSON.parse(files['files.json']).scenarios.find((s) => s.id === decodeURIComponent(link[1]));
    if (!entry) return;
    const code = (c) => (c && ${JSON.stringify(['de', 'en'])}.includes(c.toLowerCase()) ? c.toLowerCase() : null);
    const param = (query) => new URLSearchParams(query).get('lang');
    let saved = null;
    try {
      const meta = document.querySelector('meta[name=counterpart-namespace]');
      saved = localStorage.getItem(((meta && meta.content.replace(/[^A-Za-z0-9._-]/g, '')) || 'counterpart') + '.lang');
    } catch {}
    const lang = code(param(location.hash.split('?')[1] || '')) || code(param(location.search)) || code(saved)
      || navigator.languages.map((tag) => code(tag.split(/[-_]/)[0])).find(Boolean) || 'de';
    const file = entry.files[lang] || Object.values(entry.files)[0];
    if (files[file]) return;
    // Handed to the app (src/scenario_fetch.rs), which takes the text at once.
    const early = { file, text: null };
    early.done = fetch('scenarios/' + file)
      .then((r) => (r.ok ? r.text() : null))
      .then((text) => (early.text = text), () => null);
    window.counterpartEarlyScenario = early;
  } catch {}
})();`;
html = html
  .replace(/\s*<script type="application\/json" id="counterpart-scenarios">[\s\S]*?<\/script>/, '')
  .replace(/\s*<script id="counterpart-preload">[\s\S]*?<\/script>/, '')
  // Before the stylesheet: an inline script after it would wait for it.
  .replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${embedded}\n    <script id="counterpart-preload">${preload}</script>`);
const inline = [...html.matchAll(/<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inline)}" />`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, '').replace('<head>', `<head>\n    ${meta}`);
await writeFile(indexPath, html);
console.log(`content security policy: ${inline.length} inline script(s) hashed`);

if (process.env.TRUNK_PROFILE === 'release') {
  await import('./generate-sw.mjs');
}
