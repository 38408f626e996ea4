// Renders the app icon from its committed SVGs (public/icons/icon.svg and
// icon-maskable.svg, whose square the system crops) into the PNG sizes the
// web manifest and iOS need, with resvg (@resvg/resvg-js, pinned in
// package-lock.json). Run after changing the design: `node scripts/make-icons.mjs`.
import { Resvg } from '@resvg/resvg-js';
import { readFile, writeFile } from 'node:fs/promises';

const renders = [
  ['icon.svg', 'icon-180.png', 180],
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-192.png', 192],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
];
for (const [source, target, size] of renders) {
  const svg = await readFile(`public/icons/${source}`, 'utf8');
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  await writeFile(`public/icons/${target}`, png);
  console.log(`public/icons/${target}: ${size}×${size}, ${png.length} bytes`);
}
