import type { Page } from '@playwright/test';
import { startTcpServer } from '../bridge/testing/tcp-servers';
import { expect, test } from './fixtures';
import { calls, connect, send } from './fixtures/page-actions';

const BURST = 8;
/** Wide enough that a busy machine cannot reorder the answers or make their arrows overlap. */
const SPACING_MS = 150;

async function sendReverseBurst(page: Page, target: string): Promise<void> {
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  await page.getByRole('textbox', { name: 'Target' }).fill(target);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Target: connected');
  // Call i sleeps (N-i)*SPACING_MS: the last one sent is the first answered.
  await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(
    `{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*${SPACING_MS}}}"}]}`,
  );
  await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(BURST));
  await page.getByRole('button', { name: 'Send burst' }).click();
  await expect(page.getByRole('region', { name: 'Calls' })).toContainText(
    `${BURST} sent · ${BURST} answered`,
  );
}

const sequence = (page: Page) => page.getByRole('region', { name: 'Sequence' });
const arrows = (page: Page, id: number) =>
  sequence(page).getByRole('button', { name: new RegExp(`^Demo\\.Sleep id ${id} `) });
/** The hop where an answer leaves the server's lane, crossing the calls it overtook. */
const crossingArrow = (page: Page, id: number, hop: string) =>
  sequence(page).getByRole('button', { name: new RegExp(`^Demo\\.Sleep id ${id} reply, ${hop},`) });

const overtook = (n: number) => new RegExp(`overtook ${n} earlier calls?$`);

