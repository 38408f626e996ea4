// Trunk post-build hook, run on the staging directory before it becomes dist/:
// 0. splits the app's wasm into a main module and chunks loaded on demand
//    (scripts/split-wasm.mjs);
// 1. compiles the scenarios into scenarios/ (index.json with the cards, the
//    slim files.json, one file per scenario and language, see
//    src/engine/compiled.rs) and embeds files.json in index.html, so a deep
//    link fetches only its own scenario, in its language;
// 2. adds the Content-Security-Policy (a <meta> in index.html) with the hash
//    of Trunk's inline loader script, which changes with every build;
// 3. release only: strips the comments and layout whitespace from the stylesheet and minifies the
//    two small scripts every first load fetches (1.8 KB gzip; the sources in
//    public/ keep their comments), updating their integrity hashes, and the
//    inline preload script;
// 4. release only: writes handout/, what the hand-out screen builds copies
//    from (scripts/handout.mjs: the single file as a template, the list of
//    the app's files), then the service worker that precaches the final files.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';
import { policy, preloadScript, scenarioBlock, sha256 } from './csp.mjs';
import { writeHandout } from './handout.mjs';
import { splitApp } from './split-wasm.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run as a Trunk hook (TRUNK_STAGING_DIR is not set)');

const split = await splitApp(dir, { release: process.env.TRUNK_PROFILE === 'release' });
console.log(`wasm split: ${split.written.length} files loaded on demand`);
// The code of the screen a link opens (the library, for most visits) starts
// downloading with the main wasm, not after it; so do the cards of the
// screens that list scenarios (src/ui/app.rs, with_cards).
const cards = 'scenarios/index.json';
// Those screens' stylesheet too (src/ui/stylesheets.rs).
const sheet = 'screens.css';
const screenFiles = {
  '': [...split.needs.library, cards, sheet],
  progress: [...split.needs.progress, cards, sheet],
  settings: [...split.needs.settings, sheet],
  certificate: [...split.needs.certificate, cards, sheet],
};

const indexPath = join(dir, 'index.html');
const compiled = join(dir, 'scenarios');
execFileSync('cargo', ['run', '--quiet', '--locked', '--offline', '--bin', 'counterpart-compile', '--', 'scenarios', compiled], {
  stdio: 'inherit',
});
let html = await readFile(indexPath, 'utf8');
if (process.env.TRUNK_PROFILE === 'release') html = await stripComments(dir, html);
const embedded = scenarioBlock({ 'files.json': await readFile(join(compiled, 'files.json'), 'utf8') });
// The deep link's scenario (or a screen's code and cards) starts downloading
// at once: public/preload.js, inlined with the files each screen needs.
// The lists are a file of their own, by content hash (only off a deep link).
const screenFilesText = JSON.stringify(screenFiles);
const screenFilesName = `screen-files-${createHash('sha256').update(screenFilesText).digest('hex').slice(0, 8)}.json`;
await writeFile(join(dir, screenFilesName), screenFilesText);
// Minified in a release build (terser), like the page's other small scripts.
const preload = process.env.TRUNK_PROFILE === 'release'
  ? await minifiedScript(preloadScript(screenFilesName), 'preload.js')
  : preloadScript(screenFilesName);
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
  const handout = await writeHandout(dir);
  console.log(`hand-out: template ${handout.template} bytes, list of ${handout.files} app files`);
  await import('./generate-sw.mjs');
}

/** A classic script minified (terser; its top-level names stay). */
async function minifiedScript(js, name) {
  const { code } = await minify(js, { compress: true, mangle: true });
  if (!code) throw new Error(`post-build: terser returned nothing for ${name}`);
  return code;
}

/**
 * The stylesheet without its comments and the page's two small scripts
 * (public/failure-screen.js, public/sw-register.js) minified, and `html` with
 * their integrity hashes updated. A CSS comment marker inside a quoted string
 * would make the simple pattern wrong, so such a stylesheet stops the build.
 */

async function stripComments(dir, html) {
  const files = await readdir(dir);
  const strippers = [
    [/^style-[0-9a-f]+\.css$/, 'link', (css, name) => {
      if (/["'][^"'\n]*(\/\*|\*\/)[^"'\n]*["']/.test(css)) throw new Error(`post-build: ${name} has a comment marker inside a string`);
      // Then the layout whitespace: runs of white space become one space, and
      // none is left next to braces, semicolons and commas (a space elsewhere
      // in a selector is the descendant combinator, so it stays).
      return css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,])\s*/g, '$1').replace(/;}/g, '}');
    }],
    [/^failure-screen-[0-9a-f]+\.js$/, 'script', minifiedScript],
    [/^sw-register-[0-9a-f]+\.js$/, 'script', minifiedScript],
  ];
  for (const [pattern, tag, strip] of strippers) {
    const name = files.find((f) => pattern.test(f));
    if (!name) throw new Error(`post-build: no ${pattern} in ${dir}`);
    const text = await readFile(join(dir, name), 'utf8');
    const stripped = await strip(text, name);
    await writeFile(join(dir, name), stripped);
    const integrity = `sha384-${createHash('sha384').update(stripped).digest('base64')}`;
    const reference = new RegExp(`(<${tag} [^>]*(?:href|src)="[^"]*${name}"[^>]*integrity=")[^"]*(")`);
    if (!reference.test(html)) throw new Error(`post-build: found no integrity-checked <${tag}> for ${name}`);
    html = html.replace(reference, `$1${integrity}$2`);
    console.log(`without comments${tag === 'script' ? ', minified' : ''}: ${name} ${text.length} -> ${stripped.length} bytes`);
  }
  return html;
}
