import { type AddressInfo, connect, createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { concatBytes } from '../shared/framing/framer';
import { GobFramer } from '../shared/framing/gob';
import { GobRpcCodec } from '../shared/jsonrpc/go-gob';
import { expect, test } from './fixtures';
import { type GoServer, startGoServer } from './fixtures/go-server';
import {
  calls,
  connect as connectPage,
  response,
  send,
  typeRequest,
} from './fixtures/page-actions';

/**
 * Go's net/rpc with its default codec, gob (GO-NETRPC §3–4), against the real
 * Go server built from e2e/go-server: over TCP (rpc.ServeConn) and over HTTP
 * (rpc.HandleHTTP: CONNECT /_goRPC_, then gob).
 */
let gobServer: GoServer;
let httpServer: GoServer;

test.beforeAll(async () => {
  [gobServer, httpServer] = await Promise.all([startGoServer('gob'), startGoServer('http')]);
});

test.afterAll(async () => {
  await Promise.all([gobServer?.stop(), httpServer?.stop()]);
});

/** Types the target, picks a gob framing (which picks the gob dialect) and presses Connect. */
async function pressConnect(page: Page, target: string, framing: string): Promise<void> {
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  await page.getByRole('textbox', { name: 'Target' }).fill(target);
  await page.getByRole('combobox', { name: 'Framing' }).selectOption(framing);
  await expect(page.getByRole('combobox', { name: 'Dialect' })).toHaveValue('gob');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

async function connectWith(page: Page, server: GoServer, framing: string): Promise<void> {
  await pressConnect(page, `${server.host}:${server.port}`, framing);
  await expect(page.getByRole('status')).toContainText('Target: connected');
}

const wire = (page: Page) => page.getByRole('region', { name: 'Wire' });
/** The lab's count whose words include `what`, e.g. "9 out of order". */
const count = (page: Page, what: string) =>
  page
    .getByRole('list', { name: 'Id matching counts' })
    .getByRole('listitem')
    .filter({ hasText: what });

test.describe('Go net/rpc in gob, through the page', () => {
  test('over TCP: Add, a struct reply, an error, a wrong kind and out-of-order replies, each matched by Seq', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await connectWith(page, gobServer, 'gob');

    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).first()).toContainText('answered');
    await expect(calls(page).first()).toContainText('id 0');
    await expect(response(page).getByText('3', { exact: true })).toBeVisible();
    // What the JSON became in Go, as the request went out.
    await expect(response(page)).toContainText('Request{ServiceMethod: "ServiceA.Add", Seq: 0}');
    await expect(response(page)).toContainText('Args{X: 1, Y: 2}');

    await send(page, '{"method":"UserService.Get","params":[{"UserId":7}]}');
    await expect(calls(page).nth(1)).toContainText('answered');
    await expect(response(page)).toContainText('"Data": "userid = 7"');

    // Go refuses a float for an int field with a clean error; the connection stays up.
    await send(page, '{"method":"ServiceA.Add","params":[{"X":{"$float":1.5},"Y":2}]}');
    await expect(calls(page).nth(2)).toContainText('error');
    await expect(response(page)).toContainText('gob: wrong type (int) for received field Args.X');
    await expect(response(page)).toContainText('Kindparams do not fit');

    await send(page, '{"method":"ServiceA.Add","params":[{"X":20,"Y":22}],"id":12345678901}');
    await expect(calls(page).nth(3)).toContainText('answered');
    await expect(calls(page).nth(3)).toContainText('id 12345678901');
    await expect(response(page).getByText('42', { exact: true })).toBeVisible();

    // A slow call and a quick one: the quick answer overtakes, and each finds its call by Seq.
    await send(page, '{"method":"Demo.Sleep","params":[{"Ms":400}]}');
    await send(page, '{"method":"ServiceA.Add","params":[{"X":2,"Y":2}]}');
    await expect(calls(page).nth(4)).toContainText('answered');
    await expect(calls(page).nth(5)).toContainText('answered');
    await calls(page).nth(4).getByRole('button').first().click();
    await expect(response(page).getByText('400', { exact: true })).toBeVisible();
    await expect(count(page, 'out of order')).toHaveText('1 out of order');

    // An id gob cannot carry: Send is disabled, and says why.
    await typeRequest(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":"seven"}');
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    await expect(page.getByText(/the id is the call's Seq/)).toBeVisible();
    await expect(calls(page)).toHaveCount(6);
  });

  test('a time.Time reads as Go’s encoding/json writes it, in gob as in jsonrpc, and {"$time": …} reaches Go as that instant', async ({
    page,
    app,
    goServer,
  }) => {
    const joined = '2024-02-29T13:45:30.123456789+08:00';
    await page.goto(app.url);
    await connectPage(page, `${goServer.host}:${goServer.port}`);
    await send(page, '{"method":"UserService.Joined","params":[{"userid":7}]}');
    await expect(calls(page).first()).toContainText('answered');
    await expect(response(page)).toContainText(`"at": "${joined}"`);

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await connectWith(page, gobServer, 'gob');
    await send(page, '{"method":"UserService.Joined","params":[{"UserId":7}]}');
    await expect(calls(page).nth(1)).toContainText('answered');
    await expect(response(page)).toContainText(`"At": "${joined}"`);

    // And the other way: {"$time": …} reaches Go as the same instant.
    await send(page, `{"method":"UserService.When","params":[{"At":{"$time":"${joined}"}}]}`);
    await expect(calls(page).nth(2)).toContainText('answered');
    await expect(response(page)).toContainText('"2024-02-29T05:45:30.123456789Z"');
    await expect(response(page)).toContainText(
      'At: time.Date(2024, 2, 29, 13, 45, 30, 123456789, time.FixedZone("", 28800))',
    );
  });

  test('a Go array takes {"$array": …}; a slice in its place is refused by Go itself', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await connectWith(page, gobServer, 'gob');
    await send(page, '{"method":"ServiceA.Sum","params":[{"V":[1,2,3]}]}');
    await expect(calls(page).first()).toContainText('error');
    await expect(response(page)).toContainText(
      'gob: wrong type ([3]int) for received field Args.V',
    );
    await send(page, '{"method":"ServiceA.Sum","params":[{"V":{"$array":[1,2,3]}}]}');
    await expect(calls(page).nth(1)).toContainText('answered');
    await expect(response(page).getByText('6', { exact: true })).toBeVisible();
    await expect(response(page)).toContainText('Args{V: [3]int{1, 2, 3}}');
  });

  test('the Wire view shows the first call as the 105 bytes Go writes, and the reply as one message', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await connectWith(page, gobServer, 'gob');
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).first()).toContainText('answered');
    await page.getByRole('tab', { name: 'Wire' }).click();
    await expect(wire(page)).toContainText('105 B');
    await expect(wire(page)).toContainText('2f ff 81 03');
    // Definitions, header and body: one reply, marked as one message over all 81 bytes.
    await expect(
      wire(page).getByRole('button', { name: 'Reply, ServiceA.Add id 0, bytes 0–81' }).first(),
    ).toBeVisible();
  });

  test('a reverse-sleep burst of 10 in Go mode: one stream of gob, the types defined once, every reply found by its Seq', async ({
    page,
    app,
  }) => {
    const n = 10;
    await page.goto(app.url);
    await connectWith(page, gobServer, 'gob');
    await page.getByRole('combobox', { name: 'Template' }).selectOption('Demo.Sleep burst');
    await expect(page.getByRole('region', { name: 'Composer' })).toContainText('(N-i)*40');
    // The template's 40 ms apart let a busy machine reorder two answers once in CI: wider here.
    const spacingMs = 150;
    await typeRequest(page, `{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*${spacingMs}}}"}]}`);
    await page.getByRole('spinbutton', { name: 'Burst size' }).fill(String(n));
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(count(page, 'answered')).toHaveText(`${n} answered`);
    // Call i sleeps (N-i)*spacingMs: the last sent is answered first, each matched by its Seq.
    for (let i = 0; i < n; i++) {
      await expect(calls(page).nth(i)).toContainText(`id ${i}`);
      await expect(calls(page).nth(i)).toContainText(`reply #${n - i}`);
    }
    await expect(count(page, 'out of order')).toHaveText(`${n - 1} out of order`);
    await expect(count(page, 'failed')).toHaveText('0 failed');
    await calls(page).first().getByRole('button').first().click();
    await expect(response(page).getByText(String(n * spacingMs), { exact: true })).toBeVisible();
  });

  test('over HTTP: the page CONNECTs, waits for "200 Connected to Go RPC", then calls in gob', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await connectWith(page, httpServer, 'gob-http');
    await send(page, '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}');
    await expect(calls(page).first()).toContainText('answered');
    await expect(response(page).getByText('30', { exact: true })).toBeVisible();
    await page.getByRole('tab', { name: 'Wire' }).click();
    // Hex rows hold 16 bytes: the lines are split where the rows are.
    await expect(wire(page)).toContainText('CONNECT /_goRPC_');
    await expect(wire(page)).toContainText('HTTP/1.0 200 Con');
    await expect(wire(page)).toContainText('nected to Go RPC');
  });

  test('the wrong codec never gets a reply (GO-NETRPC fact 10), and the failure names the likely cause', async ({
    page,
    app,
    goServer,
  }) => {
    const failure = response(page).getByRole('region', { name: 'Failure' });
    await page.goto(app.url);
    // JSON to the gob server: "{" reads as a message length of 123, and it waits.
    await page.getByRole('spinbutton', { name: 'Timeout' }).fill('1');
    await expect(page.getByRole('status')).toContainText('Bridge: open');
    await page.getByRole('textbox', { name: 'Target' }).fill(`${gobServer.host}:${gobServer.port}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Target: connected');
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).first()).toContainText('failed', { timeout: 5_000 });
    await expect(failure).toContainText('no answer within 1 s');
    await expect(failure).toContainText('if it speaks gob (rpc.ServeConn)');

    // Gob to the jsonrpc server: it closes at once, without a word.
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await connectWith(page, goServer, 'gob');
    await send(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await expect(calls(page).nth(1)).toContainText('failed');
    await expect(failure).toContainText('a net/rpc/jsonrpc server closes at once on gob');
  });

  test('a server that serves net/rpc on another HTTP path is reached with that Path (rpc.DialHTTPPath)', async ({
    page,
    app,
  }) => {
    const custom = await startGoServer('http', ['-rpc-path', '/rpc/v1']);
    try {
      await page.goto(app.url);
      await pressConnect(page, `${custom.host}:${custom.port}`, 'gob-http');
      // Go's default path is not served there: 404, and the page says what it asked.
      await expect(
        page.getByText(/answered "HTTP\/1.0 404 Not Found" to CONNECT \/_goRPC_/),
      ).toBeVisible();
      await page.getByRole('textbox', { name: 'Path' }).fill('/rpc/v1');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByRole('status')).toContainText('Target: connected');
      await send(page, '{"method":"ServiceA.Add","params":[{"X":2,"Y":3}]}');
      await expect(response(page).getByText('5', { exact: true })).toBeVisible();
    } finally {
      await custom.stop();
    }
  });

  test('a target that answers CONNECT with anything else fails with its answer; the gob dialect and framings go together', async ({
    page,
    app,
  }) => {
    const notGo = createServer((socket) => {
      socket.once('data', () =>
        socket.write('HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n'),
      );
    });
    await new Promise<void>((resolve) => notGo.listen(0, '127.0.0.1', resolve));
    const { port } = notGo.address() as AddressInfo;
    try {
      await page.goto(app.url);
      await pressConnect(page, `127.0.0.1:${port}`, 'gob-http');
      await expect(page.getByRole('status')).toContainText('Target: failed');
      await expect(page.getByText(/answered "HTTP\/1.0 404 Not Found" to CONNECT/)).toBeVisible();

      // Gob has its own framings: leaving the gob dialect hands the framing back to the guess.
      await page.getByRole('combobox', { name: 'Dialect' }).selectOption('go');
      await expect(page.getByRole('combobox', { name: 'Framing' })).toHaveValue('json-stream');
      await page.getByRole('combobox', { name: 'Dialect' }).selectOption('gob');
      await expect(page.getByRole('combobox', { name: 'Framing' })).toHaveValue('gob');
    } finally {
      await new Promise((resolve) => notGo.close(resolve));
    }
  });
});

test.describe('the embedded gob demo server', () => {
  const steps = (page: Page) => page.getByRole('region', { name: 'Steps' });
  const current = (page: Page) => steps(page).getByRole('region', { name: 'Current step' });

  test('is guessed from its address, answers in gob, and shows steps 4–9 as the glass-box server observed them', async ({
    page,
    app,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.url);
    await expect(page.getByRole('status')).toContainText('Bridge: open');
    await page
      .getByRole('textbox', { name: 'Target' })
      .fill(`${app.demoGob.host}:${app.demoGob.port}`);
    await expect(page.getByText('guessed: the gob demo')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Framing' })).toHaveValue('gob');
    await expect(page.getByRole('combobox', { name: 'Dialect' })).toHaveValue('gob');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('Target: connected');

    await send(page, '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}');
    await expect(calls(page).first()).toContainText('answered');
    await expect(response(page).getByText('30', { exact: true })).toBeVisible();
    await steps(page).getByRole('heading', { name: 'Steps' }).click();
    await page.keyboard.press('ArrowRight');
    await expect(current(page)).toContainText('marshals the call into 105 bytes');
    for (const n of [3, 4, 5, 6, 7, 8, 9]) {
      await page.keyboard.press('ArrowRight');
      await expect(current(page).getByRole('heading')).toContainText(`Step ${n} of 12`);
      if (n >= 4) await expect(current(page)).toContainText('observed at the glass-box server');
    }

    // The template's Go array reaches the demo as Go would read it.
    await page.getByRole('combobox', { name: 'Template' }).selectOption('ServiceA.Sum of a [3]int');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).nth(1)).toContainText('answered');
    await expect(response(page).getByText('6', { exact: true })).toBeVisible();
    await expect(response(page)).toContainText('Args{V: [3]int{1, 2, 3}}');
    // And a time.Time in a reply, read as encoding/json writes it.
    await page.getByRole('combobox', { name: 'Template' }).selectOption('UserService.Joined');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).nth(2)).toContainText('answered');
    await expect(response(page)).toContainText('"At": "2024-02-29T13:45:30.123456789+08:00"');

    // Stopped mid-call, as a crashing server: the call in flight fails, nothing listens.
    await send(page, '{"method":"Demo.Sleep","params":[{"Ms":30000}]}');
    await expect(calls(page).nth(3)).toContainText('pending');
    await page.getByRole('button', { name: 'Stop demo server' }).click();
    await expect(calls(page).nth(3)).toContainText('failed');
    await page.getByRole('button', { name: 'Start demo server' }).click();
    await expect(page.getByRole('button', { name: 'Stop demo server' })).toBeVisible();
  });

  test('answers every call as the real Go server with -codec gob does (differential, over TCP)', async ({
    app,
  }) => {
    const requests = [
      '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}',
      '{"method":"ServiceA.Add","params":[{"X":-5,"Y":9223372036854775807}]}',
      '{"method":"UserService.Get","params":[{"UserId":7}]}',
      '{"method":"UserService.Get","params":[{"userid":7}]}',
      '{"method":"Demo.Fail","params":[{"Message":"disk full"}]}',
      '{"method":"Demo.Fail","params":[{}]}',
      '{"method":"Demo.Sleep","params":[{"Ms":70000}]}',
      '{"method":"Demo.Sleep","params":[{"Ms":5}]}',
      '{"method":"ServiceA.Add","params":[{"X":{"$float":1.5},"Y":2}]}',
      '{"method":"ServiceA.Add","params":[{"X":{"$uint":1}}]}',
      '{"method":"ServiceA.Add","params":[{"Z":1,"W":"x"}]}',
      '{"method":"ServiceA.Add","params":[{"X":1,"Extra":[1,2],"M":{"$map":{"a":1}}}]}',
      '{"method":"ServiceA.Add","params":[[1,2]]}',
      '{"method":"ServiceA.Add","params":["text"]}',
      '{"method":"ServiceA","params":[1]}',
      '{"method":"Nope.Add","params":[1]}',
      '{"method":"ServiceA.Nope","params":[1]}',
      '{"method":"Demo.Fail","params":[{"Message":{"$bytes":"x"}}]}',
      '{"method":"ServiceA.Sum","params":[{"V":{"$array":[1,2,3]}}]}',
      '{"method":"ServiceA.Sum","params":[{"V":[1,2,3]}]}',
      '{"method":"ServiceA.Sum","params":[{"V":{"$array":[1,2]}}]}',
      '{"method":"ServiceA.Sum","params":[{"V":{"$array":["a","b","c"]}}]}',
      '{"method":"ServiceA.Sum","params":[{"V":{"$array":[9223372036854775807,1,0]}}]}',
      '{"method":"ServiceA.Sum","params":[{"V":{"$array":[0,0,0]}}]}',
      '{"method":"UserService.Joined","params":[{"UserId":7}]}',
      '{"method":"UserService.Joined","params":[{"userid":7}]}',
    ];
    const answers = async (port: number) => {
      const codec = new GobRpcCodec();
      const framer = new GobFramer();
      let seq = 0;
      const bytes = concatBytes(
        requests.map((text) => {
          const call = codec.marshal(text, () => String(seq++));
          if (!call.ok) throw new Error(call.problem);
          return call.bytes;
        }),
      );
      const socket = connect({ host: '127.0.0.1', port });
      const got = new Map<string, [string | null, string | null]>();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${got.size} answers from ${port}`)),
          10_000,
        );
        socket.on('data', (chunk: Buffer) => {
          for (const item of framer.push(chunk)) {
            if (item.kind !== 'message') continue;
            const event = codec.read(item.bytes);
            if (event.kind === 'reply') got.set(event.idText, [event.resultText, event.error]);
          }
          if (got.size === requests.length) {
            clearTimeout(timer);
            resolve();
          }
        });
        socket.on('error', reject);
        socket.write(bytes);
      });
      socket.destroy();
      return Object.fromEntries([...got].sort(([a], [b]) => Number(a) - Number(b)));
    };
    const go = await answers(gobServer.port);
    expect(await answers(app.demoGob.port)).toEqual(go);
    // Not a vacuous match: Go answered each of them, results and refusals alike.
    expect(Object.keys(go)).toHaveLength(requests.length);
    expect(go['0']).toEqual(['3', null]);
    expect(go['8']?.[1]).toBe('gob: wrong type (int) for received field Args.X');
    expect(go['18']).toEqual(['6', null]);
    expect(go['19']?.[1]).toBe('gob: wrong type ([3]int) for received field Args.V');
    expect(go['24']?.[0]).toContain('"At": "2024-02-29T13:45:30.123456789+08:00"');
  });
});
