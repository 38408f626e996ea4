// Starts Firefox ESR and WebKitGTK through WebDriver (selenium-webdriver) and
// wraps a session in the few helpers the suite needs.
//
// Why not Playwright, which drives the Chromium suite: Playwright only drives
// its own patched builds of Firefox and WebKit, which it downloads from its
// CDN — blocked here, and not the engines trainees run. Debian's firefox-esr
// and WebKitGTK (MiniBrowser) speak standard WebDriver, through geckodriver
// and WebKitWebDriver, so selenium-webdriver drives them.
//
// Console capture: Firefox reports console messages and uncaught errors over
// WebDriver BiDi (`log.entryAdded`); a BiDi preload script turns CSP
// violations into console errors, as tests/e2e/guard.mjs does in Chromium.
// WebKitGTK's driver has no BiDi and no log endpoint: the suite serves the
// app with probe.js as its first script and reads what it recorded.
import { spawn, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { decode, encode } from './png.mjs';
import { freePort } from './site.mjs';
import webdriver from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';

const { Builder, By, error: wdError } = webdriver;

const which = (name) => {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed (scripts/setup.sh installs it)`);
  }
};

/** Child processes started here, ended when the suite exits whatever happens. */
const children = new Set();
process.on('exit', () => { for (const child of children) child.kill('SIGKILL'); });
function start(command, args, options) {
  const child = spawn(command, args, options);
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode) return;
  child.kill();
  await Promise.race([once(child, 'exit'), sleep(5000)]);
  if (child.exitCode === null && !child.signalCode) child.kill('SIGKILL');
}

/** Waits until `fn` returns something truthy; returns it. */
export async function waitUntil(fn, message = 'condition', timeout = 20_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      if (!(e instanceof wdError.StaleElementReferenceError || e instanceof wdError.NoSuchElementError)) throw e;
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message}${last ? ` (${last.message})` : ''}`);
    await sleep(100);
  }
}

/** A browser session with the suite's helpers; `errors` collects what the page reported. */
class Browser {
  constructor(engine, driver, downloads) {
    this.engine = engine;
    this.driver = driver;
    this.downloads = downloads;
    this.errors = [];
  }

  /** Collects what the current page reported (WebKitGTK reads the probe; Firefox's arrive by themselves). */
  async collect() {
    if (this.engine.name !== 'webkit') {
      await this.driver.executeScript('return 1').catch(() => {});
      await sleep(150); // BiDi events of the last moments arrive on their own socket
      return;
    }
    await this.driver.switchTo().defaultContent().catch(() => {});
    const url = await this.driver.getCurrentUrl().catch(() => 'about:blank');
    if (!/^(https?|file):/.test(url)) return;
    const taken = await this.driver.executeScript('return window.__counterpartProbe ? window.__counterpartProbe.take() : null');
    if (taken === null) this.errors.push(`the console probe is missing on ${url}: nothing there was checked`);
    else this.errors.push(...taken);
  }

  /** Navigates (a full load, or a hash change when only the fragment differs). */
  async get(url) {
    await this.collect();
    await this.driver.get(url);
  }

  /**
   * Reloads the page the way a trainee does (F5). Not WebDriver's Refresh:
   * geckodriver's bypasses the service worker, like a forced reload.
   */
  async reload() {
    await this.collect();
    await this.driver.executeScript('window.__beforeReload = true; setTimeout(() => location.reload())');
    await waitUntil(async () => (await this.driver.executeScript('return !window.__beforeReload && document.readyState === "complete"').catch(() => false)),
      'the page to reload');
  }

  async url() {
    return this.driver.getCurrentUrl();
  }

  /** Runs a function in the page: `js(fn, ...args)` with a function or a script body. */
  async js(fn, ...args) {
    const body = typeof fn === 'function' ? `return (${fn}).apply(null, arguments)` : fn;
    return this.driver.executeScript(body, ...args);
  }

  /** Presses Tab, as a keyboard user moves focus (`:focus-visible` applies). */
  async tab() {
    await this.driver.actions().sendKeys(webdriver.Key.TAB).perform();
  }

  async count(css) {
    return (await this.driver.findElements(By.css(css))).length;
  }

  /** Waits for an element that is displayed; returns it. */
  async waitFor(css, { timeout = 20_000 } = {}) {
    return waitUntil(async () => {
      for (const element of await this.driver.findElements(By.css(css))) {
        if (await element.isDisplayed()) return element;
      }
      return null;
    }, `"${css}" to be visible`, timeout);
  }

  async waitForText(css, pattern, { timeout = 20_000 } = {}) {
    let seen = '';
    try {
      return await waitUntil(async () => {
        const elements = await this.driver.findElements(By.css(css));
        seen = elements.length ? await elements[0].getText() : '(none)';
        return (typeof pattern === 'string' ? seen.includes(pattern) : pattern.test(seen)) && seen;
      }, `text of "${css}"`, timeout);
    } catch (e) {
      throw new Error(`${e.message}: expected ${pattern}, saw ${JSON.stringify(seen)}`);
    }
  }

