// The Playwright `test` every spec uses: fails a test on any request that
// leaves the local server (fonts, CDNs, analytics — the app must need none),
// on any uncaught page error, and on any Content-Security-Policy violation.
import { test as base, expect } from '@playwright/test';

const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|file:|data:|blob:|about:|chrome-extension:)/;

export const test = base.extend({
  context: async ({ context }, use) => {
    const external = [];
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
      });
    });
    context.on('request', (request) => {
      if (!LOCAL.test(request.url())) external.push(request.url());
    });
    await use(context);
    expect(external, 'requests to other origins').toEqual([]);
  },
  page: async ({ page }, use) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /securitypolicyviolation|Content Security Policy/.test(m.text()) && !test.info().title.includes('Content-Security-Policy is in force')) {
        errors.push(m.text());
      }
    });
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/**
 * Waits for what follows a reply: the next replies, or the debrief (its code
 * arrives on demand, so it can take a moment). Returns the first reply button,
 * or null once the debrief is shown.
 */
export async function nextReply(page) {
  const first = page.getByRole('group', { name: /Ihre Antwort|Your reply/ }).getByRole('button').first();
  const debrief = page.locator('.debrief');
  await expect(first.or(debrief).first()).toBeVisible();
  return (await debrief.count()) ? null : first;
}

/** Clicks the first reply shown until the debrief appears; returns how many. */
export async function playToEnd(page) {
  let turn = 0;
  for (let reply; turn < 40 && (reply = await nextReply(page)); turn++) {
    await reply.click();
  }
  await expect(page.locator('.debrief')).toBeVisible();
  return turn;
}

/** The expert path of `supermarket-expired-yoghurt` (tests/playthroughs/supermarket-best.txt). */
export const SUPERMARKET_BEST = ['acknowledge_and_apologise', 'take_regular_seriously', 'calm_refund_now', 'refund_or_replace', 'refer_to_management', 'thank_for_telling_us'];

/** Plays the supermarket scenario's expert path by reply id (a page or a frame). */
export async function playBest(target) {
  for (const id of SUPERMARKET_BEST) await target.locator(`[data-reply-id="${id}"]`).click();
  await expect(target.locator('.debrief h1')).toBeVisible();
}

/** Imports a scenario file through "Eigene Szenarien / My scenarios". */
export async function importScenario(page, name, text) {
  // The import box sits in the trainer area, folded away until opened; the
  // library's code arrives on demand, so wait for the screen first.
  await page.locator('.library .card').first().waitFor();
  const area = page.locator('.trainer-area');
  if ((await area.count()) && !(await area.evaluate((d) => d.open))) await area.locator('summary').click();
  await page.locator('.own-scenarios input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}
