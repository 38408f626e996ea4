// Accessibility that axe does not check (issue #25): focus never hidden by the
// sticky customer panel, forced colours, graphics contrast, chart text at
// 400 % zoom, the map in words, a quiet live region, heading order.
import { test, expect, playBest } from './guard.mjs';
import { focusCovered } from '../focus-probe.mjs';

const SCENARIO = 'supermarket-expired-yoghurt';
// WCAG's text-spacing bookmarklet values (1.4.12).
const TEXT_SPACING = '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; } p { margin-bottom: 2em !important; }';

/** Contrast ratio of two CSS colours as the browser computes them ("rgb(…)"). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Tabs from the heading through the conversation; returns the stops whose centre is covered. */
async function coveredTabStops(page, stops) {
  await page.getByRole('heading', { level: 1 }).focus();
  const covered = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const hidden = await page.evaluate(focusCovered);
    if (hidden === 'left') break; // past the conversation's last stop
    if (hidden) covered.push(hidden);
  }
  return covered;
}

test.describe('the customer panel never hides focus', () => {
  test.use({ bypassCSP: true }); // only to inject the text-spacing stylesheet
  for (const [w, h] of [[320, 256], [390, 844], [1280, 800]]) {
    for (const spacing of [false, true]) {
      test(`at ${w}×${h}${spacing ? ' with text spacing' : ''}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`./?lang=de#/play/${SCENARIO}`);
        await page.locator('[data-reply-id="acknowledge_and_apologise"]').click();
        await page.locator('[data-reply-id="take_regular_seriously"]').click();
        await expect(page.locator('.feedback')).toHaveCount(2);
        if (spacing) await page.addStyleTag({ content: TEXT_SPACING });
        expect(await coveredTabStops(page, 14)).toEqual([]);
        if (w === 320 && !spacing) {
          await page.locator('button.reply').first().focus();
          await page.screenshot({ path: 'test-results/screens/de-conversation-320x256-focus.png' });
        }
      });
    }
  }
});

for (const scheme of ['light', 'dark']) {
  test(`forced colours (${scheme}): the meter keeps its frame and fill, charts draw in system colours`, async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active', colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`./?lang=de#/play/${SCENARIO}`);
    await page.locator('[data-reply-id="acknowledge_and_apologise"]').click();
    const bar = page.locator('.mood-bar');
    const look = await bar.evaluate((el) => {
      const b = getComputedStyle(el);
      const f = getComputedStyle(el.querySelector('.mood-fill'));
      return { style: b.borderTopStyle, width: parseFloat(b.borderTopWidth), border: b.borderTopColor, track: b.backgroundColor, fill: f.backgroundColor };
    });
    expect(look.style).toBe('solid');
    expect(look.width).toBeGreaterThanOrEqual(1);
    expect(contrast(look.fill, look.track), 'fill against track').toBeGreaterThanOrEqual(3);
    expect(contrast(look.border, look.track), 'frame against page').toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `test-results/screens/de-forced-${scheme}-conversation.png`, fullPage: true });

    await page.locator('[data-reply-id="take_regular_seriously"]').click();
    for (const id of ['calm_refund_now', 'refund_or_replace', 'refer_to_management', 'thank_for_telling_us']) {
      await page.locator(`[data-reply-id="${id}"]`).click();
    }
    await expect(page.locator('.debrief h1')).toBeVisible();
    const colours = await page.evaluate(() => {
      const canvasText = getComputedStyle(document.body).color;
      const canvas = getComputedStyle(document.body).backgroundColor;
      const fills = [...document.querySelectorAll('.figure-scroll svg text')].map((t) => getComputedStyle(t).fill);
      const curve = getComputedStyle(document.querySelector('.mood-chart .curve')).stroke;
      const taken = getComputedStyle(document.querySelector('.scenario-map .path-taken')).stroke;
      return { canvasText, canvas, fills, curve, taken };
    });
    expect(colours.fills.length).toBeGreaterThan(5);
    for (const fill of colours.fills) expect(fill).toBe(colours.canvasText);
    expect(contrast(colours.curve, colours.canvas), 'mood curve').toBeGreaterThanOrEqual(3);
    expect(contrast(colours.taken, colours.canvas), 'path on the map').toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `test-results/screens/de-forced-${scheme}-debrief.png`, fullPage: true });
  });
}

