import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorMessage } from '../../shared/protocol/bridge-protocol';
import { DEFAULT_LIMITS, type Limits } from '../limits';
import { type RunningBridge, startBridge } from '../start';
import type { LookupAll } from '../tcp/resolve-target';
import { PageClient, rawRequest, upgradeHeaders } from '../testing/page-client';
import { startEchoServer, startTcpServer, type TestServer } from '../testing/tcp-servers';
import { attachBridgeEndpoint } from './bridge-endpoint';

/** Every limit, hit on purpose: a typed `limit` message naming the flag, and a log line. */

const bridges: RunningBridge[] = [];
const pages: PageClient[] = [];
const servers: TestServer[] = [];
const logs: string[] = [];

async function bridgeWith(limits: Partial<Limits>): Promise<RunningBridge> {
  const bridge = await startBridge({
    port: 0,
    noDemo: true,
    staticRoot: null,
    limits,
    log: (line) => logs.push(line),
  });
  bridges.push(bridge);
  return bridge;
}

async function pageOn(bridge: RunningBridge): Promise<PageClient> {
  const page = await PageClient.connectTo(bridge);
  pages.push(page);
  await page.waitForType('welcome');
  return page;
}

async function echo(): Promise<TestServer> {
  const server = await startEchoServer();
  servers.push(server);
  return server;
}

const isLimit =
  (conn: number | null) =>
  (item: unknown): item is ErrorMessage =>
    typeof item === 'object' &&
    item !== null &&
    'type' in item &&
    item.type === 'error' &&
    'code' in item &&
    item.code === 'limit' &&
    'conn' in item &&
    item.conn === conn;

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  await Promise.all(bridges.splice(0).map((bridge) => bridge.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
  logs.length = 0;
});

describe('limits', () => {
  it('refuses a page beyond --max-pages with a limit message and close 1013', async () => {
    const bridge = await bridgeWith({ maxPages: 2 });
    await pageOn(bridge);
    await pageOn(bridge);
    const third = await PageClient.connectTo(bridge);
    pages.push(third);
    const refusal = await third.waitFor(isLimit(null), 'a limit error');
    expect(refusal.message).toBe(
      'The bridge serves at most 2 pages at once (--max-pages); close another tab.',
    );
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      third.ws.once('close', (closeCode, closeReason) =>
        resolve([closeCode, closeReason.toString()]),
      ),
    );
    expect(code).toBe(1013);
    expect(reason).toBe(refusal.message);
    expect(logs).toContain('limit: 2 pages connected, refused one more (--max-pages)');
  });

  it('refuses a TCP connection beyond --max-conns-per-page', async () => {
    const bridge = await bridgeWith({ maxConnsPerPage: 2 });
    const page = await pageOn(bridge);
    const server = await echo();
    for (const conn of [1, 2]) {
      page.sendJson({ type: 'open', conn, host: '127.0.0.1', port: server.port });
      await page.waitForType('opened', conn);
    }
    page.sendJson({ type: 'open', conn: 3, host: '127.0.0.1', port: server.port });
    expect((await page.waitFor(isLimit(3))).message).toBe(
      'A page may hold at most 2 TCP connections (--max-conns-per-page); close some first.',
    );
    expect(logs.at(-1)).toBe('limit: page 1 reached 2 TCP connections (--max-conns-per-page)');
  });

  it('refuses a TCP connection beyond --max-conns across pages', async () => {
    const bridge = await bridgeWith({ maxConns: 3 });
    const first = await pageOn(bridge);
    const second = await pageOn(bridge);
    const server = await echo();
    for (const [page, conn] of [
      [first, 1],
      [first, 2],
      [second, 1],
    ] as const) {
      page.sendJson({ type: 'open', conn, host: '127.0.0.1', port: server.port });
      await page.waitForType('opened', conn);
    }
    second.sendJson({ type: 'open', conn: 2, host: '127.0.0.1', port: server.port });
    expect((await second.waitFor(isLimit(2))).message).toBe(
      'The bridge holds at most 3 TCP connections for all pages together (--max-conns); close some first.',
    );
    expect(logs.at(-1)).toBe(
      'limit: 3 TCP connections in total, refused one for page 2 (--max-conns)',
    );
    // A closed connection frees its place.
    first.sendJson({ type: 'close', conn: 1 });
    await first.waitForType('closed', 1);
    second.sendJson({ type: 'open', conn: 3, host: '127.0.0.1', port: server.port });
    await second.waitForType('opened', 3);
  });

  it('closes a connection that would hold more than --max-buffered bytes', async () => {
    const bridge = await bridgeWith({ maxBufferedBytes: 64 * 1024 });
    const page = await pageOn(bridge);
    const server = await startTcpServer((socket) => socket.pause());
    servers.push(server);
    page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: server.port });
    await page.waitForType('opened', 1);
    page.write(1, 1, new Uint8Array(80 * 1024));
    const sentence =
      'The server is not reading and the bridge holds at most 64 KiB for one connection (--max-buffered), so it closed the connection.';
    expect((await page.waitFor(isLimit(1))).message).toBe(sentence);
    expect(await page.waitForType('closed', 1)).toMatchObject({
      by: 'bridge',
      kind: 'error',
      reason: sentence,
    });
    expect(logs.at(-1)).toBe(`limit: page 1 conn 1: ${sentence}`);
  });

  it('closes a page that sends a message over --max-message with 1009, and keeps serving others', async () => {
    const bridge = await bridgeWith({ maxMessageBytes: 64 * 1024 });
    const page = await pageOn(bridge);
    const closed = new Promise<number>((resolve) => page.ws.once('close', resolve));
    page.write(1, 1, new Uint8Array(64 * 1024));
    expect(await closed).toBe(1009);
    expect(logs.at(-1)).toBe(
      'limit: page 1 sent a message over 64 KiB (--max-message); closed with 1009',
    );
    await pageOn(bridge);
  });

  it('closes a TCP connection idle both ways for --idle-timeout, but not a busy one', async () => {
    const bridge = await bridgeWith({ idleTimeoutMs: 400 });
    const page = await pageOn(bridge);
    const server = await echo();
    page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: server.port });
    page.sendJson({ type: 'open', conn: 2, host: '127.0.0.1', port: server.port });
    const opened = Date.now();
    await page.waitForType('opened', 1);
    await page.waitForType('opened', 2);
    // Conn 2 talks every 100 ms for 800 ms: twice the idle timeout, never idle.
    for (let i = 0; i < 8; i++) {
      page.write(2, i + 1, new Uint8Array([i]));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sentence =
      'No traffic either way for 0.4 s, so the bridge closed the connection (idle timeout, --idle-timeout).';
    const closed = await page.waitForType('closed', 1);
    expect(closed).toMatchObject({ by: 'bridge', kind: 'error', reason: sentence });
    expect(closed.at - opened).toBeGreaterThanOrEqual(350);
    expect((await page.waitFor(isLimit(1))).message).toBe(sentence);
    expect(logs).toContain(`limit: page 1 conn 1: ${sentence}`);
    expect(page.received.some((m) => 'type' in m && m.type === 'closed' && m.conn === 2)).toBe(
      false,
    );
    expect(page.readBytes(2)).toEqual(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]));
  });
});

