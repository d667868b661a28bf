import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, startTcpServer, type TestServer } from '../testing/tcp-servers';
import { connectTarget } from './connect-target';

const children: ChildProcess[] = [];
const sockets: Socket[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const child of children.splice(0)) {
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * A loopback port whose connects hang: a child process listens with a
 * backlog of 1 and is then stopped (SIGSTOP), so it never accepts; once the
 * kernel's accept queue is full, further SYNs go unanswered.
 */
async function unansweredPort(): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer();
       s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(String(s.address().port) + '\\n');
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const port = await new Promise<number>((resolve) =>
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  child.kill('SIGSTOP');
  // Fill the accept queue (backlog + 1 entries on Linux) with connects nobody accepts.
  for (let i = 0; i < 4; i++) {
    const filler = connect({ host: '127.0.0.1', port });
    filler.on('error', () => {});
    sockets.push(filler);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  return port;
}

describe('connectTarget', () => {
  it('gives up after the connect timeout with a typed error naming the flag', async () => {
    const port = await unansweredPort();
    const started = Date.now();
    const result = await connectTarget(['127.0.0.1'], port, 300);
    const took = Date.now() - started;
    expect(result).toEqual({
      ok: false,
      code: 'connect-timeout',
      message: `127.0.0.1:${port} did not answer within 0.3 s (connect timeout, --connect-timeout)`,
    });
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2_000);
  });

  it('reports a closed port as connect-refused', async () => {
    const port = await closedPort();
    expect(await connectTarget(['127.0.0.1'], port, 1_000)).toMatchObject({
      ok: false,
      code: 'connect-refused',
    });
  });

  it('tries the checked addresses in order and connects to the first that accepts', async () => {
    const server = await startTcpServer(() => {});
    servers.push(server);
    const result = await connectTarget(['::1', '127.0.0.1'], server.port, 1_000);
    expect(result.ok).toBe(true);
    if (result.ok) {
      sockets.push(result.socket);
      expect(result.socket.remoteAddress).toBe('127.0.0.1');
    }
  });
});
