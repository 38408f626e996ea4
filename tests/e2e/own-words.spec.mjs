// "In eigenen Worten antworten" / "Answer in your own words" (issue #23): a
// whole shipped scenario played by typing, in German and in English. At each
// decision the authored replies are hidden until the words are sent; the
// recognition shown must be what the recogniser (`counterpart-recognize`,
// run natively on the same words) reads; "Meinten Sie …?" must offer the
// reply the words came from, and choosing it takes that reply's branch. The
// debrief counts a technique only where words and reply agree and lists the
// sentences; nothing typed is stored (the default), and axe finds nothing.
import { test, expect } from './guard.mjs';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { DIST } from './dist.mjs';

const ID = 'train-desk-undecided';
const LABELS = {
  calm: ['Ruhe bewahren', 'Stay calm'],
  empathy: ['Zuhören und Empathie zeigen', 'Listen and show empathy'],
  apology: ['Entschuldigung aussprechen', 'Apologise'],
  solution: ['Lösungen anbieten', 'Offer a solution'],
  boundary: ['Grenzen setzen', 'Set boundaries'],
  explain: ['Sachlich erklären', 'Explain calmly'],
  refer: ['Weiterleiten', 'Refer onward'],
};
const label = (id, lang) => LABELS[id][lang === 'de' ? 0 : 1];

function scenario(lang) {
  const file = readdirSync(`${DIST}/scenarios`).find((f) => f.startsWith(`${ID}.${lang}.`) && f.endsWith('.json'));
  return JSON.parse(readFileSync(`${DIST}/scenarios/${file}`, 'utf8'));
}

/** What a trainee might type for a reply: lower case, no punctuation, every fifth word left out. */
const typedFor = (text) =>
  text.replace(/[^\p{L}\p{N}\s]/gu, ' ').toLowerCase().split(/\s+/).filter((w, i) => w && i % 5 !== 4).join(' ');

/** The recogniser's reading of each `[lang, text]`, from the command-line tool. */
function recognised(lines) {
  const out = execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'counterpart-recognize'], {
    input: lines.map(([lang, text]) => `${lang}\t${text}`).join('\n') + '\n',
    encoding: 'utf8',
  });
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

function described(read, lang) {
  let said = read.techniques.length
    ? `${lang === 'de' ? 'Erkannt:' : 'Recognised:'} ${read.techniques.map((t) => label(t, lang)).join(', ')}.`
    : lang === 'de' ? 'Keine Technik erkannt.' : 'No technique recognised.';
  if (read.misapplied.length) said += ` ${lang === 'de' ? 'Falsch eingesetzt:' : 'Misapplied:'} ${read.misapplied.map((t) => label(t, lang)).join(', ')}.`;
  return said;
}