test('graphics that carry meaning reach 3:1', async ({ page }) => {
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  const meter = page.locator('.mood').first();
  for (const level of ['calm', 'irritated', 'angry', 'furious']) {
    const [fill, track] = await meter.evaluate((el, level) => {
      el.className = `mood mood-${level}`;
      const bar = el.querySelector('.mood-bar');
      return [getComputedStyle(bar.querySelector('.mood-fill')).backgroundColor, getComputedStyle(bar).backgroundColor];
    }, level);
    expect(contrast(fill, track), `${level} against the track`).toBeGreaterThanOrEqual(3);
  }
  const frame = await page.locator('.mood-bar').evaluate((el) => [getComputedStyle(el).borderTopColor, getComputedStyle(el.closest('.mood')).backgroundColor]);
  expect(contrast(...frame), 'track frame against the meter card').toBeGreaterThanOrEqual(3);

  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await playBest(page);
  const edge = await page.locator('.scenario-map .edge').first().evaluate((e) => getComputedStyle(e).stroke);
  expect(contrast(edge, 'rgb(255, 255, 255)'), 'map edges').toBeGreaterThanOrEqual(3);
  const thresholds = await page.locator('.mood-chart .threshold').count();
  expect(thresholds, 'the zones are marked by lines at 30 and 80').toBe(2);
  await expect(page.locator('.mood-chart figcaption')).toContainText('unter 30');

  await page.goto('./?lang=de#/progress');
  const marks = page.locator('.mastery-chart .mark');
  await expect(marks.first()).toBeAttached();
  const [mark, halo, bar] = await page.evaluate(() => [
    getComputedStyle(document.querySelector('.mastery-chart .mark')).stroke,
    getComputedStyle(document.querySelector('.mastery-chart .mark-halo')).stroke,
    getComputedStyle(document.querySelector('.mastery-chart .bar')).fill,
  ]);
  expect(contrast(mark, 'rgb(231,227,218)'), 'level mark on the track').toBeGreaterThanOrEqual(3);
  expect(contrast(halo, bar), 'level mark halo on the bar').toBeGreaterThanOrEqual(3);
});

test('chart and map text stays at body size at 400 % zoom, and the map is told in words', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 256 });
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await playBest(page);
  const sizes = await page.evaluate(() => {
    const body = parseFloat(getComputedStyle(document.body).fontSize);
    const texts = [...document.querySelectorAll('.figure-scroll svg text')];
    return { body, smallest: Math.min(...texts.map((t) => t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')))) };
  });
  expect(sizes.smallest).toBeGreaterThanOrEqual(sizes.body - 0.5);
  await expect(page.locator('.scenario-map figcaption')).toContainText(/Enden auf der Karte: .*Gelöst \(Ihr Ende\)/);
  // The page itself does not scroll sideways: only the pictures do.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('the live region says what is new from the customer, not the whole turn', async ({ page }) => {
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await expect(page.getByRole('log')).toHaveAttribute('aria-live', 'off');
  const live = page.locator('.conversation [aria-live="polite"]');
  await expect(live).toHaveText('');
  await page.locator('[data-reply-id="just_a_yoghurt"]').click(); // poor: +20, angry → furious
  const customerLine = await page.locator('.transcript > .customer').last().locator('p').textContent();
  await expect(live).toContainText(`Frau Krüger: ${customerLine}`);
  await expect(live).toContainText('Ärger jetzt: wütend.');
  const feedback = await page.locator('.feedback p').first().textContent();
  expect(await live.textContent()).not.toContain(feedback.slice(0, 40));
  expect(await live.textContent()).not.toContain('kürzer');
  const before = await live.textContent();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('.transcript .speaker').first()).toContainText('Mrs Krüger');
  expect(await live.textContent(), 'a language switch announces nothing new').toBe(before);
});

test('the debrief\'s headings nest in order', async ({ page }) => {
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await playBest(page);
  const headings = await page.locator('.debrief').evaluate((el) => [...el.querySelectorAll('h1, h2, h3')].map((h) => [Number(h.tagName[1]), h.textContent.trim()]));
  let previous = 0;
  let parent = '';
  for (const [level, text] of headings) {
    expect(level - previous, `heading "${text}" skips a level`).toBeLessThanOrEqual(1);
    if (level === 2) parent = text;
    if (level === 3) expect(parent).toBe('Techniken in diesem Gespräch');
    previous = level;
  }
});

test.describe('with the text-spacing stylesheet', () => {
  test.use({ bypassCSP: true }); // only to inject the text-spacing stylesheet
  test('the top menu wraps at 320 px: every link and language button is on screen', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 256 });
    await page.goto(`./?lang=de#/play/${SCENARIO}`);
    await expect(page.locator('.topbar')).toBeVisible();
    await page.addStyleTag({ content: TEXT_SPACING });
    const outside = await page.locator('.topbar a, .topbar button').evaluateAll((els) =>
      els.filter((e) => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; }).map((e) => e.textContent.trim()));
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});

test('each chart is described once: the picture is hidden, its caption says it all', async ({ page }) => {
  await page.goto(`./?lang=de#/play/${SCENARIO}`);
  await playBest(page);
  for (const figure of ['.mood-chart', '.scenario-map']) {
    await expect(page.locator(`${figure} svg`)).toHaveAttribute('aria-hidden', 'true');
    const caption = (await page.locator(`${figure} figcaption`).textContent()).trim();
    expect(caption.length).toBeGreaterThan(20);
    const labelled = await page.locator(`${figure} [aria-label]`).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    for (const label of labelled) expect(caption.includes(label) && label.length > 20, `"${label}" repeats the caption`).toBe(false);
  }
});
