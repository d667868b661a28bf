import type { Page } from '@playwright/test';
import { startTcpServer, type TestServer } from '../bridge/testing/tcp-servers';
import { expect, test } from './fixtures';
import { calls, connect, send, typeRequest } from './fixtures/page-actions';

/**
 * In Chinese the page explains in Chinese: what an error means, why a call
 * failed, what to try instead. What others wrote (a server's error text, a
 * parser's finding) is quoted as it came, and said to be the original.
 */

const toChinese = (page: Page) =>
  page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
const toEnglish = (page: Page) =>
  page.getByRole('combobox', { name: 'Language' }).selectOption('en');
const responseZh = (page: Page) => page.getByRole('region', { name: '响应' });

test.describe('the page in Chinese', () => {
  test.beforeEach(async ({ page, app }) => {
    await page.goto(app.url);
  });

  test('explains a Go error in Chinese and quotes the server as it wrote', async ({
    page,
    goServer,
  }) => {
    await connect(page, `127.0.0.1:${goServer.port}`);
    await send(page, '{"method":"Nope.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).first()).toContainText('error');
    await toChinese(page);
    const error = responseZh(page).getByRole('region', { name: '错误' });
    await expect(error).toContainText("rpc: can't find service Nope.Add");
    await expect(error).toContainText('类别找不到服务');
    await expect(error).toContainText(
      '服务器上没有注册这个名字的服务（名字区分大小写）。方法没有运行；在 JSON-RPC 2.0 中这是 -32601 Method not found。',
    );
    await expect(error).toContainText('否：服务器在运行方法之前就拒绝了调用');
    await expect(error).not.toContainText('No service by that name');

    await toEnglish(page);
    await send(page, '{"method":"Demo.Fail","params":[{"Message":"disk full"}]}');
    await expect(calls(page).nth(1)).toContainText('error');
    await toChinese(page);
    await expect(error).toContainText('disk full');
    await expect(error).toContainText('类别方法自己的错误');
    await expect(error).toContainText('方法运行了，这个错误是它自己返回的');

    // What Go will do with an odd request is said before it is sent, in either language.
    await toEnglish(page);
    await typeRequest(page, '{"method":"Add","params":[1]}');
    const sendButton = page.getByRole('button', { name: 'Send', exact: true });
    await expect(sendButton).toHaveAccessibleDescription(
      'Before you send: "Add" has no dot: Go answers "rpc: service/method request ill-formed: Add" and runs nothing. Write Service.Method.',
    );
    await toChinese(page);
    const sendZh = page.getByRole('button', { name: '发送', exact: true });
    await expect(sendZh).toHaveAccessibleDescription(
      '发送之前请注意："Add" 里没有点：Go 会回答 "rpc: service/method request ill-formed: Add"，什么也不运行。请写成 Service.Method。',
    );
    // The editor's hover too, Monaco's own words with it.
    await page.getByText('"Add"', { exact: true }).hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('"Add" 里没有点');
    await expect(tooltip).toContainText('查看问题');
    await sendZh.click();
    await expect(error).toContainText('rpc: service/method request ill-formed: Add');
    await expect(error).toContainText('类别方法名格式不对');
    await toEnglish(page);
    await page.mouse.move(0, 0);
    await page.getByText('"Add"', { exact: true }).hover();
    await expect(page.getByRole('tooltip')).toContainText('View Problem');
  });

  test('explains a JSON-RPC 2.0 error code in Chinese, keeping the name servers send', async ({
    page,
    app,
  }) => {
    // The page picks JSON-RPC 2.0 for the demo's address.
    await connect(page, `${app.demo2.host}:${app.demo2.port}`);
    await send(page, '{"method":"Nope.Add","params":{"X":1},"id":1}');
    await expect(calls(page).first()).toContainText('error');
    await toChinese(page);
    const error = responseZh(page).getByRole('region', { name: '错误' });
    await expect(error).toContainText(
      '含义-32601 Method not found：这个方法不存在，或在这台服务器上不可用。',
    );
    await expect(error).not.toContainText('does not exist');
  });

  test('says what is wrong with a typed target in Chinese', async ({ page }) => {
    await expect(page.getByRole('status')).toContainText('Bridge: open');
    await toChinese(page);
    await page.getByRole('textbox', { name: '目标' }).fill('localhost');
    await page.getByRole('button', { name: '连接', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(
      '目标：失败 — "localhost" 不是 主机:端口 的形式（例如 127.0.0.1:9000）。',
    );
  });

  test.describe('failures', () => {
    let target: TestServer | undefined;

    test.afterEach(async () => {
      await target?.close();
      target = undefined;
    });

    test('say why in Chinese, suggest the other dialect, and warn of a duplicate id', async ({
      page,
    }) => {
      // Takes the request and never answers: as a gob server takes JSON.
      target = await startTcpServer((socket) => socket.resume());
      await page.getByRole('spinbutton', { name: 'Timeout' }).fill('1');
      await connect(page, `127.0.0.1:${target.port}`);
      const request = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":7}';
      await send(page, request);
      await send(page, request);
      await expect(calls(page).nth(1)).toContainText('failed', { timeout: 5_000 });
      await toChinese(page);
      const failure = responseZh(page).getByRole('region', { name: '失败' });
      await expect(failure).toContainText('原因在超时之前没有回复');
      await expect(failure).toContainText('详情1 秒内没有回复');
      await expect(failure).toContainText('请试试方言“Go net/rpc gob”');
      await expect(failure).not.toContainText('no answer');
      await expect(responseZh(page)).toContainText('id 7 已经有调用在途：回复无法区分这些调用');

      // An answer after the timeout is a stray: its kind in Chinese, its reason quoted as the original.
      (await target.firstConnection).write('{"id":7,"result":3,"error":null}\n');
      const stray = page.getByRole('region', { name: '无主回复' }).getByRole('listitem');
      await expect(stray).toContainText('迟到（调用已超时）');
      await expect(stray).toContainText('（英文原文）id 7 answers a call already given up');

      // A parser's finding is quoted, under Chinese words saying it is the original.
      await toEnglish(page);
      await typeRequest(page, '{"method":');
      await toChinese(page);
      await expect(
        page.getByRole('button', { name: '发送', exact: true }),
      ).toHaveAccessibleDescription(/^请求无法发送（英文原文）：The request is not valid JSON/);
      await expect(page.getByRole('combobox', { name: '模板' })).toContainText('不存在的方法');
    });
  });
});
