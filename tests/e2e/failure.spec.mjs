// The safe failure screen: when the wasm traps (a Rust panic), the trainee
// sees a calm message and a reload button; saved progress is intact.
// Uses the test-only build in target/drill-dist (`--features failure-drill`).
import { test, expect, playBest } from './guard.mjs';
import { spawn } from 'node:child_process';

const SCENARIO = 'supermarket-expired-yoghurt';

for (const [lang, message, reload] of [['en', 'Something went wrong.', 'Reload'], ['de', 'Etwas ist schiefgegangen.', 'Neu laden']]) {
  test(`a panic shows the failure screen, and progress survives the reload (${lang})`, async ({ page }) => {
    const server = spawn('node', ['tests/e2e/serve.mjs', 'target/drill-dist', '4178', '/drill/'], { stdio: 'ignore' });
    try {
      const base = 'http://127.0.0.1:4178/drill/';
      await expect.poll(async () => (await fetch(base).catch(() => null))?.status ?? 0).toBe(200);
      await page.goto(`${base}?lang=${lang}#/play/${SCENARIO}`);
      await playBest(page);
      // A panic in an event handler, as a real bug would cause.
      page.removeAllListeners('pageerror');
      await page.evaluate(() => setTimeout(() => window.wasmBindings.counterpart_failure_drill(), 0));
      const screen = page.getByRole('alertdialog');
      await expect(screen).toContainText(message);
      await expect(screen.getByRole('button', { name: reload })).toBeFocused();
      await screen.getByRole('button', { name: reload }).click();
      await expect(page.getByRole('alertdialog')).toHaveCount(0);
      await page.goto(`${base}?lang=${lang}#/progress`);
      await expect(page.locator('.history tbody tr')).toHaveCount(1);
    } finally {
      server.kill();
    }
  });
}
