import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tokenProtocol } from '../../shared/protocol/access-token';
import { SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { decodeReadFrame } from '../../shared/protocol/frames';
import { type BridgeProcess, spawnBridge } from '../testing/bridge-process';
import { PatternChecker, slice } from '../testing/byte-pattern';
import { PageClient } from '../testing/page-client';
import { startTcpServer, type TestServer } from '../testing/tcp-servers';

/**
 * Backpressure both ways, measured on the bridge as users run it: a child
 * process whose resident memory (VmRSS) the test reads while a peer refuses
 * to keep up. Every byte is checked, in order, once the peer catches up.
 */

const TOKEN = 'backpressure-test-token';
const MIB = 1024 * 1024;
/** What the flooding server tries to push through the bridge: far more than any buffer on the way. */
const FLOOD_BYTES = 1024 * MIB;
const SERVER_CHUNK_BYTES = 256 * 1024;
/** The slow page reads this much per tick (6.4 MB/s), a hundredth of what the bridge can relay. */
const SLOW_READ_BYTES_PER_TICK = 128 * 1024;
const TICK_MS = 20;
/** How long the page lags while the bridge's memory is sampled. */
const LAG_MS = 3_000;
/** The bridge's memory may grow this much while it holds back a 1 GiB flood (and while pages write 64 MiB). */
const RSS_GROWTH_CEILING_BYTES = 64 * MIB;
const PAGE_WRITE_BYTES = 64 * MIB;
const PAGE_FRAME_BYTES = 256 * 1024;
const SETTLE_POLL_MS = 20;
const SETTLE_POLLS = 10;
const CATCH_UP_LIMIT_MS = 40_000;
const TEST_TIMEOUT_MS = 55_000;

let bridge: BridgeProcess | undefined;
let target: TestServer | undefined;
let socket: WebSocket | undefined;

afterEach(async () => {
  socket?.terminate();
  await target?.close();
  await bridge?.stop();
  socket = undefined;
  target = undefined;
  bridge = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `value()` has stopped changing for SETTLE_POLLS polls in a row. */
async function settled(value: () => number, limitMs: number): Promise<number> {
  const deadline = Date.now() + limitMs;
  let last = value();
  let same = 0;
  while (same < SETTLE_POLLS) {
    if (Date.now() > deadline) throw new Error(`value kept changing (last ${last})`);
    await pause(SETTLE_POLL_MS);
    const now = value();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** Polls until `done()` or the limit; returns whether it got there. */
async function until(done: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await pause(SETTLE_POLL_MS);
  }
  return true;
}

/** Writes the pattern from offset 0 up to `total` bytes as fast as the socket takes it. */
function flood(peer: Socket, total: number, progress: { pumped: number }): void {
  const pump = () => {
    while (progress.pumped < total) {
      const length = Math.min(SERVER_CHUNK_BYTES, total - progress.pumped);
      const chunk = slice(progress.pumped, length);
      progress.pumped += length;
      if (!peer.write(chunk)) {
        peer.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/**
 * `onMessage` listens from the start: the welcome can come in the same read as
 * the upgrade's answer, and `ws` delivers it before a listener added on 'open'
 * (in a promise continuation) exists.
 */
function openPageSocket(
  running: BridgeProcess,
  onMessage: (this: WebSocket, data: Buffer, isBinary: boolean) => void,
): Promise<WebSocket> {
  const ws = new WebSocket(running.wsUrl, [SUBPROTOCOL, tokenProtocol(running.token)], {
    origin: running.origin,
  });
  ws.on('message', onMessage);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('backpressure (bridge in a child process, memory read from /proc)', () => {
  it(
    'holds a 1 GiB flood back while the page reads slowly, memory bounded, then delivers every byte in order',
    async () => {
      const running = await spawnBridge({ token: TOKEN });
      bridge = running;
      const progress = { pumped: 0 };
      target = await startTcpServer((peer) => flood(peer, FLOOD_BYTES, progress));
      const checker = new PatternChecker();
      const controls: string[] = [];
      let budget = Number.POSITIVE_INFINITY;
      const ws = await openPageSocket(running, function (data, isBinary) {
        if (!isBinary) {
          controls.push(data.toString('utf8'));
          return;
        }
        const frame = decodeReadFrame(new Uint8Array(data.buffer, data.byteOffset, data.length));
        if (typeof frame === 'string') throw new Error(frame);
        checker.push(frame.payload);
        budget -= frame.payload.length;
        if (budget <= 0) this.pause();
      });
      socket = ws;
      expect(await until(() => controls.length > 0, 5_000)).toBe(true);
      const baseline = running.rssBytes();

      // Lag: a few frames per tick, then the page stops reading until the next tick.
      budget = SLOW_READ_BYTES_PER_TICK;
      ws.send(JSON.stringify({ type: 'open', conn: 1, host: '127.0.0.1', port: target.port }));
      let peak = baseline;
      const lagEnds = Date.now() + LAG_MS;
      while (Date.now() < lagEnds) {
        await pause(TICK_MS);
        peak = Math.max(peak, running.rssBytes());
        budget = SLOW_READ_BYTES_PER_TICK;
        ws.resume();
      }
      const readWhileLagging = checker.received;
      expect(controls.some((text) => text.includes('"opened"'))).toBe(true);
      expect(peak - baseline).toBeLessThan(RSS_GROWTH_CEILING_BYTES);
      // The server was held back, not drained into the bridge: it could not write its gigabyte.
      expect(progress.pumped).toBeLessThan(FLOOD_BYTES / 4);
      expect(progress.pumped - readWhileLagging).toBeLessThan(RSS_GROWTH_CEILING_BYTES);

      // Catch up: read at full speed; every byte of the gigabyte arrives, in order.
      budget = Number.POSITIVE_INFINITY;
      ws.resume();
      expect(await until(() => checker.received >= FLOOD_BYTES, CATCH_UP_LIMIT_MS)).toBe(true);
      expect(checker.received).toBe(FLOOD_BYTES);
      expect(checker.firstMismatch).toBeNull();
      expect(controls.filter((text) => text.includes('"closed"'))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'pauses the page’s WebSocket while the server does not read, memory bounded, and resumes when it reads again',
    async () => {
      const running = await spawnBridge({ token: TOKEN });
      bridge = running;
      const checker = new PatternChecker();
      target = await startTcpServer((peer) => {
        peer.pause();
        peer.on('data', (data: Buffer) => checker.push(data));
      });
      const page = await PageClient.connect(running.wsUrl, {
        origin: running.origin,
        token: running.token,
      });
      socket = page.ws;
      await page.waitForType('welcome');
      page.sendJson({ type: 'open', conn: 2, host: '127.0.0.1', port: target.port });
      await page.waitForType('opened', 2);
      const baseline = running.rssBytes();

      const frames = PAGE_WRITE_BYTES / PAGE_FRAME_BYTES;
      for (let write = 0; write < frames; write++) {
        page.write(2, write, slice(write * PAGE_FRAME_BYTES, PAGE_FRAME_BYTES));
      }
      // The bridge stopped reading the WebSocket: most of the 64 MiB waits in the page.
      const waiting = await settled(() => page.ws.bufferedAmount, 15_000);
      expect(waiting).toBeGreaterThan(PAGE_WRITE_BYTES / 2);
      expect(running.rssBytes() - baseline).toBeLessThan(RSS_GROWTH_CEILING_BYTES);
      const acksWhilePaused = page.received.filter((r) => 'type' in r && r.type === 'written');
      expect(acksWhilePaused.length).toBeLessThan(frames / 2);

      (await target.firstConnection).resume();
      const acks = () => page.received.filter((r) => 'type' in r && r.type === 'written').length;
      expect(await until(() => acks() === frames, CATCH_UP_LIMIT_MS)).toBe(true);
      expect(await until(() => checker.received === PAGE_WRITE_BYTES, 5_000)).toBe(true);
      expect(checker.firstMismatch).toBeNull();
      expect(page.ws.bufferedAmount).toBe(0);
      expect(page.received.some((r) => 'type' in r && r.type === 'error')).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );
});
