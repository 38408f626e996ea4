// The author's preview (issue #24): the map's nodes carry their ids and open
// their section, the legend counts decisions right (it said "0 Entscheidungen"),
// the mood after each decision on the best and the worst path is shown with
// the score range, and "play from here" starts at a chosen mood with chosen
// flags — a trial run that is never recorded as progress.
//
// The expected figures are computed from the scenario file itself with
// Python's tomllib, independently of the app's engine.
import { test, expect, playBest, playToEnd } from './guard.mjs';
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';

const SCENARIO = 'supermarket-expired-yoghurt';

const FACTS = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, tomllib
doc = tomllib.load(open(sys.argv[1], 'rb'))
nodes = {n['id']: n for n in doc['node']}
POINTS = {'good': 2, 'acceptable': 1, 'poor': 0}
start_mood = doc['scenario']['start_mood']
start_mood = start_mood[0] if isinstance(start_mood, list) else start_mood
clamp = lambda m: max(0, min(100, m))

def holds(when, mood, flags):
    return (('mood_at_least' not in when or mood >= when['mood_at_least'])
            and ('mood_below' not in when or mood < when['mood_below'])
            and ('flag' not in when or when['flag'] in flags)
            and ('not_flag' not in when or when['not_flag'] not in flags))

# Always the reply 'key' ranks first (the first of equals), as the scenario
# format's routes, flags and the customer's own swings on arrival say.
def walk(key):
    at, mood, flags, steps = doc['scenario']['start'], start_mood, set(), []
    while 'ending' not in nodes[at] and len(steps) < len(nodes):
        reply = min(nodes[at]['reply'], key=key)
        after = clamp(mood + reply.get('mood_change', 0))
        flags |= set(reply.get('set_flags', []))
        flags -= set(reply.get('clear_flags', []))
        target = next((r['next'] for r in reply.get('route', []) if holds(r, after, flags)), reply['next'])
        mood = clamp(after + nodes[target].get('mood_change', 0))
        steps.append({'node': at, 'mood': str(after) if after == mood else f'{after} \u2192 {mood}'})
        at = target
    return {'steps': steps, 'end': at}

flags = set()
for node in doc['node']:
    for line in node['lines']:
        flags |= {line.get('when', {}).get(k) for k in ('flag', 'not_flag')}
    for reply in node.get('reply', []):
        flags |= set(reply.get('set_flags', [])) | set(reply.get('clear_flags', []))
        for route in reply.get('route', []):
            flags |= {route.get(k) for k in ('flag', 'not_flag')}
flags.discard(None)

def line_when(node, key, value):
    return next(l for l in nodes[node]['lines'] if l.get('when', {}).get(key) == value)

print(json.dumps({
    'startMood': start_mood,
    'nodes': len(nodes),
    'decisionNodes': sum(1 for n in doc['node'] if 'ending' not in n),
    'endings': sum(1 for n in doc['node'] if 'ending' in n),
    'ids': list(nodes),
    'flags': sorted(flags),
    'best': walk(lambda r: (-POINTS[r['rating']], r.get('mood_change', 0))),
    'worst': walk(lambda r: (POINTS[r['rating']], -r.get('mood_change', 0))),
    'loudReceipt': line_when('receipt', 'mood_at_least', 85),
    'supervisor': line_when('what_now', 'flag', 'shift_lead_called'),
}))
`, `scenarios/${SCENARIO}.toml`], { encoding: 'utf8' }));

const TEXT = {
  de: {
    best: 'Bester Weg:',
    decisions: (n) => `${n} ${n === 1 ? 'Entscheidung' : 'Entscheidungen'}`,
    mapShows: (f) => `Die Karte zeigt ${f.nodes} Knoten: ${TEXT.de.decisions(f.decisionNodes)} und ${f.endings} ${f.endings === 1 ? 'Ende' : 'Enden'}.`,
    fromMood: 'ab Stimmung',
    ending: /^Ende: .+ · \d+ Punkte?$/,
    range: /Punktespanne: von (\d+) bis (\d+) Punkte/,
    mood: 'Stimmung zu Beginn (0 ruhig – 100 wütend)',
    play: 'Von hier spielen',
    debrief: 'Ergebnis:',
  },
  en: {
    best: 'Best path:',
    decisions: (n) => `${n} ${n === 1 ? 'decision' : 'decisions'}`,
    mapShows: (f) => `The map shows ${f.nodes} nodes: ${TEXT.en.decisions(f.decisionNodes)} and ${f.endings} ${f.endings === 1 ? 'ending' : 'endings'}.`,
    fromMood: 'from mood',
    ending: /^Ending: .+ · \d+ points?$/,
    range: /Score range: from (\d+) to (\d+) points/,
    mood: 'Starting mood (0 calm – 100 furious)',
    play: 'Play from here',
    debrief: 'Outcome:',
  },
};

const preview = (lang) => `./?lang=${lang}#/preview/${SCENARIO}`;
/** The map's node button for a node id (its accessible name starts with the id). */
/** A node of the map by its id: its name is the id (after an ending's outcome, as shown) and a colon. */
const mapNode = (page, id) => page.locator('.scenario-map').getByRole('button', { name: new RegExp(`^(\\S+ )*${id}:`) });
/** The conversations the stored progress holds (none before the first). */
const history = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress') ?? 'null')?.h ?? []);

