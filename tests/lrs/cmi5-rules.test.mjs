// Tests of the cmi5 rule checks themselves (tests/lrs/cmi5-rules.mjs): a
// hand-written valid session passes, and each broken copy of it yields the
// violation it was broken for. Run with `node --test tests/lrs/` (no LRS needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AU_VERBS, CMI5_CATEGORY, MASTERY_SCORE, MOVEON_CATEGORY, SESSION_ID, cmi5RegistrationViolations, cmi5Violations } from './cmi5-rules.mjs';

const launch = {
  activityId: 'http://127.0.0.1:9000/au/counterpart',
  registration: '1aab2b1a-2bb0-40b9-a7fa-7e357c896024',
  sessionId: 'f89cf91b-5850-4e7b-91ed-e8b70c945788',
  actor: { objectType: 'Agent', account: { homePage: 'http://127.0.0.1:9000/', name: 'learner-1' } },
  masteryScore: 0.8,
  launchMode: 'Normal',
  contextTemplate: {
    contextActivities: { grouping: [{ id: 'https://counterpart.example/cmi5/au/trainer' }] },
    extensions: { [SESSION_ID]: 'f89cf91b-5850-4e7b-91ed-e8b70c945788' },
  },
};

let counter = 0;
/** One statement of the valid session; `second` is its timestamp's seconds. */
function statement(verb, second, { result, category = [], extensions = {}, object } = {}) {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    timestamp: `2026-12-03T10:00:${String(second).padStart(2, '0')}.000Z`,
    actor: structuredClone(launch.actor),
    verb: { id: AU_VERBS[verb] ?? verb, display: { 'en-US': verb } },
    object: object ?? { id: launch.activityId, objectType: 'Activity' },
    ...(result ? { result } : {}),
    context: {
      registration: launch.registration,
      contextActivities: {
        grouping: [{ id: 'https://counterpart.example/cmi5/au/trainer' }],
        ...(category.length ? { category: category.map((id) => ({ id })) } : {}),
      },
      extensions: { [SESSION_ID]: launch.sessionId, ...extensions },
    },
  };
}

const defined = [CMI5_CATEGORY];
const moveOn = [CMI5_CATEGORY, MOVEON_CATEGORY];

/** A valid Normal-mode session: launched (LMS), initialized, an answer, completed, passed, terminated. */
function validSession() {
  counter = 0;
  return [
    { ...statement('http://adlnet.gov/expapi/verbs/launched', 0, { category: defined }), timestamp: '2026-12-03T09:59:59.000Z' },
    statement('initialized', 1, { category: defined }),
    statement('http://adlnet.gov/expapi/verbs/answered', 5, {
      object: { id: `${launch.activityId}/node/greet`, objectType: 'Activity' },
      result: { response: 'empathy', extensions: { 'urn:counterpart:xapi:techniques': ['mirroring'] } },
    }),
    statement('completed', 20, { category: moveOn, result: { completion: true, duration: 'PT19S' } }),
    statement('passed', 20, {
      category: moveOn,
      result: { score: { scaled: 0.88 }, success: true, duration: 'PT19S' },
      extensions: { [MASTERY_SCORE]: 0.8 },
    }),
    statement('terminated', 21, { category: defined, result: { duration: 'PT20S' } }),
  ];
}

const find = (session, verb) => session.find((st) => st.verb.id === (AU_VERBS[verb] ?? verb));

/** Breaks a valid session with `change` and expects a violation matching `expected`. */
function broken(name, expected, change, options = launch) {
  test(name, () => {
    const session = validSession();
    const result = change(session) ?? session;
    const violations = cmi5Violations(result, options);
    assert.ok(
      violations.some((v) => expected.test(v)),
      `expected a violation matching ${expected}, got:\n  ${violations.join('\n  ') || '(none)'}`,
    );
  });
}

test('a valid session has no violations', () => {
  assert.deepEqual(cmi5Violations(validSession(), launch), []);
});

test('a valid Browse session (initialized and terminated only) has no violations', () => {
  const session = validSession().filter((st) => !['completed', 'passed'].some((v) => st.verb.id === AU_VERBS[v]));
  assert.deepEqual(cmi5Violations(session, { ...launch, launchMode: 'Browse' }), []);
});

test('an empty session is reported', () => {
  assert.match(cmi5Violations([], launch).join('\n'), /§7\.1 the AU sent no statements/);
});

