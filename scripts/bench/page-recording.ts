import type { Browser, Locator, Page } from '@playwright/test';
import type { RunningApp } from '../../e2e/fixtures/app';

/**
 * Page-side code the Chromium benches inject, as text: tsx would otherwise
 * wrap functions written in TypeScript in a helper the page lacks.
 *
 * Declares `record`, which gathers every gap between animation frames
 * (`record.frames`) and every long task (`record.longTasks`, from
 * PerformanceObserver('longtask'): tasks of 50 ms and more), and
 * `stopFrameRecording()`, which ends both. Each bench adds its own
 * `window.__benchStop` that calls it and returns what it wants.
 */
export const FRAME_RECORDING = `
  const record = { frames: [], longTasks: [], running: true };
  let last = null;
  function frame(now) {
    if (!record.running) return;
    if (last !== null) record.frames.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  function stopFrameRecording() {
    record.running = false;
    observer.disconnect();
  }`;

/**
 * For `locator.evaluate`: starts watching the element for `text` (exactly, or
 * a match of the pattern) and returns at once. `window.__benchText` settles
 * to the page time at which the element's text first matched, or to null
 * after `timeoutMs`; read it with `textReached`. Waiting this way costs the
 * page nothing, where a Playwright locator polling for the text lays out the
 * whole page on each poll, inside the time measured.
 */
export const watchText = (text: string | RegExp, timeoutMs: number) =>
  new Function(
    'el',
    `let settle;
  const matches = ${
    typeof text === 'string'
      ? `(now) => now === ${JSON.stringify(text)}`
      : `(now) => new RegExp(${JSON.stringify(text.source)}).test(now)`
  };
  window.__benchText = new Promise((resolve) => { settle = resolve; });
  const giveUp = setTimeout(() => { watcher.disconnect(); settle(null); }, ${timeoutMs});
  const watcher = new MutationObserver(() => {
    if (!matches(el.textContent)) return;
    const at = performance.now();
    watcher.disconnect();
    clearTimeout(giveUp);
    settle(at);
  });
  watcher.observe(el, { childList: true, characterData: true, subtree: true });
  if (matches(el.textContent)) {
    watcher.disconnect();
    clearTimeout(giveUp);
    settle(performance.now());
  }`,
  ) as (el: Element) => void;

/** The page time `watchText`'s text was reached; throws, naming what the element said, if it never was. */
export async function textReached(page: Page, el: Locator, text: string | RegExp): Promise<number> {
  const at = (await page.evaluate('window.__benchText')) as number | null;
  if (at === null)
    throw new Error(`the page never said "${text}"; it said "${await el.textContent()}"`);
  return at;
}

/** The viewport every Chromium bench's page gets. */
export const BENCH_VIEWPORT = { width: 1280, height: 800 };

/** A fresh page of the app (its own context: empty history), connected to `target`, `request` in the editor. */
export async function openConnectedPage(
  browser: Browser,
  app: RunningApp,
  target: { host: string; port: number },
  request: string,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport: BENCH_VIEWPORT })).newPage();
  await page.goto(app.url);
  await page.getByRole('status').filter({ hasText: 'Bridge: open' }).waitFor();
  await page.getByRole('textbox', { name: 'Target' }).fill(`${target.host}:${target.port}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Target: connected' }).waitFor();
  await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(request);
  return page;
}
