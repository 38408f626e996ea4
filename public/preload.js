// Inlined into index.html by scripts/post-build.mjs, before the stylesheet
// (an inline script after it would wait for it); `__SCREEN_FILES__` is
// replaced there by the name of a small JSON file with the files each screen
// needs (fetched only off a deep link: in the page it would cost every deep
// link 0.9 KB gzip of chunk names). Tested in
// tests/e2e/preload.spec.mjs against the same cases as src/route.rs.
//
// A deep link's scenario starts downloading at once, in parallel with the
// wasm, instead of after the app has started (one round trip less on slow
// networks); the app takes the text from window.counterpartEarlyScenario
// (src/scenario_fetch.rs). Other screens: their code and cards. Scenario files
// hold one language each: the language is picked as the app will
// (src/route.rs choose_lang: the link's ?lang=, the page's ?lang=, the saved
// choice, the browser's languages, German). Should it guess wrong (a namespace
// <meta> placed after it), the app fetches its own file.
(() => {
  // A stylesheet is preloaded as one, so the screen's <link> takes it.
  const fetchEarly = (href) => document.head.append(Object.assign(document.createElement('link'),
    href.endsWith('.css') ? { rel: 'preload', as: 'style', href } : { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));
  const link = /^#\/(?:play|preview)\/([^?/]+)/.exec(location.hash);
  if (!link) {
    const screen = /^(?:#\/?)?([a-z]*)/.exec(location.hash)[1];
    fetch(__SCREEN_FILES__)
      .then((r) => (r.ok ? r.json() : {}))
      .then((files) => (files[screen] || []).forEach(fetchEarly), () => {});
    return;
  }
  try {
    const files = JSON.parse(document.getElementById('counterpart-scenarios').textContent);
    const entry = JSON.parse(files['files.json']).scenarios.find((s) => s.id === decodeURIComponent(link[1]));
    if (!entry) return;
    const code = (c) => (c && ['de', 'en'].includes(c.toLowerCase()) ? c.toLowerCase() : null);
    const param = (query) => new URLSearchParams(query).get('lang');
    let saved = null;
    try {
      const meta = document.querySelector('meta[name=counterpart-namespace]');
      saved = localStorage.getItem(((meta && meta.content.replace(/[^A-Za-z0-9._-]/g, '')) || 'counterpart') + '.lang');
    } catch {}
    const lang = code(param(location.hash.split('?')[1] || '')) || code(param(location.search)) || code(saved)
      || navigator.languages.map((tag) => code(tag.split(/[-_]/)[0])).find(Boolean) || 'de';
    const file = entry.files[lang] || Object.values(entry.files)[0];
    if (files[file]) return;
    const early = { file, text: null };
    early.done = fetch('scenarios/' + file)
      .then((r) => (r.ok ? r.text() : null))
      .then((text) => (early.text = text), () => null);
    window.counterpartEarlyScenario = early;
  } catch {}
})();
