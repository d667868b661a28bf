import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { binaryHeaderSize, writeBinaryHeader } from './binary-message';

type Link = {
  socket: Socket;
  server: WebSocket;
  received: Array<{ binary: boolean; bytes: Buffer }>;
};

let http: Server;
let link: Link;

/** A real `ws` server and client on loopback; the test writes to the server's raw socket. */
beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  http = createServer();
  const accepted = new Promise<{ socket: Socket; server: WebSocket }>((resolve) => {
    http.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (server) =>
        resolve({ socket: socket as Socket, server }),
      ),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}/`);
  const received: Link['received'] = [];
  client.on('message', (data: Buffer, binary) => received.push({ binary, bytes: data }));
  await new Promise((resolve) => client.once('open', resolve));
  link = { ...(await accepted), received };
});

afterAll(async () => {
  link.server.terminate();
  await new Promise((resolve) => http.close(resolve));
});

function message(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(binaryHeaderSize(payload.length) + payload.length);
  out.set(payload, writeBinaryHeader(out, payload.length));
  return out;
}

async function receive(count: number): Promise<Link['received']> {
  await expect.poll(() => link.received.length, { timeout: 5_000 }).toBe(count);
  return link.received.splice(0);
}

describe('binary messages written straight to the socket', () => {
  it('uses the shortest length field RFC 6455 allows', () => {
    expect([0, 125, 126, 0xffff, 0x10000].map(binaryHeaderSize)).toEqual([2, 2, 4, 4, 10]);
    const out = new Uint8Array(10);
    expect(writeBinaryHeader(out, 0x10000)).toBe(10);
    expect([...out]).toEqual([0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('reach a real `ws` client whole, at every length boundary', async () => {
    const lengths = [0, 1, 125, 126, 127, 0xffff, 0x10000, 200_000];
    const payloads = lengths.map((n) => Buffer.alloc(n, n % 251));
    for (const payload of payloads) link.socket.write(message(payload));
    const got = await receive(payloads.length);
    expect(got.map((m) => m.binary)).toEqual(lengths.map(() => true));
    expect(got.map((m) => m.bytes.length)).toEqual(lengths);
    expect(got.every((m, i) => m.bytes.equals(payloads[i] ?? Buffer.alloc(0)))).toBe(true);
  });

  it('keep their place among the messages `ws` itself sends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 300 })), {
          minLength: 1,
          maxLength: 12,
        }),
        async (messages) => {
          for (const m of messages) {
            if (typeof m === 'string') link.server.send(m);
            else link.socket.write(message(m));
          }
          const got = await receive(messages.length);
          expect(got.map((m) => (m.binary ? [...m.bytes] : m.bytes.toString('utf8')))).toEqual(
            messages.map((m) => (typeof m === 'string' ? m : [...m])),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
