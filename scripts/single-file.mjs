// Makes one self-contained HTML file from a release build, for file:// use
// (a USB stick at a seminar): the wasm-bindgen glue inlined as a module with
// its exports removed, the wasm as base64, the wasm-split loader inlined with
// every chunk as base64, the stylesheet inline, and every
// compiled scenario in the data block the app reads (src/scenario_fetch.rs),
// and the import checker's worker as text the app starts from a Blob
// (src/import_worker.rs).
//   node scripts/single-file.mjs <dist-dir> <output.html> [--no-preview]
// Module scripts cannot be *loaded* from file://, but an inline module runs;
// the glue's async init gets the bytes (Chrome refuses synchronous compiles of
// large modules on the main thread). Service workers do not exist on file://,
// so neither the manifest nor the worker registration is included.
// `singleFile` is also what the release build writes as the hand-out screen's
// template (scripts/handout.mjs: no scenarios; the browser fills the block).
import { readFile, writeFile, readdir, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { policy, scenarioBlock, sha256 } from './csp.mjs';

/** An import or export statement left in a script (`import.meta` is not one). */
const IMPORT_OR_EXPORT = /\bimport\s*(\{|\*|")|\bexport\s*(\{|\*|(class|function|const|let|var|async|default)\b)/;

/**
 * The single file's HTML from the build in `dist`. `scenarios`: the data
 * block's files (name → text); by default every file of `dist/scenarios/`.
 * `noPreview` leaves out the author preview (the answer key), for copies
 * handed to trainees: the app then refuses `#/preview/<id>`.
 */
export async function singleFile(dist, { noPreview = false, scenarios = null } = {}) {
  const files = await readdir(dist);
  const pick = (test, what) => {
    const found = files.find(test);
    if (!found) throw new Error(`no ${what} in ${dist}`);
    return join(dist, found);
  };
  const gluePath = pick((f) => /^counterpart-[0-9a-f]+\.js$/.test(f), 'wasm-bindgen glue');
  const wasmPath = pick((f) => /^counterpart-[0-9a-f]+_bg\.wasm$/.test(f), 'app wasm module');
  const cssPath = pick((f) => /^style-[0-9a-f]+\.css$/.test(f), 'stylesheet');

  const loaderPath = pick((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f), 'wasm-split loader');

  // The chunk loader (scripts/split-wasm.mjs): its `initSync` import is the
  // glue's function in the same script, its exports become one object the glue
  // imports, and each chunk comes from base64 instead of a fetch.
  let loader = await readFile(loaderPath, 'utf8');
  // (The release build minifies the loader and the glue: statements need not
  // start a line, and spaces are optional.)
  loader = loader.replace(/\bimport\s*\{\s*initSync\s*\}\s*from\s*"[^"]+";?/, '');
  const loaderExports = [...loader.matchAll(/\bexport\s+const\s+(\w+)\s*=/g)].map((m) => m[1]);
  loader = loader.replace(/\bexport\s+const\s/g, 'const ');
  let chunkCount = 0;
  for (const [call, name] of [...loader.matchAll(/fetch\(new URL\("\.\/([^"]+\.wasm)",\s*import\.meta\.url\)\)/g)]) {
    const bytes = (await readFile(join(dist, name))).toString('base64');
    loader = loader.replace(call, `Promise.resolve(wasmResponse("${bytes}"))`);
    chunkCount++;
  }
  if (IMPORT_OR_EXPORT.test(loader) || /import\.meta/.test(loader)) throw new Error('the wasm-split loader has an import or export this script does not know how to inline');
  if (chunkCount === 0) throw new Error('the wasm-split loader fetches no chunk');

  const glue = (await readFile(gluePath, 'utf8'))
    .replace(/\bimport\s*\*\s*as\s+(\w+)\s+from\s*"\.\/__wasm_split-[0-9a-f]+\.js";?/g, 'const $1 = __wasm_split;')
    .replace(/\bexport\s+(class|function|const|let|async function)\s/g, '$1 ')
    .replace(/\bexport\s*\{[^}]*\};?/g, '');
  if (IMPORT_OR_EXPORT.test(glue)) throw new Error('the glue has an import or export this script does not know how to strip');
  const wasm = (await readFile(wasmPath)).toString('base64');
  // The worker: its no-modules glue, then its wasm from base64.
  const workerGlue = await readFile(join(dist, 'counterpart-import-check.js'), 'utf8');
  const workerWasm = (await readFile(join(dist, 'counterpart-import-check_bg.wasm'))).toString('base64');
  const workerSource = `${workerGlue}
wasm_bindgen({ module_or_path: Uint8Array.from(atob("${workerWasm}"), (c) => c.charCodeAt(0)) });
`;
  if (/<\/script|<!--/i.test(workerSource)) throw new Error('the worker source would end its <script> block');
  // The other screens' stylesheets join the main one (served, they are loaded
  // with their screens; src/ui/stylesheets.rs sees `data-sheet` and skips that).
  const sheets = ['screens.css', 'author.css', 'seminar.css'];
  const css = [await readFile(cssPath, 'utf8'), ...(await Promise.all(sheets.map((f) => readFile(join(dist, f), 'utf8'))))].join('\n');
  const icon = (await readFile(join(dist, 'icons', 'icon-192.png'))).toString('base64');
  const template = await readFile(join(dist, 'index.html'), 'utf8');
  let scenarioFiles = scenarios;
  if (!scenarioFiles) {
    const scenarioDir = join(dist, 'scenarios');
    scenarioFiles = {};
    for (const name of (await readdir(scenarioDir)).filter((f) => f.endsWith('.json')).sort()) {
      scenarioFiles[name] = await readFile(join(scenarioDir, name), 'utf8');
    }
    for (const needed of ['index.json', 'files.json']) {
      if (!scenarioFiles[needed]) throw new Error(`no scenarios/${needed} in ${dist}`);
    }
  }
  const meta = [...template.matchAll(/<meta [^>]*>/g)].map((m) => m[0]).filter((m) => !m.includes('Content-Security-Policy'))
    .concat(noPreview ? ['<meta name="counterpart-no-preview" content="" />'] : []).join('\n    ');

  const script = `
const wasmResponse = (base64) => new Response(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), { headers: { 'Content-Type': 'application/wasm' } });
${loader}
const __wasm_split = { ${loaderExports.join(', ')} };
${glue}
const bytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
`;
  // Its own policy: only this inline script and this inline style may run.
  const csp = policy([sha256(script)], [sha256(css)], 'blob:');
  const html = `<!doctype html>
<html lang="de">
  <head>
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    ${meta}
    <title>Counterpart</title>
    <link rel="icon" type="image/png" href="data:image/png;base64,${icon}" />
    <style data-sheet="${sheets.join(' ')}">${css}</style>
    ${scenarioBlock(scenarioFiles)}
    <script type="text/plain" id="counterpart-import-check-worker">${workerSource}</script>
  </head>
  <body>
    <noscript>Counterpart braucht JavaScript und WebAssembly. / Counterpart needs JavaScript and WebAssembly.</noscript>
    <script type="module">${script}</script>
  </body>
</html>
`;
  return html;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const noPreview = process.argv.includes('--no-preview');
  const [dist = 'dist', out = 'target/single/counterpart.html'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const html = await singleFile(dist, { noPreview });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
  console.log(`single file: ${out}, ${html.length} bytes`);
}
