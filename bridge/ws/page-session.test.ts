import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WrittenMessage } from '../../shared/protocol/bridge-protocol';
import { PROTOCOL_VERSION } from '../../shared/protocol/bridge-protocol';
import { encodeWriteFrame, type ReadFrame } from '../../shared/protocol/frames';
import { DEFAULT_LIMITS } from '../limits';
import { type RunningBridge, startBridge } from '../start';
import { isReadFrame, PageClient } from '../testing/page-client';
import {
  closedPort,
  startEchoServer,
  startTcpServer,
  type TestServer,
} from '../testing/tcp-servers';
import { attachBridgeEndpoint } from './bridge-endpoint';

let bridge: RunningBridge;
let page: PageClient;
const servers: TestServer[] = [];
const logs: string[] = [];

async function server(onConnection: (socket: Socket) => void): Promise<TestServer> {
  const started = await startTcpServer(onConnection);
  servers.push(started);
  return started;
}

const isRead =
  (conn: number, index = 0) =>
  (item: unknown): item is ReadFrame =>
    page.received.filter((r) => isReadFrame(r) && r.conn === conn).indexOf(item as ReadFrame) ===
    index;

beforeEach(async () => {
  logs.length = 0;
  bridge = await startBridge({ port: 0, noDemo: true, staticRoot: null, log: (l) => logs.push(l) });
  page = await PageClient.connectTo(bridge);
});

