// cmi5 and plain xAPI against a real LRS: Ralph behind a cmi5 LMS stand-in
// (tests/lrs/lms.mjs), both on loopback, started and stopped here. What the
// LRS stored is read back and checked against the cmi5 rules
// (tests/lrs/cmi5-rules.mjs) and against the scenario file itself.
import { test, expect, SUPERMARKET_BEST as BEST } from './guard.mjs';
import { DIST } from './dist.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLearningPlatform } from '../lrs/lms.mjs';
import { cmi5Violations, cmi5RegistrationViolations } from '../lrs/cmi5-rules.mjs';

const SCENARIO = 'supermarket-expired-yoghurt';
const OWN = 'https://counterpart.invalid/xapi/';
const VERB = (st) => st.verb.id.split('/').pop().replace('.json', '');

let lms;
test.beforeAll(async () => {
  lms = await startLearningPlatform();
});
test.afterAll(async () => {
  await lms?.stop();
});

/** The replies of the scenario file per node, read with Python's own TOML reader (not the app's). */
const REPLIES = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, tomllib
doc = tomllib.load(open(sys.argv[1], 'rb'))
print(json.dumps({n['id']: {r['id']: {'rating': r['rating'], 'techniques': r.get('techniques', [])}
                             for r in n.get('reply', [])} for n in doc['node']}))
`, `scenarios/${SCENARIO}.toml`], { encoding: 'utf8' }));

const appUrl = (baseURL, query = 'lang=en') => new URL(`index.html?${query}#/play/${SCENARIO}`, baseURL).href;

/** A cmi5 launch of the supermarket conversation, assigned alone, mastery 0.8. */
function launchOne(baseURL, launchData = {}) {
  return lms.launch({ appUrl: appUrl(baseURL), launchData: { launchParameters: `required=${SCENARIO}`, masteryScore: 0.8, ...launchData } });
}

