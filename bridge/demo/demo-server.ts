/**
 * The embedded demo server: Go's net/rpc/jsonrpc over TCP, answering byte for
 * byte as e2e/go-server does (checked by e2e/differential.spec.ts).
 */
import { createServer, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { serveConnection } from './connection';
import type { ServerStepsObserver } from './server-steps';
import { createServices } from './services';

export type DemoServer = { host: string; port: number; close(): Promise<void> };

/** Port 0 picks a free port; rejects with Node's listen error (EADDRINUSE, …). */
export async function startDemoServer(options: {
  host: string;
  port: number;
  /** Hears steps 4–9 of every call (bridge clock), with the client's address and port. */
  onServerSteps?: ServerStepsObserver;
}): Promise<DemoServer> {
  // Aborting on close ends pending Demo.Sleep timers so nothing keeps the process alive.
  const shutdown = new AbortController();
  const services = createServices((ms) => delay(ms, undefined, { signal: shutdown.signal }));
  const sockets = new Set<Socket>();
  // Half-open like Go: a client's FIN must not close our side before replies are written.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveConnection(socket, services, options.onServerSteps);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('demo server has no TCP address');

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
