import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { concatBytes } from '../../shared/framing/framer';
import { GobFramer } from '../../shared/framing/gob';
import { GobEncoder } from '../../shared/gob/gob-encoder';
import type { GobType } from '../../shared/gob/gob-type';
import { LosslessNumber, parseExact } from '../../shared/json/exact-json';
import { type GobReplyEvent, GobRpcCodec, REQUEST_TYPE } from '../../shared/jsonrpc/go-gob';
import type { DemoServer } from '../demo/listen-demo';
import type { ServerStepsReport } from '../demo/server-steps';
import { startDemoGobServer } from './demo-gob-server';

const WAIT_MS = 5_000;
let server: DemoServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Reply = Extract<GobReplyEvent, { kind: 'reply' }>;

/** Writes `bytes` (then FIN when `halfClose`), and gives every reply the server sent until it closed or `count` came. */
function exchange(
  port: number,
  bytes: Uint8Array,
  count: number,
  halfClose = false,
): Promise<{ replies: Reply[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const framer = new GobFramer();
    const codec = new GobRpcCodec();
    const replies: Reply[] = [];
    const timer = setTimeout(
      () => reject(new Error(`${replies.length} of ${count} replies`)),
      WAIT_MS,
    );
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ replies, closed });
    };
    socket.on('data', (chunk: Buffer) => {
      for (const item of framer.push(chunk)) {
        if (item.kind !== 'message') continue;
        const event = codec.read(item.bytes);
        if (event.kind === 'reply') replies.push(event);
      }
      if (replies.length === count && !halfClose) done(false);
    });
    socket.on('close', () => done(true));
    socket.on('error', () => {});
    socket.write(bytes, () => {
      if (halfClose) socket.end();
    });
  });
}

/** Calls as Go's client writes them: one codec, so each type is defined once on the stream. */
function calls(...requests: string[]): Uint8Array {
  const codec = new GobRpcCodec();
  let seq = 0;
  return concatBytes(
    requests.map((text) => {
      const call = codec.marshal(text, () => String(seq++));
      if (!call.ok) throw new Error(call.problem);
      return call.bytes;
    }),
  );
}

/** A call whose args have exactly this Go type (named as Go's sender would name it). */
function typedCall(encoder: GobEncoder, method: string, seq: number, type: GobType, args: string) {
  return encoder.encode([
    { type: REQUEST_TYPE, value: { ServiceMethod: method, Seq: new LosslessNumber(String(seq)) } },
    { type, value: parseExact(args) },
  ]);
}

const byId = (replies: Reply[]) =>
  Object.fromEntries(replies.map((r) => [r.idText, [r.resultText, r.error]]));

