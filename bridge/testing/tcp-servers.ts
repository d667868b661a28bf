import { createServer, type Server, type Socket } from 'node:net';

/** Small real TCP servers on loopback, port 0, for the bridge's tests. */

export type TestServer = {
  port: number;
  sockets: Socket[];
  /** The first connection the server accepts. */
  firstConnection: Promise<Socket>;
  close(): Promise<void>;
};

export async function startTcpServer(onConnection: (socket: Socket) => void): Promise<TestServer> {
  const sockets: Socket[] = [];
  let accepted!: (socket: Socket) => void;
  const firstConnection = new Promise<Socket>((resolve) => {
    accepted = resolve;
  });
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    accepted(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('server has no port');
  return {
    port: address.port,
    sockets,
    firstConnection,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function startEchoServer(): Promise<TestServer> {
  return startTcpServer((socket) => socket.pipe(socket));
}

/** A loopback port that nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = await startTcpServer(() => {});
  await server.close();
  return server.port;
}
