// The cmi5 rules an AU's statements must follow, as checks the browser tests
// run on what the LRS stored: cmi5Violations() for one AU session,
// cmi5RegistrationViolations() for all sessions of one registration. Written
// from the cmi5 spec (sections 7.1, 9.x, 10.2); each message names its section.
//
// Which statements are which: the LMS's own verbs (launched, abandoned, waived,
// satisfied) are ignored. A statement with one of the AU's cmi5 verbs
// (initialized, completed, passed, failed, terminated) is taken as meant to be
// "cmi5 defined" and must carry the cmi5 category; any other verb is "cmi5
// allowed" and must not.

const ADL = 'http://adlnet.gov/expapi/verbs/';
const CMI5 = 'https://w3id.org/xapi/cmi5';
export const CMI5_CATEGORY = `${CMI5}/context/categories/cmi5`;
export const MOVEON_CATEGORY = `${CMI5}/context/categories/moveon`;
export const SESSION_ID = `${CMI5}/context/extensions/sessionid`;
export const MASTERY_SCORE = `${CMI5}/context/extensions/masteryscore`;

/** The AU's cmi5 defined verbs, by short name. */
export const AU_VERBS = {
  initialized: `${ADL}initialized`,
  completed: `${ADL}completed`,
  passed: `${ADL}passed`,
  failed: `${ADL}failed`,
  terminated: `${ADL}terminated`,
};
const LMS_VERBS = new Set([`${ADL}launched`, 'https://w3id.org/xapi/adl/verbs/abandoned', 'https://w3id.org/xapi/adl/verbs/waived', 'https://w3id.org/xapi/adl/verbs/satisfied']);
const AU_VERB_NAMES = new Map(Object.entries(AU_VERBS).map(([name, id]) => [id, name]));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const UTC_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|\+00:?00)$/;

/** JSON with sorted keys, to compare values regardless of key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const verbName = (st) => AU_VERB_NAMES.get(st?.verb?.id) ?? String(st?.verb?.id ?? 'no verb').split('/').pop();
const label = (st) => `${verbName(st)} ${String(st?.id ?? '(no id)').slice(0, 8)}`;
const time = (st) => Date.parse(st?.timestamp ?? '');
const listOf = (x) => (Array.isArray(x) ? x : x ? [x] : []);
const hasActivity = (st, list, id) => listOf(st?.context?.contextActivities?.[list]).some((a) => a?.id === id);
const isDefinedVerb = (st) => AU_VERB_NAMES.has(st?.verb?.id);
/** cmi5 7.1.3: a statement is cmi5 defined when it carries the cmi5 category;
 *  one with a cmi5 verb but without it is cmi5 allowed (the spec's sample
 *  "cmi5 allowed statements before Passed" has such a completed and failed),
 *  and must then not be about the AU itself, or an LMS would take it for a verdict. */
const isDefined = (st) => hasActivity(st, 'category', CMI5_CATEGORY);

/**
 * Violations of the cmi5 AU rules in the statements of ONE AU session (the
 * LMS's "launched" may be among them; it is ignored). The options are what the
 * LMS launched with — a launch record of tests/lrs/lms.mjs has them all; any
 * left out is not checked. Returns human-readable messages; [] means OK.
 */
