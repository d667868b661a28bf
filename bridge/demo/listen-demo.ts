import { createServer, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export type DemoServer = { host: string; port: number; close(): Promise<void> };

/** The demos' Demo.Sleep; close() cuts every pending one short. */
export type Sleep = (ms: number) => Promise<void>;

/**
 * Listens for a demo server (either dialect) and hands each client socket to
 * the handler made from `sleep`. Port 0 picks a free port; rejects with Node's
 * listen error (EADDRINUSE, …).
 */
export async function listenDemo(
  address: { host: string; port: number },
  handlerFor: (sleep: Sleep) => (socket: Socket) => void,
): Promise<DemoServer> {
  // Aborting on close ends pending Demo.Sleep timers so nothing keeps the process alive.
  const shutdown = new AbortController();
  const handle = handlerFor((ms) => delay(ms, undefined, { signal: shutdown.signal }));
  const sockets = new Set<Socket>();
  // Half-open like Go: a client's FIN must not close our side before replies are written.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    handle(socket);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const bound = server.address();
  if (bound === null || typeof bound === 'string')
    throw new Error('demo server has no TCP address');

  let closing: Promise<void> | undefined;
  return {
    host: bound.address,
    port: bound.port,
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
