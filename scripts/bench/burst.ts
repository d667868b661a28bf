import { type Browser, chromium, type Page } from '@playwright/test';
import { type RunningApp, startApp } from '../../e2e/fixtures/app';
import { startGoServer } from '../../e2e/fixtures/go-server';
import playwrightConfig from '../../e2e/playwright.config';
import { MAX_KEPT_CALLS } from '../../web/src/stores/calls-store';
import { FRAME_RECORDING, openConnectedPage, textReached, watchText } from './page-recording';
import { fmt } from './stats';

/**
 * A burst of 10,000 ServiceA.Add calls from the page in Chromium to the real
 * Go net/rpc/jsonrpc server, against a burst of 1,000 measured in the same
 * run. Each burst gets a fresh page (empty history, ids from 0), so call i has
 * id i and asks X = i, Y = 3i + 1.
 *
 * Calls per second: from the click on "Send burst" to the moment the Calls
 * summary says every call answered, both on the page's performance.now, so
 * marshalling, the bridge, the server, matching and the render that shows the
 * last answer all count. The longest task comes from PerformanceObserver
 * ('longtask', tasks of 50 ms and more); the longest gap between animation
 * frames is shown too, as it also sees tasks shorter than 50 ms.
 *
 * One more burst of 10,000 goes to the glass-box demo server, which reports
 * steps 4–9 of every call: it has no target, and shows what the reports cost.
 * And one goes to the Go server from a page that sent two bursts before it,
 * as a long session does: the page then holds as many calls as it keeps.
 */

const BURST = 10_000;
const BASELINE = 1_000;
/** Bursts the history page sends before the one measured: enough to fill MAX_KEPT_CALLS. */
const HISTORY_BURSTS = 2;
const TEMPLATE = '{"method":"ServiceA.Add","params":[{"X":"{{i}}","Y":"{{3*i+1}}"}]}';
/** Calls whose answer is read back through the page, spread over the burst. */
const SAMPLES = 12;
const ANSWERS_TIMEOUT_MS = 120_000;
/** The call list's row height (web/src/features/call-list/CallList.tsx), to scroll a row into view. */
const ROW_HEIGHT_PX = 40;

type Recorded = { clickedAt: number | null; longTasks: number[]; longestFrameGap: number };

/**
 * Starts recording in the page: the click that sends the burst, long tasks
 * and frame gaps. Built from text, for the reason page-recording.ts gives.
 */
const START_RECORDING = `(() => {${FRAME_RECORDING}
  let clickedAt = null;
  window.addEventListener('click', () => { clickedAt ??= performance.now(); }, { capture: true, once: true });
  window.__benchStop = () => {
    stopFrameRecording();
    return { clickedAt, longTasks: record.longTasks, longestFrameGap: Math.max(0, ...record.frames) };
  };
})()`;

type Figures = {
  n: number;
  callsPerSecond: number;
  longestTask: number;
  longestFrameGap: number;
  /** Problems found reading answers back; empty when every sampled answer was right. */
  wrong: string[];
  /** How many answers were read back: none on a page with history, where call i is not row i. */
  readBack: number;
};

type Target = { host: string; port: number };

/** Scrolls the call list's box; built from text for the same reason as startRecording. */
const scrollTo = new Function('list', 'top', 'list.parentElement.scrollTop = top;') as (
  list: Element,
  top: number,
) => void;

/** Selects call i and checks, in the Response panel, that its answer is X + Y of its own request. */
async function checkAnswer(page: Page, i: number): Promise<string | null> {
  const list = page.getByRole('list', { name: 'Calls' });
  // The list is virtualised: scroll call i's row into existence first.
  await list.evaluate(scrollTo, i * ROW_HEIGHT_PX);
  const row = list.getByRole('listitem').filter({ hasText: new RegExp(`\\bid ${i}\\b`) });
  await row.getByRole('button', { name: /^ServiceA\.Add/ }).click();
  const response = page.getByRole('region', { name: 'Response' });
  const request = await response.getByText(/"method":"ServiceA.Add"/).textContent();
  const result = await response
    .getByRole('region', { name: 'Result' })
    .locator('pre')
    .textContent();
  const asked = /"X":(\d+),"Y":(\d+)/.exec(request ?? '');
  if (!asked || Number(asked[1]) !== i || Number(asked[2]) !== 3 * i + 1) {
    return `call ${i} asked ${request}`;
  }
  return Number(result) === 4 * i + 1 ? null : `call ${i} got ${result}, wants ${4 * i + 1}`;
}

