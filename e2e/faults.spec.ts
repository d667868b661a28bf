import type { Socket } from 'node:net';
import type { Page } from '@playwright/test';
import { type BridgeProcess, spawnBridge } from '../bridge/testing/bridge-process';
import { closedPort, startTcpServer, type TestServer } from '../bridge/testing/tcp-servers';
import { expect, test } from './fixtures';
import { calls, connect, send, typeRequest } from './fixtures/page-actions';

/**
 * What a target or the bridge can do wrong, seen in the browser: each fault
 * reaches the page as a plain reason on the right call, the bytes that did
 * arrive are shown, and the page's history outlives the bridge and a reload.
 */

const failure = (page: Page) =>
  page.getByRole('region', { name: 'Response' }).getByRole('region', { name: 'Failure' });
const strays = (page: Page) => page.getByRole('region', { name: 'Stray replies' });
/** The anomaly hints, one per kind, each with its severity in words. */
const hints = (page: Page) => page.getByRole('list', { name: 'Hints' }).getByRole('listitem');
const ADD = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}';

test.describe('faults at the target', () => {
  let target: TestServer | undefined;

  test.beforeEach(async ({ page, app }) => {
    await page.goto(app.url);
  });

  test.afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  test('a target that refuses: the connect fails with the reason, in either language', async ({
    page,
  }) => {
    await expect(page.getByRole('status')).toContainText('Bridge: open');
    const port = await closedPort();
    await page.getByRole('textbox', { name: 'Target' }).fill(`127.0.0.1:${port}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Target: failed');
    await expect(page.getByRole('status')).toContainText(/refused/i);
    // The reason is kept as what happened, so switching language words it anew.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(page.getByRole('status')).toContainText(
      `目标：失败 — 127.0.0.1:${port} 上没有程序在监听（连接被拒绝）`,
    );
  });

  test('a reset fails the call in flight with "reset" as the cause', async ({ page }) => {
    target = await startTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await connect(page, `127.0.0.1:${target.port}`);
    await send(page, ADD);
    await expect(calls(page).first()).toContainText('failed');
    await expect(failure(page)).toContainText('the server reset the connection');
    await expect(page.getByRole('status')).toContainText('Target: closed');
    await expect(hints(page)).toHaveText([
      'Error 1 call in flight when the connection was reset Show the latest',
    ]);
    await expect(failure(page)).toContainText('Cause');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(page.getByRole('region', { name: '失败' })).toContainText('原因连接被重置');
    await expect(page.getByRole('list', { name: '提示' })).toContainText(
      '1 个调用在途时连接被重置',
    );
  });

  test('a close mid-message shows the partial bytes with the reason', async ({ page }) => {
    target = await startTcpServer((socket) =>
      socket.once('data', () => socket.end('{"id":0,"result":3')),
    );
    await connect(page, `127.0.0.1:${target.port}`);
    await send(page, ADD);
    await expect(calls(page).first()).toContainText('failed');
    await expect(failure(page)).toContainText('FIN');
    await expect(strays(page)).toContainText('{"id":0,"result":3');
    await expect(strays(page)).toContainText('Framing error');
    // The server went away mid-message: two errors, each in words, not only in colour.
    await expect(hints(page)).toHaveText([
      'Error 1 call in flight when the server closed the connection: the server went away Show the latest',
      'Error 1 malformed or truncated frame in the byte stream (see Stray replies)',
    ]);
  });

  test('a half-close: the answers sent before the FIN are delivered, then the FIN is reported', async ({
    page,
  }) => {
    const answers = [0, 1, 2].map((id) => `{"id":${id},"result":${id + 40},"error":null}\n`);
    target = await startTcpServer((socket) => {
      let seen = '';
      socket.on('data', (data: Buffer) => {
        seen += data.toString();
        if (seen.split('\n').length > 3) socket.end(answers.join(''));
      });
    });
    await connect(page, `127.0.0.1:${target.port}`);
    await typeRequest(page, ADD);
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill('3');
    await page.getByRole('button', { name: 'Send burst' }).click();
    for (let i = 0; i < 3; i++) await expect(calls(page).nth(i)).toContainText('answered');
    await expect(page.getByRole('status')).toContainText('Target: closed');
    await expect(page.getByRole('status')).toContainText('(FIN)');
    await expect(page.getByRole('status')).not.toContainText('reset');
  });

  test('a server that never answers: the call fails after the Timeout, a later answer is listed late', async ({
    page,
  }) => {
    let held: Socket | undefined;
    target = await startTcpServer((socket) =>
      socket.once('data', () => {
        held = socket;
      }),
    );
    const timeout = page.getByRole('spinbutton', { name: 'Timeout' });
    await expect(timeout).toHaveValue('30');
    await timeout.fill('1');
    await connect(page, `127.0.0.1:${target.port}`);
    await send(page, ADD);
    await expect(calls(page).first()).toContainText('pending');
    await expect(calls(page).first()).toContainText('failed', { timeout: 5_000 });
    await expect(failure(page)).toContainText('no answer within 1 s');
    await expect.poll(() => held !== undefined).toBe(true);
    held?.write('{"id":0,"result":3,"error":null}\n');
    await expect(strays(page)).toContainText('Late reply');
    await expect(strays(page)).toContainText('id 0');
    await expect(hints(page)).toHaveText([
      'Warning 1 call got no answer within the timeout Show the latest',
      'Warning 1 reply came after their call had timed out (see Stray replies)',
    ]);
    // Another call takes the selection; the hint's button brings back the newest call it is about.
    await timeout.fill('30');
    await send(page, ADD);
    await expect(calls(page).last()).toHaveAttribute('aria-current', 'true');
    await hints(page).first().getByRole('button', { name: 'Show the latest' }).click();
    await expect(calls(page).first()).toHaveAttribute('aria-current', 'true');
    await expect(calls(page).first()).toContainText('failed');
  });
});

test.describe('the bridge killed and restarted', () => {
  const TOKEN = 'e2e-restart-token-4242';
  let bridges: BridgeProcess[] = [];

  test.afterEach(async () => {
    for (const bridge of bridges) await bridge.stop();
    bridges = [];
  });

  test('the page reconnects with backoff, fails calls in flight, and keeps its history across restart and reload', async ({
    page,
    goServer,
  }) => {
    test.setTimeout(150_000);
    // Free now (bound, then released), for a bridge restarted on the same port.
    const port = await closedPort();
    const first = await spawnBridge({ token: TOKEN, port, build: true });
    bridges.push(first);
    await page.goto(first.url);
    await connect(page, `127.0.0.1:${goServer.port}`);
    await send(page, ADD);
    await expect(calls(page).first()).toContainText('answered');
    await send(page, '{"method":"Demo.Sleep","params":[{"Ms":30000}]}');
    await expect(calls(page).nth(1)).toContainText('pending');

    await first.kill();
    await expect(calls(page).nth(1)).toContainText('failed');
    await expect(failure(page)).toContainText('the connection to the bridge was lost');
    await expect(hints(page)).toHaveText([
      'Error 1 call in flight when the page lost the bridge Show the latest',
    ]);
    const status = page.getByRole('status');
    await expect(status).toContainText(/Bridge: (reconnecting|offline)/);
    await expect(status).toContainText(/retrying in \d/);
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

    const second = await spawnBridge({ token: TOKEN, port });
    bridges.push(second);
    await expect(status).toContainText('Bridge: open', { timeout: 15_000 });
    await expect(calls(page)).toHaveCount(2);
    await expect(calls(page).first()).toContainText('answered');
    await expect(calls(page).nth(1)).toContainText('failed');
    await connect(page, `127.0.0.1:${goServer.port}`);
    const editorText = '{"method":"Demo.Sleep","params":[{"Ms":30001}]}';
    await send(page, editorText);
    await expect(calls(page).nth(2)).toContainText('pending');

    await page.reload();
    await expect(page.getByRole('status')).toContainText('Bridge: open');
    await expect(calls(page)).toHaveCount(3);
    await expect(calls(page).first()).toContainText('answered');
    await expect(calls(page).nth(1)).toContainText('failed');
    await expect(calls(page).nth(2)).toContainText('failed');
    await calls(page).nth(2).getByRole('button').first().click();
    await expect(failure(page)).toContainText('reloaded or closed while this call was in flight');
    await calls(page).nth(1).getByRole('button').first().click();
    await expect(failure(page)).toContainText('the connection to the bridge was lost');
    await calls(page).first().getByRole('button').first().click();
    await expect(page.getByRole('region', { name: 'Response' })).toContainText('"X":1');
    await expect(page.getByText(editorText)).toBeVisible();
  });
});
