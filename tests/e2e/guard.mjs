// The Playwright `test` every spec uses: fails a test on any request that
// leaves the local server (fonts, CDNs, analytics — the app must need none)
// and on any uncaught page error.
import { test as base, expect } from '@playwright/test';

const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|file:|data:|blob:|about:|chrome-extension:)/;

export const test = base.extend({
  context: async ({ context }, use) => {
    const external = [];
    context.on('request', (request) => {
      if (!LOCAL.test(request.url())) external.push(request.url());
    });
    await use(context);
    expect(external, 'requests to other origins').toEqual([]);
  },
  page: async ({ page }, use) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Clicks the first reply shown until the debrief appears; returns how many. */
export async function playToEnd(page) {
  const group = page.getByRole('group', { name: /Ihre Antwort|Your reply/ });
  let turn = 0;
  for (; turn < 40 && !(await page.locator('.debrief').count()); turn++) {
    await group.getByRole('button').first().click();
  }
  await expect(page.locator('.debrief')).toBeVisible();
  return turn;
}
