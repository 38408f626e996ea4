// What the hand-out screen (#/handout, src/lms/handout.rs) builds copies
// from, written by scripts/post-build.mjs into handout/ of a release build,
// so the browser repeats none of the build's transformations:
//   handout/counterpart.html  the single file (scripts/single-file.mjs) with an
//                             empty scenario block; the browser fills the block
//                             with the chosen scenarios (the policy pins no hash
//                             of it, so nothing else changes)
//   handout/app-files.json    every file of the build but scenarios/ and
//                             handout/ (and sw.js, written after this), which
//                             the browser fetches for the LMS packages
// Neither goes into a package (src/lms/package.rs is_packaged), nor into the
// service worker's precache (scripts/generate-sw.mjs): trainees never need them.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { singleFile } from './single-file.mjs';

/** Bumped with APP_FILES_FORMAT in src/lms/handout.rs. */
const APP_FILES_FORMAT = 1;

async function filesUnder(dir, root = dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path, root)));
    else found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

/** Writes handout/ into the build in `dir`; returns the two files' sizes. */
export async function writeHandout(dir) {
  const files = (await filesUnder(dir))
    .filter((f) => !/^(scenarios|handout)\//.test(f) && f !== 'sw.js')
    .sort();
  if (!files.includes('index.html')) throw new Error(`handout: no index.html in ${dir}`);
  const template = await singleFile(dir, { scenarios: {} });
  const list = JSON.stringify({ format: APP_FILES_FORMAT, files });
  await mkdir(join(dir, 'handout'), { recursive: true });
  await writeFile(join(dir, 'handout', 'counterpart.html'), template);
  await writeFile(join(dir, 'handout', 'app-files.json'), list);
  return { template: Buffer.byteLength(template), list: list.length, files: files.length };
}