describe('the gob demo server (rpc.ServeConn)', () => {
  it('answers the demo services by Seq, struct replies by their Go field names, and reports steps 4–9', async () => {
    const reports: ServerStepsReport[] = [];
    server = await startDemoGobServer({
      host: '127.0.0.1',
      port: 0,
      onServerSteps: (r) => reports.push(r),
    });
    const { replies } = await exchange(
      server.port,
      calls(
        '{"method":"Demo.Sleep","params":[{"Ms":60}]}',
        '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}',
        '{"method":"UserService.Get","params":[{"UserId":7}]}',
        '{"method":"Demo.Fail","params":[{"Message":"disk full"}]}',
      ),
      4,
    );
    expect(byId(replies)).toEqual({
      '0': ['60', null],
      '1': ['3', null],
      '2': ['{\n  "Code": 1,\n  "Message": "success",\n  "Data": "userid = 7"\n}', null],
      '3': [null, 'disk full'],
    });
    // The sleep ran concurrently: answered last.
    expect(replies.at(-1)?.idText).toBe('0');
    expect(reports.map((r) => r.id).sort()).toEqual(['0', '1', '2', '3']);
    const sleep = reports.find((r) => r.id === '0');
    expect(sleep?.stamps.invoked).not.toBeNull();
    expect((sleep?.stamps.returned ?? 0) - (sleep?.stamps.invoked ?? 0)).toBeGreaterThanOrEqual(55);
  });

  it("refuses args as Go 1.19's gob decoder does, in its words, and keeps the connection", async () => {
    server = await startDemoGobServer({ host: '127.0.0.1', port: 0 });
    const encoder = new GobEncoder();
    const struct = (name: string, fields: Array<[string, GobType]>): GobType => ({
      kind: 'struct',
      name,
      fields: fields.map(([n, type]) => ({ name: n, type })),
    });
    const int: GobType = { kind: 'int' };
    const bytes = concatBytes([
      typedCall(encoder, 'ServiceA.Add', 0, struct('Foo', [['Z', int]]), '{"Z":1}'),
      typedCall(
        encoder,
        'ServiceA.Add',
        1,
        struct('Foo', [['X', { kind: 'string' }]]),
        '{"X":"a"}',
      ),
      typedCall(encoder, 'Demo.Fail', 2, struct('Bar', [['Message', int]]), '{"Message":1}'),
      typedCall(encoder, 'ServiceA.Add', 3, struct('Foo', []), '{}'),
      typedCall(encoder, 'ServiceA.Add', 4, int, '5'),
      typedCall(encoder, 'ServiceA.Add', 5, struct('Foo', [['X', { kind: 'uint' }]]), '{"X":3}'),
      typedCall(encoder, 'ServiceA', 6, int, '5'),
      typedCall(encoder, 'Nope.X', 7, int, '5'),
      typedCall(encoder, 'ServiceA.Nope', 8, int, '5'),
      typedCall(
        encoder,
        'ServiceA.Add',
        9,
        struct('Foo', [
          ['X', int],
          ['W', { kind: 'string' }],
        ]),
        '{"X":3,"W":"x"}',
      ),
      typedCall(encoder, 'UserService.Get', 10, struct('Foo', [['userid', int]]), '{"userid":3}'),
    ]);
    const { replies } = await exchange(server.port, bytes, 11);
    // Measured against e2e/go-server -codec gob (Go 1.19), call by call.
    expect(byId(replies)).toEqual({
      '0': [null, 'gob: type mismatch: no fields matched compiling decoder for Args'],
      '1': [null, 'gob: wrong type (int) for received field Foo.X'],
      '2': [null, 'gob: wrong type (string) for received field Bar.Message'],
      '3': ['0', null],
      '4': [null, 'gob: type mismatch in decoder: want struct type servicea.Args; got non-struct'],
      '5': [null, 'gob: wrong type (int) for received field Foo.X'],
      '6': [null, 'rpc: service/method request ill-formed: ServiceA'],
      '7': [null, "rpc: can't find service Nope.X"],
      '8': [null, "rpc: can't find method ServiceA.Nope"],
      '9': ['3', null],
      '10': [null, 'gob: type mismatch: no fields matched compiling decoder for Args'],
    });
  });

  it('answers UserService.Joined with a time.Time, which the page reads as encoding/json writes it', async () => {
    server = await startDemoGobServer({ host: '127.0.0.1', port: 0 });
    const { replies } = await exchange(
      server.port,
      calls('{"method":"UserService.Joined","params":[{"UserId":7}]}'),
      1,
    );
    expect(byId(replies)).toEqual({
      '0': ['{\n  "UserId": 7,\n  "At": "2024-02-29T13:45:30.123456789+08:00"\n}', null],
    });
  });

  it('fills a Go array only from an array of its length and element kind, as Go 1.19 does', async () => {
    server = await startDemoGobServer({ host: '127.0.0.1', port: 0 });
    const encoder = new GobEncoder();
    const v = (type: GobType): GobType => ({
      kind: 'struct',
      name: 'S',
      fields: [{ name: 'V', type }],
    });
    const array = (elem: GobType, length: number): GobType => ({ kind: 'array', elem, length });
    const int: GobType = { kind: 'int' };
    const bytes = concatBytes([
      typedCall(encoder, 'ServiceA.Sum', 0, v(array(int, 3)), '{"V":[1,2,3]}'),
      typedCall(encoder, 'ServiceA.Sum', 1, v({ kind: 'slice', elem: int }), '{"V":[1,2,3]}'),
      typedCall(encoder, 'ServiceA.Sum', 2, v(array(int, 2)), '{"V":[1,2]}'),
      typedCall(encoder, 'ServiceA.Sum', 3, v(array({ kind: 'string' }, 3)), '{"V":["a","b","c"]}'),
      typedCall(encoder, 'ServiceA.Sum', 4, v(int), '{"V":5}'),
      typedCall(encoder, 'ServiceA.Sum', 5, v(array({ kind: 'uint' }, 3)), '{"V":[1,2,3]}'),
      typedCall(encoder, 'ServiceA.Sum', 6, v(array(int, 3)), '{"V":[0,0,0]}'),
      typedCall(encoder, 'ServiceA.Sum', 7, v(array(int, 3)), '{"V":[9223372036854775807,1,0]}'),
    ]);
    const { replies } = await exchange(server.port, bytes, 8);
    // Measured with Go 1.19.8: a struct S with field V of each type, gob-decoded into servicea.Triple.
    expect(byId(replies)).toEqual({
      '0': ['6', null],
      '1': [null, 'gob: wrong type ([3]int) for received field S.V'],
      '2': [null, 'gob: wrong type ([3]int) for received field S.V'],
      '3': [null, 'gob: wrong type ([3]int) for received field S.V'],
      '4': [null, 'gob: wrong type ([3]int) for received field S.V'],
      '5': [null, 'gob: wrong type ([3]int) for received field S.V'],
      '6': ['0', null],
      // Go's int addition wraps.
      '7': ['-9223372036854775808', null],
    });
  });

  it('answers a header whose body never comes with "EOF", then closes; bytes that are not gob close it silently', async () => {
    server = await startDemoGobServer({ host: '127.0.0.1', port: 0 });
    const call = calls('{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    // The Request definition and the header are the first two messages (0x2f + 1, 0x11 + 1 bytes).
    const headerOnly = call.subarray(0, 48 + 18);
    const cut = await exchange(server.port, headerOnly, 1, true);
    expect(cut.replies.map((r) => [r.idText, r.error])).toEqual([['0', 'EOF']]);
    expect(cut.closed).toBe(true);
    const garbage = await exchange(
      server.port,
      new TextEncoder().encode('{"method":"ServiceA.Add"}\n'),
      0,
      true,
    );
    expect(garbage).toEqual({ replies: [], closed: true });
  });
});