afterEach(async () => {
  await page.close();
  await bridge.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('page session', () => {
  it('greets the page with the protocol version and what it may reach', async () => {
    const welcome = await page.waitForType('welcome');
    expect(welcome).toMatchObject({
      protocol: PROTOCOL_VERSION,
      demo: null,
      allowed: ['loopback'],
    });
    expect(Math.abs(welcome.at - Date.now())).toBeLessThan(60_000);
  });

  it('opens, writes with an acknowledgement, and relays the echo byte for byte', async () => {
    const echo = await startEchoServer();
    servers.push(echo);
    page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: echo.port });
    const opened = await page.waitForType('opened', 1);
    expect(opened.remote).toEqual({ host: '127.0.0.1', port: echo.port });
    expect(opened.local.host).toBe('127.0.0.1');

    const payload = new Uint8Array([0x7b, 0x00, 0xff, 0x0a, 0x7d]);
    page.write(1, 7, payload);
    const written = await page.waitForType('written', 1);
    expect(written).toMatchObject({ write: 7, bytes: 5 });
    const read = await page.waitFor(isRead(1), 'the echo');
    expect([...read.payload]).toEqual([...payload]);
    expect(read.at).toBeGreaterThanOrEqual(written.at);
  });

  it('carries the ack of a write in the read frame of its answer', async () => {
    const echo = await startEchoServer();
    servers.push(echo);
    page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: echo.port });
    await page.waitForType('opened', 1);
    page.write(1, 9, new Uint8Array([0x31, 0x0a]));
    const read = await page.waitFor(isRead(1), 'the echo');
    expect(read.acks).toEqual([{ write: 9, bytes: 2, at: expect.any(Number) }]);
    expect(read.acks[0]?.at).toBeLessThanOrEqual(read.at);
    // The page client records the carried ack as the `written` it stands for, once.
    expect(page.received.filter((r) => 'type' in r && r.type === 'written')).toHaveLength(1);
  });

  it('relays the same way while the event loop busy-polls (--busy-poll)', async () => {
    const polling = await startBridge({
      port: 0,
      noDemo: true,
      staticRoot: null,
      busyPollUs: 500,
    });
    const client = await PageClient.connectTo(polling);
    try {
      const echo = await startEchoServer();
      servers.push(echo);
      client.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: echo.port });
      await client.waitForType('opened', 1);
      for (const write of [1, 2, 3]) {
        client.write(1, write, new Uint8Array([0x30 + write]));
        const read = await client.waitFor(
          (item): item is ReadFrame =>
            isReadFrame(item) && item.acks.some((ack) => ack.write === write),
          `echo ${write}`,
        );
        expect([...read.payload]).toEqual([0x30 + write]);
      }
    } finally {
      await client.close();
      await polling.close();
    }
  });

  it('relays a frame of many writes: each connection gets its bytes in order, each write its ack', async () => {
    const collect = async () => {
      const chunks: Buffer[] = [];
      const target = await server((socket) => socket.on('data', (chunk) => chunks.push(chunk)));
      return { target, text: () => Buffer.concat(chunks).toString() };
    };
    const one = await collect();
    const two = await collect();
    page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: one.target.port });
    page.sendJson({ type: 'open', conn: 2, host: '127.0.0.1', port: two.target.port });
    await page.waitForType('opened', 1);
    await page.waitForType('opened', 2);
    const text = (t: string) => new TextEncoder().encode(t);
    page.ws.send(
      encodeWriteFrame([
        { conn: 1, write: 1, payload: text('ab') },
        { conn: 2, write: 2, payload: text('X') },
        { conn: 1, write: 3, payload: text('cd') },
        { conn: 1, write: 4, payload: text('ef') },
        { conn: 9, write: 5, payload: text('zz') },
      ]),
    );
    expect(await page.waitForType('error', 9)).toMatchObject({ code: 'conn-unknown' });
    const acked = async (conn: number, write: number) =>
      page.waitFor(
        (r): r is WrittenMessage => 'type' in r && r.type === 'written' && r.write === write,
        `the ack of write ${write} on conn ${conn}`,
      );
    const acks = [await acked(1, 1), await acked(2, 2), await acked(1, 3), await acked(1, 4)];
    expect(acks.map(({ conn, write, bytes }) => ({ conn, write, bytes }))).toEqual([
      { conn: 1, write: 1, bytes: 2 },
      { conn: 2, write: 2, bytes: 1 },
      { conn: 1, write: 3, bytes: 2 },
      { conn: 1, write: 4, bytes: 2 },
    ]);
    // Writes 3 and 4 lie back to back in the frame: one socket write sent both.
    expect(acks[2]?.at).toBe(acks[3]?.at);
    await expect.poll(one.text).toBe('abcdef');
    await expect.poll(two.text).toBe('X');
  });

  it('sends an ack on its own when no answer comes, and before the close that follows', async () => {
    const target = await server(() => {});
    page.sendJson({ type: 'open', conn: 2, host: '127.0.0.1', port: target.port });
    await page.waitForType('opened', 2);
    page.write(2, 4, new Uint8Array([0x78]));
    expect(await page.waitForType('written', 2)).toMatchObject({ write: 4, bytes: 1 });
    page.write(2, 5, new Uint8Array([0x79]));
    (await target.firstConnection).end();
    await page.waitForType('closed', 2);
    const order = page.received.flatMap((r) =>
      'type' in r && (r.type === 'written' || r.type === 'closed') ? [r.type] : [],
    );
    expect(order).toEqual(['written', 'written', 'closed']);
  });

  it('reports each chunk the server sends as its own read frame, in order', async () => {
    const target = await server(() => {});
    page.sendJson({ type: 'open', conn: 2, host: 'localhost', port: target.port });
    await page.waitForType('opened', 2);
    const serverSocket = await target.firstConnection;
    for (const [index, text] of ['one', 'two', 'three'].entries()) {
      serverSocket.write(text);
      const frame = await page.waitFor(isRead(2, index), `chunk ${index}`);
      expect(Buffer.from(frame.payload).toString()).toBe(text);
    }
  });

  it('refuses a non-loopback target by policy, saying how to allow it', async () => {
    page.sendJson({ type: 'open', conn: 3, host: '10.0.0.1', port: 80 });
    const error = await page.waitForType('error', 3);
    expect(error.code).toBe('target-not-allowed');
    expect(error.message).toContain('--allow 10.0.0.1:80');
    expect(logs).toEqual([expect.stringContaining('refused')]);
  });

  it('refuses 0.0.0.0 although it would reach this machine', async () => {
    page.sendJson({ type: 'open', conn: 4, host: '0.0.0.0', port: 80 });
    expect(await page.waitForType('error', 4)).toMatchObject({ code: 'target-not-allowed' });
  });

  it('reports a closed port as connect-refused', async () => {
    const port = await closedPort();
    page.sendJson({ type: 'open', conn: 5, host: '127.0.0.1', port });
    expect(await page.waitForType('error', 5)).toMatchObject({
      code: 'connect-refused',
      message: `nothing is listening on 127.0.0.1:${port} (connection refused)`,
    });
  });

  it('delivers the last bytes before reporting the server FIN', async () => {
    const target = await server((socket) => socket.end('bye'));
    page.sendJson({ type: 'open', conn: 6, host: '127.0.0.1', port: target.port });
    const closed = await page.waitForType('closed', 6);
    expect(closed).toMatchObject({
      by: 'server',
      kind: 'fin',
      reason: 'the server closed the connection (FIN)',
    });
    expect(page.readBytes(6).toString()).toBe('bye');
    const readIndex = page.received.findIndex((item) => isReadFrame(item) && item.conn === 6);
    expect(readIndex).toBeLessThan(page.received.indexOf(closed));
  });

  it('reports a server reset distinctly from a FIN', async () => {
    const target = await server(() => {});
    page.sendJson({ type: 'open', conn: 7, host: '127.0.0.1', port: target.port });
    await page.waitForType('opened', 7);
    (await target.firstConnection).resetAndDestroy();
    expect(await page.waitForType('closed', 7)).toMatchObject({
      by: 'server',
      kind: 'reset',
      reason: 'the server reset the connection',
    });
  });

  it('closes on request with exactly one closed, and the server sees the FIN', async () => {
    let sawEnd!: () => void;
    const ended = new Promise<void>((resolve) => {
      sawEnd = resolve;
    });
    const target = await server((socket) => socket.on('end', () => sawEnd()));
    page.sendJson({ type: 'open', conn: 8, host: '127.0.0.1', port: target.port });
    await page.waitForType('opened', 8);
    page.sendJson({ type: 'close', conn: 8 });
    expect(await page.waitForType('closed', 8)).toMatchObject({ by: 'page', kind: 'requested' });
    await ended;
    page.sendJson({ type: 'close', conn: 8 });
    await page.waitForType('error', 8);
    expect(page.received.filter((m) => 'type' in m && m.type === 'closed')).toHaveLength(1);
  });

  it('refuses a conn id in use, and writes or closes of unknown conns', async () => {
    const echo = await startEchoServer();
    servers.push(echo);
    page.sendJson({ type: 'open', conn: 9, host: '127.0.0.1', port: echo.port });
    await page.waitForType('opened', 9);
    page.sendJson({ type: 'open', conn: 9, host: '127.0.0.1', port: echo.port });
    expect(await page.waitForType('error', 9)).toMatchObject({ code: 'conn-in-use' });
    page.write(10, 1, new Uint8Array([1]));
    expect(await page.waitForType('error', 10)).toMatchObject({ code: 'conn-unknown' });
    page.sendJson({ type: 'close', conn: 11 });
    expect(await page.waitForType('error', 11)).toMatchObject({ code: 'conn-unknown' });
  });

  it('answers a malformed message with bad-message and keeps the session', async () => {
    page.ws.send('{not json');
    expect(await page.waitForType('error')).toMatchObject({
      conn: null,
      code: 'bad-message',
      message: 'control message is not JSON',
    });
    page.ws.send(new Uint8Array([0x09, 1]));
    await page.waitFor(
      (m): m is never => 'type' in m && m.type === 'error' && m.message.includes('too short'),
      'a short-frame error',
    );
    const echo = await startEchoServer();
    servers.push(echo);
    page.sendJson({ type: 'open', conn: 12, host: '127.0.0.1', port: echo.port });
    await page.waitForType('opened', 12);
  });

  it('closes every TCP connection of a page whose WebSocket goes away', async () => {
    let sawClose!: () => void;
    const serverClosed = new Promise<void>((resolve) => {
      sawClose = resolve;
    });
    const target = await server((socket) => socket.on('close', () => sawClose()));
    page.sendJson({ type: 'open', conn: 13, host: '127.0.0.1', port: target.port });
    await page.waitForType('opened', 13);
    await page.close();
    await serverClosed;
  });
});

