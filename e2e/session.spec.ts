import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startApp } from './fixtures/app';
import { calls, connect, exportSession, send } from './fixtures/page-actions';

/**
 * Sessions: the page's record exported to a file, and opened again on a page
 * that has neither the server nor a bridge, to replay each call's steps at
 * the times they were measured, with the bytes that went over the wire.
 */

const ADD = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}';
const SLEEP = '{"method":"Demo.Sleep","params":[{"Ms":200}]}';
/** What Go's client writes for ADD as the first call on a connection. */
const ADD_SENT = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":0}\n';

const steps = (page: Page) => page.getByRole('region', { name: 'Steps', exact: true });
const notice = (page: Page) => page.getByRole('region', { name: 'Session notice' });

/** Step n of the selected call: its time from call start and its whole text. */
async function stepText(page: Page, n: number): Promise<string> {
  await steps(page)
    .getByRole('button', { name: new RegExp(`^Step ${n}:`) })
    .click();
  const now = steps(page).getByRole('region', { name: 'Current step' });
  await expect(now.getByRole('heading')).toContainText(`Step ${n} of 12`);
  return (await now.textContent()) ?? '';
}

const openSession = (page: Page): Locator => page.getByLabel('Open session…');

test.describe('sessions', () => {
  test('a session exported from a live page replays on a page with no bridge and no server, times and bytes as recorded', async ({
    page,
    app,
    browser,
  }) => {
    await page.goto(app.url);
    const target = `${app.demo.host}:${app.demo.port}`;
    await connect(page, target);
    await send(page, SLEEP);
    await expect(calls(page).first()).toContainText('answered');
    await send(page, ADD);
    await expect(calls(page).last()).toContainText('answered');
    await calls(page).first().getByRole('button').first().click();
    await expect(steps(page)).toContainText('Demo.Sleep, id 0');
    // The page refines its clock estimate in its first seconds, which moves steps 7 and 10: they
    // are read on both sides of the export until the estimate held still across it.
    const stepsRecorded = async () => [await stepText(page, 7), await stepText(page, 10)];
    let recorded: string[] = [];
    let exported = { path: '', name: '' };
    await expect(async () => {
      const before = await stepsRecorded();
      exported = await exportSession(page);
      recorded = await stepsRecorded();
      expect(recorded).toEqual(before);
    }).toPass({ timeout: 15_000 });
    expect(recorded[0]).toContain('observed at the glass-box server');
    const { path, name } = exported;
    expect(name).toMatch(/^rpc-session-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    await expect(notice(page)).toContainText(`Exported 2 calls to ${name}.`);
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(file).toMatchObject({
      format: 'rpc-playground-session',
      version: 1,
      targetText: target,
    });
    expect(file.calls.map((call: { method: string }) => call.method)).toEqual([
      'Demo.Sleep',
      'ServiceA.Add',
    ]);
    const sent = file.wire.chunks
      .filter((chunk: { direction: string }) => chunk.direction === 'sent')
      .map((chunk: { bytes: string }) => Buffer.from(chunk.bytes, 'base64').toString());
    expect(sent).toContain(ADD_SENT.replace('"id":0', '"id":1'));
    const received = file.wire.chunks
      .filter((chunk: { direction: string }) => chunk.direction === 'received')
      .map((chunk: { bytes: string }) => Buffer.from(chunk.bytes, 'base64').toString());
    expect(received.join('')).toContain('{"id":1,"result":30,"error":null}\n');

    // Another page, in a browser profile of its own, whose bridge then goes away.
    const gone = await startApp();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const replay = await context.newPage();
      await replay.goto(gone.url);
      await expect(replay.getByRole('status')).toContainText('Bridge: open');
      await gone.stop();
      await expect(replay.getByRole('status')).toContainText(/Bridge: (reconnecting|offline)/);

      await openSession(replay).setInputFiles(path);
      await expect(notice(replay)).toContainText(`Opened ${name}: 2 calls recorded`);
      await expect(notice(replay)).toContainText(
        `with ${target}. Select a call to replay its steps`,
      );
      await notice(replay).getByRole('button', { name: 'Dismiss' }).click();
      await expect(notice(replay)).toBeEmpty();
      await expect(calls(replay)).toHaveCount(2);
      await expect(calls(replay).first()).toContainText('answered');
      await expect(replay.getByRole('textbox', { name: 'Target' })).toHaveValue(target);

      await calls(replay).first().getByRole('button').first().click();
      await expect(steps(replay)).toContainText('Demo.Sleep, id 0');
      // No bridge, so no clock of its own: the steps are placed with the estimate in the file.
      expect([await stepText(replay, 7), await stepText(replay, 10)]).toEqual(recorded);

      await replay.getByRole('tab', { name: 'Wire' }).click();
      const wire = replay.getByRole('region', { name: 'Wire' });
      const bytes = sent
        .concat(received)
        .reduce((sum: number, text: string) => sum + Buffer.byteLength(text), 0);
      await expect(wire).toContainText(`${file.wire.chunks.length} chunks, ${bytes} B`);
      await expect(wire.getByRole('region', { name: 'Reassembled' })).toContainText(
        '{"method":"Demo.Sleep","params":[{"Ms":200}],"id":0}',
      );
    } finally {
      await context.close();
      await gone.stop();
    }
  });

  test('a file that is no session changes nothing and says why; opening over calls asks first', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await send(page, ADD);
    await expect(calls(page)).toHaveCount(1);
    const { path, name } = await exportSession(page);
    await send(page, ADD);
    await expect(calls(page)).toHaveCount(2);

    await openSession(page).setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"notes":["not a session"]}'),
    });
    await expect(notice(page)).toContainText(
      'notes.json was not opened: the file is JSON but not a session file (no "format": "rpc-playground-session"). Nothing on the page changed.',
    );
    await expect(calls(page)).toHaveCount(2);
    await expect(page.getByRole('status')).toContainText('Target: connected');

    await openSession(page).setInputFiles(path);
    await expect(notice(page)).toContainText(`Open ${name}? Its 1 call, recorded`);
    await expect(notice(page)).toContainText('replace the 2 calls on this page');
    // The question has the focus: Escape is not an answer, Cancel is.
    await expect(page.getByRole('button', { name: 'Open it' })).toBeFocused();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(calls(page)).toHaveCount(2);
    await expect(page.getByRole('status')).toContainText('Target: connected');

    await openSession(page).setInputFiles(path);
    await page.getByRole('button', { name: 'Open it' }).click();
    await expect(calls(page)).toHaveCount(1);
    await expect(notice(page)).toContainText(`Opened ${name}: 1 call recorded`);
    await expect(page.getByRole('status')).toContainText('Target: not connected');

    // The page goes on live after a session: a new connection, a new call, after the recorded one.
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await send(page, ADD);
    await expect(calls(page)).toHaveCount(2);
    await expect(calls(page).last()).toContainText('answered');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByLabel('打开会话…').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":'),
    });
    await expect(page.getByRole('region', { name: '会话提示' })).toContainText(
      '没有打开 broken.json。原因（英文原文）：the file is not JSON, so it is not a session file。页面上的内容没有改变。',
    );
    await expect(page.getByRole('button', { name: '导出会话' })).toBeVisible();
  });
});
