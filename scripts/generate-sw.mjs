// Writes sw.js (called by scripts/post-build.mjs, or on its own for a deployed folder), a service worker that precaches every
// file of the release build (wasm, glue, css, scenarios inside the wasm,
// manifest, icons), with the Workbox runtime inlined — no CDN. Dev builds get
// none, so `trunk serve` never serves stale files.
import { generateSW } from 'workbox-build';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('run as a Trunk hook (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE !== 'release') {
  console.log('service worker: skipped for a dev build');
  process.exit(0);
}
const { count, size, warnings } = await generateSW({
  globDirectory: dir,
  globPatterns: ['**/*.{html,js,wasm,css,png,svg,webmanifest,json}'],
  // The hand-out screen's template and list (scripts/handout.mjs): 2 MB no
  // trainee needs; the screen fetches them when a trainer builds a copy.
  globIgnores: ['handout/**'],
  swDest: `${dir}/sw.js`,
  inlineWorkboxRuntime: true,
  maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
  // The page decides when a new version takes over (the "update" banner).
  skipWaiting: false,
  clientsClaim: false,
  cleanupOutdatedCaches: true,
  directoryIndex: 'index.html',
  ignoreURLParametersMatching: [/^lang$/, /^ns$/],
  sourcemap: false,
  mode: 'production',
});
warnings.forEach((w) => console.warn(`service worker: ${w}`));
console.log(`service worker: precaches ${count} files, ${size} bytes`);
