// Test-only, for WebKitGTK: its WebDriver has no BiDi and no log endpoint, so
// this same-origin script records what the page reports — console.error,
// uncaught errors, unhandled rejections and Content-Security-Policy
// violations — and the suite reads them back (window.__counterpartProbe.take()).
// The suite loads it as the first script of its copy of index.html (and of the
// single file and the LMS test pages), before the CSP <meta>, so it sees
// everything from the first line of the app on. Entries are kept in
// sessionStorage as well, so a reload or a navigation loses none.
(() => {
  if (window.__counterpartProbe) return;
  const KEY = 'counterpart.cross-engine-probe';
  const memory = [];
  const where = () => `${location.pathname.split('/').pop()}${location.hash}`;
  const read = () => {
    try { return JSON.parse(sessionStorage.getItem(KEY) || '[]'); } catch { return null; }
  };
  const record = (kind, text) => {
    const entry = `${kind}: ${text} [${where()}]`;
    memory.push(entry);
    try {
      const list = read() || [];
      list.push(entry);
      sessionStorage.setItem(KEY, JSON.stringify(list));
    } catch { /* storage blocked: the in-memory list still has it */ }
  };
  const show = (value) => {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    try { return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value); } catch { return String(value); }
  };
  const original = console.error;
  console.error = function (...args) {
    record('console.error', args.map(show).join(' '));
    return original.apply(this, args);
  };
  // Not in the capture phase: only uncaught script errors reach window, not
  // failed loads of images or scripts (those the tests check themselves).
  addEventListener('error', (e) => record('uncaught error', `${e.message} at ${e.filename}:${e.lineno}`));
  addEventListener('unhandledrejection', (e) => record('unhandled rejection', show(e.reason)));
  addEventListener('securitypolicyviolation', (e) =>
    record('securitypolicyviolation', `${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`));
  window.__counterpartProbe = {
    /** Everything recorded since the last call (in this tab and origin), then forgets it. */
    take() {
      const stored = read();
      const all = stored && stored.length >= memory.length ? stored : memory.slice();
      try { sessionStorage.removeItem(KEY); } catch { /* blocked */ }
      memory.length = 0;
      return all;
    },
  };
})();
