import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from './demo-server';
import type { ServerStepsReport } from './server-steps';

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

  it('stops as a dying server does, without answering the call in flight, and starts again on its port', async () => {
    server = await startDemoServer({ host: '127.0.0.1', port: 0 });
    const { port } = server;
    const inFlight = untilClosed(
      port,
      '{"method":"Demo.Sleep","params":[{"Ms":20000}],"id":1}',
      false,
    );
    // Let the call reach the server before it goes away.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = Date.now();
    await server.stop();
    expect(server.running).toBe(false);
    expect(await inFlight).toBe('');
    expect(Date.now() - stopped).toBeLessThan(WAIT_MS);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.on('connect', () => resolve('connected'));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? ''));
    });
    expect(refused).toBe('ECONNREFUSED');
    await server.start();
    expect(server.running).toBe(true);
    expect(server.port).toBe(port);
    expect(
      await untilClosed(port, '{"method":"Demo.Sleep","params":[{"Ms":1}],"id":2}', true),
    ).toBe('{"id":2,"result":1,"error":null}\n');
  });

  it('takes stop and start in the order asked, however quickly they come', async () => {
    server = await startDemoServer({ host: '127.0.0.1', port: 0 });
    await Promise.all([server.stop(), server.start(), server.stop(), server.start()]);
    expect(server.running).toBe(true);
    expect(
      await untilClosed(
        server.port,
        '{"method":"ServiceA.Add","params":[{"X":1,"Y":1}],"id":3}',
        true,
      ),
    ).toBe('{"id":3,"result":2,"error":null}\n');
    await server.close();
    await expect(server.start()).rejects.toThrow('closed for good');
    expect(server.running).toBe(false);
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

  it('glass box: reports steps 4–9 of every call with the client’s port and the decoded id; bytes unchanged', async () => {
    const reports: ServerStepsReport[] = [];
    server = await startDemoServer({
      host: '127.0.0.1',
      port: 0,
      onServerSteps: (report) => reports.push(report),
    });
    const socket = connect({ host: '127.0.0.1', port: server.port });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const clientPort = socket.localPort;
    const requests =
      '{"method":"Demo.Sleep","params":[{"Ms":20}],"id":"\\u003cb\\u003e"} ' +
      '{"method":"Nope.Add","params":[{}],"id":[1, 2]}\n' +
      '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}';
    const out = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => reject(new Error('server did not close')), WAIT_MS);
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks).toString());
      });
      socket.end(requests);
    });
    // Exactly what the server answers without an observer (the differential test's bytes).
    expect(out).toBe(
      '{"id":[1,2],"result":null,"error":"rpc: can\'t find service Nope.Add"}\n' +
        '{"id":null,"result":3,"error":null}\n' +
        '{"id":"\\u003cb\\u003e","result":20,"error":null}\n',
    );
    expect(reports.map((r) => r.id)).toEqual(['[1, 2]', 'null', '"\\u003cb\\u003e"']);
    for (const report of reports) {
      expect(report.peer).toEqual({ host: '127.0.0.1', port: clientPort });
      const { received, decoded, invoked, returned, encoded, written } = report.stamps;
      const ran = [invoked, returned].filter((t): t is number => t !== null);
      const times = [received, decoded, ...ran, encoded, written];
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(reports[0]?.stamps.invoked).toBeNull();
    const sleep = reports[2]!.stamps;
    expect((sleep.returned ?? 0) - (sleep.invoked ?? 0)).toBeGreaterThanOrEqual(19);
  });
});