broken('initialized missing', /§7\.1\.1 no initialized/, (s) => s.filter((st) => st.verb.id !== AU_VERBS.initialized));
broken('terminated missing', /§7\.1\.2 no terminated/, (s) => s.filter((st) => st.verb.id !== AU_VERBS.terminated));
broken('a statement before initialized', /§9\.3 initialized must be the AU's first statement, but answered/, (s) => {
  find(s, 'http://adlnet.gov/expapi/verbs/answered').timestamp = '2026-12-03T10:00:00.500Z';
});
broken('a statement after terminated', /§9\.3 terminated must be the AU's last statement, but completed/, (s) => {
  find(s, 'completed').timestamp = '2026-12-03T10:00:22.000Z';
});
broken('a duplicated defined verb', /§9\.3 completed is used 2 times in the session/, (s) => [
  ...s.slice(0, 4),
  { ...find(s, 'completed'), id: '00000000-0000-4000-8000-0000000000aa' },
  ...s.slice(4),
]);
broken('passed and failed in one session', /§9\.3 the session has both passed and failed/, (s) => {
  const failed = structuredClone(find(s, 'passed'));
  failed.id = '00000000-0000-4000-8000-0000000000bb';
  failed.verb.id = AU_VERBS.failed;
  failed.result = { score: { scaled: 0.5 }, success: false, duration: 'PT10S' };
  s.splice(3, 0, failed);
});
broken('passed below the masteryScore', /§9\.3\.4 passed .* scaled score 0\.75 below the masteryScore 0\.8/, (s) => {
  find(s, 'passed').result.score.scaled = 0.75;
});
broken('failed at the masteryScore', /§9\.3\.5 failed .* scaled score 0\.8 not below/, (s) => {
  const st = find(s, 'passed');
  st.verb.id = AU_VERBS.failed;
  st.result = { score: { scaled: 0.8 }, success: false, duration: 'PT19S' };
});
broken('passed without the masteryscore extension', /§9\.6\.3\.2 passed .*masteryscore context extension is undefined/, (s) => {
  delete find(s, 'passed').context.extensions[MASTERY_SCORE];
});
broken('a score on completed', /§9\.5\.1 completed .*: a score on a statement other than passed or failed/, (s) => {
  find(s, 'completed').result.score = { scaled: 1 };
});
broken('a scaled score above 1', /§9\.5\.1 passed .*scaled score 88 is not between 0 and 1/, (s) => {
  find(s, 'passed').result.score.scaled = 88;
});
broken('a raw score without min and max', /§9\.5\.1 passed .*raw score without min and max/, (s) => {
  find(s, 'passed').result.score.raw = 88;
});
broken('passed with success false', /§9\.5\.2 passed .*needs result\.success true, got false/, (s) => {
  find(s, 'passed').result.success = false;
});
broken('success on terminated', /§9\.5\.2 terminated .*success on a statement other than passed or failed/, (s) => {
  find(s, 'terminated').result.success = true;
});
broken('completed without completion', /§9\.5\.3 completed .*needs result\.completion true, got undefined/, (s) => {
  delete find(s, 'completed').result.completion;
});
broken('completion on passed', /§9\.5\.3 passed .*completion on a statement other than completed/, (s) => {
  find(s, 'passed').result.completion = true;
});
broken('terminated without duration', /§9\.5\.4\.1 terminated .*no duration/, (s) => {
  delete find(s, 'terminated').result.duration;
});
broken('a duration that is not ISO 8601', /§9\.5\.4 completed .*duration "19s" is not an ISO 8601 duration/, (s) => {
  find(s, 'completed').result.duration = '19s';
});
broken('passed without the moveon category', /§9\.6\.2\.2 passed .*not the moveon category/, (s) => {
  find(s, 'passed').context.contextActivities.category = [{ id: CMI5_CATEGORY }];
});
broken('the moveon category on initialized', /§9\.6\.2\.2 initialized .*has the moveon category without/, (s) => {
  find(s, 'initialized').context.contextActivities.category.push({ id: MOVEON_CATEGORY });
});
broken('a defined statement without the cmi5 category', /§9\.6\.2\.1 terminated .*without the cmi5 category/, (s) => {
  delete find(s, 'terminated').context.contextActivities.category;
});
broken('the cmi5 category on a verb that is not a cmi5 verb', /§7\.1\.3 answered .*the cmi5 category on a statement whose verb .* is not one of the AU's cmi5 verbs/, (s) => {
  find(s, 'http://adlnet.gov/expapi/verbs/answered').context.contextActivities.category = [{ id: CMI5_CATEGORY }];
});
broken('an allowed completed about the AU itself', /§7\.1\.3 completed .*a cmi5 allowed statement with a cmi5 verb about the AU itself/, (s) => {
  find(s, 'completed').context.contextActivities.category = [];
});
test('an allowed completed about a part of the AU is fine', () => {
  const session = validSession();
  const part = structuredClone(find(session, 'completed'));
  part.id = '00000000-0000-4000-8000-0000000000bb';
  part.object = { id: `${launch.activityId}/scenarios/shop` };
  part.context.contextActivities.category = [];
  part.result = { completion: true, success: true, score: { scaled: 0.9 } };
  assert.deepEqual(cmi5Violations([...session.slice(0, -1), part, session.at(-1)], launch), []);
});
broken('a wrong registration', /§9\.6\.1 answered .*registration .* is not the launch registration/, (s) => {
  find(s, 'http://adlnet.gov/expapi/verbs/answered').context.registration = '2bbb2b1a-2bb0-40b9-a7fa-7e357c896024';
});
broken('no session id', /§9\.6\.3\.1 completed .*session id undefined is not the launch session/, (s) => {
  delete find(s, 'completed').context.extensions[SESSION_ID];
});
broken("no publisher id grouping from the contextTemplate", /§10\.2\.1 initialized .*contextActivities\.grouping lacks https:\/\/counterpart\.example/, (s) => {
  delete find(s, 'initialized').context.contextActivities.grouping;
});
broken('a changed contextTemplate extension', /§10\.2\.1 answered .*context extension https:\/\/example\.com\/ext differs/, (s) => {
  find(s, 'http://adlnet.gov/expapi/verbs/answered').context.extensions['https://example.com/ext'] = 'changed';
}, { ...launch, contextTemplate: { ...launch.contextTemplate, extensions: { ...launch.contextTemplate.extensions, 'https://example.com/ext': 'kept' } } });
broken('a timestamp that is not UTC', /§9\.7 initialized .*timestamp 2026-12-03T11:00:01\+01:00 is not a UTC time/, (s) => {
  find(s, 'initialized').timestamp = '2026-12-03T11:00:01+01:00';
});
broken('no timestamp', /§9\.7 answered .*: no timestamp/, (s) => {
  delete find(s, 'http://adlnet.gov/expapi/verbs/answered').timestamp;
});
broken('another actor', /§8\.1\.3 completed .*is not the launch actor/, (s) => {
  find(s, 'completed').actor.account.name = 'learner-2';
});
broken('an actor without an account', /§9\.2 terminated .*actor is not an Agent with an account/, (s) => {
  find(s, 'terminated').actor = { objectType: 'Agent', mbox: 'mailto:learner@example.com' };
});
broken('an id that is not a UUID', /§9\.1 initialized .*id "statement-1" is not a UUID/, (s) => {
  find(s, 'initialized').id = 'statement-1';
});
broken("a defined statement about another object", /§9\.4 passed .*object id https:\/\/example\.com\/other is not the launch activityId/, (s) => {
  find(s, 'passed').object.id = 'https://example.com/other';
});
broken('completed in Browse mode', /§10\.2\.2 completed .* in Browse mode/, () => undefined, { ...launch, launchMode: 'Browse' });
broken('passed in Review mode', /§10\.2\.2 passed .* in Review mode/, () => undefined, { ...launch, launchMode: 'Review' });

