import type { Page } from '@playwright/test';
import { startTcpServer } from '../bridge/testing/tcp-servers';
import { expect, test } from './fixtures';
import { calls, connect, response, send, typeRequest } from './fixtures/page-actions';

/**
 * The id-matching lab in the browser against the real Go server and the
 * demo: a Call-mode burst answered in order against a Go-mode burst
 * answered backwards, with the counts above the call list; Stop burst; ids
 * typed by hand (numbers, strings, null, big integers, arrays and objects,
 * HTML characters) matched to their calls whatever Go does to them on the
 * way back; a duplicate id in flight; and a late answer listed as unmatched.
 */

const strays = (page: Page) => page.getByRole('region', { name: 'Stray replies' });
/** The lab's count whose words include `what`, e.g. "4 out of order". */
const count = (page: Page, what: string) =>
  page
    .getByRole('list', { name: 'Id matching counts' })
    .getByRole('listitem')
    .filter({ hasText: what });
const burstMode = (page: Page) => page.getByRole('combobox', { name: 'Burst mode' });
const CALL_MODE = 'Call — one at a time, like client.Call';
const GO_MODE = 'Go — all at once, like client.Go';

test.describe('the id-matching lab', () => {
  test.beforeEach(async ({ page, app }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(app.url);
  });

  test('a reverse-sleep burst of 5: Call mode answers in order, Go mode gets 4 out of order (Go server)', async ({
    page,
    goServer,
  }) => {
    const n = 5;
    await connect(page, `127.0.0.1:${goServer.port}`);
    // The template's 40 ms apart are too close for a busy machine to keep Go mode's order: wider here.
    await typeRequest(page, '{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*150}}"}]}');
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(n));
    await expect(burstMode(page)).toHaveValue('go');
    await burstMode(page).selectOption({ label: CALL_MODE });
    await page.getByRole('button', { name: 'Send burst' }).click();

    // Call i sleeps (N-i)*150 ms; one at a time, the answers still come in send order.
    await expect(count(page, 'answered')).toHaveText(`${n} answered`);
    for (let i = 0; i < n; i++) {
      await expect(calls(page).nth(i)).toContainText(`id ${i}`);
      await expect(calls(page).nth(i)).toContainText(`reply #${i + 1}`);
    }
    await expect(count(page, 'sent')).toHaveText(`${n} sent`);
    await expect(count(page, 'out of order')).toHaveText('0 out of order');
    await expect(page.getByRole('button', { name: 'Stop burst' })).toHaveCount(0);

    // All at once, like client.Go: the last sent is answered first, so N-1 overtook call 0.
    await burstMode(page).selectOption({ label: GO_MODE });
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(count(page, 'answered')).toHaveText(`${2 * n} answered`);
    for (let i = n; i < 2 * n; i++) {
      await expect(calls(page).nth(i)).toContainText(`id ${i}`);
      await expect(calls(page).nth(i)).toContainText(`reply #${3 * n - i}`);
    }
    await expect(count(page, 'sent')).toHaveText(`${2 * n} sent`);
    await expect(count(page, 'out of order')).toHaveText(`${n - 1} out of order`);
    await expect(count(page, 'unmatched')).toHaveText('0 unmatched');
    await expect(count(page, 'failed')).toHaveText('0 failed');
  });

  test('Stop burst sends nothing more, and the burst mode is remembered across a reload (demo)', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    // Long enough that Stop is pressed while the first call is still in flight.
    await typeRequest(page, '{"method":"Demo.Sleep","params":[{"Ms":2000}]}');
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill('5');
    await burstMode(page).selectOption({ label: CALL_MODE });
    await page.getByRole('button', { name: 'Send burst' }).click();
    const stop = page.getByRole('button', { name: 'Stop burst' });
    await expect(page.getByText('sent 1 of 5')).toBeVisible();
    await stop.click();
    await expect(stop).toHaveCount(0);
    await expect(count(page, 'answered')).toHaveText('1 answered');
    // Had the burst gone on, its second call would have gone out when the first was answered.
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(count(page, 'answered')).toHaveText('2 answered');
    await expect(calls(page)).toHaveCount(2);
    await expect(calls(page).nth(1)).toContainText('ServiceA.Add');

    await page.reload();
    await expect(burstMode(page)).toHaveValue('call');
  });

  for (const on of ['Go server', 'demo'] as const) {
    test(`typed ids come back matched to their calls, as Go echoes them (${on})`, async ({
      page,
      app,
      goServer,
    }) => {
      await connect(
        page,
        on === 'demo' ? `${app.demo.host}:${app.demo.port}` : `127.0.0.1:${goServer.port}`,
      );
      // [typed id, as the list shows it, as Go echoes it]
      const ids: Array<[string, string, string]> = [
        ['7', '7', '7'],
        ['"abc"', '"abc"', '"abc"'],
        ['null', 'null', 'null'],
        [
          '123456789012345678901234567890',
          '123456789012345678901234567890',
          '123456789012345678901234567890',
        ],
        ['[ 1 , 2 ]', '[1,2]', '[1,2]'],
        ['{ "id" : [ 1 , 2 ] }', '{"id":[1,2]}', '{"id":[1,2]}'],
        ['"<b>&"', '"<b>&"', '"\\u003cb\\u003e\\u0026"'],
      ];
      for (const [i, [typed]] of ids.entries()) {
        await send(page, `{"method":"ServiceA.Add","params":[{"X":${i},"Y":100}],"id":${typed}}`);
        await expect(count(page, 'answered')).toHaveText(`${i + 1} answered`);
      }
      // The Reassembled bytes live in the Wire region, a tab beside the sequence diagram.
      const wireTab = page.getByRole('tab', { name: 'Wire' });
      if ((await wireTab.count()) > 0) await wireTab.click();
      for (const [i, [, shown, echoed]] of ids.entries()) {
        const item = calls(page).nth(i);
        await expect(item).toContainText(`id ${shown}`);
        await expect(item).toContainText('answered');
        await item.getByRole('button').first().click();
        await expect(response(page).getByRole('region', { name: 'Result' })).toContainText(
          String(100 + i),
        );
        const reply = page.getByRole('region', { name: 'Reassembled' });
        await expect(reply).toContainText(`{"id":${echoed},"result":${100 + i},"error":null}`);
      }
      await expect(count(page, 'unmatched')).toHaveText('0 unmatched');
    });
  }

  test('predict the reply’s id: the first reply of a reverse-sleep burst is the last call sent (Go server)', async ({
    page,
    goServer,
  }) => {
    const prediction = page.getByRole('region', { name: 'Prediction' });
    const predicted = prediction.getByRole('textbox', { name: 'Predict the next reply’s id' });
    await connect(page, `127.0.0.1:${goServer.port}`);
    await expect(prediction.getByRole('button', { name: 'Predict' })).toBeDisabled();
    await predicted.fill('4');
    await prediction.getByRole('button', { name: 'Predict' }).click();
    await expect(prediction).toContainText('You expect the next reply to carry id 4. Now send');
    // The template's reverse sleeps, wider apart (150 ms, not 40) so a busy machine keeps their order.
    await typeRequest(page, '{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*150}}"}]}');
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill('5');
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(prediction).toContainText(
      'Right: the next reply carried id 4, the answer to Demo.Sleep.',
    );
    await expect(count(page, 'answered')).toHaveText('5 answered');

    // The client stub numbers this connection's calls on: the next is 5, whatever the learner says.
    await prediction.getByRole('button', { name: 'Predict again' }).click();
    await predicted.fill('0');
    await prediction.getByRole('button', { name: 'Predict' }).click();
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(prediction).toContainText(
      'Not this time: you said 0, and the next reply carried id 5, the answer to ServiceA.Add.',
    );
  });

  test('a duplicate id in flight is flagged on the call and both are answered (Go server)', async ({
    page,
    goServer,
  }) => {
    await connect(page, `127.0.0.1:${goServer.port}`);
    // Long enough that the first is surely still in flight when the same text is sent again.
    await send(page, '{"method":"Demo.Sleep","params":[{"Ms":2000}],"id":5}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).nth(1)).toContainText('duplicate id');
    await expect(calls(page).nth(0)).not.toContainText('duplicate id');
    await calls(page).nth(1).getByRole('button').first().click();
    await expect(response(page)).toContainText(
      'id 5 is already in flight: a reply cannot tell these calls apart',
    );
    await expect(count(page, 'answered')).toHaveText('2 answered');
    await expect(count(page, 'unmatched')).toHaveText('0 unmatched');
    await expect(page.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveText([
      'Warning 1 call sent with an id already in flight: their replies cannot be told apart Show the latest',
    ]);
  });

  test('an answer after the call timed out is listed as unmatched, reason "late" (Go server)', async ({
    page,
    goServer,
  }) => {
    await page.getByRole('spinbutton', { name: 'Timeout' }).fill('1');
    await connect(page, `127.0.0.1:${goServer.port}`);
    await send(page, '{"method":"Demo.Sleep","params":[{"Ms":2500}]}');
    await expect(calls(page).first()).toContainText('failed', { timeout: 5_000 });
    await expect(count(page, 'failed')).toHaveText('1 failed');
    await expect(count(page, 'unmatched')).toHaveText(
      '1 unmatched: 1 late (after the call timed out)',
      { timeout: 5_000 },
    );
    await expect(strays(page)).toContainText('Late reply');
    await expect(strays(page)).toContainText('Reason: late (after the call timed out)');
    await expect(count(page, 'answered')).toHaveText('0 answered');
  });

  test('an answer with an id nobody sent is listed as unmatched, reason "unknown id"; the real one still lands', async ({
    page,
  }) => {
    // A server that first answers an id no call has, then the call itself, like a confused peer.
    const target = await startTcpServer((socket) =>
      socket.once('data', () =>
        socket.write('{"id":999,"result":1,"error":null}\n{"id":0,"result":3,"error":null}\n'),
      ),
    );
    try {
      await connect(page, `127.0.0.1:${target.port}`);
      await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
      await expect(calls(page).first()).toContainText('answered');
      await expect(count(page, 'unmatched')).toHaveText('1 unmatched: 1 unknown id');
      await expect(strays(page)).toContainText('Unmatched reply');
      await expect(strays(page)).toContainText('Reason: unknown id');
      await expect(strays(page)).toContainText('{"id":999,"result":1,"error":null}');
      await expect(count(page, 'answered')).toHaveText('1 answered');
    } finally {
      await target.close();
    }
  });

  test('a server flooding 200,000 replies nobody asked for: all counted, the newest listed, the page still answers (raw TCP)', async ({
    page,
  }) => {
    test.slow();
    const FLOOD = 200_000;
    // Answers its first call, then pushes unknown ids as fast as TCP takes them; later calls it answers.
    const target = await startTcpServer((socket) => {
      let calls = 0;
      socket.on('data', () => {
        socket.write(`{"id":${calls},"result":${calls},"error":null}\n`);
        if (calls++ > 0) return;
        const lines = Array.from({ length: FLOOD }, (_, i) => `{"id":${100_000 + i},"result":1}\n`);
        socket.write(lines.join(''));
      });
    });
    try {
      await connect(page, `127.0.0.1:${target.port}`);
      await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
      await expect(count(page, 'unmatched')).toHaveText(`${FLOOD} unmatched: ${FLOOD} unknown id`, {
        timeout: 60_000,
      });
      await expect(strays(page)).toContainText(`the last 50 of ${FLOOD}`);
      await expect(strays(page)).toContainText(`{"id":${100_000 + FLOOD - 1},"result":1}`);
      await send(page, '{"method":"ServiceA.Add","params":[{"X":2,"Y":2}]}');
      await expect(count(page, 'answered')).toHaveText('2 answered');
    } finally {
      await target.close();
    }
  });
});
