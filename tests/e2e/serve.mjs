// Serves a built app folder under a deep sub-path on loopback, like an LMS or
// intranet would: `node tests/e2e/serve.mjs <dir> <port> <base-path> [gzip]`.
// With `gzip` (the benchmark's peers, tests/bench/web-bench.mjs), a client that
// accepts it gets every file gzip-compressed (level 9, compressed once and
// kept), as a web host would send it; the tests serve the files as they are.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const [dir = 'dist', port = '4173', base = '/some/deep/path/', encoding = ''] = process.argv.slice(2);
const gzipped = new Map();
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404).end('not under ' + base);
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
  const file = normalize(join(dir, rel));
  if (!file.startsWith(normalize(dir))) {
    res.writeHead(403).end();
    return;
  }
  try {
    const info = await stat(file);
    const path = info.isDirectory() ? join(file, 'index.html') : file;
    const headers = { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    let body = await readFile(path);
    if (encoding === 'gzip') {
      headers.vary = 'accept-encoding';
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${path} ${info.mtimeMs}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
        body = gzipped.get(key);
        headers['content-encoding'] = 'gzip';
      }
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${dir} at http://127.0.0.1:${port}${base}`));
