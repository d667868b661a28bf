import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connect, exportSession } from './fixtures/page-actions';

/** The screenshots are rewritten only on request (UPDATE_DOCS=1), so a test run leaves the tree clean. */
const docsPath = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

const REQUEST = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}';
/** What Go's client would write for REQUEST as the first call on a connection. */
const SENT = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":0}\n';
const SENT_BYTES = Buffer.byteLength(SENT);

const steps = (page: Page) => page.getByRole('region', { name: 'Steps' });
const current = (page: Page) => steps(page).getByRole('region', { name: 'Current step' });

/** Sends REQUEST and waits for its answer, then leaves focus on the page, not in a field. */
async function sendAdd(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(REQUEST);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'Calls' }).getByRole('listitem').first(),
  ).toContainText('answered');
  await steps(page).getByRole('heading', { name: 'Steps' }).click();
}

async function expectStep(page: Page, n: number): Promise<Locator> {
  const now = current(page);
  await expect(now.getByRole('heading')).toContainText(`Step ${n} of 12`);
  return now;
}

/**
 * A page idle for a moment answers the bridge's clock exchange in 1.5–2 ms
 * here; an estimate taken while the page loads was off by 2–50 ms
 * (docs/benchmarks.md). Half a 5 ms round trip leaves room for a busy run.
 */
const CLOCK_UNCERTAINTY_BOUND_MS = 2.5;
/** Two processes' time origins, each read from the wall clock as it started, may differ this much. */
const TIME_ORIGINS_MS = 1;

/** "±0.80 ms clock uncertainty" → 0.8 */
async function uncertaintyMs(now: Locator): Promise<number> {
  const match = /±([\d.]+) ms clock uncertainty/.exec((await now.textContent()) ?? '');
  if (!match?.[1]) throw new Error('no clock uncertainty');
  return Number(match[1]);
}

/** "+1.23 ms from call start" → 1.23, or the same "after the previous step". */
async function signedMs(now: Locator, after: string): Promise<number> {
  const text = (await now.textContent()) ?? '';
  const match = new RegExp(`([+−])([\\d.]+) ms ${after}`).exec(text);
  if (!match?.[2]) throw new Error(`no time ${after} in: ${text}`);
  return (match[1] === '−' ? -1 : 1) * Number(match[2]);
}
const sinceStart = (now: Locator) => signedMs(now, 'from call start');
const sincePrevious = (now: Locator) => signedMs(now, 'after the previous step');

