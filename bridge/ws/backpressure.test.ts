import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningBridge, startBridge } from '../start';
import { isReadFrame, PageClient } from '../testing/page-client';
import { startTcpServer, type TestServer } from '../testing/tcp-servers';

/** Far more than every buffer on the way (kernel, bridge high-water mark) can hold. */
const TOTAL_BYTES = 32 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;
const SETTLE_POLL_MS = 20;
const SETTLE_POLLS = 10;
const SETTLE_LIMIT_MS = 15_000;
const TEST_TIMEOUT_MS = 30_000;

let bridge: RunningBridge;
let page: PageClient;
let target: TestServer;

/** Resolves once `value()` has stopped changing for SETTLE_POLLS polls in a row. */
async function settled(value: () => number): Promise<number> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let last = value();
  let same = 0;
  while (same < SETTLE_POLLS) {
    if (Date.now() > deadline) throw new Error(`value kept changing (last ${last})`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const now = value();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

beforeEach(async () => {
  bridge = await startBridge({ port: 0, noDemo: true, staticRoot: null, log: () => {} });
  page = await PageClient.connect(bridge.wsUrl, { origin: `http://127.0.0.1:${bridge.port}` });
});

afterEach(async () => {
  await page.close();
  await bridge.close();
  await target.close();
});

describe('backpressure', () => {
  it(
    'stops reading from the server while the page is not reading, and loses nothing',
    async () => {
      let pumped = 0;
      const chunk = Buffer.alloc(CHUNK_BYTES, 0x61);
      const pump = (socket: Socket) => {
        while (pumped < TOTAL_BYTES) {
          pumped += CHUNK_BYTES;
          if (!socket.write(chunk)) {
            socket.once('drain', () => pump(socket));
            return;
          }
        }
      };
      target = await startTcpServer(() => {});
      page.ws.pause();
      page.sendJson({ type: 'open', conn: 1, host: '127.0.0.1', port: target.port });
      pump(await target.firstConnection);

      expect(await settled(() => pumped)).toBeLessThan(TOTAL_BYTES);

      page.ws.resume();
      await page.waitForType('opened', 1);
      const received = () =>
        page.received.reduce((sum, r) => sum + (isReadFrame(r) ? r.payload.length : 0), 0);
      await expect.poll(received, { timeout: SETTLE_LIMIT_MS }).toBe(TOTAL_BYTES);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stops reading from the page while the server is not reading, and loses nothing',
    async () => {
      let serverReceived = 0;
      target = await startTcpServer((socket) => {
        socket.pause();
        socket.on('data', (data: Buffer) => {
          serverReceived += data.length;
        });
      });
      page.sendJson({ type: 'open', conn: 2, host: '127.0.0.1', port: target.port });
      await page.waitForType('opened', 2);
      const frames = TOTAL_BYTES / CHUNK_BYTES;
      const payload = new Uint8Array(CHUNK_BYTES).fill(0x62);
      for (let write = 0; write < frames; write++) page.write(2, write, payload);

      expect(await settled(() => page.ws.bufferedAmount)).toBeGreaterThan(0);

      (await target.firstConnection).resume();
      await expect.poll(() => serverReceived, { timeout: SETTLE_LIMIT_MS }).toBe(TOTAL_BYTES);
      const acks = () => page.received.filter((r) => 'type' in r && r.type === 'written').length;
      await expect.poll(acks, { timeout: SETTLE_LIMIT_MS }).toBe(frames);
    },
    TEST_TIMEOUT_MS,
  );
});