  async waitForCount(css, n, { timeout = 20_000 } = {}) {
    let seen = 0;
    try {
      await waitUntil(async () => (seen = await this.count(css)) === n, `${n} × "${css}"`, timeout);
    } catch (e) {
      throw new Error(`${e.message}: saw ${seen}`);
    }
  }

  async text(css) {
    return (await this.waitFor(css)).getText();
  }

  /** Clicks the first displayed element matching `css` (with `{ text }`: whose text is exactly that). */
  async click(css, { text } = {}) {
    const find = async () => {
      for (const element of await this.driver.findElements(By.css(css))) {
        if (!(await element.isDisplayed())) continue;
        if (text === undefined || (await element.getText()).trim() === text) return element;
      }
      return null;
    };
    for (let attempt = 0; ; attempt++) {
      const element = await waitUntil(find, text === undefined ? `"${css}" to click` : `"${css}" saying "${text}" to click`);
      try {
        await element.click();
        return;
      } catch (e) {
        if (attempt < 3 && e instanceof wdError.StaleElementReferenceError) continue;
        throw e;
      }
    }
  }

  /** Sets the size of the page's viewport (not of the window around it). */
  async setViewport(width, height) {
    if (this.engine.name === 'firefox') {
      // Firefox keeps its window at least 500 px wide; BiDi sizes the viewport itself.
      const context = await this.driver.getWindowHandle();
      await this.bidi.send({ method: 'browsingContext.setViewport', params: { context, viewport: { width, height } } });
    } else {
      // WebKitGTK: the window is the viewport plus MiniBrowser's toolbar (slimmed
      // by gtk.css, see startWebKit). Resizing is asynchronous: while one is
      // under way, window and viewport sizes do not match; wait it out.
      for (let i = 0; i < 30; i++) {
        const [w, h] = await this.driver.executeScript('return [innerWidth, innerHeight]');
        if (w === width && h === height) break;
        const rect = await this.driver.manage().window().getRect();
        const [chromeWidth, chromeHeight] = [rect.width - w, rect.height - h];
        if (chromeWidth >= 0 && chromeHeight >= 0 && chromeWidth < 200 && chromeHeight < 200) {
          await this.driver.manage().window().setRect({ width: width + chromeWidth, height: height + chromeHeight });
        }
        await sleep(100);
      }
    }
    const [w, h] = await this.driver.executeScript('return [innerWidth, innerHeight]');
    if (w !== width || h !== height) throw new Error(`viewport is ${w}×${h}, wanted ${width}×${height}`);
  }

