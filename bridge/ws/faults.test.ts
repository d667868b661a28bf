import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClosedMessage } from '../../shared/protocol/bridge-protocol';
import { now } from '../clock';
import { type RunningBridge, startBridge } from '../start';
import { type BridgeProcess, spawnBridge } from '../testing/bridge-process';
import { PatternChecker, slice } from '../testing/byte-pattern';
import { isReadFrame, PageClient, type Received } from '../testing/page-client';
import {
  closedPort,
  startEchoServer,
  startTcpServer,
  type TestServer,
} from '../testing/tcp-servers';

/**
 * What a target can do wrong, each seen from the page: a typed error or a
 * close report with who closed and how, and every byte read before it.
 */

const MIB = 1024 * 1024;
/** Long enough for any relay on loopback to show up; the bridge must stay silent. */
const QUIET_MS = 300;
const TOKEN = 'faults-test-token-0123';
/** Two bridge processes start in this test; on a busy machine each takes seconds. */
const RESTART_TEST_TIMEOUT_MS = 45_000;

let bridge: RunningBridge | undefined;
let page: PageClient | undefined;
const servers: TestServer[] = [];
const processes: BridgeProcess[] = [];

afterEach(async () => {
  await page?.close();
  await bridge?.close();
  for (const server of servers.splice(0)) await server.close();
  for (const running of processes.splice(0)) await running.stop();
  page = undefined;
  bridge = undefined;
});

async function connectPage(): Promise<PageClient> {
  bridge = await startBridge({ port: 0, noDemo: true, staticRoot: null, log: () => {} });
  page = await PageClient.connectTo(bridge);
  await page.waitForType('welcome');
  return page;
}

async function server(onConnection: (socket: Socket) => void): Promise<TestServer> {
  const started = await startTcpServer(onConnection);
  servers.push(started);
  return started;
}

/** Index of the `closed` report for conn, and of the last read frame before it. */
function closeOrder(received: Received[], conn: number): { closed: number; lastRead: number } {
  const closed = received.findIndex((r) => 'type' in r && r.type === 'closed' && r.conn === conn);
  let lastRead = -1;
  for (const [i, r] of received.entries()) if (isReadFrame(r) && r.conn === conn) lastRead = i;
  return { closed, lastRead };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults at the target, as the page sees them', () => {
  it('a target that refuses is a typed connect-refused error, never an opened', async () => {
    const p = await connectPage();
    p.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: await closedPort() });
    const error = await p.waitForType('error', 1);
    expect(error.code).toBe('connect-refused');
    expect(error.message).toMatch(/refused/i);
    expect(p.received.some((r) => 'type' in r && r.type === 'opened')).toBe(false);
  });

  it('a reset is reported as a reset by the server, after the bytes read before it', async () => {
    const p = await connectPage();
    const target = await server((socket) => socket.write('{"id":0,"res'));
    p.sendJson({ type: 'open', conn: 2, host: '127.0.0.1', port: target.port });
    await p.waitFor(
      (r): r is Received => isReadFrame(r) && r.conn === 2,
      'the bytes sent before the reset',
    );
    (await target.firstConnection).resetAndDestroy();
    const closed = await p.waitForType('closed', 2);
    expect(closed).toMatchObject({ by: 'server', kind: 'reset' });
    expect(closed.reason).toMatch(/reset/);
    expect(p.readBytes(2).toString()).toBe('{"id":0,"res');
  });

  it('a server that closes mid-message: the partial bytes arrive, then a FIN report', async () => {
    const p = await connectPage();
    const target = await server((socket) => {
      socket.once('data', () => socket.end('{"id":0,"result":3'));
    });
    p.sendJson({ type: 'open', conn: 3, host: '127.0.0.1', port: target.port });
    await p.waitForType('opened', 3);
    p.write(3, 1, new TextEncoder().encode('{"method":"ServiceA.Add","params":[{}],"id":0}'));
    const closed = await p.waitForType('closed', 3);
    expect(closed).toMatchObject({ by: 'server', kind: 'fin' });
    expect(closed.reason).toContain('FIN');
    expect(p.readBytes(3).toString()).toBe('{"id":0,"result":3');
    const order = closeOrder(p.received, 3);
    expect(order.lastRead).toBeLessThan(order.closed);
    // The write's ack leaves when the write completes, before the server can answer it.
    const ack = p.received.findIndex((r) => 'type' in r && r.type === 'written' && r.conn === 3);
    const firstRead = p.received.findIndex((r) => isReadFrame(r) && r.conn === 3);
    expect(ack).toBeGreaterThanOrEqual(0);
    expect(ack).toBeLessThan(firstRead);
  });

  it('a half-close (FIN) while the page lags: every pending byte first, then FIN, distinct from reset', async () => {
    const p = await connectPage();
    const pending = 8 * MIB;
    const target = await server((socket) => {
      for (let at = 0; at < pending; at += MIB) socket.write(slice(at, MIB));
      socket.end();
    });
    p.ws.pause();
    p.sendJson({ type: 'open', conn: 4, host: '127.0.0.1', port: target.port });
    // The server has written everything and sent its FIN before the page reads a byte.
    await expect.poll(() => target.sockets[0]?.writableFinished ?? false).toBe(true);
    p.ws.resume();
    const closed = await p.waitForType('closed', 4);
    expect(closed).toMatchObject({ by: 'server', kind: 'fin' });
    const checker = new PatternChecker();
    checker.push(p.readBytes(4));
    expect(checker.received).toBe(pending);
    expect(checker.firstMismatch).toBeNull();
    const order = closeOrder(p.received, 4);
    expect(order.lastRead).toBeLessThan(order.closed);
  });

  it('a server that accepts and never answers: the write is acknowledged and the bridge waits', async () => {
    const p = await connectPage();
    let heard = '';
    const target = await server((socket) => {
      socket.on('data', (data: Buffer) => {
        heard += data.toString();
      });
    });
    p.sendJson({ type: 'open', conn: 5, host: '127.0.0.1', port: target.port });
    await p.waitForType('opened', 5);
    const request = '{"method":"Demo.Sleep","params":[{"Ms":1}],"id":0}';
    p.write(5, 7, new TextEncoder().encode(request));
    const written = await p.waitForType('written', 5);
    expect(written).toMatchObject({ write: 7, bytes: request.length });
    await expect.poll(() => heard).toBe(request);
    await pause(QUIET_MS);
    // No answer is not the bridge's to judge: no read, no close; the page's own timeout decides.
    expect(p.readBytes(5).length).toBe(0);
    expect(p.received.some((r) => 'type' in r && r.type === 'closed')).toBe(false);
    p.sendJson({ type: 'close', conn: 5 });
    expect(await p.waitForType('closed', 5)).toMatchObject({ by: 'page', kind: 'requested' });
  });
});