/** Every call answered once `total` are sent, none failed, no stray; older ones may be forgotten. */
const allAnswered = (total: number) =>
  new RegExp(`^${total} sent · \\d+ answered( · \\d+ oldest forgotten)?$`);

async function measureBurst(
  browser: Browser,
  app: RunningApp,
  target: Target,
  n: number,
  /** Bursts sent (and answered) on the same page first, not measured: the history a long session builds. */
  before = 0,
): Promise<Figures> {
  const page = await openConnectedPage(browser, app, target, TEMPLATE);
  try {
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(n));
    const calls = page.getByRole('region', { name: 'Calls' });
    // Before the first call the summary reads "0 sent".
    const summary = calls.getByText(/^\d+ sent/);
    for (let b = 1; b <= before; b++) {
      await summary.evaluate(watchText(allAnswered(b * n), ANSWERS_TIMEOUT_MS));
      await page.getByRole('button', { name: 'Send burst' }).click();
      await textReached(page, summary, allAnswered(b * n));
    }
    // Exact text on a fresh page: a failed, erroring or stray answer would add a part to it.
    const done = before === 0 ? `${n} sent · ${n} answered` : allAnswered((before + 1) * n);
    await page.evaluate(START_RECORDING);
    await summary.evaluate(watchText(done, ANSWERS_TIMEOUT_MS));
    await page.getByRole('button', { name: 'Send burst' }).click();
    const doneAt = await textReached(page, summary, done);
    const recorded = (await page.evaluate('window.__benchStop()')) as Recorded;
    if (recorded.clickedAt === null) throw new Error('the page did not record the click');
    const elapsedMs = doneAt - recorded.clickedAt;
    const wrong: string[] = [];
    // Call i is row i and id i only on a fresh page.
    const readBack = before === 0 ? SAMPLES : 0;
    for (let s = 0; s < readBack; s++) {
      const problem = await checkAnswer(page, Math.round((s * (n - 1)) / (SAMPLES - 1)));
      if (problem) wrong.push(problem);
    }
    return {
      n,
      callsPerSecond: n / (elapsedMs / 1000),
      longestTask: Math.max(0, ...recorded.longTasks),
      longestFrameGap: recorded.longestFrameGap,
      wrong,
      readBack,
    };
  } finally {
    await page.context().close();
  }
}

export async function benchBurst(): Promise<string[]> {
  const app = await startApp();
  const go = await startGoServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: playwrightConfig.use?.launchOptions?.args ?? [],
  });
  try {
    const baseline = await measureBurst(browser, app, go, BASELINE);
    const burst = await measureBurst(browser, app, go, BURST);
    const demo = await measureBurst(browser, app, app.demo, BURST);
    const onHistory = await measureBurst(browser, app, go, BURST, HISTORY_BURSTS);
    const task = (ms: number) => (ms === 0 ? '< 50 ms' : `${fmt(ms, 0)} ms`);
    const row = (name: string, f: Figures) =>
      `${name.padEnd(26)} ${fmt(f.callsPerSecond, 0).padStart(6)} calls/s (${fmt(f.callsPerSecond / baseline.callsPerSecond)}x baseline)  longest task ${task(f.longestTask)}  longest frame gap ${fmt(f.longestFrameGap, 0)} ms  answers ${f.wrong.length > 0 ? `WRONG: ${f.wrong.join('; ')}` : f.readBack === 0 ? 'all answered' : `right (${f.readBack} read back)`}`;
    return [
      row(`burst of ${BASELINE} (baseline)`, baseline),
      row(`burst of ${BURST}`, burst),
      `all ${BURST} answered with no failure and no stray reply; target: ≥ 5000 calls/s, longest task ≤ 100 ms`,
      row(`${BURST} to the demo server`, demo),
      `  (the glass-box demo reports steps 4–9 of every call; no target)`,
      row(`${BURST} after ${HISTORY_BURSTS * BURST} calls`, onHistory),
      `  (the same page sent ${HISTORY_BURSTS} bursts first, so it holds up to ${MAX_KEPT_CALLS} calls and forgets the oldest as this one comes; all answered, none read back; no target)`,
    ];
  } finally {
    await browser.close();
    await go.stop();
    await app.stop();
  }
}
