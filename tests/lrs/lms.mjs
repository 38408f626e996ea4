// A real LRS (Ralph 5.1.0, started from the venv scripts/setup.sh makes) and a
// small cmi5 "LMS stand-in" in front of it, so browser tests can launch the app
// the cmi5 way and read back what the LRS stored. Loopback only, no npm deps.
//
//   startLrs({ port?, venv? })                  → Ralph on 127.0.0.1 (fresh temp data dir)
//   startLms({ port?, lrs })                    → the stand-in, talking to that Ralph
//   startLearningPlatform({ lrsPort?, lmsPort? }) → both; its stop() stops both
//
// The stand-in does what a cmi5 LMS does around one AU:
//   launch()/launchUrl()  the launch URL (endpoint, fetch, actor, registration,
//                         activityId), the LMS.LaunchData state document, the
//                         learner preferences and the LMS's own "launched" statement;
//   POST /fetch/<key>     the auth token, once (cmi5 8.2);
//   /xapi/statements      proxied to Ralph's /xAPI/statements for issued tokens;
//   /xapi/activities/state, /xapi/agents/profile, /xapi/about  served by itself
//                         (Ralph has only the Statements API);
// plus CORS for the app's origin and a control API: down()/up(), revoke(),
// requests, statements(), stop().
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const XAPI_VERSION = '1.0.3';
const CMI5 = 'https://w3id.org/xapi/cmi5';
const EXT = {
  sessionId: `${CMI5}/context/extensions/sessionid`,
  masteryScore: `${CMI5}/context/extensions/masteryscore`,
  launchMode: `${CMI5}/context/extensions/launchmode`,
  launchUrl: `${CMI5}/context/extensions/launchurl`,
  moveOn: `${CMI5}/context/extensions/moveon`,
  launchParameters: `${CMI5}/context/extensions/launchparameters`,
};
const CORS_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match',
  'Access-Control-Expose-Headers': 'X-Experience-API-Version, X-Experience-API-Consistent-Through, ETag, Last-Modified, Content-Type',
  'Access-Control-Allow-Credentials': 'true',
};

/** Where scripts/setup.sh installs Ralph (it also exports RALPH_VENV). */
export function ralphVenv() {
  return process.env.RALPH_VENV || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'counterpart', 'ralph-5.1.0');
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = createNetServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/**
 * Starts Ralph on 127.0.0.1:`port` (a free one if omitted) with a fresh temp
 * data dir and its own credentials. Resolves once it answers. Returns
 * `{ url, port, username, password, authorization, dataDir, startupMs, stop() }`;
 * `authorization` is the `Basic …` header value for Ralph's own API.
 */
