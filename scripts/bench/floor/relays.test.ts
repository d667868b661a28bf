import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PatternChecker, slice } from '../../../bridge/testing/byte-pattern';
import { startEchoServer, type TestServer } from '../../../bridge/testing/tcp-servers';
import { type FloorRelay, startCFloorRelay, startNodeFloorRelay } from './relays';

/** More than one read buffer of each relay (64 KiB), so the bytes cross in several chunks. */
const BYTES = 300_000;
const RELAY_TIMEOUT_MS = 30_000;

let echo: TestServer | undefined;
let relay: FloorRelay | null | undefined;

afterEach(async () => {
  await relay?.stop();
  await echo?.close();
  relay = undefined;
  echo = undefined;
});

/** Resolves once `checker` has seen `BYTES` bytes or a wrong one; the checker says which. */
function received(checker: PatternChecker, onChunk: (push: (chunk: Uint8Array) => void) => void) {
  return new Promise<void>((resolve) => {
    onChunk((chunk) => {
      checker.push(chunk);
      if (checker.received >= BYTES || checker.firstMismatch !== null) resolve();
    });
  });
}

describe('floor relays', () => {
  it(
    'the bare Node relay carries binary WebSocket messages to a TCP server and its answer back',
    async () => {
      echo = await startEchoServer();
      relay = await startNodeFloorRelay(echo.port, 300);
      const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const checker = new PatternChecker();
      const done = received(checker, (push) => ws.on('message', (data: Buffer) => push(data)));
      for (let offset = 0; offset < BYTES; offset += 50_000) ws.send(slice(offset, 50_000));
      await done;
      expect(checker.firstMismatch).toBeNull();
      expect(checker.received).toBe(BYTES);
      ws.terminate();
    },
    RELAY_TIMEOUT_MS,
  );

  it(
    'the C WebSocket relay carries binary messages to a TCP server and its answer back, and takes the subprotocol offered (skipped without cc)',
    async (context) => {
      echo = await startEchoServer();
      relay = await startCFloorRelay(echo.port, 'ws-relay');
      if (relay === null) return context.skip();
      const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/`, ['binary']);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      expect(ws.protocol).toBe('binary');
      const checker = new PatternChecker();
      const done = received(checker, (push) => ws.on('message', (data: Buffer) => push(data)));
      // Messages of every length form (7-bit, 16-bit), several to a read.
      const lengths = [5, 125, 126, 50_000, 65_535];
      for (let offset = 0, i = 0; offset < BYTES; i++) {
        const part = Math.min(lengths[i % lengths.length] as number, BYTES - offset);
        ws.send(slice(offset, part));
        offset += part;
      }
      await done;
      expect(checker.firstMismatch).toBeNull();
      expect(checker.received).toBe(BYTES);
      ws.terminate();
    },
    RELAY_TIMEOUT_MS,
  );

  it(
    'the C relay carries TCP bytes to a TCP server and its answer back (skipped without cc)',
    async (context) => {
      echo = await startEchoServer();
      relay = await startCFloorRelay(echo.port);
      if (relay === null) return context.skip();
      const socket = connect({ host: '127.0.0.1', port: relay.port });
      const checker = new PatternChecker();
      const done = received(checker, (push) => socket.on('data', push));
      socket.write(slice(0, BYTES));
      await done;
      expect(checker.firstMismatch).toBeNull();
      expect(checker.received).toBe(BYTES);
      socket.destroy();
    },
    RELAY_TIMEOUT_MS,
  );
});
