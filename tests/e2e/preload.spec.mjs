// The page's preload script (public/preload.js, inlined by post-build) picks
// a deep link's scenario file in the language the app will choose: the same
// cases as src/route.rs's test, from tests/fixtures/lang-choice.json. Run in
// a Node sandbox with the page's globals (no browser needed).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { preloadScript } from '../../scripts/csp.mjs';

const SCRIPT = preloadScript('screen-files-0123abcd.json');
const SCREEN_FILES = { '': ['library.wasm', 'screens.css'], progress: ['progress.wasm'] };
const { cases } = JSON.parse(readFileSync('tests/fixtures/lang-choice.json', 'utf8'));

/** Runs the script for a page at `hash`/`search`; returns the early fetch and the preloads. */
function run({ hash, search, saved, languages, storage = {} }) {
  const files = { 'files.json': JSON.stringify({ scenarios: [{ id: 'x', files: { de: 'x.de.json', en: 'x.en.json' } }] }) };
  const appended = [];
  const fetched = [];
  const window = {};
  const sandbox = {
    window,
    location: { hash, search },
    navigator: { languages },
    localStorage: { getItem: (key) => (key === 'counterpart.lang' ? saved : storage[key] ?? null) },
    URLSearchParams,
    fetch: (url) => {
      fetched.push(url);
      return Promise.resolve({ ok: true, text: () => Promise.resolve('{}'), json: () => Promise.resolve(JSON.parse(JSON.stringify(SCREEN_FILES))) });
    },
    document: {
      getElementById: (id) => (id === 'counterpart-scenarios' ? { textContent: JSON.stringify(files) } : null),
      querySelector: () => null,
      createElement: () => ({}),
      // (Object.assign(createElement('link'), { rel, as, href }) sets href.)
      head: { append: (el) => appended.push(el.href) },
    },
  };
  vm.runInNewContext(SCRIPT, sandbox);
  return { early: window.counterpartEarlyScenario, fetched, appended };
}

test('the preload script picks the scenario file in the language the app will choose', () => {
  expect(cases.length).toBeGreaterThanOrEqual(8);
  for (const c of cases) {
    const { early, fetched } = run(c);
    expect(early?.file, JSON.stringify(c)).toBe(`x.${c.lang}.json`);
    // The first turn shown before the app is ready, and the scenario itself.
    expect(fetched).toEqual([`scenarios/x.${c.lang}.html`, `scenarios/x.${c.lang}.json`]);
  }
});

test('it fetches the early first turn only for a conversation to start: not a trial run, a paused one, own words or a preview', () => {
  const page = { search: '', saved: null, languages: [] };
  expect(run({ ...page, hash: '#/play/x' }).fetched).toEqual(['scenarios/x.de.html', 'scenarios/x.de.json']);
  expect(run({ ...page, hash: '#/play/x?trial=1' }).fetched).toEqual(['scenarios/x.de.json']);
  expect(run({ ...page, hash: '#/play/x', storage: { 'counterpart.session.x': '{}' } }).fetched).toEqual(['scenarios/x.de.json']);
  expect(run({ ...page, hash: '#/play/x', storage: { 'counterpart.settings': '{"own_words":true}' } }).fetched).toEqual(['scenarios/x.de.json']);
  expect(run({ ...page, hash: '#/preview/x' }).fetched).toEqual(['scenarios/x.de.json']);
});

test('on other screens it preloads that screen\'s files, and nothing for an unknown scenario', async () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const library = run({ hash: '#/', search: '', saved: null, languages: [] });
  await settle();
  expect(library.fetched).toEqual(['screen-files-0123abcd.json']);
  expect(library.appended).toEqual(['library.wasm', 'screens.css']);
  const progress = run({ hash: '#/progress', search: '', saved: null, languages: [] });
  await settle();
  expect(progress.appended).toEqual(['progress.wasm']);
  const editor = run({ hash: '#/editor', search: '', saved: null, languages: [] });
  await settle();
  expect(editor.appended).toEqual([]);
  const unknown = run({ hash: '#/play/nope', search: '', saved: null, languages: [] });
  expect(unknown.early).toBeUndefined();
  expect(unknown.fetched).toEqual([]);
});
