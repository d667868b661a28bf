import { chromium, type Page } from '@playwright/test';
import { startApp } from '../../e2e/fixtures/app';
import playwrightConfig from '../../e2e/playwright.config';
import { FRAME_RECORDING, textReached, watchText } from './page-recording';
import { fmt, percentile } from './stats';

/**
 * Frame times of the page in Chromium while 500 Demo.Sleep calls are in
 * flight, against the idle page measured in the same run. Frame time is the
 * gap between requestAnimationFrame callbacks; the longest task comes from
 * PerformanceObserver('longtask'), which reports tasks of 50 ms and more.
 */

const IN_FLIGHT = 500;
/** Every call sleeps at least this long, so all 500 are in flight together. */
const HOLD_MS = 6_000;
/** How long frames are measured while all 500 are held by the server. */
const HOLD_WINDOW_MS = 2_000;
/** Then the answers come back in reverse order, this far apart. */
const SPREAD_MS_PER_CALL = 6;
const IDLE_MS = 2_000;
const VIEWPORT = { width: 1280, height: 800 };
/** Upper bound on waiting for all 500 answers. */
const ANSWERS_TIMEOUT_MS = 60_000;

type Frames = { frames: number[]; longTasks: number[] };

/** Starts recording frame gaps and long tasks in the page. */
const START_RECORDING = `(() => {${FRAME_RECORDING}
  window.__benchStop = () => {
    stopFrameRecording();
    return { frames: record.frames, longTasks: record.longTasks };
  };
})()`;

const startRecording = (page: Page): Promise<void> => page.evaluate(START_RECORDING);
const stopRecording = (page: Page): Promise<Frames> => page.evaluate('window.__benchStop()');

type Figures = { p95: number; longest: number; frames: number; seconds: number };

function summarise(recorded: Frames): Figures {
  const frames = [...recorded.frames].sort((a, b) => a - b);
  return {
    p95: percentile(frames, 95),
    longest: Math.max(0, ...recorded.longTasks),
    frames: frames.length,
    seconds: recorded.frames.reduce((sum, gap) => sum + gap, 0) / 1000,
  };
}

export async function benchFrames(): Promise<string[]> {
  const app = await startApp();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: playwrightConfig.use?.launchOptions?.args ?? [],
  });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(app.url);
    await page.getByRole('status').filter({ hasText: 'Bridge: open' }).waitFor();
    await page.getByRole('textbox', { name: 'Target' }).fill(`${app.demo.host}:${app.demo.port}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Target: connected' }).waitFor();
    await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      `{"method":"Demo.Sleep","params":[{"Ms":"{{${HOLD_MS}+(N-i)*${SPREAD_MS_PER_CALL}}}"}]}`,
    );
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(IN_FLIGHT));

    await startRecording(page);
    await page.waitForTimeout(IDLE_MS);
    const idle = summarise(await stopRecording(page));

    const calls = page.getByRole('region', { name: 'Calls' });
    // Before the first call the summary reads "0 sent".
    const summary = calls.getByText(/^\d+ sent/);
    const pending = `${IN_FLIGHT} sent · ${IN_FLIGHT} pending`;
    const allPending = calls.getByText(pending, { exact: true });
    await summary.evaluate(watchText(pending, ANSWERS_TIMEOUT_MS));
    await startRecording(page);
    await page.getByRole('button', { name: 'Send burst' }).click();
    await textReached(page, summary, pending);
    const sending = summarise(await stopRecording(page));

    // All 500 in flight, nothing arriving; the selected call's twelve steps animate, as in a lesson.
    await startRecording(page);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    if (await play.isVisible()) await play.click();
    await page.waitForTimeout(HOLD_WINDOW_MS);
    const holding = summarise(await stopRecording(page));
    const heldThroughout = await allPending.isVisible();

    const answered = `${IN_FLIGHT} sent · ${IN_FLIGHT} answered`;
    await summary.evaluate(watchText(answered, ANSWERS_TIMEOUT_MS));
    await startRecording(page);
    await textReached(page, summary, answered);
    const answering = summarise(await stopRecording(page));

    const row = (name: string, f: Figures) =>
      `${name.padEnd(34)} p95 frame ${fmt(f.p95)} ms (${fmt(f.p95 / idle.p95)}x idle)  longest task ${fmt(f.longest, 0)} ms  (${f.frames} frames in ${fmt(f.seconds, 1)} s)`;
    return [
      row('idle page (baseline)', idle),
      row(`sending ${IN_FLIGHT} (click → all pending)`, sending),
      row(`${IN_FLIGHT} in flight, Steps playing`, holding) +
        (heldThroughout ? '' : '  [answers began inside this window]'),
      row(`answers arriving (reverse order)`, answering),
      `target: p95 frame ≤ 16.7 ms; long tasks are those ≥ 50 ms (idle longest: ${fmt(idle.longest, 0)} ms)`,
    ];
  } finally {
    await browser.close();
    await app.stop();
  }
}