test.describe('the sequence diagram', () => {
  test.beforeEach(async ({ page, app }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(app.url);
  });

  test('answers in reverse order cross the calls they overtook (glass-box demo server)', async ({
    page,
    app,
  }) => {
    await sendReverseBurst(page, `${app.demo.host}:${app.demo.port}`);
    await expect(sequence(page)).toContainText(`${BURST - 1} answers overtook earlier calls`);
    // The server's inside is drawn: the answer leaves the service for the server stub.
    for (let id = 1; id < BURST; id++) {
      await expect(crossingArrow(page, id, 'Service → Server stub')).toHaveAccessibleName(
        overtook(id),
      );
    }
    await expect(crossingArrow(page, 0, 'Service → Server stub')).not.toHaveAccessibleName(
      /overtook/,
    );
    // Every bar here was reported by the server: the legend says so, and nothing of dashes.
    await expect(sequence(page).getByText(/^solid bar: time inside the service/)).toBeVisible();
    await expect(sequence(page)).not.toContainText('dashed');
  });

  test('a black-box Go server: the answers cross too, on the inferred span', async ({
    page,
    goServer,
  }) => {
    await sendReverseBurst(page, `127.0.0.1:${goServer.port}`);
    await expect(sequence(page)).toContainText(`${BURST - 1} answers overtook earlier calls`);
    await expect(crossingArrow(page, BURST - 1, 'Server → Bridge')).toHaveAccessibleName(
      overtook(BURST - 1),
    );
    await expect(crossingArrow(page, 0, 'Server → Bridge')).not.toHaveAccessibleName(/overtook/);
    await expect(sequence(page).getByRole('button', { name: /Server stub/ })).toHaveCount(0);
    // The legend explains the bars drawn: dashed, inferred ones only.
    await expect(
      sequence(page).getByText(/^dashed: time inside a server not observed/),
    ).toBeVisible();
    await expect(sequence(page)).not.toContainText('solid bar');
  });

  test('clicking an arrow selects its call in the list and the response', async ({ page, app }) => {
    await sendReverseBurst(page, `${app.demo.host}:${app.demo.port}`);
    for (const id of [2, 6]) {
      // Server-side times are exact, so these arrows sit SPACING_MS apart however busy the page is.
      await crossingArrow(page, id, 'Service → Server stub').click();
      await expect(calls(page).nth(id)).toHaveAttribute('aria-current', 'true');
      await expect(page.getByRole('region', { name: 'Response' })).toContainText(
        `"Ms":${(BURST - id) * SPACING_MS}`,
      );
    }
  });

  test('selecting a call highlights its arrows, and the current step’s arrow', async ({
    page,
    app,
  }) => {
    await sendReverseBurst(page, `${app.demo.host}:${app.demo.port}`);
    await calls(page).nth(5).getByRole('button').first().click();
    const selected = arrows(page, 5);
    await expect(selected).toHaveCount(8);
    for (const arrow of await selected.all()) {
      await expect(arrow).toHaveAttribute('aria-current', /^(true|step)$/);
    }
    await expect(arrows(page, 4)).toHaveCount(8);
    for (const arrow of await arrows(page, 4).all()) {
      await expect(arrow).not.toHaveAttribute('aria-current');
    }
    // A new selection starts at step 1: the request on its way from the page to the bridge.
    const request = sequence(page).getByRole('button', {
      name: /^Demo\.Sleep id 5 request, Page → Bridge,/,
    });
    await expect(request).toHaveAttribute('aria-current', 'step');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next step' }).click();
    await expect(
      sequence(page).getByRole('button', { name: /^Demo\.Sleep id 5 request, Bridge → Server,/ }),
    ).toHaveAttribute('aria-current', 'step');
    await expect(request).toHaveAttribute('aria-current', 'true');
  });

  test('a burst of 1,000 is shaded as density, with its named arrows bounded', async ({
    page,
    goServer,
  }) => {
    const many = 1000;
    await expect(page.getByRole('status')).toContainText('Bridge: open');
    await page.getByRole('textbox', { name: 'Target' }).fill(`127.0.0.1:${goServer.port}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Target: connected');
    await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('{"method":"ServiceA.Add","params":[{"X":"{{i}}","Y":1}]}');
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(many));
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(page.getByRole('region', { name: 'Calls' })).toContainText(
      `${many} sent · ${many} answered`,
      { timeout: 30_000 },
    );
    await expect(sequence(page)).toContainText('Too many messages to draw one by one');
    // Only the labelled calls' arrows are buttons, not 4,000.
    const named = sequence(page).getByRole('button', { name: /^ServiceA\.Add id / });
    await expect(named.first()).toBeVisible();
    expect(await named.count()).toBeLessThanOrEqual(100);
    // The selected call keeps all four of its arrows, named and highlighted (the list shows its end).
    await page
      .getByRole('list', { name: 'Calls' })
      .getByRole('button', { name: /^ServiceA\.Add id 990 / })
      .click();
    const selected = sequence(page).getByRole('button', { name: /^ServiceA\.Add id 990 / });
    await expect(selected).toHaveCount(4);
    for (const arrow of await selected.all()) {
      await expect(arrow).toHaveAttribute('aria-current', /^(true|step)$/);
    }
  });

  test('speaks Chinese when the page does', async ({ page, app }) => {
    await sendReverseBurst(page, `${app.demo.host}:${app.demo.port}`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    const region = page.getByRole('region', { name: '时序图' });
    await expect(region).toContainText(`${BURST - 1} 个回复超过了更早发出的调用`);
    await expect(region.getByRole('button', { name: '放大' })).toBeVisible();
    await expect(
      region.getByRole('button', { name: /^Demo\.Sleep id 3 回复，服务 → 服务器存根，/ }),
    ).toHaveAccessibleName(/超过了 3 个更早的调用$/);
  });

  test('calls from before a reload are drawn before this page’s, where they happened', async ({
    page,
    app,
  }) => {
    const demo = `${app.demo.host}:${app.demo.port}`;
    await connect(page, demo);
    // Late on the first page's clock, so on the next page's clock it would come after the new call.
    await page.waitForTimeout(3_000);
    await send(page, '{"method":"UserService.Get","params":[{"userid":1}]}');
    await expect(calls(page).first()).toContainText('answered');
    await page.reload();
    await connect(page, demo);
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).nth(1)).toContainText('answered');
    const first = (method: string) =>
      sequence(page)
        .getByRole('button', {
          name: new RegExp(`^${method.replace('.', '\\.')} id 0 request, Page → Bridge`),
        })
        .first();
    const reloaded = sequence(page).getByRole('separator', {
      name: /^page reloaded · \d+\.\d s idle$/,
    });
    await expect(reloaded).toHaveCount(1);
    const middle = async (box: Promise<{ y: number; height: number } | null>) => {
      const b = await box;
      return b ? b.y + b.height / 2 : Number.NaN;
    };
    // Read together, again if the diagram was redrawn in between: the page refines its clock
    // estimate in its first seconds, and each refinement places the earlier load anew.
    await expect(async () => {
      const before = await middle(first('UserService.Get').boundingBox());
      const mark = await middle(reloaded.boundingBox());
      const after = await middle(first('ServiceA.Add').boundingBox());
      expect(before).toBeLessThan(mark);
      expect(mark).toBeLessThan(after);
    }).toPass({ timeout: 10_000 });
  });

  test('a pause between calls is cut out of the time axis and says how long it was', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).first()).toContainText('answered');
    await page.waitForTimeout(2_000);
    await send(page, '{"method":"ServiceA.Add","params":[{"X":3,"Y":4}]}');
    await expect(calls(page).nth(1)).toContainText('answered');
    const pause = sequence(page).getByRole('separator', { name: /^\d+\.\d s idle$/ });
    await expect(pause).toHaveCount(1);
    const idleSeconds = Number((await pause.getAttribute('aria-label'))?.split(' ')[0]);
    expect(idleSeconds).toBeGreaterThanOrEqual(2);
    await expect(sequence(page).getByText(/^\d+\.\d s idle$/)).toBeVisible();
    // Drawn to scale, the two seconds of nothing would fill the diagram between the calls.
    const hop = (id: number, direction: string, route: string) =>
      sequence(page)
        .getByRole('button', {
          name: new RegExp(`^ServiceA\\.Add id ${id} ${direction}, ${route},`),
        })
        .boundingBox();
    const firstAnswered = await hop(0, 'reply', 'Bridge → Page');
    const secondSent = await hop(1, 'request', 'Page → Bridge');
    const diagram = await sequence(page).getByRole('group', { name: 'Sequence' }).boundingBox();
    expect(firstAnswered && secondSent && diagram).toBeTruthy();
    if (firstAnswered && secondSent && diagram) {
      const between = secondSent.y - (firstAnswered.y + firstAnswered.height);
      expect(between).toBeLessThan(diagram.height / 4);
    }
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(
      page
        .getByRole('region', { name: '时序图' })
        .getByRole('separator', { name: /^空闲 \d+\.\d 秒$/ }),
    ).toHaveCount(1);
  });

  for (const [width, height] of [
    [1400, 900],
    [1366, 768],
  ] as const) {
    test(`on a ${width}×${height} window the diagram keeps room to read, its names above the arrows and its legend whole`, async ({
      page,
      app,
    }) => {
      // Fitted to the window under the Steps view, it was left 96 px (1366×768) or 127 px (1400×900).
      await page.setViewportSize({ width, height });
      await connect(page, `${app.demo.host}:${app.demo.port}`);
      await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
      await expect(calls(page).first()).toContainText('answered');
      await sequence(page).scrollIntoViewIfNeeded();
      // Scrolled to the stage's end: all of it but the last pixel row of its border.
      await expect(sequence(page)).toBeInViewport({ ratio: 0.99 });
      const diagram = await sequence(page).getByRole('group', { name: 'Sequence' }).boundingBox();
      expect(diagram?.height).toBeGreaterThanOrEqual(200);
      for (const name of ['Page', 'Bridge', 'Server', 'Server stub', 'Service']) {
        const box = await sequence(page).getByText(name, { exact: true }).boundingBox();
        expect(box && diagram).toBeTruthy();
        if (box && diagram) expect(box.y + box.height).toBeLessThanOrEqual(diagram.y);
      }
      await expect(sequence(page).getByText(/^solid bar: time inside the service/)).toBeInViewport({
        ratio: 1,
      });
      // The stage under the header scrolls; the page itself still does not.
      await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeInViewport();
    });
  }

  test('zoom in spreads the calls over a diagram that scrolls; zoom out and Fit all bring them back', async ({
    page,
    app,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await sendReverseBurst(page, `${app.demo.host}:${app.demo.port}`);
    await sequence(page).scrollIntoViewIfNeeded();
    const zoomIn = sequence(page).getByRole('button', { name: 'Zoom in' });
    const zoomOut = sequence(page).getByRole('button', { name: 'Zoom out' });
    const fit = sequence(page).getByRole('button', { name: 'Fit all' });
    // Beside the note "7 answers overtook earlier calls", on the title's line: they used to wrap below it.
    await expect(sequence(page).getByText('7 answers overtook earlier calls')).toBeVisible();
    const title = await sequence(page).getByRole('heading', { name: 'Sequence' }).boundingBox();
    for (const button of [zoomOut, zoomIn, fit]) {
      const box = await button.boundingBox();
      expect(box && title).toBeTruthy();
      if (box && title) expect(box.y).toBeLessThan(title.y + title.height);
    }
    /** How far the diagram scrolls: 0 when it fits. */
    const overflow = () =>
      sequence(page)
        .getByRole('group', { name: 'Sequence' })
        .evaluate((svg) => {
          const box = svg.parentElement?.parentElement;
          return box ? box.scrollHeight - box.clientHeight : -1;
        });
    expect(await overflow()).toBe(0);
    await expect(zoomOut).toBeDisabled();
    await expect(fit).toBeDisabled();
    for (let i = 0; i < 3; i++) await zoomIn.click();
    await expect.poll(overflow).toBeGreaterThan(300);
    const zoomed = await overflow();
    await zoomOut.click();
    await expect.poll(overflow).toBeLessThan(zoomed);
    await expect.poll(overflow).toBeGreaterThan(0);
    await fit.click();
    await expect.poll(overflow).toBe(0);
    await expect(zoomOut).toBeDisabled();
    await expect(fit).toBeDisabled();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(
      page.getByRole('region', { name: '时序图' }).getByRole('button', { name: '放大' }),
    ).toBeEnabled();
  });

  test('on a narrow window the diagram and the Response panel stack without overlapping', async ({
    page,
    app,
  }) => {
    await page.setViewportSize({ width: 800, height: 800 });
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).first()).toContainText('answered');
    const diagram = await sequence(page).boundingBox();
    const response = await page.getByRole('region', { name: 'Response' }).boundingBox();
    expect(diagram && response).toBeTruthy();
    if (diagram && response) {
      expect(diagram.height).toBeGreaterThanOrEqual(220);
      expect(response.y).toBeGreaterThanOrEqual(diagram.y + diagram.height);
    }
  });

  test('a call that got no answer does not hold the axis open: the pause after it is cut too', async ({
    page,
  }) => {
    // Takes every request and never answers.
    const silent = await startTcpServer((socket) => socket.resume());
    try {
      await page.getByRole('spinbutton', { name: 'Timeout' }).fill('1');
      await connect(page, `127.0.0.1:${silent.port}`);
      await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
      await expect(calls(page).first()).toContainText('failed', { timeout: 5_000 });
      await send(page, '{"method":"ServiceA.Add","params":[{"X":3,"Y":4}]}');
      await expect(calls(page).nth(1)).toContainText('failed', { timeout: 5_000 });
      await expect(sequence(page).getByRole('separator', { name: /^\d+\.\d s idle$/ })).toHaveCount(
        1,
      );
    } finally {
      await silent.close();
    }
  });
});
