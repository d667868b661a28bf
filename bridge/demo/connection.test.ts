import { connect, createServer, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { serveConnection } from './connection';
import { createServices } from './services';

const WAIT_MS = 10_000;
/** Each request's id is this long, and Go echoes ids, so each reply is as big. */
const ID_BYTES = 64 * 1024;
/** Far more than the kernel buffers of both sockets hold on loopback. */
const MAX_SENT_BYTES = 64 * 1024 * 1024;

it('stops reading requests while a client does not read its replies', async () => {
  let served!: (socket: Socket) => void;
  const serverSocket = new Promise<Socket>((resolve) => {
    served = resolve;
  });
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    serveConnection(
      socket,
      createServices(async () => {}),
    );
    served(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const client = connect({
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : 0,
  });
  client.on('error', () => {});
  client.pause();
  const request = Buffer.from(
    `{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":"${'x'.repeat(ID_BYTES)}"}\n`,
  );
  try {
    const socket = await serverSocket;
    let sent = 0;
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('the server never paused')), WAIT_MS);
      const sendNext = () => {
        if (socket.isPaused()) {
          clearTimeout(deadline);
          resolve();
        } else if (sent >= MAX_SENT_BYTES) {
          clearTimeout(deadline);
          reject(new Error(`the server read ${sent} bytes without pausing`));
        } else {
          sent += request.length;
          client.write(request, () => setImmediate(sendNext));
        }
      };
      sendNext();
    });
    // What waits in memory is bounded by one read's worth of replies, not by what was sent.
    expect(socket.writableLength).toBeLessThan(4 * request.length);
  } finally {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});