for (const lang of ['de', 'en']) {
  test(`a whole scenario answered in own words (${lang}): recognition, "did you mean", branch, badges, nothing stored`, async ({ page }) => {
    test.setTimeout(240_000);
    const sc = scenario(lang);
    const nodes = new Map(sc.nodes.map((n) => [n.id, n]));
    // The good reply of every decision, typed sloppily; read by the recogniser up front.
    const decisions = sc.nodes.filter((n) => n.replies?.length);
    const plan = new Map(decisions.map((n) => {
      const good = n.replies.find((r) => r.rating === 'good');
      return [n.id, { good, typed: typedFor(good.text[lang]) }];
    }));
    const reads = recognised([...plan.values()].map((p) => [lang, p.typed]));
    [...plan.values()].forEach((p, i) => { p.read = reads[i]; });

    await page.goto(`./?lang=${lang}#/play/${ID}`);
    // Off by default: the replies show, with the way into the mode above them.
    await expect(page.locator('.replies button.reply').first()).toBeVisible();
    await page.getByRole('button', { name: lang === 'de' ? 'In eigenen Worten antworten' : 'Answer in your own words' }).click();

    let node = nodes.get(sc.start);
    const counted = new Set();
    const typedAll = [];
    let step = 0;
    while (node.replies?.length) {
      const p = plan.get(node.id);
      const field = page.getByRole('textbox', { name: lang === 'de' ? 'Ihre Antwort' : 'Your reply' });
      await expect(field).toBeVisible();
      // The authored replies stay hidden until the words are sent.
      await expect(page.locator('button.reply:visible')).toHaveCount(0);
      // The panel says which decision this is.
      await expect(page.locator('.own-words')).toHaveAttribute('data-node', node.id);
      if (step > 0) await expect(field).toBeFocused();
      await field.fill(p.typed);
      await page.getByRole('button', { name: lang === 'de' ? 'Senden' : 'Send' }).click();
      await expect(page.locator('.own-words-read')).toHaveText(described(p.read, lang));
      const offered = page.getByRole('group', { name: lang === 'de' ? 'Meinten Sie …?' : 'Did you mean …?' }).getByRole('button');
      await expect(offered).toHaveCount(2);
      // Keyboard focus on the first reply offered.
      await expect(offered.first()).toBeFocused();
      const offeredIds = await offered.evaluateAll((bs) => bs.map((b) => b.dataset.replyId));
      expect(offeredIds, `the reply the words came from is offered at ${node.id}`).toContain(p.good.id);
      if (step === 0) {
        // All replies on request; axe on the screen with everything shown.
        await page.getByRole('button', { name: lang === 'de' ? 'Alle Antworten zeigen' : 'Show all replies' }).click();
        await expect(page.getByRole('group', { name: lang === 'de' ? 'Alle Antworten' : 'All replies' }).getByRole('button')).toHaveCount(node.replies.length);
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        expect(axe.violations.map((v) => v.id)).toEqual([]);
      }
      await page.locator(`.own-words-nearest button[data-reply-id="${p.good.id}"]`).press('Enter');
      typedAll.push(p.typed);
      for (const t of p.good.techniques) if (p.read.techniques.includes(t)) counted.add(t);
      // Its branch: the default next (good replies keep the mood low, so no route fires).
      const next = nodes.get(p.good.next);
      if (next.replies?.length) {
        // The chosen reply is the trainee's turn in the transcript, with the comparison under its feedback.
        await expect(page.locator('.transcript .bubble.trainee').last()).toContainText(p.good.text[lang]);
        await expect(page.locator('.own-words-compare').last()).toContainText(p.typed);
      }
      node = next;
      step += 1;
    }
    // The debrief: only techniques both the words and the reply show, and the sentences.
    await expect(page.locator('h1')).toContainText(lang === 'de' ? 'Ergebnis:' : 'Outcome:');
    const applied = page.locator('.technique-box.applied');
    const expected = [...counted].map((t) => label(t, lang)).sort();
    const shown = (await applied.locator('li').allInnerTexts()).map((s) => s.trim()).sort();
    expect(shown).toEqual(expected);
    const all = new Set(decisions.flatMap((n) => n.replies.filter((r) => r.rating === 'good').flatMap((r) => r.techniques)));
    expect(counted.size, 'the words missed some technique the replies name, so the rule is tested').toBeLessThan(all.size);
    await expect(page.locator('.own-words-debrief li')).toHaveText(typedAll);
    // Nothing typed is stored by default.
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
    for (const typed of typedAll) expect(stored).not.toContain(typed);
    expect(stored).not.toContain('own-words.');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });
}

test('typed words are kept only with consent, and forgotten when it is withdrawn', async ({ page }) => {
  await page.goto(`./?lang=en#/settings`);
  await page.getByRole('checkbox', { name: /Keep my typed replies/ }).check();
  await page.goto(`./?lang=en#/play/${ID}`);
  await page.getByRole('button', { name: 'Answer in your own words' }).click();
  await page.getByRole('textbox', { name: 'Your reply' }).fill('when do you need to be there at the latest');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('.own-words-nearest button').first().click();
  const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('own-words.')).map((k) => localStorage.getItem(k)).join());
  await expect.poll(kept).toContain('when do you need to be there at the latest');
  await page.goto(`./?lang=en#/settings`);
  await page.getByRole('checkbox', { name: /Keep my typed replies/ }).uncheck();
  await expect.poll(kept).toBe('');
});