test('the LMS statements are ignored, even the launched one without a session id', () => {
  const session = validSession();
  delete session[0].context.extensions[SESSION_ID];
  session[0].timestamp = '2026-12-03T11:00:00.000Z'; // after terminated
  assert.deepEqual(cmi5Violations(session, launch), []);
});

test('registration rules: one session is fine', () => {
  assert.deepEqual(cmi5RegistrationViolations(validSession(), launch), []);
});

test('registration rules: a second completed and passed in a later session', () => {
  const later = validSession().map((st) => ({ ...st, id: st.id.replace('0000-4000', '0001-4000'), timestamp: st.timestamp.replace('T10', 'T11') }));
  const violations = cmi5RegistrationViolations([...validSession(), ...later], launch);
  assert.ok(violations.some((v) => /completed is used 2 times in the registration/.test(v)), violations.join('\n'));
  assert.ok(violations.some((v) => /passed is used 2 times in the registration/.test(v)), violations.join('\n'));
});

test('registration rules: failed after passed', () => {
  const later = validSession()
    .filter((st) => st.verb.id === AU_VERBS.passed)
    .map((st) => ({ ...st, id: '00000000-0000-4000-8000-0000000000cc', verb: { id: AU_VERBS.failed }, result: { success: false, duration: 'PT1S' }, timestamp: '2026-12-03T11:00:00.000Z' }));
  assert.match(cmi5RegistrationViolations([...validSession(), ...later], launch).join('\n'), /§9\.3 failed 00000000 .* follows a passed statement/);
});

test('registration rules: failed before passed is fine', () => {
  const earlier = validSession()
    .filter((st) => st.verb.id === AU_VERBS.passed)
    .map((st) => ({ ...st, id: '00000000-0000-4000-8000-0000000000dd', verb: { id: AU_VERBS.failed }, timestamp: '2026-12-03T09:00:00.000Z' }));
  assert.deepEqual(cmi5RegistrationViolations([...earlier, ...validSession()], launch), []);
});
