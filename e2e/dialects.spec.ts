import { createServer, type Server } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { calls, response, typeRequest } from './fixtures/page-actions';

/** Types demo2's address and connects with whatever the connection bar shows. */
async function connectToDemo2(page: Page, target: string): Promise<void> {
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  await page.getByRole('textbox', { name: 'Target' }).fill(target);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Target: connected');
}

async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

test.describe('JSON-RPC 2.0 against the embedded demo2 server, through the page', () => {
  test.beforeEach(async ({ page, app }) => {
    await page.goto(app.url);
    await connectToDemo2(page, `${app.demo2.host}:${app.demo2.port}`);
  });

  test('the guess for demo2 is JSON-RPC 2.0 over newline-delimited JSON, and says so', async ({
    page,
    app,
  }) => {
    await expect(page.getByText('guessed: the JSON-RPC 2.0 demo')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Framing' })).toHaveValue('ndjson');
    await expect(page.getByRole('combobox', { name: 'Dialect' })).toHaveValue('v2');
    // The Go demo's address guesses Go; nothing else changed.
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('textbox', { name: 'Target' }).fill(`${app.demo.host}:${app.demo.port}`);
    await expect(page.getByText('guessed: the Go demo')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Dialect' })).toHaveValue('go');
  });

  test('a v2 call is answered', async ({ page }) => {
    await typeRequest(page, '{"method":"ServiceA.Add","params":{"X":10,"Y":20},"id":1}');
    await send(page);
    await expect(calls(page).first()).toContainText('answered');
    await expect(calls(page).first()).toContainText('id 1');
    await expect(response(page).getByText('30', { exact: true })).toBeVisible();
    await expect(response(page)).toContainText('"jsonrpc":"2.0"');
  });

  test('a batch of three is one write, answered each on its own call', async ({ page }) => {
    await page.getByRole('combobox', { name: 'Template' }).selectOption('Batch of three');
    await send(page);
    await expect(calls(page)).toHaveCount(3);
    const expected = [
      ['Demo.Sleep', 'id "slow"'],
      ['ServiceA.Add', 'id "add"'],
      ['UserService.Get', 'id "user"'],
    ];
    for (const [i, [method, id]] of expected.entries()) {
      await expect(calls(page).nth(i)).toContainText(method ?? '');
      await expect(calls(page).nth(i)).toContainText(id ?? '');
      await expect(calls(page).nth(i)).toContainText('answered');
    }
    // Demo.Sleep(200) was overtaken by the other two, yet its answer is on its own call.
    await calls(page).nth(0).getByRole('button').first().click();
    await expect(response(page).getByText('200', { exact: true })).toBeVisible();
    await calls(page).nth(2).getByRole('button').first().click();
    await expect(response(page)).toContainText('userid = 7');
    // Step 1 quotes what this caller passed, its own element's params, not the whole batch.
    const step = page
      .getByRole('region', { name: 'Steps' })
      .getByRole('region', { name: 'Current step' });
    await expect(step.getByRole('heading')).toContainText('Step 1 of 12');
    await expect(step).toContainText(
      'The caller calls UserService.Get with params {"userid":7} as if',
    );
  });

  test('a notification is shown as expecting no answer', async ({ page }) => {
    await page.getByRole('combobox', { name: 'Template' }).selectOption('Notification (no id)');
    await send(page);
    await expect(calls(page).first()).toContainText('notification — no answer expected');
    await expect(calls(page).first()).toContainText('notified');
    await expect(response(page)).toContainText('notification — no answer expected');
    await expect(page.getByRole('region', { name: 'Stray replies' })).toHaveCount(0);
  });

  test('an error object shows its code, message and data, the code explained', async ({ page }) => {
    await typeRequest(page, '{"method":"ServiceA.Add","params":{"X":"ten"},"id":5}');
    await send(page);
    await expect(calls(page).first()).toContainText('error');
    const error = response(page).getByRole('region', { name: 'Error' });
    await expect(error).toContainText('-32602');
    await expect(error).toContainText('Invalid params');
    await expect(error).toContainText('The method exists but the params do not fit it.');
    await expect(error).toContainText('param X must be a 64-bit integer');
  });
});

/** A TCP server on loopback that answers each request with `reply(request)`, written as given. */
async function rawServer(
  reply: (request: string) => string,
): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => {
    socket.on('data', (data) => socket.write(reply(data.toString('utf8'))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

test.describe('bad input from a server, through the page', () => {
  test('garbage and an answer that lies about its length are listed with their reasons; the page carries on', async ({
    page,
    app,
  }) => {
    // Content-Length framing: first a lying length, then the honest answer to id 7.
    const honest = '{"jsonrpc":"2.0","result":"still here","id":7}';
    const { port, server } = await rawServer((request) =>
      request.includes('"id":7')
        ? `\u0000\u0001garbage\r\nContent-Length: 5\r\n\r\n{"jsonrpc":"2.0","result":1,"id":6}` +
          `Content-Length: ${honest.length}\r\n\r\n${honest}`
        : '',
    );
    try {
      await page.goto(app.url);
      await expect(page.getByRole('status')).toContainText('Bridge: open');
      await page.getByRole('textbox', { name: 'Target' }).fill(`127.0.0.1:${port}`);
      await page.getByRole('combobox', { name: 'Framing' }).selectOption('content-length');
      await page.getByRole('combobox', { name: 'Dialect' }).selectOption('v2');
      await expect(page.getByText('chosen by you')).toBeVisible();
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByRole('status')).toContainText('Target: connected');
      await typeRequest(page, '{"method":"A.B","id":7}');
      await send(page);
      await expect(calls(page).first()).toContainText('answered');
      await expect(response(page)).toContainText('still here');
      const strays = page.getByRole('region', { name: 'Stray replies' });
      await expect(strays).toContainText('Framing error');
      await expect(strays).toContainText('garbage');
      await expect(strays).toContainText('Content-Length: 5');
    } finally {
      server.close();
    }
  });
});