describe('a close while the target is still resolving', () => {
  it('answers closed by the page and never dials the target', async () => {
    const target = await server(() => {});
    let lookupStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      lookupStarted = resolve;
    });
    let finishLookup!: (addresses: string[]) => void;
    const lookup = () => {
      lookupStarted();
      return new Promise<string[]>((resolve) => {
        finishLookup = resolve;
      });
    };
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const endpoint = attachBridgeEndpoint(http, {
      policy: { demo: null, rules: [] },
      log: () => {},
      lookup,
      limits: { ...DEFAULT_LIMITS, heartbeatIntervalMs: 60_000 },
      upgrade: {
        port,
        hostNames: ['127.0.0.1'],
        allowedOrigins: [],
        token: 'test-token-0123456789',
      },
    });
    const slowPage = await PageClient.connect(`ws://127.0.0.1:${port}/bridge`, {
      origin: `http://127.0.0.1:${port}`,
      token: 'test-token-0123456789',
    });
    try {
      slowPage.sendJson({ type: 'open', conn: 1, host: 'slow.test', port: target.port });
      await started;
      slowPage.sendJson({ type: 'close', conn: 1 });
      // Messages are handled in order: once this one is answered, the close has been seen.
      slowPage.sendJson({ type: 'close', conn: 2 });
      await slowPage.waitForType('error', 2);
      finishLookup(['127.0.0.1']);
      expect(await slowPage.waitForType('closed', 1)).toMatchObject({
        by: 'page',
        reason: 'the page closed the connection before it opened',
      });
      expect(target.sockets).toHaveLength(0);
    } finally {
      await slowPage.close();
      endpoint.close();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

describe('heartbeat', () => {
  it('terminates a page that does not answer pings', async () => {
    const quick = await startBridge({
      port: 0,
      noDemo: true,
      staticRoot: null,
      limits: { heartbeatIntervalMs: 20 },
      log: (l) => logs.push(l),
    });
    const silent = await PageClient.connectTo(quick, { autoPong: false });
    await silent.closed();
    expect(logs).toContain('heartbeat: a page missed its pong; closing its connections');
    await quick.close();
  });
});
