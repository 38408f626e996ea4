// Trunk post-build hook, run on the staging directory before it becomes dist/:
// 1. adds the Content-Security-Policy (a <meta> in index.html) with the hash
//    of Trunk's inline loader script, which changes with every build;
// 2. writes the service worker that precaches the final files (release only).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { policy, sha256 } from './csp.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run as a Trunk hook (TRUNK_STAGING_DIR is not set)');

const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inline)}" />`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, '').replace('<head>', `<head>\n    ${meta}`);
await writeFile(indexPath, html);
console.log(`content security policy: ${inline.length} inline script(s) hashed`);

if (process.env.TRUNK_PROFILE === 'release') {
  await import('./generate-sw.mjs');
}