describe('WebSocket settings', () => {
  it('refuses permessage-deflate: the handshake answer carries no extension', async () => {
    const bridge = await bridgeWith({});
    const answer = await rawRequest(
      bridge.port,
      '/bridge',
      upgradeHeaders(bridge, { 'Sec-WebSocket-Extensions': 'permessage-deflate' }),
    );
    expect(answer.status).toBe(101);
    expect(answer.headers['sec-websocket-extensions']).toBeUndefined();
  });

  it('accepts a 1 MiB message by default and closes on one byte more (1009)', async () => {
    expect(DEFAULT_LIMITS.maxMessageBytes).toBe(1024 * 1024);
    const bridge = await bridgeWith({});
    const page = await pageOn(bridge);
    const echoServer = await echo();
    page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: echoServer.port });
    await page.waitForType('opened', 1);
    // Kind and count, then conn, write id and length: one write's payload may be 1 MiB − 15 bytes.
    const header = 15;
    page.write(1, 1, new Uint8Array(1024 * 1024 - header));
    expect(await page.waitForType('written', 1)).toMatchObject({ bytes: 1024 * 1024 - header });
    const closed = new Promise<number>((resolve) => page.ws.once('close', resolve));
    page.write(1, 2, new Uint8Array(1024 * 1024 - header + 1));
    expect(await closed).toBe(1009);
  });

  it('validates UTF-8 in text frames: invalid text closes the page with 1007', async () => {
    const bridge = await bridgeWith({});
    const page = await pageOn(bridge);
    const closed = new Promise<number>((resolve) => page.ws.once('close', resolve));
    page.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await closed).toBe(1007);
  });

  it('closes the TCP connections of a page that stops answering pings', async () => {
    const bridge = await bridgeWith({ heartbeatIntervalMs: 300 });
    const page = await PageClient.connectTo(bridge, { autoPong: false });
    pages.push(page);
    const server = await startTcpServer(() => {});
    servers.push(server);
    page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: server.port });
    await page.waitForType('opened', 1);
    const accepted = await server.firstConnection;
    await new Promise<void>((resolve) => accepted.once('close', () => resolve()));
    expect(logs).toContain('heartbeat: a page missed its pong; closing its connections');
  });
});

describe('targets are resolved once and the checked address is dialled', () => {
  async function endpointWith(lookup: LookupAll) {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const token = 'resolve-once-token-0123';
    const endpoint = attachBridgeEndpoint(http, {
      policy: { demo: null, rules: [] },
      log: (line) => logs.push(line),
      lookup,
      limits: DEFAULT_LIMITS,
      upgrade: { port, hostNames: ['127.0.0.1'], allowedOrigins: [], token },
    });
    const page = await PageClient.connect(`ws://127.0.0.1:${port}/bridge`, {
      origin: `http://127.0.0.1:${port}`,
      token,
    });
    pages.push(page);
    return {
      page,
      close: async () => {
        endpoint.close();
        await new Promise((resolve) => http.close(resolve));
      },
    };
  }

  it('asks the resolver once; a rebinding second answer is never used', async () => {
    const server = await echo();
    const answers = [['::ffff:127.0.0.1'], ['10.0.0.1']];
    let lookups = 0;
    const { page, close } = await endpointWith(async () => answers[lookups++] ?? []);
    try {
      page.sendJson({ type: 'open', conn: 1, host: 'rebind.test', port: server.port });
      const opened = await page.waitForType('opened', 1);
      expect(opened.remote).toEqual({ host: '127.0.0.1', port: server.port });
      expect(lookups).toBe(1);
    } finally {
      await close();
    }
  });

  it('refuses a name when one of its addresses is outside the policy, dialling nothing', async () => {
    const server = await echo();
    const { page, close } = await endpointWith(async () => ['127.0.0.1', '169.254.169.254']);
    try {
      page.sendJson({ type: 'open', conn: 1, host: 'mixed.test', port: server.port });
      const error = await page.waitForType('error', 1);
      expect(error.code).toBe('target-not-allowed');
      expect(error.message).toContain('169.254.169.254 is link-local');
      expect(server.sockets).toHaveLength(0);
    } finally {
      await close();
    }
  });
});
