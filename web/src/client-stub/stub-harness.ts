/**
 * Test-only harness for the client stub's tests: the real stub, bridge client
 * and stores on a fake socket that has already said welcome, so each test
 * file keeps only what it varies.
 */
import { decodeWriteFrame, encodeReadFrame } from '../../../shared/protocol/frames';
import { createBridgeClient } from '../bridge-client/bridge-client';
import { fakeSocketFactory, manualClock, WELCOME } from '../bridge-client/fake-socket';
import { createCallsStore } from '../stores/calls-store';
import { createComposerStore } from '../stores/composer-store';
import { createConnectionStore } from '../stores/connection-store';
import type { WireRecorder } from '../wire/wire-recorder';
import { createClientStub } from './client-stub';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type StubHarnessOptions = {
  /** What the composer starts with. */
  text: string;
  /** Typed into the target field after welcome; without it the target stays welcome's demo address. */
  target?: string;
  /** The remote port the fake bridge reports in `opened`. */
  remotePort?: number;
  /** The stub's page clock; by default the bridge client's manual clock. */
  now?: () => number;
  /** The stub's own timers (deadlines, burst slices), apart from the bridge client's clock. */
  schedule?: (fn: () => void, ms: number) => () => void;
  wire?: WireRecorder;
};

export function stubHarness(options: StubHarnessOptions) {
  const factory = fakeSocketFactory();
  const clock = manualClock();
  const bridge = createBridgeClient({
    url: 'ws://127.0.0.1:1/bridge',
    createSocket: factory.create,
    clock,
    // Each write in its own frame as it is made, so a test reads what the stub sent at once.
    deferWrites: (flush) => flush(),
  });
  const connection = createConnectionStore();
  const calls = createCallsStore();
  const composer = createComposerStore(null, options.text);
  const stub = createClientStub({
    bridge,
    connection,
    calls,
    composer,
    now: options.now ?? (() => clock.now()),
    schedule: options.schedule,
    wire: options.wire,
  });
  const socket = factory.sockets[0];
  if (!socket) throw new Error('no socket');
  socket.serverOpens();
  socket.serverSends(WELCOME);
  if (options.target !== undefined) connection.getState().editTarget(options.target);

  /** Presses Connect and answers the page's latest `open`; returns the conn id the page chose. */
  const connect = () => {
    stub.connect();
    const conn = socket
      .sentControl()
      .filter((m) => m.type === 'open')
      .at(-1)?.conn as number;
    socket.serverSends({
      type: 'opened',
      conn,
      remote: { host: '127.0.0.1', port: options.remotePort ?? 7421 },
      local: { host: '127.0.0.1', port: 50000 },
      at: 1,
    });
    return conn;
  };
  /** Every write the page sent, in order, with its payload decoded as text. */
  const writes = () =>
    socket.sent
      .filter((d) => typeof d !== 'string')
      .flatMap((d) => {
        const frame = decodeWriteFrame(d);
        if (typeof frame === 'string') throw new Error(frame);
        return frame.writes.map((write) => ({ ...write, text: decoder.decode(write.payload) }));
      });
  /** The target sends `text` on `conn`, read by the bridge at `at`. */
  const serverSends = (conn: number, text: string, at = 2) =>
    socket.serverSendsBinary(encodeReadFrame(conn, at, encoder.encode(text)));

  return { clock, socket, stub, connection, calls, composer, connect, writes, serverSends };
}
