/**
 * The embedded JSON-RPC 2.0 demo server: the demo's services over TCP with
 * newline-delimited framing, batches and notifications. `startBridge` runs it
 * next to the Go-dialect demo, on `--demo2-port`.
 */
import { createServer, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { serveV2Connection } from './connection';
import { createV2Services } from './methods';

export type DemoV2Server = { host: string; port: number; close(): Promise<void> };

/** Port 0 picks a free port; rejects with Node's listen error (EADDRINUSE, …). */
export async function startDemoV2Server(options: {
  host: string;
  port: number;
}): Promise<DemoV2Server> {
  // Aborting on close ends pending Demo.Sleep timers so nothing keeps the process alive.
  const shutdown = new AbortController();
  const services = createV2Services((ms) => delay(ms, undefined, { signal: shutdown.signal }));
  const sockets = new Set<Socket>();
  // Half-open: a client's FIN must not close our side before its replies are written.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveV2Connection(socket, services);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('demo v2 server has no TCP address');
  }

  let closing: Promise<void> | undefined;
  return {
    host: address.address,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        shutdown.abort();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