test.describe('the twelve steps', () => {
  test.beforeEach(async ({ page, app }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.url);
  });

  test('stepping through a demo call with the keyboard shows each step’s real values, 4–9 observed by the server', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);

    let now = await expectStep(page, 1);
    await expect(now).toContainText('The caller calls ServiceA.Add with params [{"X":10,"Y":20}]');
    await expect(now).toContainText('observed in the page');

    await page.keyboard.press('ArrowRight');
    now = await expectStep(page, 2);
    await expect(now).toContainText(
      `marshals the call into ${SENT_BYTES} bytes, ${SENT.replace('\n', '\\n')}`,
    );
    await expect(now).toContainText('observed in the page');

    await page.keyboard.press('ArrowRight');
    now = await expectStep(page, 3);
    await expect(now).toContainText(`sends those ${SENT_BYTES} bytes`);
    await expect(now).toContainText('observed at the bridge');
    await expect(now).toContainText('clock uncertainty');

    for (const n of [4, 5, 6, 7, 8, 9]) {
      await page.keyboard.press('ArrowRight');
      now = await expectStep(page, n);
      await expect(now).toContainText('observed at the glass-box server');
      await expect(now).not.toContainText('inferred');
      // One clock (the server's) for 4–9: its times never run backwards. Read from the step before,
      // not from call start, which moves each time the page's clock estimate improves.
      if (n > 4) expect(await sincePrevious(now)).toBeGreaterThanOrEqual(0);
    }

    await page.keyboard.press('ArrowRight');
    now = await expectStep(page, 10);
    // The reply value Go wrote, {"id":0,"result":30,"error":null}, without the newline after it.
    await expect(now).toContainText("The bridge reads the reply's 33 bytes from the socket");
    await expect(now).toContainText('observed at the bridge');

    await page.keyboard.press('ArrowRight');
    now = await expectStep(page, 11);
    await expect(now).toContainText('matches it by id 0 to this call: the result 30');

    await page.keyboard.press('ArrowRight');
    now = await expectStep(page, 12);
    await expect(now).toContainText('The caller gets the result 30 from ServiceA.Add');
    await expect(steps(page).getByRole('button', { name: 'Next step' })).toBeDisabled();

    await page.keyboard.press('ArrowLeft');
    await expectStep(page, 11);
  });

  test('the bridge’s times sit where they happened: seconds after the page loads, its clock is known to a few ms, truly', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    await steps(page)
      .getByRole('button', { name: /^Step 3:/ })
      .click();
    const now = await expectStep(page, 3);
    // The page measures the bridge's clock in its first seconds; its calls are read with the best measure so far.
    await expect
      .poll(async () => uncertaintyMs(now), { timeout: 10_000 })
      .toBeLessThanOrEqual(CLOCK_UNCERTAINTY_BOUND_MS);

    // Both clocks are wall time (performance.timeOrigin + performance.now()), so the truth is known.
    const truth = await page.evaluate(() => performance.timeOrigin);
    const session = JSON.parse(await readFile((await exportSession(page)).path, 'utf8'));
    const { offsetMs, uncertaintyMs: stated } = session.calls[0].clock;
    expect(stated).toBeLessThanOrEqual(CLOCK_UNCERTAINTY_BOUND_MS);
    expect(Math.abs(offsetMs - truth)).toBeLessThanOrEqual(stated + TIME_ORIGINS_MS);
  });

  test('a call from before a reload shows its steps at the times they were measured', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{"method":"Demo.Sleep","params":[{"Ms":300}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const first = page.getByRole('list', { name: 'Calls' }).getByRole('listitem').first();
    await expect(first).toContainText('answered');
    /** Step n's time from call start, and the clock uncertainty it carries. */
    const measured = async (n: number) => {
      await steps(page)
        .getByRole('button', { name: new RegExp(`^Step ${n}:`) })
        .click();
      const now = await expectStep(page, n);
      const text = (await now.textContent()) ?? '';
      return { at: await sinceStart(now), uncertainty: Number(/±([\d.]+) ms/.exec(text)?.[1]) };
    };
    const before = [await measured(7), await measured(10)];
    // The service slept 300 ms between steps 6 and 7: it shows.
    expect(before[0]?.at).toBeGreaterThanOrEqual(300);

    // The next page's clock starts later: its own estimate would put these steps a second early.
    await page.waitForTimeout(1000);
    await page.reload();
    await expect(first).toContainText('answered');
    await expect(steps(page)).toContainText('Demo.Sleep, id 0');
    const after = [await measured(7), await measured(10)];
    for (const [i, time] of after.entries()) {
      const then = before[i] as { at: number; uncertainty: number };
      expect(Math.abs(time.at - then.at)).toBeLessThanOrEqual(
        then.uncertainty + time.uncertainty + 0.1,
      );
    }
  });

  test('a call to the Go server shows steps 4–9 as one inferred span', async ({
    page,
    goServer,
  }) => {
    await connect(page, `127.0.0.1:${goServer.port}`);
    await sendAdd(page);
    await steps(page)
      .getByRole('button', { name: /^Step 4:/ })
      .click();
    const spans = new Set<string>();
    for (const n of [4, 5, 6, 7, 8, 9]) {
      const now = await expectStep(page, n);
      await expect(now).toContainText('inferred: not observed inside the server');
      await expect(now).not.toContainText('glass-box');
      const text = (await now.textContent()) ?? '';
      const span = /last byte written → first byte back, ([\d.]+ ms)/.exec(text)?.[1];
      expect(span, text).toBeDefined();
      spans.add(span ?? '');
      await page.keyboard.press('ArrowRight');
    }
    expect(spans.size).toBe(1);
    await expect(current(page)).toContainText('observed at the bridge');
  });

  test('Play, Space and the shortcut list; keys do nothing while typing in the editor', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    await expectStep(page, 1);

    // Teaching pace stops at every step by default: Space plays on to step 2 and stops there.
    await page.keyboard.press('Space');
    await expectStep(page, 2);
    await expect(steps(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await steps(page).getByRole('button', { name: 'Play', exact: true }).click();
    await expectStep(page, 3);

    await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect(steps(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expectStep(page, 3);

    await steps(page).getByRole('heading', { name: 'Steps' }).click();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Play or pause');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Replay starts the call again from step 1, and teaching pace stops at step 2.
    await steps(page).getByRole('button', { name: 'Replay' }).click();
    await expectStep(page, 2);
    await expect(steps(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  });

  test('Replay in the call list selects that call and plays it from step 1', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const rows = page.getByRole('list', { name: 'Calls' }).getByRole('listitem');
    await expect(rows.nth(1)).toContainText('answered');
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(steps(page)).toContainText('ServiceA.Add, id 1');
    await expectStep(page, 2);

    // About 2.5 s per step (the slider runs over minus log10 of the dwell): time to see step 1 playing.
    await steps(page).getByRole('slider', { name: 'Speed' }).fill('-3.4');
    await rows.first().getByRole('button', { name: 'Replay ServiceA.Add id 0' }).click();
    await expect(rows.first()).toHaveAttribute('aria-current', 'true');
    await expect(steps(page)).toContainText('ServiceA.Add, id 0');
    await expect(steps(page).getByRole('button', { name: 'Pause' })).toBeVisible();
    const now = await expectStep(page, 1);
    await expect(now).toContainText('The caller calls ServiceA.Add');
    // Teaching pace plays on to step 2 and stops there.
    await expectStep(page, 2);
    await expect(steps(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect(current(page)).toContainText('"id":0');
  });

  test('real time, slowed down, plays the whole call through, also with reduced motion', async ({
    page,
    app,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    const region = steps(page);
    await region.getByRole('combobox', { name: 'Mode' }).selectOption('real-time');
    await expect(region.getByRole('checkbox', { name: 'Stop at every step' })).toBeHidden();
    // The speed slider runs over minus log10 of the slow-down: -1 is ten times slower.
    const speed = region.getByRole('slider', { name: 'Speed' });
    await speed.fill('-1');
    await expect(speed).toHaveAttribute('aria-valuetext', '10× slower');
    await region.getByRole('button', { name: 'Play', exact: true }).click();
    await expectStep(page, 12);
    await expect(region.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect(region.getByRole('slider', { name: 'Timeline' })).toHaveAttribute(
      'aria-valuetext',
      /^Step 12 of 12, /,
    );
  });

  test('switching to Chinese changes the step texts and is remembered across a reload', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    await expectStep(page, 1);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    const region = page.getByRole('region', { name: '步骤', exact: true });
    const now = region.getByRole('region', { name: '当前步骤' });
    await expect(now.getByRole('heading')).toContainText('第 1 步，共 12 步');
    await expect(now).toContainText('调用方像调用本地函数一样调用 ServiceA.Add');
    await expect(region.getByRole('button', { name: '下一步' })).toBeVisible();
    await region.getByRole('button', { name: '下一步' }).click();
    await expect(now).toContainText(`客户端存根把调用编组成 ${SENT_BYTES} 字节`);
    // The other regions' controls speak Chinese too.
    await expect(page.getByRole('button', { name: '发送', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: '响应' })).toContainText('30');

    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('zh');
    const after = page.getByRole('region', { name: '步骤', exact: true });
    await expect(after.getByRole('button', { name: '播放', exact: true })).toBeVisible();
    await expect(after.getByRole('button', { name: '下一步' })).toBeVisible();
  });

  test('the whole page speaks Chinese, and still does after a reload', async ({ page, app }) => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(page.getByRole('status')).toContainText('网桥：已打开');
    await page.getByRole('textbox', { name: '目标' }).fill(`${app.demo.host}:${app.demo.port}`);
    await page.getByRole('button', { name: '连接', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('目标：已连接');
    await page.getByRole('textbox', { name: '请求' }).click({ force: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(REQUEST);
    await page.getByRole('button', { name: '发送', exact: true }).click();

    const calls = page.getByRole('region', { name: '调用', exact: true });
    await expect(calls.getByRole('listitem').first()).toContainText('已回复');
    await expect(calls).toContainText('已发送 1');
    await expect(calls.getByRole('button', { name: '重播 ServiceA.Add id 0' })).toBeVisible();
    const response = page.getByRole('region', { name: '响应' });
    await expect(response).toContainText('状态');
    await expect(response).toContainText('页面内');
    await expect(page.getByRole('tab', { name: '时序图' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // No English left on the controls a learner uses.
    for (const name of ['Connect', 'Send', 'Play', 'Next step', 'Replay']) {
      await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
    }

    await page.reload();
    await expect(page.getByRole('button', { name: '连接', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '发送', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: '调用', exact: true })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('网桥');
  });

  test('projection mode hides the side panels and keeps the page from scrolling', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    const toggle = page.getByRole('button', { name: 'Projection mode' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const scroll = () =>
      page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(await scroll()).toBeLessThanOrEqual(0);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: 'Composer' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Response' })).toBeHidden();
    await expect(steps(page)).toBeVisible();
    expect(await scroll()).toBeLessThanOrEqual(0);
    await toggle.click();
    await expect(page.getByRole('region', { name: 'Composer' })).toBeVisible();
  });

  test('projection mode on a 720p projector shows the Steps view and the sequence diagram side by side, both whole', async ({
    page,
    app,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    const sequence = page.getByRole('region', { name: 'Sequence' });
    const nameSize = () =>
      sequence.getByText('Bridge', { exact: true }).evaluate((e) => getComputedStyle(e).fontSize);
    expect(await nameSize()).toBe('12px');
    await page.getByRole('button', { name: 'Projection mode' }).click();
    // Read from the back of the room, as the Steps view's words are.
    await expect.poll(nameSize).toBe('15px');
    await expect(steps(page)).toBeInViewport({ ratio: 1 });
    await expect(sequence).toBeInViewport({ ratio: 1 });
    const diagram = await sequence.getByRole('group', { name: 'Sequence' }).boundingBox();
    const stepsBox = await steps(page).boundingBox();
    expect(diagram && stepsBox).toBeTruthy();
    if (diagram && stepsBox) {
      expect(diagram.x).toBeGreaterThanOrEqual(stepsBox.x + stepsBox.width);
      // Stacked under the Steps view it had nothing left; beside it, most of the window's height.
      expect(diagram.height).toBeGreaterThan(300);
    }
    // The narrower Steps view wraps its controls rather than cutting the timeline off.
    const timeline = await page.getByRole('slider', { name: 'Timeline' }).boundingBox();
    expect(timeline && stepsBox).toBeTruthy();
    if (timeline && stepsBox) {
      expect(timeline.x + timeline.width).toBeLessThanOrEqual(stepsBox.x + stepsBox.width);
    }

    // The heads are read from the back of the room too.
    const titleSize = (name: string) =>
      page
        .getByRole('heading', { name, exact: true, level: 2 })
        .evaluate((e) => getComputedStyle(e).fontSize);
    expect(await titleSize('Steps')).toBe('19px');
    expect(await titleSize('Sequence')).toBe('19px');
    // The twelve-step diagram is laid out for its half of the screen: its names were 11 px tall.
    const actor = await steps(page).getByText('Client stub', { exact: true }).boundingBox();
    expect(actor?.height).toBeGreaterThanOrEqual(15);
    // The wire's bytes were 10 px: now larger, and a row of 16 still fits without scrolling sideways.
    await page.getByRole('tab', { name: 'Wire' }).click();
    const bytes = page.getByRole('list', { name: 'Wire bytes' });
    await expect(bytes.getByRole('listitem').first()).toHaveCSS('font-size', '13px');
    const sideways = await bytes.evaluate((ul) => {
      const box = ul.parentElement;
      return box ? box.scrollWidth - box.clientWidth : Number.NaN;
    });
    expect(sideways).toBeLessThanOrEqual(0);
  });

  test('a prediction on a 720p projector: its input, its button and the outcome stay whole and inside the Steps view', async ({
    page,
    app,
  }) => {
    // The Predict button wrapped under its input, and the step's timing line sank under the step buttons.
    await page.setViewportSize({ width: 1280, height: 720 });
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    await page.getByRole('button', { name: 'Projection mode' }).click();
    const prediction = page.getByRole('region', { name: 'Prediction' });
    const input = prediction.getByRole('textbox', { name: 'Predict the next reply’s id' });
    const predict = prediction.getByRole('button', { name: 'Predict', exact: true });
    const box = async (locator: Locator) => {
      const b = await locator.boundingBox();
      if (!b) throw new Error('not laid out');
      return b;
    };
    const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
    const within = async (locator: Locator) => {
      const [inner, outer] = [await box(locator), await box(steps(page))];
      expect(inner.x).toBeGreaterThanOrEqual(outer.x);
      expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
    };
    const apart = async () => {
      // The timing line of the current step sits above the step buttons, not under them.
      const times = await box(current(page).getByText(/from call start/));
      const chip = await box(steps(page).getByRole('button', { name: /^Step 1:/ }));
      expect(times.y + times.height).toBeLessThanOrEqual(chip.y);
    };
    await input.fill('5');
    expect(Math.abs(middle(await box(predict)) - middle(await box(input)))).toBeLessThan(4);
    await within(predict);
    await apart();

    await predict.click();
    // The composer is hidden while projecting; the Steps view's head sends in its place.
    await steps(page).getByRole('button', { name: 'Send', exact: true }).click();
    await expect(prediction).toContainText('Not this time: you said 5');
    const again = prediction.getByRole('button', { name: 'Predict again' });
    await within(again);
    await within(prediction.getByText(/^Not this time/));
    // On one line: two lines of its words would be more than twice its font's size tall.
    const [height, fontPx] = await again.evaluate((e) => [
      e.getBoundingClientRect().height,
      Number.parseFloat(getComputedStyle(e).fontSize),
    ]);
    expect(height).toBeLessThan(2 * fontPx);
    await apart();
    await expect(steps(page).getByRole('button', { name: 'Shortcuts (?)' })).toBeInViewport();
    // The outcome's four lines squeezed the step diagram to 68 px; it gives way to 100 px, then the view scrolls.
    const diagram = steps(page).getByRole('img', { name: /^Diagram of the twelve steps/ });
    expect((await box(diagram)).height).toBeGreaterThanOrEqual(99);
    const play = steps(page).getByRole('button', { name: 'Play', exact: true });
    await play.scrollIntoViewIfNeeded();
    await expect(play).toBeInViewport();
    await within(play);
  });

  test('projection mode sends without the composer: Send and Send burst in the Steps view, and why not when they cannot', async ({
    page,
    app,
  }) => {
    // The composer and the call list are hidden while projecting; a class still needs the next call.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Projection mode' }).click();
    await expect(page.getByRole('region', { name: 'Composer' })).toBeHidden();
    const sending = steps(page).getByRole('group', { name: 'Send the request in the editor' });
    const send = sending.getByRole('button', { name: 'Send', exact: true });
    const burst = sending.getByRole('button', { name: 'Send burst of 10' });
    await expect(send).toBeDisabled();
    await expect(burst).toBeDisabled();
    await expect(sending).toContainText('Connect to a target first.');
    await expect(send).toHaveAccessibleDescription('Connect to a target first.');

    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await expect(send).toBeEnabled();
    await expect(sending).not.toContainText('Connect to a target first.');
    // The only Send on screen: the composer's is hidden, not merely covered.
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toHaveCount(1);
    await send.click();
    await expect(steps(page)).toContainText('ServiceA.Add, id 0');
    await expectStep(page, 1);
    await burst.click();
    await expect(sending).toBeVisible();

    const projection = page.getByRole('button', { name: 'Projection mode' });
    await projection.click();
    await expect(sending).toHaveCount(0);
    const calls = page.getByRole('region', { name: 'Calls' });
    await expect(calls).toContainText('11 sent · 11 answered');

    // A long burst, one call at a time, is stopped from the view as well.
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill('5000');
    await page
      .getByRole('combobox', { name: 'Burst mode' })
      .selectOption({ label: 'Call — one at a time, like client.Call' });
    await projection.click();
    await sending.getByRole('button', { name: 'Send burst of 5000' }).click();
    await sending.getByRole('button', { name: 'Stop burst' }).click();
    await expect(sending.getByRole('button', { name: 'Send burst of 5000' })).toBeEnabled();
    await projection.click();
    const sent = Number(/^(\d+) sent/.exec(await calls.getByText(/^\d+ sent/).innerText())?.[1]);
    expect(sent).toBeGreaterThan(11);
    expect(sent).toBeLessThan(5011);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('button', { name: '投影模式' }).click();
    await expect(
      page
        .getByRole('group', { name: '发送编辑器中的请求' })
        .getByRole('button', { name: '并发发送 5000 个调用' }),
    ).toBeEnabled();
  });

  test('Sequence and Wire take turns under the Steps view as tabs, by mouse or arrow keys', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    const sequenceTab = page.getByRole('tab', { name: 'Sequence' });
    const wireTab = page.getByRole('tab', { name: 'Wire' });
    await expect(sequenceTab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Sequence' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Wire' })).toHaveCount(0);

    await sequenceTab.focus();
    await page.keyboard.press('ArrowRight');
    await expect(wireTab).toBeFocused();
    await expect(wireTab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Wire' })).toContainText('ServiceA.Add');
    await expect(page.getByRole('region', { name: 'Sequence' })).toHaveCount(0);
    // The arrow moved between tabs, not through the call's steps.
    await expectStep(page, 1);

    await page.keyboard.press('ArrowLeft');
    await expect(sequenceTab).toHaveAttribute('aria-selected', 'true');
    await wireTab.click();
    await expect(page.getByRole('tabpanel', { name: 'Wire' })).toBeVisible();
    const scroll = await page.evaluate(
      () => document.documentElement.scrollHeight - window.innerHeight,
    );
    expect(scroll).toBeLessThanOrEqual(0);
  });

  test('takes the Steps screenshots mid-call, in English and in Chinese', async ({
    page,
    app,
  }, testInfo) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await sendAdd(page);
    await steps(page)
      .getByRole('button', { name: /^Step 6:/ })
      .click();
    await expectStep(page, 6);
    const write = process.env.UPDATE_DOCS === '1';
    await steps(page).screenshot({
      path: write ? docsPath('steps-en.png') : testInfo.outputPath('steps-en.png'),
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(page.getByRole('region', { name: '当前步骤' })).toContainText('第 6 步');
    await page.getByRole('region', { name: '步骤', exact: true }).screenshot({
      path: write ? docsPath('steps-zh.png') : testInfo.outputPath('steps-zh.png'),
    });
  });
});
