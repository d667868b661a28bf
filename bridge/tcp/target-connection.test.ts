import { afterEach, describe, expect, it } from 'vitest';
import { startEchoServer, startTcpServer, type TestServer } from '../testing/tcp-servers';
import { connectTarget } from './connect-target';
import { TargetConnection } from './target-connection';

const servers: TestServer[] = [];
const connections: TargetConnection[] = [];

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A TargetConnection to `server`, collecting what it reads as text. */
async function open(server: TestServer, after?: () => Promise<void>) {
  const connected = await connectTarget(['127.0.0.1'], server.port, 2_000);
  if (!connected.ok) throw new Error(connected.message);
  await after?.();
  const reads: string[] = [];
  const connection = new TargetConnection(connected, {
    read: (chunk) => reads.push(chunk.toString()),
    closed: () => {},
    drain: () => {},
  });
  connections.push(connection);
  return { connection, reads };
}

const written = (connection: TargetConnection, text: string, writes = 1) =>
  new Promise<number>((resolve) => connection.write(Buffer.from(text), writes, resolve));

describe('TargetConnection', () => {
  it('keeps what a server says first until the connection reads, losing nothing', async () => {
    const server = await startTcpServer((socket) => socket.write('hello\n'));
    servers.push(server);
    // The banner reaches the bridge before anything reads it.
    const { reads } = await open(server, () => new Promise((resolve) => setTimeout(resolve, 50)));
    await expect.poll(() => reads.join('')).toBe('hello\n');
  });

  it('reads each connection into its own chunks although all share one read buffer', async () => {
    const echo = await startEchoServer();
    servers.push(echo);
    const a = await open(echo);
    const b = await open(echo);
    await written(a.connection, 'from a');
    await written(b.connection, 'from b');
    await expect.poll(() => [a.reads.join(''), b.reads.join('')]).toEqual(['from a', 'from b']);
  });

  it('says calls are pipelined once writes and reads stop taking turns', async () => {
    const echo = await startEchoServer();
    servers.push(echo);
    const { connection, reads } = await open(echo);
    await written(connection, 'one');
    expect(connection.pipelined).toBe(false);
    await expect.poll(() => reads.length).toBe(1);
    expect(connection.pipelined).toBe(false);
    // One socket write carrying two of the page's writes counts as two.
    await written(connection, 'twothree', 2);
    expect(connection.pipelined).toBe(true);
    await expect.poll(() => reads.join('')).toBe('onetwothree');
    expect(connection.pipelined).toBe(true);
    await written(connection, 'four');
    await expect.poll(() => reads.join('')).toBe('onetwothreefour');
    expect(connection.pipelined).toBe(false);
  });

  it('says so too when one write is answered in several reads (a joined write of many calls)', async () => {
    const server = await startTcpServer((socket) =>
      socket.once('data', () => socket.write('answer 1\n')),
    );
    servers.push(server);
    const { connection, reads } = await open(server);
    await written(connection, 'call 1\ncall 2\n');
    await expect.poll(() => reads.length).toBe(1);
    expect(connection.pipelined).toBe(false);
    (await server.firstConnection).write('answer 2\n');
    await expect.poll(() => reads.length).toBe(2);
    expect(connection.pipelined).toBe(true);
  });

  it('stamps a write at once when the kernel takes all of it, within the write call', async () => {
    const echo = await startEchoServer();
    servers.push(echo);
    const { connection } = await open(echo);
    const stamps: number[] = [];
    const before = performance.timeOrigin + performance.now();
    connection.write(Buffer.from('small'), 1, (at) => stamps.push(at));
    expect(stamps).toHaveLength(1);
    expect(stamps[0]).toBeGreaterThanOrEqual(before);
  });

  it('stamps a write the kernel could not take until the server reads it, and in order', async () => {
    const server = await startTcpServer((socket) => socket.pause());
    servers.push(server);
    const { connection } = await open(server);
    const big = Buffer.alloc(16 * 1024 * 1024, 0x61);
    const stamps: string[] = [];
    connection.write(big, 1, () => stamps.push('big'));
    connection.write(Buffer.from('after'), 1, () => stamps.push('after'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stamps).toEqual([]);
    const resumedAt = performance.timeOrigin + performance.now();
    let stampedAt = 0;
    connection.write(Buffer.from('last'), 1, (at) => {
      stamps.push('last');
      stampedAt = at;
    });
    (await server.firstConnection).resume();
    await expect.poll(() => stamps, { timeout: 10_000 }).toEqual(['big', 'after', 'last']);
    expect(stampedAt).toBeGreaterThan(resumedAt);
  });

  it('is idle only after a quiet spell as long as the idle time, however busy before', async () => {
    const echo = await startEchoServer();
    servers.push(echo);
    const { connection, reads } = await open(echo);
    let idleAt = 0;
    connection.watchIdle(150, () => {
      idleAt = performance.now();
    });
    // Traffic every 50 ms for 450 ms: three idle times, never quiet for one.
    for (let i = 0; i < 9; i++) {
      await written(connection, 'x');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expect.poll(() => reads.join('').length).toBe(9);
    expect(idleAt).toBe(0);
    const quietFrom = performance.now();
    await expect.poll(() => idleAt, { timeout: 2_000 }).toBeGreaterThan(0);
    // The last echo came about 50 ms before quietFrom, so some 100 ms of quiet were left.
    expect(idleAt - quietFrom).toBeGreaterThanOrEqual(80);
  });
});