  /**
   * Saves a screenshot of the whole page at the current viewport size to
   * test-results/screens/<name>.png. Firefox captures the whole document over
   * BiDi. WebKitGTK's driver captures only what is in view (and its element
   * screenshots come out black), and a window as tall as the page would change
   * what `vh` means: so the page is scrolled a screen at a time and the shots
   * stacked (a sticky element shows in each of them, as while scrolling).
   */
  async screenshot(name) {
    await mkdir('test-results/screens', { recursive: true });
    let png;
    if (this.engine.name === 'firefox') {
      const context = await this.driver.getWindowHandle();
      png = Buffer.from((await this.bidi.send({ method: 'browsingContext.captureScreenshot', params: { context, origin: 'document' } })).result.data, 'base64');
    } else {
      const [height, full, start] = await this.driver.executeScript('return [innerHeight, document.documentElement.scrollHeight, scrollY]');
      let page;
      for (let top = 0; top < full; top += height) {
        const y = await this.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          scrollTo({ top: arguments[0], behavior: 'instant' });
          requestAnimationFrame(() => requestAnimationFrame(() => done(scrollY)));`, Math.min(top, full - height));
        const shot = decode(Buffer.from(await this.driver.takeScreenshot(), 'base64'));
        page ??= { ...shot, rows: [] };
        shot.rows.forEach((row, i) => { if (y + i === page.rows.length) page.rows.push(row); });
      }
      await this.driver.executeScript('scrollTo({ top: arguments[0], behavior: "instant" })', start);
      png = encode(page);
    }
    await writeFile(`test-results/screens/${name}.png`, png);
  }

  /** Waits for a file in this browser's download folder; returns its path. */
  async downloaded(pattern, timeout = 20_000) {
    const name = await waitUntil(async () => (await readdir(this.downloads)).find((f) => pattern.test(f) && !/\.part$/.test(f)), `a download matching ${pattern}`, timeout);
    return join(this.downloads, name);
  }

  /** A screenshot of what is in view, for a failed test: test-results/cross-engine/<name>.png. */
  async screenshotOnFailure(name) {
    if (this.closed) return;
    await mkdir('test-results/cross-engine', { recursive: true });
    await this.driver.switchTo().defaultContent().catch(() => {});
    await writeFile(`test-results/cross-engine/${name.replace(/[^\w.-]+/g, '-').slice(0, 120)}.png`, Buffer.from(await this.driver.takeScreenshot(), 'base64'));
  }

  /** Waits for an element to exist (displayed or not, like a file input); returns it. */
  async find(css) {
    return waitUntil(async () => (await this.driver.findElements(By.css(css)))[0], `"${css}" to exist`);
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.collect();
    } finally {
      await this.driver.quit().catch(() => {});
      await this.onClose?.();
    }
  }
}

/** Firefox ESR, headless, one geckodriver and one fresh profile per browser. */
async function startFirefox() {
  const binary = which('firefox-esr');
  const geckodriver = which('geckodriver');
  const engine = {
    name: 'firefox',
    offline: 'bidi',
    async newBrowser() {
      const downloads = await mkdtemp(join(tmpdir(), 'counterpart-firefox-downloads-'));
      const options = new firefox.Options()
        .setBinary(binary)
        .addArguments('-headless')
        .enableBidi()
        .setPreference('browser.download.folderList', 2)
        .setPreference('browser.download.dir', downloads)
        .setPreference('browser.download.useDownloadDir', true)
        .setPreference('browser.download.always_ask_before_handling_new_types', false)
        .setPreference('browser.download.start_downloads_in_tmp_dir', false);
      const service = new firefox.ServiceBuilder(geckodriver);
      const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
      const browser = new Browser(engine, driver, downloads);
      browser.bidi = await driver.getBidi();
      await browser.bidi.subscribe('log.entryAdded');
      browser.bidi.socket.on('message', (message) => {
        const event = JSON.parse(message);
        if (event.method !== 'log.entryAdded' || event.params.level !== 'error') return;
        const kind = event.params.type === 'console' ? 'console.error' : event.params.type;
        const frame = event.params.stackTrace?.callFrames?.[0];
        browser.errors.push(`${kind}: ${event.params.text}${frame ? ` at ${frame.url}:${frame.lineNumber + 1}` : ''}`);
      });
      await browser.bidi.send({
        method: 'script.addPreloadScript',
        params: {
          functionDeclaration: `() => addEventListener('securitypolicyviolation', (e) =>
            console.error('securitypolicyviolation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code')))`,
        },
      });
      browser.onClose = () => rm(downloads, { recursive: true, force: true });
      return browser;
    },
    /** Network off and on for the whole browser (BiDi emulation). */
    async setOffline(browser, offline) {
      await browser.bidi.send({ method: 'emulation.setNetworkConditions', params: { networkConditions: offline ? { type: 'offline' } : null } });
    },
    async stop() {},
  };
  return engine;
}

/**
 * WebKitGTK: WebKitWebDriver starts MiniBrowser in a private Xvfb display.
 * MiniBrowser's toolbar keeps its window at least 447 px wide, too wide for a
 * 390 px phone: a GTK style sheet (in the driver's own XDG_CONFIG_HOME)
 * shrinks the browser's own widgets; the page is untouched. The same
 * XDG_CONFIG_HOME points downloads to a folder of the suite.
 */
async function startWebKit() {
  const driverPath = which('WebKitWebDriver');
  const candidates = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']
    .map((lib) => join(lib, 'webkit2gtk-4.1/MiniBrowser'));
  const miniBrowser = candidates.find(existsSync);
  if (!miniBrowser) throw new Error('MiniBrowser not found (Debian package webkit2gtk-driver installs it)');
  const home = await mkdtemp(join(tmpdir(), 'counterpart-webkit-'));
  const downloads = join(home, 'downloads');
  await mkdir(join(home, 'gtk-3.0'), { recursive: true });
  await mkdir(downloads);
  await writeFile(join(home, 'gtk-3.0/gtk.css'), '* { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; border-width: 0; }\n');
  await writeFile(join(home, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);

  // -noreset: Xvfb otherwise resets when its last client closes, and a browser
  // started right after another quit (export, then import in a fresh one)
  // fails with "cannot open display".
  const xvfb = start(which('Xvfb'), ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp', '-noreset'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    xvfb.stdio[3].once('data', (d) => resolve(`:${d.toString().trim()}`));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  const port = await freePort();
  const driverProcess = start(driverPath, [`--port=${port}`], {
    env: { ...process.env, DISPLAY: display, XDG_CONFIG_HOME: home },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/status`).catch(() => null))?.ok, 'WebKitWebDriver to start', 15_000);

  const engine = {
    name: 'webkit',
    offline: 'stop the server',
    async newBrowser() {
      for (const f of await readdir(downloads)) await rm(join(downloads, f), { force: true });
      const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
      }).build();
      return new Browser(engine, driver, downloads);
    },
    async stop() {
      await stop(driverProcess);
      await stop(xvfb);
      await rm(home, { recursive: true, force: true });
    },
  };
  return engine;
}

export async function startEngine(name) {
  if (name === 'firefox') return startFirefox();
  if (name === 'webkit') return startWebKit();
  throw new Error(`unknown engine ${name} (firefox or webkit)`);
}
