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
    const param = (query, name = 'lang') => new URLSearchParams(query).get(name);
    const hashQuery = location.hash.split('?')[1] || '';
    const meta = document.querySelector('meta[name=counterpart-namespace]');
    const ns = (meta && meta.content.replace(/[^A-Za-z0-9._-]/g, '')) || 'counterpart';
    // Storage can be refused (a sandboxed frame, privacy settings): then nothing is stored.
    const stored = (name) => {
      try {
        return localStorage.getItem(ns + '.' + name);
      } catch {
        return null;
      }
    };
    const saved = stored('lang');
    const lang = code(param(hashQuery)) || code(param(location.search)) || code(saved)
      || navigator.languages.map((tag) => code(tag.split(/[-_]/)[0])).find(Boolean) || 'de';
    const file = entry.files[lang] || Object.values(entry.files)[0];
    if (files[file]) return;
    // The first turn (src/early_turn.rs), shown until the app takes over
    // (src/ui/early_turn.rs); not for a trial run, a paused conversation
    // (the app resumes it) or the mode "own words" (no buttons to show).
    let settings = {};
    try {
      settings = JSON.parse(stored('settings') || '{}') || {};
    } catch {}
    if (link[0].startsWith('#/play/') && param(hashQuery, 'trial') !== '1' && !stored('session.' + entry.id) && !settings.own_words) {
      fetch('scenarios/' + file.replace(/\.json$/, '.html'))
        .then((r) => (r.ok ? r.text() : null))
        .then((html) => html && showEarly(html, settings))
        .catch(() => {});
    }
    const early = { file, text: null };
    early.done = fetch('scenarios/' + file)
      .then((r) => (r.ok ? r.text() : null))
      .then((text) => (early.text = text), () => null);
    window.counterpartEarlyScenario = early;
  } catch {}

  /** Inserts the first turn, unless the app is there already: one start
   *  mood and one opening line kept, the replies shuffled, a click kept for the app (data-chosen),
   *  and the content note's start button showing the turn (data-started). */
  function showEarly(html, settings) {
    if (document.getElementById('main')) return;
    const template = document.createElement('template');
    template.innerHTML = html;
    const root = template.content.firstElementChild;
    if (!root) return;
    // One of the start moods, and one of the lines said at it, each as
    // likely as the app's own pick; the others go.
    const pick = (list) => list[Math.floor(Math.random() * list.length)];
    const keepOne = (all, kept) => all.forEach((el) => el !== kept && el.remove());
    const panels = [...root.querySelectorAll('[data-mood]')];
    const panel = pick(panels);
    const mood = panel.dataset.mood;
    keepOne(panels, panel);
    panel.querySelector('.mood-fill').style.width = mood + '%';
    const lines = [...root.querySelectorAll('[data-line]')];
    keepOne(lines, pick(lines.filter((line) => !line.dataset.when || line.dataset.when.split(' ').includes(mood))));
    const group = root.querySelector('.replies');
    const replies = group ? [...group.children] : [];
    for (let i = replies.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [replies[i], replies[j]] = [replies[j], replies[i]];
    }
    replies.forEach((button) => group.append(button));
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (!button || root.dataset.chosen) return;
      if (button.hasAttribute('data-early-start')) {
        root.dataset.started = '1';
        button.closest('section').remove();
        root.querySelector('section[hidden]').hidden = false;
        const first = root.querySelector('[data-reply-id]');
        if (first) first.focus();
      } else if (button.dataset.replyId) {
        root.dataset.chosen = button.dataset.replyId;
        button.setAttribute('aria-pressed', 'true');
        group.setAttribute('aria-busy', 'true');
      }
    });
    if (/[?&]embed=1/.test(location.search + location.hash)) root.querySelector('header').remove();
    const classes = document.documentElement.classList;
    if (settings.text_size === 1) classes.add('text-large');
    if (settings.text_size >= 2) classes.add('text-larger');
    if (settings.reduce_motion) classes.add('reduce-motion');
    if (settings.high_contrast) classes.add('high-contrast');
    const insert = () => {
      document.body.prepend(root);
      // Its language, as the app will set it (screen readers pick voices by it).
      document.documentElement.lang = root.dataset.lang;
      // The app does not type the opening message again (style.css).
      classes.add('early-shown');
    };
    if (document.body) insert();
    else document.addEventListener('DOMContentLoaded', insert);
  }
})();
