// Splits the app's wasm into the main module (what a deep link's first reply
// needs) and chunks loaded on demand, at the `#[wasm_split]` points in
// src/ui/on_demand.rs. Called by scripts/post-build.mjs on Trunk's staging
// directory. Trunk 0.21 cannot split (trunk-rs/trunk#1022), so:
//   1. take the raw wasm cargo just built for Trunk (linked with
//      --emit-relocs, see .cargo/config.toml; same profile and features);
//   2. wasm-split-cli (crate wasm_split_cli_support, installed by
//      scripts/setup.sh) writes main + chunks + __wasm_split.js, the loader;
//   3. wasm-bindgen the main module under Trunk's file name (keeping the
//      table export the chunks link against), replacing
//      Trunk's own output (Trunk's loader script stays as it is);
//   4. release only: wasm-opt -Oz every module, as Trunk would, and minify the
//      loader and the glue (terser);
//      the loader falls back to instantiate() when the wasm MIME type is missing;
//   5. name chunks and loader by content hash (safe long-term caching) and fix
//      the references; update the integrity hashes in index.html.
import { execFileSync, spawnSync } from 'node:child_process';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
// wasm-opt warns about every name subsection wasm-split writes (harmless):
// keep its other output.
const runQuietly = (cmd, args) => {
  const { status, stderr } = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  const rest = stderr.split('\n').filter((line) => line && !/^warning: unknown name subsection/.test(line));
  if (rest.length) console.error(rest.join('\n'));
  if (status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${status})`);
};
// 8 hex digits: enough to tell a build's hundred-odd files and their versions
// apart for caching, and every name is in the first load twice (the loader,
// the page's preload lists): 16 digits cost about 0.3 KB gzip more.
const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * The loader without what only this script reads and with one helper for
 * what every module repeated, since it is part of every first load: the
 * comment above each shared chunk naming the split points that use it (read
 * above for `needs`), and the five lines each module's load repeated, now
 * `loadChunk(() => fetch(…), deps)`. `fetch(new URL("./<file>.wasm",
 * import.meta.url))` stays as it was: scripts/single-file.mjs replaces it.
 * Measured on a build with 84 shared chunks: 3.6 → 3.2 KB gzip.
 */
function compactLoader(loader, modules) {
  const comments = /^\/\* [\w, ]+ \*\/\n(?=const __chunk_)/gm;
  const body = /makeLoad\(\(\) => \{\n\s*const src = (fetch\(new URL\("\.\/[^"]+\.wasm", import\.meta\.url\)\));\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => \(instantiateChunk\(src, imports\)\);\n\}\n, /g;
  const found = [...loader.matchAll(body)].length;
  if (found !== modules) throw new Error(`split-wasm: found ${found} module loads in the loader, expected ${modules}`);
  return `${loader.replace(comments, '').replace(body, 'loadChunk(() => $1, ')}
function loadChunk(fetcher, deps) {
    return makeLoad(() => {
        const src = fetcher();
        src.catch(() => {});
        return async (imports) => (instantiateChunk(src, imports));
    }, deps);
}
`;
}

/**
 * A script of every first load, minified (terser: spaces, comments, local
 * names; its top-level names, imports and exports stay, so
 * scripts/single-file.mjs can still inline it). Measured with the shorter
 * hashes: the glue 9.6 → 7.7 KB gzip, the loader 3.1 → 2.3 KB.
 */
async function minified(code) {
  const { code: out } = await minify(code, { compress: true, mangle: true });
  if (!out) throw new Error('split-wasm: terser returned nothing');
  return out;
}

/**
 * Splits the app in `staging` (Trunk's staging dir). Returns the files written
 * and, per split point (`library`, `debrief`, …), the files it needs.
 */
export async function splitApp(staging, { release }) {
  const files = await readdir(staging);
  const glue = files.find((f) => /^counterpart-[0-9a-f]+\.js$/.test(f));
  if (!glue) throw new Error(`split-wasm: no app glue (counterpart-<hash>.js) in ${staging}`);
  const stem = glue.slice(0, -'.js'.length);
  const targetDir = process.env.CARGO_TARGET_DIR || 'target';
  const raw = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'counterpart.wasm');

  const work = await mkdtemp(join(tmpdir(), 'counterpart-split-'));
  try {
    const split = join(work, 'split');
    const bound = join(work, 'bound');
    run('wasm-split-cli', [raw, split, '--out-name', stem]);
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', bound, '--out-name', stem, join(split, `${stem}.wasm`)]);
    // COUNTERPART_WASM_NAMES=1 keeps function names, for profiling a release build.
    const names = process.env.COUNTERPART_WASM_NAMES === '1' ? ['-g'] : [];
    const optimise = async (from, to) => (release ? runQuietly('wasm-opt', ['-Oz', ...names, '--output', to, from]) : copyFile(from, to));

    // The chunks and the loader, by content hash.
    let loader = await readFile(join(split, '__wasm_split.js'), 'utf8');
    // Some servers (LMSs among them) send wasm without its MIME type, which
    // instantiateStreaming refuses: fall back to reading the bytes, as the
    // wasm-bindgen glue does for the main module.
    const streaming = 'WebAssembly.instantiateStreaming(src, imports)';
    if (!loader.includes(streaming)) throw new Error('split-wasm: the loader does not instantiate chunks the expected way');
    loader = `${loader.replaceAll(streaming, 'instantiateChunk(src, imports)')}
async function instantiateChunk(pending, imports) {
    const response = await pending;
    if (!response.ok) throw new Error(\`failed to fetch \${response.url}: \${response.status}\`);
    if ((response.headers.get('Content-Type') || '').startsWith('application/wasm')) {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
`;
    const chunks = (await readdir(split)).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`).sort();
    const written = [];
    for (const chunk of chunks) {
      const optimised = join(work, `opt-${chunk}`);
      await optimise(join(split, chunk), optimised);
      const bytes = await readFile(optimised);
      const name = `${chunk.slice(0, -'.wasm'.length)}-${contentHash(bytes)}.wasm`;
      const reference = `"./${chunk}"`;
      if (!loader.includes(reference)) throw new Error(`split-wasm: the loader does not fetch ${chunk}`);
      loader = loader.replaceAll(reference, `"./${name}"`);
      await writeFile(join(staging, name), bytes);
      written.push(name);
    }
    // Which files each split point needs (its own module and the chunks it
    // shares, which the loader lists as `/* split, split */` above each).
    const needs = {};
    for (const [, splits, file] of loader.matchAll(/\/\* ([\w, ]+) \*\/\nconst __chunk_\d+ = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
      for (const split of splits.split(', ')) (needs[split] ??= []).push(file);
    }
    for (const file of written) {
      const own = /^split_(\w+?)-[0-9a-f]{8}\.wasm$/.exec(file);
      if (own) (needs[own[1]] ??= []).push(file);
    }
    // Release only: a debug build's loader wraps each load in `debugWrap`
    // (and its size does not matter).
    if (release) loader = await minified(compactLoader(loader, written.length));
    const loaderName = `__wasm_split-${contentHash(loader)}.js`;
    await writeFile(join(staging, loaderName), loader);
    written.push(loaderName);

    // The main module and its glue, under Trunk's names.
    let glueText = await readFile(join(bound, `${stem}.js`), 'utf8');
    // Only the JS imports: the wasm's own import module stays "./__wasm_split.js".
    const importLine = /^(import \* as \w+ from )"\.\/__wasm_split\.js"/gm;
    if (!importLine.test(glueText)) throw new Error('split-wasm: the glue does not import ./__wasm_split.js');
    glueText = glueText.replace(importLine, `$1"./${loaderName}"`);
    if (release) glueText = await minified(glueText);
    await writeFile(join(staging, glue), glueText);
    await optimise(join(bound, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`));

    // Trunk's preload links carry integrity hashes of its own output.
    const indexPath = join(staging, 'index.html');
    let html = await readFile(indexPath, 'utf8');
    for (const file of [glue, `${stem}_bg.wasm`]) {
      const hash = integrity(await readFile(join(staging, file)));
      html = html.replace(new RegExp(`(href="[^"]*${file}"[^>]*integrity=")[^"]*(")`), `$1${hash}$2`);
    }
    // The glue imports the loader: without this link the browser would
    // discover it only after the glue arrived, one round trip later.
    const loaderLink = `<link rel="modulepreload" href="./${loaderName}" crossorigin="anonymous" integrity="${integrity(loader)}">`;
    const glueLink = new RegExp(`<link rel="modulepreload" href="[^"]*${glue}"[^>]*>`);
    if (!glueLink.test(html)) throw new Error('split-wasm: found no modulepreload link for the glue');
    html = html.replace(glueLink, (link) => link + loaderLink);
    await writeFile(indexPath, html);
    if (!needs.library?.some((f) => f.startsWith('split_library-'))) throw new Error('split-wasm: found no files for the library split');
    return { written, needs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
