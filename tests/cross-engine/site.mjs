// What the cross-engine suite serves: a copy of the release build in `dist/`
// (the app's files byte for byte) plus test-only pages beside it, served from
// a deep sub-path by tests/e2e/serve.mjs, the same server the Playwright suite
// uses. A copy, because Playwright routes its LMS test pages in the browser
// (page.route) and WebDriver cannot: the pages must come from the same origin
// as the app, so they are files next to it. In WebKitGTK the copy's
// index.html also runs probe.js (inlined) first; in Firefox index.html is
// untouched and WebDriver BiDi reports the console.
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { lmsHarnessHtml } from '../lms-harness.mjs';

export const BASE_PATH = '/some/deep/path/';
export const PROBE = 'cross-engine-probe.js';
const HERE = new URL('.', import.meta.url).pathname;
const ROOT = resolve(HERE, '../..');

/**
 * Puts the probe in front of everything else in `<head>`, before the CSP
 * <meta>, so no policy applies to it: inline in index.html (the service
 * worker precaches the page, so the probe is there offline too; the charset
 * comes from the HTTP header, so the longer head does not matter), as a file
 * beside the single file (file:// has no header, and `<meta charset>` must
 * stay within the first 1,024 bytes).
 */
export function withProbe(html, probe) {
  if (!html.includes('<head>')) throw new Error('no <head> to put the probe in');
  return html.replace('<head>', `<head>\n    ${probe}`);
}

/**
 * Copies dist/ to target/cross-engine/<engine>/site (and the single file
 * beside it), adding the probe where the engine needs it. Returns the paths.
 */
export async function prepareSite(engine, { probe }) {
  // CROSS_ENGINE_DIST / CROSS_ENGINE_SINGLE test another build (e.g. a deliberately broken one).
  const dist = resolve(ROOT, process.env.CROSS_ENGINE_DIST || 'dist');
  const singleFile = resolve(ROOT, process.env.CROSS_ENGINE_SINGLE || 'target/single/counterpart.html');
  const out = join(ROOT, 'target/cross-engine', engine);
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'single'), { recursive: true });
  await cp(dist, join(out, 'site'), { recursive: true });
  await cp(singleFile, join(out, 'single/counterpart.html'));
  if (probe) {
    const source = await readFile(join(HERE, 'probe.js'), 'utf8');
    for (const dir of [join(out, 'site'), join(out, 'single')]) await writeFile(join(dir, PROBE), source);
    const index = join(out, 'site/index.html');
    await writeFile(index, withProbe(await readFile(index, 'utf8'), `<script>${source}</script>`));
    const single = join(out, 'single/counterpart.html');
    await writeFile(single, withProbe(await readFile(single, 'utf8'), `<script src="${PROBE}"></script>`));
  }
  return { site: join(out, 'site'), single: join(out, 'single/counterpart.html'), out };
}

/** A port nothing listens on now (the machine is shared: fixed ports collide). */
export async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts tests/e2e/serve.mjs on `dir` and waits until it answers; `stop()` ends it. */
export async function serve(dir, port, base = BASE_PATH) {
  port ??= await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'tests/e2e/serve.mjs'), dir, String(port), base], { stdio: ['ignore', 'pipe', 'inherit'] });
  const kill = () => child.kill();
  process.on('exit', kill);
  child.on('exit', () => process.off('exit', kill));
  await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(([code]) => { throw new Error(`tests/e2e/serve.mjs stopped (${code}) before serving on port ${port}`); }),
  ]);
  const url = `http://127.0.0.1:${port}${base}`;
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}

/**
 * Writes an LMS test page into the site: scorm-again's runtime as `window.API`
 * (1.2) or `window.API_1484_11` (2004), and the app in an iframe — what
 * tests/e2e/scorm.spec.mjs serves through page.route. Returns its file name.
 */
export async function writeLmsPage(site, version, appUrl, { probe }) {
  const file = version === '1.2' ? 'scorm12' : 'scorm2004';
  const html = await lmsHarnessHtml({ root: ROOT, version, appUrl, head: probe ? `<script src="../${PROBE}"></script>` : '' });
  await mkdir(join(site, 'lms'), { recursive: true });
  const name = `lms/${file}.html`;
  await writeFile(join(site, name), html);
  return name;
}