for (const lang of ['de', 'en']) {
  const T = TEXT[lang];

  test(`the map's legend counts the decisions of the best path and of the scenario (${lang})`, async ({ page }) => {
    await page.goto(preview(lang));
    const summary = page.locator('.scenario-map .map-summary');
    await expect(summary).toContainText(`${T.best} ${T.decisions(FACTS.best.steps.length)},`);
    await expect(summary).toContainText(T.mapShows(FACTS));
    // The old legend counted the preview's (empty) own path: "0 Entscheidungen".
    await expect(summary).not.toContainText(/(^|\D)0 (Entscheidungen|decisions)/);
    await expect(page.locator('.scenario-map .legend-taken')).toHaveCount(0);
  });

  test(`every node on the map has a visible label and opens its section (${lang})`, async ({ page }) => {
    await page.goto(preview(lang));
    const nodes = page.locator('.scenario-map .map-node');
    await expect(nodes).toHaveCount(FACTS.nodes);
    for (const id of FACTS.ids) {
      const node = mapNode(page, id);
      await expect(node).toHaveCount(1);
      const labels = node.locator('.node-label');
      await expect(labels.first()).toBeVisible();
      // Long ids are broken after an underscore, never cut: the lines are the whole id.
      const shown = (await labels.allTextContents()).join('');
      expect(shown, `label of ${id}`).toBe(id);
    }
    await expect(mapNode(page, 'second_time_fix').locator('.node-label')).toHaveText(['second_', 'time_fix']);

    // A click opens a node far down the page.
    const far = FACTS.ids[FACTS.ids.length - 2];
    await expect(page.locator(`#node-${far}`)).not.toBeInViewport();
    await mapNode(page, far).click();
    await expect(page.locator(`#node-${far}`)).toBeInViewport();
    await expect(page.locator(`#node-${far}`)).toBeFocused();

    // Enter on a focused node does the same.
    await page.evaluate(() => window.scrollTo(0, 0));
    const other = 'what_now';
    await mapNode(page, other).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(`#node-${other}`)).toBeFocused();
    await expect(page.locator(`#node-${other}`)).toBeInViewport();

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test(`the best and the worst path show the mood after each decision, the ending and the score range (${lang})`, async ({ page }) => {
    await page.goto(preview(lang));
    for (const [name, path] of [['path-best', FACTS.best], ['path-worst', FACTS.worst]]) {
      const table = page.locator(`table.${name}`);
      await expect(table.locator('caption')).toContainText(`${T.fromMood} ${FACTS.startMood}: ${T.decisions(path.steps.length)}`);
      await expect(table.locator('.path-start td.mood')).toHaveText(String(FACTS.startMood));
      const rows = table.locator('tbody tr:not(.path-start):not(.path-end)');
      await expect(rows.locator('th')).toHaveText(path.steps.map((s) => s.node));
      await expect(rows.locator('td.mood')).toHaveText(path.steps.map((s) => s.mood));
      await expect(table.locator('.path-end th')).toHaveText(path.end);
      await expect(table.locator('.path-end td')).toHaveText(T.ending);
    }
    // Every number shown is a mood.
    for (const text of await page.locator('table.path-mood td.mood').allTextContents()) {
      expect(text).toMatch(/^\d{1,3}( → \d{1,3})?$/);
    }
    // The score range holds the score of both paths.
    const [, low, high] = (await page.locator('.score-range').innerText()).match(T.range).map(Number);
    const score = async (name) => Number((await page.locator(`table.${name} .path-end td`).innerText()).match(/(\d+) (Punkte?|points?)$/)[1]);
    expect(low).toBeLessThanOrEqual(await score('path-worst'));
    expect(await score('path-best')).toBeLessThanOrEqual(high);
    expect(low).toBeLessThan(high);
  });

  test(`"play from here" starts at the chosen mood, and the trial run adds no history entry (${lang})`, async ({ page }) => {
    // A real conversation first, so there is a history to stay unchanged.
    await page.goto(`./?lang=${lang}#/play/${SCENARIO}`);
    await playBest(page);
    await expect.poll(async () => (await history(page)).length).toBe(1);
    const before = await history(page);

    await page.goto(preview(lang));
    const mood = page.getByLabel(T.mood, { exact: true });
    await expect(mood).toHaveValue(String(FACTS.startMood));
    await mood.fill('85');
    await expect(page.locator('.trial-mood-level')).toContainText('85');
    const section = page.locator('#node-receipt');
    await expect(section.locator('.trial-start')).toContainText('85');
    await section.getByRole('button', { name: T.play }).click();
    await expect(page).toHaveURL(new RegExp(`#/play/${SCENARIO}\\?trial=1$`));
    await expect(page.locator('.trial-note')).toBeVisible();
    await expect(page.locator('.mood-bar')).toHaveAttribute('aria-valuenow', '85');
    // At 85 the customer says the line written for a mood of 85 or more.
    await expect(page.getByRole('log')).toContainText(FACTS.loudReceipt[lang]);

    await playToEnd(page);
    await expect(page.locator('.debrief h1')).toContainText(T.debrief);
    expect(await history(page)).toEqual(before);
  });

  test(`"play from here" starts with the flags chosen (${lang})`, async ({ page }) => {
    await page.goto(preview(lang));
    const boxes = page.locator('.trial-flags input[type=checkbox]');
    await expect(boxes).toHaveCount(FACTS.flags.length);
    for (const flag of FACTS.flags) await expect(page.getByRole('checkbox', { name: flag, exact: true })).not.toBeChecked();
    await page.getByRole('checkbox', { name: 'shift_lead_called', exact: true }).check();
    const section = page.locator('#node-what_now');
    await expect(section.locator('.trial-start')).toContainText('shift_lead_called');
    await section.getByRole('button', { name: T.play }).click();
    await expect(page).toHaveURL(new RegExp(`#/play/${SCENARIO}\\?trial=1$`));
    await expect(page.locator('.mood-bar')).toHaveAttribute('aria-valuenow', String(FACTS.startMood));
    // The line the customer says only once the shift supervisor was called.
    await expect(page.getByRole('log')).toContainText(FACTS.supervisor[lang]);
  });
}
