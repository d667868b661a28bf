import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startApp } from './fixtures/app';
import { startGoServer } from './fixtures/go-server';
import { calls, connect, response, typeRequest } from './fixtures/page-actions';

/** Sends a call the server holds for 30 s, so it is still in flight when something goes away. */
async function sendCallLeftInFlight(page: Page): Promise<void> {
  await typeRequest(page, '{"method":"Demo.Sleep","params":[{"Ms":30000}]}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(calls(page).first()).toContainText('pending');
}

/** Connects to the Go server, with bursts of `size` calls to ServiceA.Add asking i + 1. */
async function readyBurstsOfAdds(page: Page, port: number, size: number): Promise<void> {
  await connect(page, `127.0.0.1:${port}`);
  await typeRequest(page, '{"method":"ServiceA.Add","params":[{"X":"{{i}}","Y":1}]}');
  await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(size));
}

/** The call list's row of the call with this id, if it is rendered. */
function callWithId(page: Page, id: number) {
  return calls(page).filter({ hasText: new RegExp(`\\bid ${id}\\b`) });
}

test.describe('the playground against real servers', () => {
  test.beforeEach(async ({ page, app }) => {
    await page.goto(app.url);
  });

  test('ServiceA.Add 10+20 on the Go server shows 30', async ({ page, goServer }) => {
    await connect(page, `127.0.0.1:${goServer.port}`);
    await typeRequest(page, '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).first()).toContainText('answered');
    await expect(calls(page).first()).toContainText('id 0');
    await expect(response(page).getByText('30', { exact: true })).toBeVisible();
  });

  test('UserService.Get from the template, sent with Ctrl+Enter, shows the demo reply', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await page.getByRole('combobox', { name: 'Template' }).selectOption('UserService.Get');
    await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
    await page.keyboard.press('Control+Enter');
    await expect(calls(page).first()).toContainText('UserService.Get');
    await expect(response(page)).toContainText('"code": 1');
    await expect(response(page)).toContainText('"message": "success"');
    await expect(response(page)).toContainText('"data": "userid = 1"');
  });

  test('an unknown method shows Go’s error text', async ({ page, goServer }) => {
    await connect(page, `127.0.0.1:${goServer.port}`);
    await typeRequest(page, '{"method":"Nope.Add","params":[{"X":1,"Y":2}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).first()).toContainText('error');
    const error = response(page).getByRole('region', { name: 'Error' });
    await expect(error).toContainText("rpc: can't find service Nope.Add");
    await expect(error).toContainText('Method ran');
  });

  test('a Demo.Sleep burst comes back out of order, each answer on its own call', async ({
    page,
    goServer,
  }) => {
    const n = 8;
    await connect(page, `127.0.0.1:${goServer.port}`);
    // Wide enough that a busy machine cannot reorder the answers.
    const spacingMs = 150;
    await typeRequest(page, `{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*${spacingMs}}}"}]}`);
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(n));
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(calls(page)).toHaveCount(n);
    for (let i = 0; i < n; i++) {
      await expect(calls(page).nth(i)).toContainText('answered');
    }
    // Call i sleeps (N-i)*spacingMs, so the last one sent is the first answered.
    for (let i = 0; i < n; i++) {
      const ms = (n - i) * spacingMs;
      const item = calls(page).nth(i);
      await expect(item).toContainText(`id ${i}`);
      await expect(item).toContainText(`reply #${n - i}`);
      await item.getByRole('button').first().click();
      await expect(item).toHaveAttribute('aria-current', 'true');
      await expect(response(page)).toContainText(`"Ms":${ms}`);
      await expect(response(page).getByText(String(ms), { exact: true })).toBeVisible();
    }
  });

  test('a burst of 1000 is answered in full and the page stays usable, without page scroll', async ({
    page,
    app,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await typeRequest(page, '{"method":"Demo.Sleep","params":[{"Ms":"{{i%50}}"}]}');
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill('1000');
    await page.getByRole('button', { name: 'Send burst' }).click();
    const list = page.getByRole('region', { name: 'Calls' });
    await expect(list).toContainText('1000 sent · 1000 answered', { timeout: 30_000 });
    // The newest call is in view and selected; the keyboard walks the list.
    const last = calls(page).last();
    await expect(last).toContainText('id 999');
    await expect(last).toHaveAttribute('aria-current', 'true');
    await expect(last).toHaveAttribute('aria-setsize', '1000');
    await last.getByRole('button').first().press('ArrowUp');
    await expect(response(page)).toContainText('"id":998');
    await expect(response(page).getByText('48', { exact: true })).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight))
      .toBeLessThanOrEqual(0);
  });

  test('on a 1280×720 window the page does not scroll: the composer’s column does, and shows a few calls', async ({
    page,
    app,
  }) => {
    // The column ran 9 px past the window, so the page scrolled, and the call list's frame was 70 px tall.
    await page.setViewportSize({ width: 1280, height: 720 });
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await typeRequest(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    for (let i = 0; i < 4; i++) {
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(calls(page).last()).toContainText(`id ${i}`);
    }
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight))
      .toBeLessThanOrEqual(0);
    const region = page.getByRole('region', { name: 'Calls' });
    await region.scrollIntoViewIfNeeded();
    await expect(region).toBeInViewport({ ratio: 1 });
    // The list scrolls inside its frame: the frame's height is what shows.
    const shown = await page
      .getByRole('list', { name: 'Calls' })
      .evaluate((ul) => ul.parentElement?.getBoundingClientRect().height ?? 0);
    expect(shown).toBeGreaterThanOrEqual(100);
    await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeInViewport();
  });

  test('past 12,000 calls the oldest settled ones are forgotten and counted; the last burst is kept whole', async ({
    page,
    goServer,
  }) => {
    test.slow();
    await readyBurstsOfAdds(page, goServer.port, 10_000);
    const summary = page.getByRole('region', { name: 'Calls' }).getByText(/^\d+ sent/);
    for (const total of [10_000, 20_000]) {
      await page.getByRole('button', { name: 'Send burst' }).click();
      await expect(summary).toHaveText(
        new RegExp(`^${total} sent · \\d+ answered( · \\d+ oldest forgotten)?$`),
        { timeout: 60_000 },
      );
    }
    const counts = /^20000 sent · (\d+) answered · (\d+) oldest forgotten$/.exec(
      `${await summary.textContent()}`,
    );
    const [, answered = '', forgotten = ''] = counts ?? [];
    expect(Number(answered) + Number(forgotten)).toBe(20_000);
    expect(Number(answered)).toBeGreaterThanOrEqual(10_000);
    expect(Number(answered)).toBeLessThanOrEqual(12_000);
    // The list holds what is kept, the newest last: the second burst's call i = 9999 asked 9999 + 1.
    const last = calls(page).last();
    await expect(last).toContainText('id 19999');
    await expect(last).toHaveAttribute('aria-setsize', answered);
    await last.getByRole('button').first().click();
    await expect(response(page).getByText('10000', { exact: true })).toBeVisible();
  });

  test('a call list scrolled up keeps the same calls in view while the oldest are forgotten', async ({
    page,
    goServer,
  }) => {
    test.slow();
    await readyBurstsOfAdds(page, goServer.port, 10_000);
    const region = page.getByRole('region', { name: 'Calls' });
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(region).toContainText('10000 sent · 10000 answered', { timeout: 60_000 });

    // Reading call 9990, near the end of the first burst, which the second one keeps.
    await page.getByRole('list', { name: 'Calls' }).evaluate((el) => {
      const box = el.parentElement;
      if (box) box.scrollTop = box.scrollHeight * 0.999;
    });
    await expect(callWithId(page, 9990)).toBeInViewport();
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(region).toContainText(/20000 sent · \d+ answered · \d+ oldest forgotten/, {
      timeout: 60_000,
    });
    // Twice the follow interval and more: a paced scroll, had it been due, would have come.
    await page.waitForTimeout(500);
    await expect(callWithId(page, 9990)).toBeInViewport();
    await expect(callWithId(page, 19999)).toHaveCount(0);
  });

  test('the call list follows new calls only while it is scrolled to the end', async ({
    page,
    goServer,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await readyBurstsOfAdds(page, goServer.port, 300);
    const list = page.getByRole('list', { name: 'Calls' });
    const burst = async (total: number) => {
      await page.getByRole('button', { name: 'Send burst' }).click();
      await expect(page.getByRole('region', { name: 'Calls' })).toContainText(
        `${total} sent · ${total} answered`,
      );
    };
    await burst(300);
    await expect(callWithId(page, 299)).toBeVisible();

    // Scrolled up to read the first calls: a burst that follows leaves the view where it is.
    await list.evaluate((el) => {
      if (el.parentElement) el.parentElement.scrollTop = 0;
    });
    await expect(callWithId(page, 0)).toBeVisible();
    await burst(600);
    // Twice the follow interval and more: a paced scroll, had it been due, would have come.
    await page.waitForTimeout(500);
    await expect(callWithId(page, 0)).toBeVisible();
    await expect(callWithId(page, 599)).toHaveCount(0);

    // Back at the end, the list follows the newest call again.
    await list.evaluate((el) => {
      const box = el.parentElement;
      if (box) box.scrollTop = box.scrollHeight;
    });
    await expect(callWithId(page, 599)).toBeVisible();
    await burst(900);
    await expect(callWithId(page, 899)).toBeVisible();
    await expect(callWithId(page, 0)).toHaveCount(0);
  });

  test('the call list filters by method or id and by status, and shows the newest again when cleared', async ({
    page,
    goServer,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await readyBurstsOfAdds(page, goServer.port, 300);
    await page.getByRole('button', { name: 'Send burst' }).click();
    const region = page.getByRole('region', { name: 'Calls' });
    await expect(region).toContainText('300 sent · 300 answered');
    await typeRequest(page, '{"method":"Nope.Add","params":[{"X":1,"Y":2}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(region).toContainText('301 sent · 300 answered · 1 error');

    const text = page.getByRole('searchbox', { name: 'Filter calls' });
    const status = page.getByRole('combobox', { name: 'Status filter' });
    await status.selectOption('error');
    await expect(calls(page)).toHaveCount(1);
    await expect(calls(page).first()).toContainText('Nope.Add');
    await expect(calls(page).first()).toContainText('id 300');
    await expect(region).toContainText('1 error · 1 shown');

    await status.selectOption('all');
    await text.fill('42');
    await expect(calls(page)).toHaveCount(3);
    for (const [i, id] of [42, 142, 242].entries()) {
      await expect(calls(page).nth(i)).toContainText(`id ${id}`);
    }
    await text.fill('NOPE');
    await expect(calls(page)).toHaveCount(1);
    await status.selectOption('answered');
    await expect(calls(page)).toHaveCount(0);
    await expect(region).toContainText('No call matches the filter.');

    // Cleared, the list shows every call again, the newest in view as before filtering.
    await text.fill('');
    await status.selectOption('all');
    await expect(region).toContainText('1 error');
    await expect(region).not.toContainText('shown');
    await expect(callWithId(page, 300)).toBeVisible();
    await expect(callWithId(page, 0)).toHaveCount(0);
  });

  test('numbers stay exact: 9007199254740993 round-trips as id and param', async ({
    page,
    goServer,
  }) => {
    await connect(page, `127.0.0.1:${goServer.port}`);
    await typeRequest(
      page,
      '{"method":"ServiceA.Add","params":[{"X":9007199254740993,"Y":0}],"id":9007199254740993}',
    );
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).first()).toContainText('id 9007199254740993');
    await expect(calls(page).first()).toContainText('answered');
    await expect(response(page).getByRole('region', { name: 'Result' })).toContainText(
      '9007199254740993',
    );
    await expect(response(page)).toContainText('"X":9007199254740993');
  });

  test('invalid JSON disables Send with a reason, and survives a reload', async ({ page, app }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    const broken = '{"method":"ServiceA.Add","params":[{"X":1,';
    await typeRequest(page, broken);
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription(/not valid JSON/);
    await expect(page.getByText(/not valid JSON/)).toBeVisible();
    await page.reload();
    await expect(page.getByText(broken)).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Send', exact: true }),
    ).toHaveAccessibleDescription(/not valid JSON/);
  });

  test('what Go will do with an odd request shows on hover, whole, and next to Send', async ({
    page,
    goServer,
  }) => {
    await connect(page, `127.0.0.1:${goServer.port}`);
    await typeRequest(page, '{"method":"Add","params":[1]}');
    const warning =
      '"Add" has no dot: Go answers "rpc: service/method request ill-formed: Add" and runs nothing. Write Service.Method.';
    await expect(
      page.getByRole('button', { name: 'Send', exact: true }),
    ).toHaveAccessibleDescription(`Before you send: ${warning}`);
    await page.getByText('"Add"', { exact: true }).hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText(warning);
    // Above the editor's first line: the frame around the editor must not clip it.
    await expect(tooltip).toBeInViewport({ ratio: 0.95 });
  });

  test('a target outside the policy is refused with a clear message', async ({ page }) => {
    await expect(page.getByRole('status')).toContainText('Bridge: open');
    await page.getByRole('textbox', { name: 'Target' }).fill('10.0.0.1:80');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Target: failed');
    await expect(page.getByRole('status')).toContainText('is not an allowed target');
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(page.getByRole('status')).toContainText(
      '10.0.0.1:80 不在网桥允许的目标之内；如需连接它，请用 --allow 10.0.0.1:80 启动网桥',
    );
  });

  test('a server that goes away fails the call in flight with the cause', async ({ page }) => {
    const doomed = await startGoServer();
    try {
      await connect(page, `127.0.0.1:${doomed.port}`);
      await sendCallLeftInFlight(page);
      await doomed.stop();
      await expect(calls(page).first()).toContainText('failed');
      await expect(response(page).getByRole('region', { name: 'Failure' })).toContainText(
        'the server closed the connection',
      );
      await expect(page.getByRole('status')).toContainText('Target: closed');
    } finally {
      await doomed.stop();
    }
  });

  test('the demo server stopped mid-call fails the call in flight with the cause, and starts again', async ({
    page,
  }) => {
    // Its own bridge: the demo it stops is no other test's.
    const own = await startApp();
    try {
      await page.goto(own.url);
      await connect(page, `${own.demo.host}:${own.demo.port}`);
      await sendCallLeftInFlight(page);
      await page.getByRole('button', { name: 'Stop demo server' }).click();
      await expect(calls(page).first()).toContainText('failed');
      await expect(response(page).getByRole('region', { name: 'Failure' })).toContainText(
        'the server closed the connection (FIN)',
      );
      await expect(page.getByRole('status')).toContainText('Target: closed');

      // Stopped, nothing listens: a connect is refused until the demo starts again.
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByRole('status')).toContainText('Target: failed');
      await expect(page.getByRole('status')).toContainText(/refused/i);
      await page.getByRole('button', { name: 'Start demo server' }).click();
      await expect(page.getByRole('button', { name: 'Stop demo server' })).toBeVisible();
      await connect(page, `${own.demo.host}:${own.demo.port}`);
      await typeRequest(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(calls(page).last()).toContainText('answered');
      await expect(response(page).getByText('3', { exact: true })).toBeVisible();
    } finally {
      await own.stop();
    }
  });

  test('a bridge that goes away fails the call in flight and keeps the history', async ({
    page,
    goServer,
  }) => {
    const doomed = await startApp();
    try {
      await page.goto(doomed.url);
      await connect(page, `127.0.0.1:${goServer.port}`);
      await sendCallLeftInFlight(page);
      await doomed.stop();
      await expect(calls(page).first()).toContainText('failed');
      await expect(response(page).getByRole('region', { name: 'Failure' })).toContainText(
        'the connection to the bridge was lost',
      );
      await expect(page.getByRole('status')).toContainText(/Bridge: (reconnecting|offline)/);
      await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    } finally {
      await doomed.stop();
    }
  });
});
