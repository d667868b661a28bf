import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from './demo-server';

const WAIT_MS = 5_000;
let server: DemoServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sends `data`, optionally half-closes, and resolves with all bytes once the server closes. */
function untilClosed(port: number, data: string, halfClose: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => reject(new Error('server did not close')), WAIT_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString());
    });
    socket.on('error', () => {});
    socket.write(data, () => {
      if (halfClose) socket.end();
    });
  });
}

describe('startDemoServer', () => {
  it('listens on a free loopback port and answers', async () => {
    server = await startDemoServer({ host: '127.0.0.1', port: 0 });
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    const out = await untilClosed(
      server.port,
      '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":1}',
      true,
    );
    expect(out).toBe('{"id":1,"result":3,"error":null}\n');
  });

  it('flushes replies to calls in flight before closing on a decode error', async () => {
    server = await startDemoServer({ host: '127.0.0.1', port: 0 });
    const out = await untilClosed(
      server.port,
      '{"method":"Demo.Sleep","params":[{"Ms":30}],"id":1}{"method":5}{"method":"ServiceA.Add","params":[],"id":2}',
      false,
    );
    expect(out).toBe('{"id":1,"result":30,"error":null}\n');
  });

  it('rejects with the listen error when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(startDemoServer({ host: '127.0.0.1', port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('closes idempotently, ending pending sleeps and connections', async () => {
    server = await startDemoServer({ host: '127.0.0.1', port: 0 });
    const pending = untilClosed(
      server.port,
      '{"method":"Demo.Sleep","params":[{"Ms":60000}],"id":1}',
      false,
    );
    // The sleep is only in flight once its request is read; the server closes the socket regardless.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([server.close(), server.close()]);
    expect(await pending).toBe('');
  });
});
