// Runs in the page (Playwright's evaluate, WebDriver's executeScript): is the
// focused element of the conversation on top at the centre of its first line
// box, or covered (by the sticky customer panel)? Shared by the Chromium suite
// (tests/e2e/a11y-beyond-axe.spec.mjs) and the cross-engine suite.
// Returns null (visible, or nothing to check), 'left' (focus is outside the
// conversation), or what covers it.
export function focusCovered() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (!el.closest('.conversation')) return 'left';
  // The first line box: a link that wraps has no text at its overall centre.
  const r = el.getClientRects()[0];
  if (!r || !r.width || !r.height) return null;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return top === el || el.contains(top) ? null : `${el.tagName} "${(el.textContent || '').trim().slice(0, 30)}" under ${top?.className || top?.tagName}`;
}
