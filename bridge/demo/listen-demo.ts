import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export type DemoServer = {
  host: string;
  port: number;
  /** Whether it listens now: a page may stop it and start it again. */
  readonly running: boolean;
  /**
   * Goes away as a server process that dies does: every connection closed,
   * calls in flight never answered, nothing listening on the port.
   */
  stop(): Promise<void>;
  /** Listens on the same address again; rejects with Node's listen error (EADDRINUSE, …). */
  start(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
};

/** The demos' Demo.Sleep; stopping the server cuts every pending one short. */
export type Sleep = (ms: number) => Promise<void>;

function listenOn(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Listens for a demo server (either dialect) and hands each client socket to
 * the handler made from `sleep`. Port 0 picks a free port, kept across a stop
 * and a start; rejects with Node's listen error (EADDRINUSE, …).
 */
export async function listenDemo(
  address: { host: string; port: number },
  handlerFor: (sleep: Sleep) => (socket: Socket) => void,
): Promise<DemoServer> {
  // Aborting on stop ends pending Demo.Sleep timers, so nothing answers and nothing keeps the process alive.
  let shutdown = new AbortController();
  const handle = handlerFor((ms) => delay(ms, undefined, { signal: shutdown.signal }));
  const sockets = new Set<Socket>();
  // Half-open like Go: a client's FIN must not close our side before replies are written.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    handle(socket);
  });

  await listenOn(server, address.host, address.port);
  const bound = server.address();
  if (bound === null || typeof bound === 'string')
    throw new Error('demo server has no TCP address');

  // One change at a time: each stop or start waits for the one before it.
  let running = true;
  let closed = false;
  let last: Promise<void> = Promise.resolve();
  const change = (to: () => Promise<void>): Promise<void> => {
    last = last.catch(() => {}).then(to);
    return last;
  };
  const stopNow = () =>
    new Promise<void>((resolve) => {
      if (!running) return resolve();
      running = false;
      shutdown.abort();
      shutdown = new AbortController();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return {
    host: bound.address,
    port: bound.port,
    get running() {
      return running;
    },
    stop: () => change(stopNow),
    start: () =>
      change(async () => {
        if (closed) throw new Error('the demo server was closed for good');
        if (running) return;
        await listenOn(server, bound.address, bound.port);
        running = true;
      }),
    close: () => {
      closed = true;
      return change(stopNow);
    },
  };
}