export async function startLrs({ port, venv = ralphVenv() } = {}) {
  const python = join(venv, 'bin', 'python');
  const ralph = join(venv, 'bin', 'ralph');
  if (!existsSync(python) || !existsSync(ralph)) {
    throw new Error(`Ralph is not installed in ${venv}: run scripts/setup.sh`);
  }
  port ??= await freePort();
  const started = Date.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'counterpart-lrs-'));
  const authFile = join(dataDir, 'auth.json');
  const username = 'counterpart-lms';
  const password = randomBytes(12).toString('hex');
  const url = `http://127.0.0.1:${port}`;

  // Credentials and server start side by side: Ralph reads the credentials
  // file at the first authenticated request, not at start-up.
  const credentials = run(ralph, ['auth', '-u', username, '-p', password, '-s', 'all', '-A', username, `${url}/`, '-w'], {
    RALPH_AUTH_FILE: authFile,
    RALPH_APP_DIR: dataDir,
  });
  const child = spawn(python, [join(HERE, 'ralph_server.py'), '--port', String(port), '--data', join(dataDir, 'statements'), '--auth', authFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    let dead = false;
    exited.then(() => (dead = true));
    for (;;) {
      if (dead) throw new Error(`Ralph exited while starting: ${stderr}`);
      if (Date.now() - started > 30_000) throw new Error(`Ralph did not answer within 30 s: ${stderr}`);
      try {
        if ((await fetch(`${url}/__lbheartbeat__`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await credentials;
  } catch (error) {
    await stop();
    throw error;
  }
  const authorization = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
  return { url, port, username, password, authorization, dataDir, startupMs: Date.now() - started, stop };
}

/** The identity of an agent, for matching state and profile requests. */
function agentKey(agent) {
  if (!agent || typeof agent !== 'object') return null;
  if (agent.account) return `account:${agent.account.homePage}|${agent.account.name}`;
  for (const ifi of ['mbox', 'mbox_sha1sum', 'openid']) if (agent[ifi]) return `${ifi}:${agent[ifi]}`;
  return null;
}

function parseAgent(text) {
  try {
    return agentKey(JSON.parse(text));
  } catch {
    return null;
  }
}

/** `url` with `params` added to its query, before any `#hash`. */
function withParams(url, params) {
  const hashAt = url.indexOf('#');
  const [base, hash] = hashAt < 0 ? [url, ''] : [url.slice(0, hashAt), url.slice(hashAt)];
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  const sep = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&';
  return base + sep + query + hash;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Starts the LMS stand-in on 127.0.0.1:`port` (a free one if omitted) in front
 * of `lrs` (what startLrs returns). Returns the object described at the top;
 * see `launch()` for what a launch records.
 */
export async function startLms({ port, lrs }) {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const endpoint = `${url}/xapi/`;
  const launches = []; // every launch record, oldest first
  const fetchKeys = new Map(); // key → launch
  const tokens = new Map(); // token → launch
  const revoked = new Set();
  const states = new Map(); // JSON [activityId, agent, registration, stateId] → { type, body }
  const preferences = new Map(); // agent key → document
  const requests = [];
  let isDown = false;

  const lrsHeaders = { Authorization: lrs.authorization, 'X-Experience-API-Version': XAPI_VERSION };

  /** Stores statements in Ralph with the LMS's own credentials. */
  async function storeInLrs(statements) {
    const res = await fetch(`${lrs.url}/xAPI/statements`, {
      method: 'POST',
      headers: { ...lrsHeaders, 'Content-Type': 'application/json' },
      body: JSON.stringify(statements),
    });
    if (!res.ok) throw new Error(`Ralph refused the LMS's statement: ${res.status} ${await res.text()}`);
  }

  /**
   * Prepares one AU launch like a cmi5 LMS: a fresh session id and one-time
   * fetch key, the LMS.LaunchData document (defaults below, shallowly
   * overridden by `launchData`; a key set to undefined is left out), the
   * cmi5LearnerPreferences (`preferences: null` → none, 404) and the
   * "launched" statement in Ralph. Returns the launch record:
   * `{ url, appUrl, registration, activityId, actor, sessionId, publisherId,
   *    launchData, contextTemplate, launchMode, masteryScore, moveOn,
   *    fetchUrl, token: null until fetched }` — it has the fields
   * cmi5Violations() takes, so `cmi5Violations(statements, launch)` works.
   */
  async function launch({
    appUrl,
    registration = randomUUID(),
    activityId = `${url}/au/counterpart`,
    publisherId = 'https://counterpart.example/cmi5/au/trainer',
    actor = { objectType: 'Agent', account: { homePage: `${url}/`, name: 'learner-1' } },
    launchData = {},
    preferences: prefs = { languagePreference: 'en-US', audioPreference: 'off' },
  }) {
    if (!appUrl) throw new Error('launch() needs appUrl');
    const sessionId = randomUUID();
    const key = randomBytes(9).toString('hex');
    const doc = {
      contextTemplate: {
        contextActivities: { grouping: [{ id: publisherId }] },
        extensions: { [EXT.sessionId]: sessionId },
      },
      launchMode: 'Normal',
      moveOn: 'CompletedAndPassed',
      masteryScore: 0.8,
      returnURL: `${url}/returned`,
      ...launchData,
    };
    for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
    const fetchUrl = `${url}/fetch/${key}`;
    const record = {
      url: withParams(appUrl, { endpoint, fetch: fetchUrl, actor: JSON.stringify(actor), registration, activityId }),
      appUrl,
      registration,
      activityId,
      actor,
      sessionId,
      publisherId,
      launchData: doc,
      contextTemplate: doc.contextTemplate,
      launchMode: doc.launchMode,
      masteryScore: doc.masteryScore,
      moveOn: doc.moveOn,
      fetchUrl,
      token: null,
    };
    launches.push(record);
    fetchKeys.set(key, record);
    states.set(JSON.stringify([activityId, agentKey(actor), registration, 'LMS.LaunchData']), {
      type: 'application/json',
      body: Buffer.from(JSON.stringify(doc)),
    });
    if (prefs === null) preferences.delete(agentKey(actor));
    else preferences.set(agentKey(actor), prefs);

    const template = structuredClone(doc.contextTemplate ?? {});
    const extensions = { ...template.extensions, [EXT.launchMode]: doc.launchMode, [EXT.launchUrl]: appUrl, [EXT.moveOn]: doc.moveOn };
    if (doc.masteryScore !== undefined) extensions[EXT.masteryScore] = doc.masteryScore;
    if (doc.launchParameters !== undefined) extensions[EXT.launchParameters] = doc.launchParameters;
    await storeInLrs([
      {
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
        object: { id: activityId, objectType: 'Activity' },
        context: {
          ...template,
          registration,
          contextActivities: { ...template.contextActivities, category: [{ id: `${CMI5}/context/categories/cmi5` }] },
          extensions,
        },
      },
    ]);
    return record;
  }

  /**
   * Reads back everything Ralph stored (all pages, following `more`), in
   * stored order; only `registration`'s if given. `verb` and `activity` (ids)
   * filter here: Ralph 5.1.0's file backend compares them with an IRI object
   * and never matches.
   */
  async function statements({ registration, verb, activity } = {}) {
    const query = new URLSearchParams(registration ? { registration } : {});
    let next = `/xAPI/statements${String(query) ? '?' + query : ''}`;
    const all = [];
    while (next) {
      const res = await fetch(lrs.url + next, { headers: lrsHeaders });
      if (!res.ok) throw new Error(`Ralph GET ${next}: ${res.status} ${await res.text()}`);
      const page = await res.json();
      all.push(...page.statements);
      next = page.more && page.statements.length ? page.more : null;
    }
    // Ralph's file backend answers in file order, oldest first: stored order.
    // (Do not pass `ascending`: any value, even "false", reverses it.)
    return all.filter((s) => (!verb || s.verb?.id === verb) && (!activity || s.object?.id === activity));
  }

  function send(req, res, status, body, headers = {}) {
    const json = body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string';
    res.writeHead(status, {
      ...(json ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    });
    res.end(json ? JSON.stringify(body) : body);
  }

  const xapiError = (req, res, status, message) => send(req, res, status, { error: true, status, message });

  /** The launch behind the request's `Authorization: Basic <token>`, or null. */
  function authorized(req) {
    const match = /^Basic (\S+)$/.exec(req.headers.authorization ?? '');
    if (!match || revoked.has(match[1])) return null;
    return tokens.get(match[1]) ?? null;
  }

  async function handleFetch(req, res, key) {
    if (req.method !== 'POST') return send(req, res, 405, { 'error-code': '3', 'error-text': 'Use POST.' }, { Allow: 'POST' });
    const record = fetchKeys.get(key);
    if (!record) return send(req, res, 200, { 'error-code': '2', 'error-text': 'Unknown fetch URL.' });
    if (record.token) return send(req, res, 200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
    record.token = Buffer.from(`${record.sessionId}:${randomBytes(12).toString('hex')}`).toString('base64');
    tokens.set(record.token, record);
    send(req, res, 200, { 'auth-token': record.token });
  }

  async function proxyStatements(req, res, search) {
    if (!['GET', 'POST', 'PUT'].includes(req.method)) return xapiError(req, res, 405, `${req.method} is not supported on statements`);
    const body = req.method === 'GET' ? undefined : await readBody(req);
    if (body?.length) {
      try {
        const parsed = JSON.parse(body);
        const list = Array.isArray(parsed) ? parsed : [parsed];
        if (list.some((s) => s?.verb?.id === 'http://adlnet.gov/expapi/verbs/voided')) {
          return xapiError(req, res, 403, 'cmi5 6.3: the AU may not void statements');
        }
      } catch {
        // Ralph answers malformed JSON itself
      }
    }
    let answer;
    try {
      answer = await fetch(`${lrs.url}/xAPI/statements${search}`, {
        method: req.method,
        headers: { ...lrsHeaders, ...(body ? { 'Content-Type': req.headers['content-type'] ?? 'application/json' } : {}) },
        body,
      });
    } catch (error) {
      return xapiError(req, res, 502, `the LRS did not answer: ${error.message}`);
    }
    let text = await answer.text();
    // Ralph's `more` links point at its own path; the AU knows only ours.
    if (req.method === 'GET') text = text.replaceAll('"/xAPI/statements', '"/xapi/statements');
    const headers = { 'X-Experience-API-Consistent-Through': new Date().toISOString() };
    const type = answer.headers.get('content-type');
    if (type) headers['Content-Type'] = type;
    send(req, res, answer.status, answer.status === 204 ? undefined : text, headers);
  }

  async function handleState(req, res, q) {
    const { activityId, agent, registration = '', stateId } = Object.fromEntries(q);
    const who = parseAgent(agent);
    if (!activityId || !who) return xapiError(req, res, 400, 'activityId and a valid agent are required');
    const scope = [activityId, who, registration];
    if (stateId === 'LMS.LaunchData' && req.method !== 'GET') {
      return xapiError(req, res, 403, 'cmi5 10.2.1: the AU must not modify or delete LMS.LaunchData');
    }
    const keyOf = (id) => JSON.stringify([...scope, id]);
    const inScope = () => [...states.keys()].filter((k) => JSON.stringify(JSON.parse(k).slice(0, 3)) === JSON.stringify(scope));
    switch (req.method) {
      case 'GET': {
        if (!stateId) return send(req, res, 200, inScope().map((k) => JSON.parse(k)[3]));
        const doc = states.get(keyOf(stateId));
        if (!doc) return xapiError(req, res, 404, `no state ${stateId}`);
        return send(req, res, 200, doc.body, { 'Content-Type': doc.type });
      }
      case 'PUT':
      case 'POST': {
        if (!stateId) return xapiError(req, res, 400, 'stateId is required');
        const body = await readBody(req);
        const type = req.headers['content-type'] ?? 'application/octet-stream';
        const old = states.get(keyOf(stateId));
        if (req.method === 'POST' && old) {
          try {
            const a = JSON.parse(old.body);
            const b = JSON.parse(body);
            if (![a, b].every((x) => x && typeof x === 'object' && !Array.isArray(x))) throw new Error();
            states.set(keyOf(stateId), { type: 'application/json', body: Buffer.from(JSON.stringify({ ...a, ...b })) });
          } catch {
            return xapiError(req, res, 400, 'POST merges JSON objects only');
          }
        } else {
          states.set(keyOf(stateId), { type, body });
        }
        return send(req, res, 204);
      }
      case 'DELETE': {
        if (stateId) states.delete(keyOf(stateId));
        else for (const k of inScope()) if (JSON.parse(k)[3] !== 'LMS.LaunchData') states.delete(k);
        return send(req, res, 204);
      }
      default:
        return xapiError(req, res, 405, `${req.method} is not supported on state`);
    }
  }

  function handleProfile(req, res, q) {
    const who = parseAgent(q.get('agent'));
    if (!who || !q.get('profileId')) return xapiError(req, res, 400, 'agent and profileId are required');
    if (req.method !== 'GET') return xapiError(req, res, 403, 'the LMS keeps the learner preferences (cmi5 11.0)');
    const doc = q.get('profileId') === 'cmi5LearnerPreferences' ? preferences.get(who) : undefined;
    if (!doc) return xapiError(req, res, 404, 'no such profile');
    send(req, res, 200, doc);
  }

  async function handle(req, res) {
    const { pathname, search, searchParams } = new URL(req.url, url);
    const entry = { method: req.method, path: pathname, query: search, status: null, at: Date.now() };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));

    if (req.headers.origin) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Vary', 'Origin');
      for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
    }
    if (pathname.startsWith('/xapi/') && isDown) {
      entry.status = 'down';
      return req.socket.resetAndDestroy ? req.socket.resetAndDestroy() : req.socket.destroy();
    }
    if (req.method === 'OPTIONS') return send(req, res, 204, undefined, { 'Access-Control-Max-Age': '600' });

    const fetchMatch = /^\/fetch\/([^/]+)$/.exec(pathname);
    if (fetchMatch) return handleFetch(req, res, fetchMatch[1]);
    if (pathname === '/returned') return send(req, res, 200, '<!doctype html><title>Returned to the LMS</title><p>Returned to the LMS.', { 'Content-Type': 'text/html; charset=utf-8' });
    if (!pathname.startsWith('/xapi/')) return send(req, res, 404, 'not found', { 'Content-Type': 'text/plain' });

    res.setHeader('X-Experience-API-Version', XAPI_VERSION);
    const resource = pathname.slice('/xapi/'.length).replace(/\/$/, '');
    if (resource === 'about') return send(req, res, 200, { version: [XAPI_VERSION] });
    const record = authorized(req);
    if (!record) return xapiError(req, res, 401, 'missing, unknown or revoked auth token');
    if (!req.headers['x-experience-api-version']) return xapiError(req, res, 400, 'X-Experience-API-Version header missing');

    if (resource === 'statements') return proxyStatements(req, res, search);
    if (resource === 'activities/state') return handleState(req, res, searchParams);
    if (resource === 'agents/profile') return handleProfile(req, res, searchParams);
    return xapiError(req, res, 404, `the stand-in has no /xapi/${resource}`);
  }

  const server = createServer((req, res) =>
    handle(req, res).catch((error) => {
      if (!res.headersSent) xapiError(req, res, 500, String(error?.stack ?? error));
      else res.destroy();
    }),
  );
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));

  return {
    url,
    port,
    endpoint,
    lrs,
    launches,
    requests,
    launch,
    /** Just the launch URL (the launch record is in `launches`). */
    launchUrl: async (options) => (await launch(options)).url,
    statements,
    /** `/xapi/*` requests now fail at the network level (socket reset), like a lost connection. */
    down() {
      isDown = true;
    },
    up() {
      isDown = false;
    },
    /** Refuse a token (or every token issued so far: no argument or 'all') with 401. */
    revoke(token = 'all') {
      if (token === 'all') for (const t of tokens.keys()) revoked.add(t);
      else revoked.add(token);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Ralph and the stand-in together. Returns the stand-in's object (its `lrs`
 * is Ralph's); `stop()` stops both.
 */
export async function startLearningPlatform({ lrsPort, lmsPort } = {}) {
  const lrs = await startLrs({ port: lrsPort });
  try {
    const lms = await startLms({ port: lmsPort, lrs });
    const stopLms = lms.stop;
    lms.stop = async () => {
      await stopLms();
      await lrs.stop();
    };
    return lms;
  } catch (error) {
    await lrs.stop();
    throw error;
  }
}
