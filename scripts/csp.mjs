// The Content-Security-Policy of the web build and of the single file. Also
// usable as an HTTP header. `frame-ancestors` is left to the host: LMSs frame
// us (and a <meta> policy cannot set it anyway).
// Also the scenario data block, which is kept free of anything executable,
// and the inline preload script.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');

/** Scripts and styles only from this origin, plus the inline ones hashed.
 *  `workerSources` replaces 'self' for workers (the single file starts its
 *  import checker from a Blob, as file:// cannot start worker files). */
export function policy(scriptHashes, styleHashes = [], workerSources = "'self'") {
  const hashes = (list) => list.map((h) => ` 'sha256-${h}'`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${hashes(scriptHashes)} 'wasm-unsafe-eval'`,
    `style-src 'self'${hashes(styleHashes)}`,
    "img-src 'self' data:",
    // An LRS (xAPI, cmi5) lives on the LMS's origin, unknown at build time:
    // any https origin, and plain http only on this machine (tests, a local LRS).
    "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
    `worker-src ${workerSources}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** The data block the app reads its compiled scenarios from
 *  (src/scenario_fetch.rs): a map of file name → content. Never executed, so
 *  the policy needs no hash for it; `<` is escaped so no text can end it. */
export function scenarioBlock(files) {
  const json = JSON.stringify(files).replaceAll('<', '\\u003c');
  return `<script type="application/json" id="counterpart-scenarios">${json}</script>`;
}

/** The page's inline preload script: public/preload.js without its leading
 *  comment lines, with the name of the JSON file listing the files each
 *  screen needs (`screenFilesName`) filled in.
 *  Used by the build and by tests/e2e/preload.spec.mjs. */
export function preloadScript(screenFilesName, source = readFileSync('public/preload.js', 'utf8')) {
  return source
    .replace(/^\/\/.*\n/gm, '')
    .replace('__SCREEN_FILES__', JSON.stringify(screenFilesName))
    .trim();
}