export function cmi5Violations(statements, { activityId, registration, sessionId, actor, masteryScore, launchMode = 'Normal', contextTemplate } = {}) {
  const out = [];
  const au = statements.filter((st) => !LMS_VERBS.has(st?.verb?.id));
  sessionId ??= contextTemplate?.extensions?.[SESSION_ID];
  const hasMastery = typeof masteryScore === 'number';

  if (au.length === 0) return ['§7.1 the AU sent no statements (initialized and terminated are required)'];

  // Order (9.3, by timestamp): initialized first, terminated last.
  const timed = au.filter((st) => !Number.isNaN(time(st)));
  const byVerb = (name) => au.filter((st) => st?.verb?.id === AU_VERBS[name] && (isDefined(st) || name === 'initialized' || name === 'terminated'));
  const inits = byVerb('initialized');
  const terms = byVerb('terminated');
  if (inits.length === 0) out.push('§7.1.1 no initialized statement');
  else {
    const first = Math.min(...inits.map(time));
    for (const st of timed) {
      if (!inits.includes(st) && time(st) < first) out.push(`§9.3 initialized must be the AU's first statement, but ${label(st)} (${st.timestamp}) is earlier`);
    }
  }
  if (terms.length === 0) out.push('§7.1.2 no terminated statement');
  else {
    const last = Math.max(...terms.map(time));
    for (const st of timed) {
      if (!terms.includes(st) && time(st) > last) out.push(`§9.3 terminated must be the AU's last statement, but ${label(st)} (${st.timestamp}) is later`);
    }
  }

  // Verb rules within the session (9.3, 10.2.2).
  for (const name of Object.keys(AU_VERBS)) {
    const n = byVerb(name).length;
    if (n > 1) out.push(`§9.3 ${name} is used ${n} times in the session (cmi5 defined verbs must not be duplicated)`);
  }
  if (byVerb('passed').length && byVerb('failed').length) out.push('§9.3 the session has both passed and failed');
  if (launchMode === 'Browse' || launchMode === 'Review') {
    for (const name of ['completed', 'passed', 'failed']) {
      for (const st of byVerb(name)) out.push(`§10.2.2 ${label(st)} in ${launchMode} mode (only initialized and terminated are allowed)`);
    }
  }

  for (const st of au) {
    const at = label(st);
    const defined = isDefined(st) || ['initialized', 'terminated'].includes(verbName(st));
    const name = verbName(st);
    const result = st.result ?? {};
    const context = st.context ?? {};
    const extensions = context.extensions ?? {};

    // Every statement.
    if (!UUID.test(st.id ?? '')) out.push(`§9.1 ${at}: id ${JSON.stringify(st.id)} is not a UUID`);
    if (!st.timestamp) out.push(`§9.7 ${at}: no timestamp`);
    else if (!UTC_TIMESTAMP.test(st.timestamp) || Number.isNaN(time(st))) out.push(`§9.7 ${at}: timestamp ${st.timestamp} is not a UTC time`);
    if ((st.actor?.objectType ?? 'Agent') !== 'Agent' || !st.actor?.account) out.push(`§9.2 ${at}: actor is not an Agent with an account`);
    else if (actor && canonical(st.actor.account) !== canonical(actor.account)) out.push(`§8.1.3 ${at}: actor ${canonical(st.actor.account)} is not the launch actor`);
    if (registration !== undefined && context.registration !== registration) out.push(`§9.6.1 ${at}: registration ${context.registration} is not the launch registration`);
    if (sessionId !== undefined && extensions[SESSION_ID] !== sessionId) out.push(`§9.6.3.1 ${at}: session id ${extensions[SESSION_ID]} is not the launch session`);
    for (const [list, activities] of Object.entries(contextTemplate?.contextActivities ?? {})) {
      for (const activity of listOf(activities)) {
        if (!hasActivity(st, list, activity.id)) out.push(`§10.2.1 ${at}: contextActivities.${list} lacks ${activity.id} from the contextTemplate`);
      }
    }
    for (const [key, value] of Object.entries(contextTemplate?.extensions ?? {})) {
      if (key !== SESSION_ID && canonical(extensions[key]) !== canonical(value)) out.push(`§10.2.1 ${at}: context extension ${key} differs from the contextTemplate`);
    }
    if (defined && !hasActivity(st, 'category', CMI5_CATEGORY)) out.push(`§9.6.2.1 ${at}: cmi5 defined statement without the cmi5 category`);
    if (defined && !isDefinedVerb(st)) out.push(`§7.1.3 ${at}: the cmi5 category on a statement whose verb (${st?.verb?.id}) is not one of the AU's cmi5 verbs`);
    if (!defined && isDefinedVerb(st) && activityId !== undefined && st.object?.id === activityId) out.push(`§7.1.3 ${at}: a cmi5 allowed statement with a cmi5 verb about the AU itself (an LMS would take it for a verdict)`);
    const wantsMoveOn = defined && ('success' in result || 'completion' in result);
    const hasMoveOn = hasActivity(st, 'category', MOVEON_CATEGORY);
    if (wantsMoveOn && !hasMoveOn) out.push(`§9.6.2.2 ${at}: has success or completion but not the moveon category`);
    if (!wantsMoveOn && hasMoveOn) out.push(`§9.6.2.2 ${at}: has the moveon category without being a cmi5 defined statement with success or completion`);
    if ('duration' in result && !ISO_DURATION.test(String(result.duration))) out.push(`§9.5.4 ${at}: duration ${JSON.stringify(result.duration)} is not an ISO 8601 duration`);

    if (!defined) continue;
    // cmi5 defined statements.
    if (activityId !== undefined && st.object?.id !== activityId) out.push(`§9.4 ${at}: object id ${st.object?.id} is not the launch activityId`);
    const judged = name === 'passed' || name === 'failed';
    const score = result.score;
    if (score !== undefined) {
      if (!judged) out.push(`§9.5.1 ${at}: a score on a statement other than passed or failed`);
      if ('scaled' in score && !(score.scaled >= 0 && score.scaled <= 1)) out.push(`§9.5.1 ${at}: scaled score ${score.scaled} is not between 0 and 1`);
      if ('raw' in score && !('min' in score && 'max' in score)) out.push(`§9.5.1 ${at}: raw score without min and max`);
    }
    if (name === 'passed' && result.success !== true) out.push(`§9.5.2 ${at}: passed needs result.success true, got ${result.success}`);
    else if (name === 'failed' && result.success !== false) out.push(`§9.5.2 ${at}: failed needs result.success false, got ${result.success}`);
    else if (!judged && 'success' in result) out.push(`§9.5.2 ${at}: success on a statement other than passed or failed`);
    if (name === 'completed' && result.completion !== true) out.push(`§9.5.3 ${at}: completed needs result.completion true, got ${result.completion}`);
    else if (name !== 'completed' && 'completion' in result) out.push(`§9.5.3 ${at}: completion on a statement other than completed`);
    if (['completed', 'passed', 'failed', 'terminated'].includes(name) && !('duration' in result)) out.push(`§9.5.4.1 ${at}: no duration`);
    if (judged && hasMastery) {
      if (extensions[MASTERY_SCORE] !== masteryScore) out.push(`§9.6.3.2 ${at}: masteryscore context extension is ${extensions[MASTERY_SCORE]}, not the launch's ${masteryScore}`);
      const scaled = score?.scaled;
      if (name === 'passed' && typeof scaled === 'number' && scaled < masteryScore) out.push(`§9.3.4 ${at}: passed with scaled score ${scaled} below the masteryScore ${masteryScore}`);
      if (name === 'failed' && typeof scaled === 'number' && scaled >= masteryScore) out.push(`§9.3.5 ${at}: failed with scaled score ${scaled} not below the masteryScore ${masteryScore}`);
    }
  }
  return out;
}

/**
 * Violations of the per-registration verb rules (9.3) in all statements of one
 * registration (any number of sessions): at most one completed and one passed,
 * no failed after a passed. Only cmi5 defined statements (with the cmi5
 * category) about `activityId` (if given) count.
 */
export function cmi5RegistrationViolations(statements, { activityId } = {}) {
  const out = [];
  const defined = statements.filter(
    (st) => isDefinedVerb(st) && hasActivity(st, 'category', CMI5_CATEGORY) && (activityId === undefined || st.object?.id === activityId),
  );
  const of = (name) => defined.filter((st) => st.verb.id === AU_VERBS[name]);
  for (const name of ['completed', 'passed']) {
    const n = of(name).length;
    if (n > 1) out.push(`§9.3 ${name} is used ${n} times in the registration (at most once)`);
  }
  const passedAt = Math.min(...of('passed').map(time));
  for (const st of of('failed')) {
    if (time(st) > passedAt) out.push(`§9.3 ${label(st)} (${st.timestamp}) follows a passed statement in the registration`);
  }
  return out;
}
