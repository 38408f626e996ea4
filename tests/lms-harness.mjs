// The LMS test page both browser suites use: scorm-again's runtime as
// `window.API` (SCORM 1.2) or `window.API_1484_11` (2004), every call to
// start and finish recorded in `window.calls`, every accepted write in
// `window.sets`, and the app in an iframe — the way an LMS launches a SCO.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The page's HTML. `make` is the JavaScript expression that builds the API
 * (default: scorm-again's own, with `settings`); `preload` is loaded into it
 * with `loadFromJSON`; `head` goes first in `<head>` (the cross-engine probe).
 */
export async function lmsHarnessHtml({ root = '.', version, appUrl, make = null, settings = {}, preload = null, head = '' }) {
  const file = version === '1.2' ? 'scorm12' : 'scorm2004';
  const lib = await readFile(join(root, `node_modules/scorm-again/dist/${file}.min.js`), 'utf8');
  const global = version === '1.2' ? 'API' : 'API_1484_11';
  const api = make ?? `new ${version === '1.2' ? 'Scorm12API' : 'Scorm2004API'}(${JSON.stringify({ logLevel: 5, ...settings })})`;
  return `<!doctype html><html lang="en"><head>${head}
<meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script>${lib}</script>
<script>
  window.calls = [];
  window.sets = {};
  const api = ${api};
  ${preload ? `api.loadFromJSON(${JSON.stringify(preload)});` : ''}
  for (const m of ['LMSInitialize', 'LMSFinish', 'Initialize', 'Terminate']) {
    if (api[m]) { const original = api[m].bind(api); api[m] = (...a) => { window.calls.push(m); return original(...a); }; }
  }
  // Remember every value written (some elements are write-only in the runtime).
  for (const m of ['LMSSetValue', 'SetValue']) {
    if (api[m]) { const original = api[m].bind(api); api[m] = (k, v) => { const r = original(k, v); if (String(r) === 'true') window.sets[k] = v; return r; }; }
  }
  window.${global} = api;
</script></head>
<body><h1>Test LMS</h1><iframe title="Course" src="${appUrl}" style="width:100%;height:85vh;border:0"></iframe></body></html>`;
}
