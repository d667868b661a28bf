import type { Server as HttpServer } from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';

/** A peer listening on loopback, on a port the system chose. */
export type RunningPeer = {
  host: '127.0.0.1';
  port: number;
  /** Destroys every open socket, then stops listening. */
  close(): Promise<void>;
};

/**
 * Listens on 127.0.0.1, port 0, and remembers its sockets so `close` cannot
 * hang on a keep-alive connection a test left open.
 */
export async function listenOnLoopback(
  server: NetServer | HttpServer,
  onClose: () => void = () => {},
): Promise<RunningPeer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('peer has no TCP address');
  let closing: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        onClose();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