describe('each chunk as the bridge read it', () => {
  it('is its own read frame, bytes unchanged, stamped on a monotonic clock between write and arrival', async () => {
    const p = await connectPage();
    let peer: Socket | undefined;
    const target = await server((socket) => {
      peer = socket;
    });
    p.sendJson({ type: 'open', conn: 6, host: '127.0.0.1', port: target.port });
    await p.waitForType('opened', 6);
    await expect.poll(() => peer !== undefined).toBe(true);
    const frames = () => p.received.filter((r) => isReadFrame(r) && r.conn === 6);
    const windows: Array<{ before: number; after: number }> = [];
    for (let n = 0; n < 5; n++) {
      const before = now();
      peer?.write(`chunk ${n}\u0000\u00ff`);
      await expect.poll(() => frames().length).toBe(n + 1);
      windows.push({ before, after: now() });
    }
    const read = frames().filter(isReadFrame);
    expect(read.map((f) => Buffer.from(f.payload).toString())).toEqual(
      [0, 1, 2, 3, 4].map((n) => `chunk ${n}\u0000\u00ff`),
    );
    for (const [n, frame] of read.entries()) {
      expect(frame.at).toBeGreaterThanOrEqual(windows[n]?.before ?? Number.NaN);
      expect(frame.at).toBeLessThanOrEqual(windows[n]?.after ?? Number.NaN);
      if (n > 0) expect(frame.at).toBeGreaterThan(read[n - 1]?.at ?? Number.NaN);
    }
  });
});

describe('the bridge killed and restarted on the same port', () => {
  it(
    'drops the page and its TCP connections, and takes the same token again after restart',
    async () => {
      const first = await spawnBridge({ token: TOKEN });
      processes.push(first);
      const target = await startEchoServer();
      servers.push(target);
      const before = await PageClient.connect(first.wsUrl, { origin: first.origin, token: TOKEN });
      before.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: target.port });
      await before.waitForType('opened', 1);
      const serverSide = await target.firstConnection;
      const serverSawClose = new Promise<void>((resolve) =>
        serverSide.once('close', () => resolve()),
      );

      await first.kill();
      await before.closed();
      await serverSawClose;
      expect(
        before.received.some((r): r is ClosedMessage => 'type' in r && r.type === 'closed'),
      ).toBe(false);

      const second = await spawnBridge({ token: TOKEN, port: first.port });
      processes.push(second);
      expect(second.port).toBe(first.port);
      const after = await PageClient.connect(second.wsUrl, { origin: second.origin, token: TOKEN });
      page = after;
      await after.waitForType('welcome');
      after.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: target.port });
      await after.waitForType('opened', 1);
      after.write(1, 1, new TextEncoder().encode('still here'));
      await expect.poll(() => after.readBytes(1).toString()).toBe('still here');
    },
    RESTART_TEST_TIMEOUT_MS,
  );
});
