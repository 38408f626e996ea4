// Runs the cross-engine suite (suite.test.mjs) once per engine, one after the
// other, and prints each engine's version and time:
//   node tests/cross-engine/run.mjs [firefox] [webkit]   (default: both)
// Needs the release build in dist/ and the single file in
// target/single/counterpart.html (scripts/test makes both first).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);
const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['firefox', 'webkit'];
for (const needed of ['dist/index.html', 'target/single/counterpart.html']) {
  if (!existsSync(needed)) {
    console.error(`${needed} is missing: build first (trunk build --release --public-url ./ and node scripts/single-file.mjs dist target/single/counterpart.html)`);
    process.exit(2);
  }
}

const version = (engine) => {
  try {
    if (engine === 'firefox') {
      return `${execFileSync('firefox-esr', ['--version'], { encoding: 'utf8' }).trim()}, ${execFileSync('geckodriver', ['--version'], { encoding: 'utf8' }).split('\n')[0]}`;
    }
    return `WebKitGTK ${execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'webkit2gtk-driver'], { encoding: 'utf8' })} (MiniBrowser through WebKitWebDriver)`;
  } catch {
    return 'not installed';
  }
};

const results = [];
for (const engine of engines) {
  console.log(`\n-- ${engine}: ${version(engine)}`);
  const started = Date.now();
  const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', 'tests/cross-engine/suite.test.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, CROSS_ENGINE: engine },
  });
  const [code] = await once(child, 'exit');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ engine, code, seconds });
  console.log(`-- ${engine}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
}

console.log('\ncross-engine summary:');
for (const { engine, code, seconds } of results) console.log(`  ${engine.padEnd(8)} ${code === 0 ? 'passed' : 'FAILED'}  ${seconds} s`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