/** Waits until the LRS holds at least `n` statements of the registration whose verb is `verb`. */
async function stored(registration, verb, n = 1) {
  await expect.poll(async () => (await lms.statements({ registration })).filter((st) => VERB(st) === verb).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(n);
  return lms.statements({ registration });
}

test('cmi5: launch, one conversation and Finish leave an ordered, valid record in the LRS', async ({ page, baseURL }) => {
  const launch = await launchOne(baseURL);
  await page.goto(launch.url);
  const finish = page.getByRole('button', { name: 'Finish' });
  await expect(finish).toBeVisible();
  for (const id of BEST) await page.locator(`[data-reply-id="${id}"]`).click();
  await expect(page.locator('.debrief h1')).toBeVisible();
  const badges = await page.locator('.awards li').allTextContents();
  await finish.click();
  await expect(page.locator('.notice')).toContainText('results were sent');
  // cmi5 10.2.6: the AU takes the learner back to the LMS's returnURL.
  await page.waitForURL(launch.launchData.returnURL);

  const all = await stored(launch.registration, 'terminated');
  const verbs = all.map(VERB);
  console.log(`cmi5 statements stored in Ralph: ${verbs.join(', ')}`);
  // What Ralph stored, for people to read (test-results/xapi/).
  await mkdir('test-results/xapi', { recursive: true });
  await writeFile('test-results/xapi/cmi5-statements.json', JSON.stringify(all, null, 2));
  expect(verbs).toEqual([
    'launched', 'initialized', ...BEST.map(() => 'answered'), 'completed', ...badges.map(() => 'earned'),
    'completed', 'passed', 'terminated',
  ]);
  expect(cmi5Violations(all, launch)).toEqual([]);
  expect(cmi5RegistrationViolations(all, launch)).toEqual([]);
  expect(new Set(all.map((st) => st.id)).size, 'every statement once').toBe(all.length);

  // Each decision: the reply chosen, its rating and techniques as the scenario file has them.
  const answered = all.filter((st) => VERB(st) === 'answered');
  expect(answered.map((st) => st.result.response)).toEqual(BEST);
  for (const st of answered) {
    const prefix = `${launch.activityId}/scenarios/${SCENARIO}/decisions/`;
    expect(st.object.id.startsWith(prefix)).toBe(true);
    const reply = REPLIES[st.object.id.slice(prefix.length)]?.[st.result.response];
    expect(reply, `${st.result.response} is a reply of that decision`).toBeTruthy();
    expect(st.object.definition.correctResponsesPattern).toContain(st.result.response);
    expect(st.result.extensions[`${OWN}rating`]).toBe(reply.rating);
    expect(st.result.extensions[`${OWN}techniques-applied`]).toEqual(reply.rating === 'good' ? reply.techniques : []);
    expect(st.result.extensions[`${OWN}mood-after`]).toBeLessThanOrEqual(100);
  }
  // The conversation, the badges (as the debrief named them), and the verdicts.
  const conversation = all.find((st) => VERB(st) === 'completed' && st.object.id.endsWith(`/scenarios/${SCENARIO}`));
  expect(conversation.result).toMatchObject({ score: { raw: 100, scaled: 1 }, success: true, completion: true });
  expect(conversation.result.extensions[`${OWN}outcome`]).toBe('resolved');
  const earned = all.filter((st) => VERB(st) === 'earned').map((st) => st.object.definition.name['en-US']);
  expect(earned).toEqual(badges);
  const passed = all.find((st) => VERB(st) === 'passed');
  expect(passed.object.id).toBe(launch.activityId);
  expect(passed.result.score.scaled).toBe(1);
  expect(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(0.8);
});

test('cmi5: the LRS down during play and up again — every statement arrives once, also after a reload', async ({ page, baseURL }) => {
  const launch = await launchOne(baseURL);
  await page.goto(launch.url);
  await stored(launch.registration, 'initialized');
  lms.down();
  for (const id of BEST.slice(0, 3)) await page.locator(`[data-reply-id="${id}"]`).click();
  await expect(page.locator('.notice')).toContainText('cannot be reached');
  const waiting = () => page.evaluate(() => {
    const outbox = JSON.parse(localStorage.getItem('counterpart.xapi-outbox') || '{"batches":[]}');
    return outbox.batches.reduce((n, b) => n + b.statements.length, 0);
  });
  expect(await waiting()).toBe(3);
  // A reload while offline: the conversation and the waiting statements stay.
  await page.reload();
  await expect(page.locator(`[data-reply-id="${BEST[3]}"]`)).toBeVisible();
  await expect(page.locator('.notice')).toContainText('cannot be reached');
  expect(await waiting()).toBe(3);
  lms.up();
  // The same session goes on (the token is reused, no second initialized).
  await expect(page.getByRole('button', { name: 'Finish' })).toBeVisible({ timeout: 30_000 });
  for (const id of BEST.slice(3)) await page.locator(`[data-reply-id="${id}"]`).click();
  await expect(page.locator('.debrief h1')).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();
  const all = await stored(launch.registration, 'terminated');
  expect(await waiting()).toBe(0);
  const verbs = all.map(VERB);
  expect(verbs.filter((v) => v === 'initialized')).toHaveLength(1);
  expect(verbs.filter((v) => v === 'answered')).toHaveLength(BEST.length);
  expect(new Set(all.map((st) => st.id)).size, 'every statement once').toBe(all.length);
  expect(cmi5Violations(all, launch)).toEqual([]);
  // One token for the whole session: the reload reused it (the fetch URL gives one only once).
  const fetchPath = new URL(launch.fetchUrl).pathname;
  expect(lms.requests.filter((r) => r.method === 'POST' && r.path === fetchPath)).toHaveLength(1);
  console.log(`LRS down and up, with a reload: ${all.length} statements stored, each once`);
});

test('cmi5: a refused token is told in plain words, play goes on and progress stays', async ({ page, baseURL }) => {
  const launch = await launchOne(baseURL);
  await page.goto(launch.url);
  await stored(launch.registration, 'initialized');
  lms.revoke('all');
  for (const id of BEST) await page.locator(`[data-reply-id="${id}"]`).click();
  await expect(page.locator('.debrief h1')).toBeVisible();
  await expect(page.locator('.notice')).toContainText('does not accept results from this session');
  const history = await page.evaluate(() => JSON.parse(localStorage.getItem('counterpart.progress')).h.length);
  expect(history).toBe(1);
  // Nothing after initialized reached the LRS; the statements wait, nothing is lost.
  expect((await lms.statements({ registration: launch.registration })).map(VERB)).toEqual(['launched', 'initialized']);
});

test('plain xAPI: endpoint and credentials in the address; a broken launch is told, play goes on', async ({ page, baseURL }) => {
  // A token from the stand-in stands for credentials an LMS hands out.
  const launch = await lms.launch({ appUrl: appUrl(baseURL) });
  const token = (await (await fetch(launch.fetchUrl, { method: 'POST' })).json())['auth-token'];
  const registration = crypto.randomUUID();
  const actor = JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://intranet.example', name: 'trainee-7' } });
  const query = new URLSearchParams({ lang: 'en', endpoint: lms.endpoint, auth: `Basic ${token}`, actor, registration, activity_id: 'https://intranet.example/courses/counterpart', required: SCENARIO });
  await page.goto(appUrl(baseURL, query.toString()));
  for (const id of BEST) await page.locator(`[data-reply-id="${id}"]`).click();
  await expect(page.locator('.debrief h1')).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();
  const all = await stored(registration, 'terminated');
  expect(all.map(VERB)).toEqual(['initialized', ...BEST.map(() => 'answered'), 'completed', ...all.filter((st) => VERB(st) === 'earned').map(() => 'earned'), 'completed', 'passed', 'terminated']);
  for (const st of all) {
    expect(st.actor.account.name).toBe('trainee-7');
    expect(JSON.stringify(st.context)).not.toContain('categories/cmi5');
  }

  const broken = new URLSearchParams({ lang: 'en', endpoint: 'ftp://nowhere', auth: 'Basic x' });
  await page.goto(appUrl(baseURL, broken.toString()));
  await expect(page.locator('.notice')).toContainText('does not accept results from this session');
  await page.locator(`[data-reply-id="${BEST[0]}"]`).click();
  await expect(page.locator(`[data-reply-id="${BEST[1]}"]`)).toBeVisible();
});

test('the cmi5 package: cmi5.xml validates, and an LMS launches the AU as cmi5.xml describes it', async ({ page }) => {
  const out = await mkdtemp(join(tmpdir(), 'counterpart-cmi5-'));
  let server = null;
  try {
    execFileSync('cargo', ['run', '--quiet', '--locked', '--bin', 'counterpart-package', '--', '--dist', DIST, '--out', out,
      '--title', 'Kundengespräche & Übungen', '--required', SCENARIO, '--mastery', '80']);
    const xml = join(out, 'counterpart-cmi5/cmi5.xml');
    // The official course-structure XSD (xmllint exits non-zero otherwise).
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', 'tests/fixtures/cmi5/CourseStructure.xsd', xml], { stdio: 'pipe' });
    // What a cmi5 LMS takes from cmi5.xml for the launch.
    const text = await readFile(xml, 'utf8');
    const attribute = (name) => new RegExp(`<au [^>]*${name}="([^"]+)"`).exec(text)?.[1];
    const element = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1].replaceAll('&amp;', '&');
    const au = { url: element('url'), masteryScore: Number(attribute('masteryScore')), moveOn: attribute('moveOn'), launchParameters: element('launchParameters') };
    expect(au).toEqual({ url: 'index.html', masteryScore: 0.8, moveOn: 'CompletedAndPassed', launchParameters: `required=${SCENARIO}&mastery=80` });
    const folder = join(out, 'unpacked');
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', join(out, 'counterpart-cmi5.zip'), folder]);
    // Its own port: 4173–4178 belong to the other specs.
    server = spawn('node', ['tests/e2e/serve.mjs', folder, '4179', '/course/'], { stdio: 'ignore' });
    const base = 'http://127.0.0.1:4179/course/';
    await expect.poll(async () => (await fetch(base).catch(() => null))?.status ?? 0).toBe(200);

    const launch = await lms.launch({ appUrl: `${base}${au.url}?lang=en#/play/${SCENARIO}`, launchData: { masteryScore: au.masteryScore, moveOn: au.moveOn, launchParameters: au.launchParameters } });
    await page.goto(launch.url);
    for (const id of BEST) await page.locator(`[data-reply-id="${id}"]`).click();
    await expect(page.locator('.debrief h1')).toBeVisible();
    await page.getByRole('button', { name: 'Finish' }).click();
    const all = await stored(launch.registration, 'terminated');
    expect(all.map(VERB)).toContain('passed');
    expect(cmi5Violations(all, launch)).toEqual([]);
  } finally {
    server?.kill();
    await rm(out, { recursive: true, force: true });
  }
});
