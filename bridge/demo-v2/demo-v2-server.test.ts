import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NdjsonFramer } from '../../shared/framing/ndjson';
import type { DemoServer } from '../demo/listen-demo';
import { startDemoV2Server } from './demo-v2-server';

const WAIT_MS = 5_000;
let server: DemoServer | undefined;
const clients: Socket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = undefined;
});

/** A loopback client that collects the server's reply lines, framed by the shared NDJSON framer. */
function client(port: number) {
  const socket = connect({ host: '127.0.0.1', port });
  clients.push(socket);
  const framer = new NdjsonFramer();
  const lines: string[] = [];
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    for (const event of framer.push(chunk))
      lines.push(event.kind === 'message' ? event.text : event.reason);
  });
  socket.on('close', () => {
    closed = true;
  });
  socket.on('error', () => {});
  /** Polls until `count` lines arrived (or the time is up). */
  const lineCount = async (count: number): Promise<string[]> => {
    const deadline = Date.now() + WAIT_MS;
    while (lines.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return lines.slice();
  };
  const untilClosed = async (): Promise<boolean> => {
    const deadline = Date.now() + WAIT_MS;
    while (!closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    return closed;
  };
  return { socket, lines, lineCount, untilClosed };
}

const call = (method: string, params: string, id?: number) =>
  `{"jsonrpc":"2.0","method":"${method}","params":${params}${id === undefined ? '' : `,"id":${id}`}}\n`;

describe('startDemoV2Server', () => {
  it('answers newline-delimited requests on a free loopback port; a slow call is overtaken', async () => {
    server = await startDemoV2Server({ host: '127.0.0.1', port: 0 });
    expect(server.host).toBe('127.0.0.1');
    const peer = client(server.port);
    peer.socket.write(call('Demo.Sleep', '[80]', 0) + call('ServiceA.Add', '{"X":10,"Y":20}', 1));
    expect(await peer.lineCount(2)).toEqual([
      '{"jsonrpc":"2.0","result":30,"id":1}',
      '{"jsonrpc":"2.0","result":80,"id":0}',
    ]);
  });

  it('a line that is not JSON gets a Parse error and the connection goes on', async () => {
    server = await startDemoV2Server({ host: '127.0.0.1', port: 0 });
    const peer = client(server.port);
    peer.socket.write(`not json\r\n${call('UserService.Get', '[3]', 2)}`);
    const [parseError, answer] = await peer.lineCount(2);
    expect(JSON.parse(parseError ?? '')).toMatchObject({ error: { code: -32700 }, id: null });
    expect(JSON.parse(parseError ?? '').error.data).toMatch(/unexpected byte 0x6f 'o' at offset 1/);
    expect(answer).toBe(
      '{"jsonrpc":"2.0","result":{"code":1,"message":"success","data":"userid = 3"},"id":2}',
    );
  });

  it('a batch line gets one array line back; notifications get nothing', async () => {
    server = await startDemoV2Server({ host: '127.0.0.1', port: 0 });
    const peer = client(server.port);
    const batch = [
      call('ServiceA.Add', '[1,1]', 5),
      call('ServiceA.Add', '[2,2]'),
      call('Nope.X', '[]', 6),
    ];
    peer.socket.write(
      `[${batch.map((line) => line.trim()).join(',')}]\n${call('Demo.Fail', '["x"]')}`,
    );
    peer.socket.write(call('ServiceA.Add', '[3,3]', 7));
    // Replies go out as calls complete: the single call may overtake the batch.
    expect((await peer.lineCount(2)).sort()).toEqual([
      '[{"jsonrpc":"2.0","result":2,"id":5},{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found","data":"no method Nope.X"},"id":6}]',
      '{"jsonrpc":"2.0","result":6,"id":7}',
    ]);
  });

  it('after the client half-closes, calls in flight are answered, then it closes', async () => {
    server = await startDemoV2Server({ host: '127.0.0.1', port: 0 });
    const peer = client(server.port);
    peer.socket.end(`${call('Demo.Sleep', '[30]', 1)}{"jsonrpc"`);
    expect(await peer.untilClosed()).toBe(true);
    // The cut-off line's Parse error is immediate; the sleep's answer follows it.
    expect(JSON.parse(peer.lines[0] ?? '')).toMatchObject({ error: { code: -32700 }, id: null });
    expect(peer.lines[1]).toBe('{"jsonrpc":"2.0","result":30,"id":1}');
    expect(peer.lines).toHaveLength(2);
  });

  it('rejects with the listen error when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(startDemoV2Server({ host: '127.0.0.1', port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('closes idempotently, ending pending sleeps and connections', async () => {
    server = await startDemoV2Server({ host: '127.0.0.1', port: 0 });
    const peer = client(server.port);
    peer.socket.write(call('Demo.Sleep', '[60000]', 1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([server.close(), server.close()]);
    expect(await peer.untilClosed()).toBe(true);
    expect(peer.lines).toEqual([]);
  });
});
