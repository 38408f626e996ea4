// The scenario editor (issue #24): a trainer writes a three-decision scenario
// from scratch with the keyboard, fixes the problem the live check reports,
// plays it from a chosen mood and flag, saves it as a .toml file, and the
// file passes counterpart-check with no warning. Drafts survive a reload and
// are never saved over another tab's newer version.
import { test, expect } from './guard.mjs';
import { execFileSync } from 'node:child_process';
import { unzip, zipNames } from './lms-package.mjs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';

/** Focuses a field and types into it (one input event, as a keyboard IME does). */
async function type(page, field, text) {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** Fills a German/English pair: the group `name` inside `scope`. */
async function texts(page, scope, name, de, en) {
  const group = scope.getByRole('group', { name, exact: true });
  await type(page, group.getByLabel('Deutsch'), de);
  if (en !== undefined) await type(page, group.getByLabel('English'), en);
}

/** Renames a node or reply by its ID field (committed on leaving the field). */
async function rename(page, scope, label, id) {
  await type(page, scope.getByLabel(label, { exact: true }).first(), id);
  await page.keyboard.press('Tab');
}

const node = (page, i) => page.locator(`#edit-node-${i}`);
const reply = (page, n, r) => page.locator(`#edit-reply-${n}-${r}`);

/** Writes one reply. */
async function writeReply(page, n, r, { id, de, en, rating, techniques = [], change, reasonDe, reasonEn, feedbackDe, feedbackEn, next }) {
  const scope = reply(page, n, r);
  await rename(page, scope, 'ID der Antwort', id);
  await texts(page, scope, 'Was die Mitarbeiterin / der Mitarbeiter sagt', de, en);
  await scope.getByLabel('Bewertung').selectOption(rating);
  for (const t of techniques) await scope.getByRole('checkbox', { name: t }).check();
  await type(page, scope.getByLabel(/^Stimmungsänderung/), String(change));
  await texts(page, scope, 'Warum sich die Stimmung ändert', reasonDe, reasonEn);
  await texts(page, scope, 'Feedback: warum, mit Technik', feedbackDe, feedbackEn);
  await scope.getByLabel('Weiter zu').selectOption(next);
}

test('a trainer writes, checks, plays and exports a scenario with the editor', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./#/editor?lang=de');
  await page.getByRole('button', { name: 'Neues Szenario beginnen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/editor\/new-scenario$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Editor:/);

  // The scenario's fields.
  const scenario = page.locator('#edit-scenario');
  await rename(page, scenario, 'Dateiname (ID)', 'library-late-fee');
  await expect(page).toHaveURL(/#\/editor\/library-late-fee$/);
  await texts(page, scenario, 'Titel', 'Die Mahngebühr', 'The late fee');
  await texts(page, scenario, 'Kurzbeschreibung', 'Herr Brandt soll für ein verspätetes Buch eine Mahngebühr zahlen und ist verärgert.', 'Mr Brandt is annoyed at having to pay a late fee for an overdue book.');
  await texts(page, scenario, 'Name der Kundin / des Kunden', 'Herr Brandt', 'Mr Brandt');

  // Decision 1 (the blank draft's first node, with its two replies).
  await texts(page, node(page, 0), 'Die Kundin / der Kunde sagt', 'Drei Euro Mahngebühr? Ich hab das Buch doch nur zwei Tage zu spät gebracht!', 'Three euros late fee? I only brought the book back two days late!');

  // Decisions 2 and 3 and a second ending: new nodes, renamed.
  for (const [i, id] of [[2, 'second'], [3, 'third'], [4, 'end_bad']]) {
    await page.getByRole('button', { name: 'Knoten hinzufügen' }).focus();
    await page.keyboard.press('Enter');
    await expect(node(page, i)).toBeFocused();
    await rename(page, node(page, i), 'ID des Knotens', id);
  }
  await writeReply(page, 0, 0, {
    id: 'acknowledge', rating: 'good', techniques: ['Zuhören und Empathie zeigen'], change: -10, next: 'second',
    de: 'Zwei Tage, und dann gleich eine Gebühr – das ärgert Sie.', en: 'Two days, and straight away a fee – that annoys you.',
    reasonDe: 'Sie haben seinen Ärger anerkannt', reasonEn: 'You acknowledged his annoyance',
    feedbackDe: 'Gut: Zuhören und Empathie zeigen nimmt ihm den Wind aus den Segeln.', feedbackEn: 'Good: listening and showing empathy takes the wind out of his sails.',
  });
  // This reply remembers that the trainee listened.
  const first = reply(page, 0, 0);
  await first.getByText('Weichen und Flags').focus();
  await page.keyboard.press('Enter');
  await type(page, first.getByLabel('Merkt sich (Flags, mit Komma)'), 'listened');
  await writeReply(page, 0, 1, {
    id: 'rules_are_rules', rating: 'poor', change: 15, next: 'second',
    de: 'Regeln sind Regeln, Herr Brandt. Das steht so in der Benutzungsordnung, die Sie bei der Anmeldung unterschrieben haben, und die gilt für alle.',
    en: "Rules are rules, Mr Brandt. It's all in the library regulations you signed when you registered, and they apply to everyone.",
    reasonDe: 'Sie haben ihn abgewiesen', reasonEn: 'You brushed him off',
    feedbackDe: 'Schwach: Der Verweis auf Regeln ohne ein Wort zu seinem Ärger wirkt kalt; erst zuhören, dann erklären.', feedbackEn: 'Poor: pointing to the rules without a word about his annoyance feels cold; listen first, then explain.',
  });

  await texts(page, node(page, 2), 'Die Kundin / der Kunde sagt', 'Und wofür bitte sind drei Euro? Das Buch stand doch eh nur rum.', 'And what are three euros for? The book would only have sat on the shelf anyway.');
  for (let r = 0; r < 2; r++) {
    await node(page, 2).getByRole('button', { name: /^Antwort hinzufügen/ }).focus();
    await page.keyboard.press('Enter');
  }
  await writeReply(page, 2, 0, {
    id: 'explain_fee', rating: 'good', techniques: ['Sachlich erklären'], change: -10, next: 'third',
    de: 'Die Gebühr gilt ab dem ersten Tag, damit vorgemerkte Bücher pünktlich zurückkommen.', en: 'The fee applies from the first day so that reserved books come back on time.',
    reasonDe: 'Sie haben sachlich erklärt, wofür die Gebühr ist', reasonEn: 'You explained what the fee is for',
    feedbackDe: 'Gut: Sie erklären sachlich den Grund, ohne ihn zu belehren.', feedbackEn: 'Good: you explain the reason plainly, without lecturing him.',
  });
  await writeReply(page, 2, 1, {
    id: 'blame_system', rating: 'poor', change: 10, next: 'third',
    de: 'Da kann ich auch nichts machen, das System rechnet das automatisch aus, ich bin hier ja nur die Aushilfe am Schalter.', en: "There's nothing I can do about it, the system works it out automatically, I'm only covering at the desk.",
    reasonDe: 'Sie haben sich herausgeredet', reasonEn: 'You made excuses',
    feedbackDe: 'Schwach: Wer sich hinter dem System versteckt, wirkt machtlos; ein sachlicher Grund hilft mehr.', feedbackEn: 'Poor: hiding behind the system makes you look powerless; a plain reason helps more.',
  });

  // Decision 3 opens with one of two variants, depending on the flag.
  const third = node(page, 3);
  await third.getByRole('button', { name: 'Weitere Variante des Satzes' }).focus();
  await page.keyboard.press('Enter');
  const variants = third.locator('.edit-line');
  await texts(page, variants.nth(0), 'Die Kundin / der Kunde sagt', 'Na gut, Sie haben mir ja wenigstens zugehört. Und jetzt?', 'Fine, at least you listened to me. So what now?');
  await texts(page, variants.nth(1), 'Die Kundin / der Kunde sagt', 'Und jetzt? Soll ich etwa zahlen und den Mund halten?', 'So what now? Am I supposed to pay and keep quiet?');
  // The first only when remembered; the second is said otherwise.
  await variants.nth(0).getByText('Wann diese Variante gesagt wird').focus();
  await page.keyboard.press('Enter');
  await type(page, variants.nth(0).getByLabel('wenn gemerkt (Flag)'), 'listened');
  for (let r = 0; r < 2; r++) {
    await third.getByRole('button', { name: /^Antwort hinzufügen/ }).focus();
    await page.keyboard.press('Enter');
  }
  await writeReply(page, 3, 0, {
    id: 'reduce_fee', rating: 'good', techniques: ['Lösungen anbieten'], change: -15, next: 'end',
    de: 'Ich kann Ihnen die Gebühr heute auf einen Euro senken.', en: 'I can reduce the fee to one euro today.',
    reasonDe: 'Sie haben ihm eine Lösung angeboten', reasonEn: 'You offered him a solution',
    feedbackDe: 'Gut: Eine konkrete Lösung anbieten beendet den Streit.', feedbackEn: 'Good: offering a concrete solution ends the dispute.',
  });
  await writeReply(page, 3, 1, {
    id: 'complain_then', rating: 'poor', change: 20, next: 'end_bad',
    de: 'Wenn Ihnen das nicht passt, können Sie sich gern schriftlich bei der Leitung beschweren, die Adresse steht auf der Website.', en: "If you don't like it, you're welcome to complain to the management in writing, the address is on the website.",
    reasonDe: 'Sie haben ihn abgewimmelt', reasonEn: 'You fobbed him off',
    // The English feedback is left out on purpose: the check reports it.
    feedbackDe: 'Schwach: Das klingt nach Abwimmeln statt nach einer Lösung.', feedbackEn: '',
  });

  // The two endings.
  await texts(page, node(page, 1), 'Die Kundin / der Kunde sagt', 'Na gut. Ein Euro, das ist fair.', 'All right. One euro, that is fair.');
  await texts(page, node(page, 1), 'Titel des Endes', 'Gebühr gesenkt', 'Fee reduced');
  await texts(page, node(page, 1), 'Nachbesprechung: was lief gut, was nicht', 'Sie haben zugehört, erklärt und eine Lösung angeboten.', 'You listened, explained and offered a solution.');
  const bad = node(page, 4);
  await texts(page, bad, 'Die Kundin / der Kunde sagt', 'Dann beschwere ich mich eben. Schönen Tag noch!', 'Then I will complain. Good day to you!');
  await bad.getByRole('checkbox', { name: 'Dieser Knoten beendet das Gespräch' }).focus();
  await page.keyboard.press('Space');
  await bad.getByLabel('Ausgang').selectOption('escalated');
  await texts(page, bad, 'Titel des Endes', 'Beschwerde angekündigt', 'Complaint announced');
  await texts(page, bad, 'Nachbesprechung: was lief gut, was nicht', 'Er ging verärgert; eine Lösung hätte das verhindert.', 'He left annoyed; a solution would have prevented that.');

  // The live check reports the missing English feedback, and leads to it.
  const check = page.locator('.editor-check');
  await expect(check.locator('.check-summary')).toHaveText(/^1 Problem – noch nicht spielbar\.$/);
  await expect(check.locator('.problems li')).toHaveCount(1);
  await check.getByRole('button', { name: 'Zum Feld: Antwort 2 in Knoten 4' }).focus();
  await page.keyboard.press('Enter');
  await expect(reply(page, 3, 1)).toBeFocused();
  await texts(page, reply(page, 3, 1), 'Feedback: warum, mit Technik', 'Schwach: Das klingt nach Abwimmeln statt nach einer Lösung.', 'Poor: that sounds like fobbing him off, not a solution.');
  await expect(check.locator('.check-summary')).toHaveText('Keine Probleme, keine Warnungen – spielbar.');
  await expect(check.locator('.import-score')).toHaveText('Erreichbare Punktzahl: 0–100');
  await expect(check.getByRole('button', { name: /^third/ })).toBeVisible();

  // The editor passes axe like every screen.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

  // Play from the third decision at mood 70, having "listened".
  await type(page, check.getByLabel('Stimmung zu Beginn (0 ruhig – 100 wütend)'), '70');
  await check.getByRole('checkbox', { name: 'listened' }).focus();
  await page.keyboard.press('Space');
  await third.getByRole('button', { name: /^Von hier spielen/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/play\/library-late-fee\?trial=1$/);
  await expect(page.getByText('Na gut, Sie haben mir ja wenigstens zugehört. Und jetzt?')).toBeVisible();
  await expect(page.getByRole('meter')).toHaveAttribute('aria-valuenow', '70');
  await page.goBack();

  // Saved as a .toml file, which the checker passes without a warning.
  await expect(page).toHaveURL(/#\/editor\/library-late-fee$/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Als .toml-Datei speichern' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('library-late-fee.toml');
  const dir = await mkdtemp(join(tmpdir(), 'counterpart-editor-'));
  const file = join(dir, 'library-late-fee.toml');
  await download.saveAs(file);
  const report = execFileSync('cargo', ['run', '--quiet', '--profile', 'native', '--bin', 'counterpart-check', '--', file], { encoding: 'utf8' });
  expect(report).toContain('ok library-late-fee: "Die Mahngebühr"');
  expect(report).not.toMatch(/warning|Warnung/i);
  const toml = await readFile(file, 'utf8');
  expect(toml).toContain('[[node.reply]]');
  expect(toml).toContain('set_flags = ["listened"]');

  // Handed out: the scenario goes into "My scenarios" and the hand-out screen
  // opens with it chosen; with a built-in one beside it, the scenario files
  // come as one zip of .toml files the checker passes.
  await page.getByRole('button', { name: 'Weitergeben …' }).click();
  await expect(page).toHaveURL(/#\/handout\?select=library-late-fee$/);
  await expect(page.getByRole('group', { name: 'Eigene Szenarien' }).getByRole('checkbox', { name: 'Die Mahngebühr' })).toBeChecked();
  await page.getByRole('group', { name: 'Mitgelieferte Gespräche' }).getByRole('checkbox', { name: 'Schon wieder abgelaufen' }).check();
  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Szenariodateien herunterladen' }).click(),
  ]);
  expect(zip.suggestedFilename()).toBe('counterpart-scenarios.zip');
  await zip.saveAs(join(dir, 'scenarios.zip'));
  unzip(join(dir, 'scenarios.zip'), join(dir, 'unzipped'));
  expect(zipNames(join(dir, 'scenarios.zip')).sort()).toEqual(['library-late-fee.toml', 'supermarket-expired-yoghurt.toml']);
  const both = execFileSync('cargo', ['run', '--quiet', '--profile', 'native', '--bin', 'counterpart-check', '--',
    join(dir, 'unzipped', 'library-late-fee.toml'), join(dir, 'unzipped', 'supermarket-expired-yoghurt.toml')], { encoding: 'utf8' });
  expect(both).toContain('ok library-late-fee');
  expect(both).toContain('ok supermarket-expired-yoghurt');
  await expect(page.locator('.handout-part').last().getByRole('status')).toContainText('Fertig: counterpart-scenarios.zip');
});

test('a draft survives a reload and is never saved over a newer version from another tab', async ({ page, context }) => {
  await page.goto('./#/editor?lang=en');
  await page.getByRole('button', { name: 'Start a new scenario' }).click();
  await expect(page).toHaveURL(/#\/editor\/new-scenario$/);
  await texts(page, page.locator('#edit-scenario'), 'Title', 'Mein Entwurf', 'My draft');
  await expect(page.locator('.draft-state')).toHaveText('Draft kept in this browser.');
  await page.reload();
  await expect(page.locator('#edit-scenario').getByRole('group', { name: 'Title', exact: true }).getByLabel('English')).toHaveValue('My draft');

  // A second tab edits and saves the same draft.
  const other = await context.newPage();
  await other.goto('./#/editor/new-scenario?lang=en');
  await texts(other, other.locator('#edit-scenario'), 'Title', 'Andere Fassung', 'Other version');
  await expect(other.locator('.draft-state')).toHaveText('Draft kept in this browser.');

  // This tab's next change is not saved over it; it offers both ways out.
  await texts(page, page.locator('#edit-scenario'), 'Title', 'Meine Fassung', 'My version');
  await expect(page.locator('.draft-state')).toContainText('This draft was changed in another window.');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.draft.new-scenario')));
  expect(stored.draft.title.en).toBe('Other version');
  await page.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect(page).toHaveURL(/#\/editor\/new-scenario-2$/);
  await expect(page.locator('.draft-state')).toHaveText('Draft kept in this browser.');
  const copy = await page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.draft.new-scenario-2')));
  expect(copy.draft.title.en).toBe('My version');

  // Both drafts are listed on the editor's start page.
  await page.goto('./#/editor?lang=en');
  await expect(page.locator('.draft-list li')).toHaveCount(2);
});

test('a damaged draft is listed but never opened or overwritten', async ({ page }) => {
  await page.goto('./#/editor?lang=en');
  await page.evaluate(() => localStorage.setItem('counterpart.draft.broken', '{"format":1,"revision":'));
  await page.reload();
  await expect(page.locator('.draft-list li')).toContainText('damaged – cannot be read');
  await page.goto('./#/editor/broken?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Draft cannot be read');
  expect(await page.evaluate(() => localStorage.getItem('counterpart.draft.broken'))).toBe('{"format":1,"revision":');
});
