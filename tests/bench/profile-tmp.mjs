import { chromium } from 'playwright-core';
import { execSync, spawn } from 'node:child_process';
const executablePath = execSync('command -v chromium').toString().trim();
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const server = spawn('node', ['tests/e2e/serve.mjs', 'target/named-dist', '4196', '/app/'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const url = 'http://127.0.0.1:4196/app/?lang=de#/play/supermarket-expired-yoghurt';
const self = new Map();
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForSelector('button[data-reply-id]:enabled');
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, k) => {
    const n = byId.get(id); const name = n.callFrame.functionName || `(anon ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
    self.set(name, (self.get(name) || 0) + (dt[k] || 0) / 1000);
  });
  await context.close();
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45);
for (const [n, ms] of rows) console.log((ms / 5).toFixed(2).padStart(8), n.slice(0, 150));
server.kill(); await browser.close();
