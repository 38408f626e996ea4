// The ink peer of the web benchmark (tests/bench/web-bench.mjs): the same
// conversation as an ink story in the web player a course author would ship.
//
// `buildInkPlayer(dist, id, lang, dir)` reads the scenario's compiled JSON from
// `<dist>/scenarios/` and writes, into `dir`, an ink story of the same shape:
// one knot per node; the customer's line variants as a shuffle (conditional
// variants as ink conditionals on `mood` and the flags); each reply a choice
// with the reply as its text, its rating and techniques as tags, then the mood
// change, the flags, the mood reason and the feedback; the routes as
// conditional diverts before the reply's `next`; an ending node prints its
// title and debrief and ends. The title and summary are global tags. It is
// compiled with inkjs's compiler (`inkjs/full`) in Node, and written with
// inkjs's minified runtime (`dist/ink.js`) and a small page script, as
// Inky's "export for web" lays it out: index.html, ink.js, story.js
// (`var storyContent = …`) and main.js, which shows the first text and the
// choices as <button class="ink-choice">.
import { createRequire } from 'node:module';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

// Ink's markup characters in running text, escaped with a backslash.
const escape = (text) => text
  .replace(/[\\{}[\]|#~]/g, (c) => `\\${c}`)
  .replace(/->|<>|\/\/|\/\*/g, (s) => `\\${s[0]}${s[1]}`)
  .replace(/^[*+\-=]/, (c) => `\\${c}`)
  .replace(/\n/g, ' ');

const condition = (when) => {
  const parts = [];
  if (when.mood_at_least !== undefined) parts.push(`mood >= ${when.mood_at_least}`);
  if (when.mood_below !== undefined) parts.push(`mood < ${when.mood_below}`);
  if (when.flag !== undefined) parts.push(when.flag);
  return parts.join(' && ') || 'true';
};

/** The scenario as ink source: the same nodes, replies, texts and logic. */
export function inkSource(scenario, lang) {
  const t = (text) => escape(text?.[lang] ?? '');
  const flags = new Set();
  for (const node of scenario.nodes) {
    for (const reply of node.replies ?? []) {
      for (const f of reply.set_flags ?? []) flags.add(f);
      for (const r of reply.routes ?? []) if (r.when.flag) flags.add(r.when.flag);
    }
    for (const c of node.line_conditions ?? []) if (c.flag) flags.add(c.flag);
  }
  const out = [
    `# title: ${t(scenario.title)}`,
    `# summary: ${t(scenario.summary)}`,
    `# customer: ${t(scenario.customer_name)}`,
    `VAR mood = ${scenario.start_mood?.[0] ?? 50}`,
    ...[...flags].map((f) => `VAR ${f} = false`),
    `-> ${scenario.start}`,
    '',
  ];
  for (const node of scenario.nodes) {
    out.push(`=== ${node.id} ===`);
    // Unconditional variants are shuffled; a conditional one wins when it holds.
    const conditions = node.line_conditions ?? [];
    const plain = node.lines.filter((_, i) => !conditions[i] || !Object.keys(conditions[i]).length).map(t);
    const shuffle = plain.length > 1 ? `{~${plain.join('|')}}` : plain[0] ?? '';
    let line = shuffle;
    node.lines.forEach((l, i) => {
      const c = conditions[i];
      if (c && Object.keys(c).length) line = `{${condition(c)}:${t(l)}|${line}}`;
    });
    out.push(line);
    if (node.ending) {
      out.push(`# ending: ${node.ending.outcome}`, t(node.ending.title), t(node.ending.debrief), '-> END', '');
      continue;
    }
    for (const reply of node.replies) {
      const tags = [reply.rating, ...(reply.techniques ?? [])].map((x) => ` # ${x}`).join('');
      out.push(`+ [${t(reply.text)}]${tags}`);
      out.push(`  ~ mood = MAX(0, MIN(100, mood + ${reply.mood_change ?? 0}))`);
      for (const f of reply.set_flags ?? []) out.push(`  ~ ${f} = true`);
      out.push(`  ${t(reply.mood_reason)}`, `  ${t(reply.feedback)}`);
      for (const r of reply.routes ?? []) out.push(`  {${condition(r.when)}: -> ${r.next}}`);
      out.push(`  -> ${reply.next}`);
    }
    out.push('');
  }
  return out.join('\n');
}

// The player page: the runtime, the story and this script, as a course
// author's web export has them.
const PAGE = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>ink</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.ink-choice{display:block;margin:.5rem 0;padding:.5rem;text-align:left;width:100%}</style>
</head>
<body>
<h1 id="title"></h1>
<div id="story" role="log"></div>
<div id="choices" role="group" aria-label="Ihre Antwort"></div>
<script src="ink.js"></script>
<script src="story.js"></script>
<script src="main.js"></script>
</body>
</html>
`;

const MAIN = `(function () {
  var story = new inkjs.Story(storyContent);
  var log = document.getElementById('story');
  var choices = document.getElementById('choices');
  story.globalTags.forEach(function (tag) {
    var m = /^title:\\s*(.*)$/.exec(tag);
    if (m) document.getElementById('title').textContent = document.title = m[1];
  });
  function paragraph(text, className) {
    var p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    log.appendChild(p);
  }
  function show() {
    while (story.canContinue) {
      var text = story.Continue().trim();
      if (text) paragraph(text, 'customer');
    }
    choices.textContent = '';
    story.currentChoices.forEach(function (choice) {
      var button = document.createElement('button');
      button.className = 'ink-choice';
      button.textContent = choice.text;
      button.addEventListener('click', function () {
        paragraph(choice.text, 'reply');
        story.ChooseChoiceIndex(choice.index);
        show();
      });
      choices.appendChild(button);
    });
    if (!story.currentChoices.length) paragraph('Ende.', 'end');
  }
  show();
})();
`;

/**
 * Writes the ink player of scenario `id` (language `lang`, read from `dist`)
 * into `dir`; returns the sizes of its source and compiled story and its shape.
 */
export async function buildInkPlayer(dist, id, lang, dir) {
  const files = JSON.parse(await readFile(join(dist, 'scenarios', 'files.json'), 'utf8'));
  const entry = files.scenarios.find((s) => s.id === id);
  if (!entry) throw new Error(`no scenario ${id} in ${dist}/scenarios/files.json`);
  const scenarioJson = await readFile(join(dist, 'scenarios', entry.files[lang]), 'utf8');
  const scenario = JSON.parse(scenarioJson);
  const source = inkSource(scenario, lang);
  const { Compiler } = require('inkjs/full');
  const compiler = new Compiler(source);
  const story = compiler.Compile();
  const errors = compiler.errors ?? [];
  if (!story || errors.length) throw new Error(`ink did not compile:\n${errors.join('\n')}`);
  const storyJson = story.ToJson();
  await writeFile(join(dir, 'story.ink'), source);
  await writeFile(join(dir, 'story.js'), `var storyContent = ${storyJson};\n`);
  await writeFile(join(dir, 'main.js'), MAIN);
  await writeFile(join(dir, 'index.html'), PAGE);
  await copyFile(require.resolve('inkjs'), join(dir, 'ink.js'));
  return {
    scenario_json_bytes: Buffer.byteLength(scenarioJson),
    ink_source_bytes: Buffer.byteLength(source),
    story_json_bytes: Buffer.byteLength(storyJson),
    knots: scenario.nodes.length,
    choices: scenario.nodes.reduce((a, n) => a + (n.replies?.length ?? 0), 0),
  };
}
