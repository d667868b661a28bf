import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol/bridge-protocol';
import { decodeWriteFrame, encodeReadFrame } from '../../../shared/protocol/frames';
import { bridgeNoteEn } from '../i18n/bridge-notes';
import {
  BRIDGE_LOST_REASON,
  type BridgeEvent,
  bridgeUrl,
  CLOCK_RESYNC_MS,
  CLOCK_WARMUP_EXCHANGES,
  CLOCK_WARMUP_GAP_MS,
  createBridgeClient,
  RECONNECT_MAX_MS,
  reconnectDelay,
} from './bridge-client';
import { fakeSocketFactory, manualClock, WELCOME } from './fake-socket';

function setUp() {
  const factory = fakeSocketFactory();
  const clock = manualClock();
  const client = createBridgeClient({
    url: 'ws://127.0.0.1:1/bridge',
    createSocket: factory.create,
    clock,
  });
  const events: BridgeEvent[] = [];
  client.subscribe((event) => events.push(event));
  return { factory, clock, client, events };
}

describe('bridge client', () => {
  it('offers the subprotocol and is open after welcome', () => {
    const { factory, client, events } = setUp();
    const socket = factory.sockets[0]!;
    expect(socket.protocols).toEqual([`rpc-playground.v${PROTOCOL_VERSION}`]);
    socket.serverOpens();
    expect(client.status).toBe('connecting');
    socket.serverSends(WELCOME);
    expect(client.status).toBe('open');
    expect(events.map((e) => e.type)).toEqual(['status', 'welcome']);
  });

  it('says so when the bridge speaks another protocol version', () => {
    const { factory, events } = setUp();
    factory.sockets[0]!.serverOpens();
    factory.sockets[0]!.serverSends({ ...WELCOME, protocol: PROTOCOL_VERSION + 1 });
    expect(events[0]).toMatchObject({
      type: 'status',
      note: { kind: 'protocol', bridge: PROTOCOL_VERSION + 1, page: PROTOCOL_VERSION },
    });
  });

  it('builds the URL from the page origin', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/bridge',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'localhost' })).toBe('wss://localhost/bridge');
  });

  it('sends open/close as JSON and writes as binary frames with increasing write ids', () => {
    const { factory, client } = setUp();
    const socket = factory.sockets[0]!;
    expect(client.open(1, '127.0.0.1', 9000)).toBe(false);
    socket.serverOpens();
    socket.serverSends(WELCOME);
    expect(client.open(1, '127.0.0.1', 9000)).toBe(true);
    const first = client.write(1, new TextEncoder().encode('{}'));
    const second = client.write(1, new TextEncoder().encode('[]'));
    expect(client.close(1)).toBe(true);
    // The close flushed the writes queued before it, so it cannot overtake them.
    const sent = socket.sent
      .map((d) => (typeof d === 'string' ? (JSON.parse(d) as { type: string }).type : 'writes'))
      .filter((type) => type !== 'clock');
    expect(sent).toEqual(['open', 'writes', 'close']);
    expect(socket.sentControl().filter((m) => m.type !== 'clock')).toEqual([
      { type: 'open', conn: 1, host: '127.0.0.1', port: 9000 },
      { type: 'close', conn: 1 },
    ]);
    const frames = socket.sent.filter((d) => typeof d !== 'string').map((d) => decodeWriteFrame(d));
    expect(frames).toMatchObject([
      {
        writes: [
          { conn: 1, write: first },
          { conn: 1, write: second },
        ],
      },
    ]);
    expect(second).toBe((first ?? 0) + 1);
  });

  it('sends the writes of one turn in one frame once the code that made them is done', async () => {
    const { factory, client } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    socket.serverSends(WELCOME);
    const bytes = new TextEncoder().encode('{"id":1}');
    const ids = [client.write(1, bytes), client.write(2, bytes), client.write(1, bytes)];
    const binary = () => socket.sent.filter((d) => typeof d !== 'string');
    expect(binary()).toEqual([]);
    await Promise.resolve();
    expect(binary().map((d) => decodeWriteFrame(d))).toMatchObject([
      {
        writes: [
          { conn: 1, write: ids[0], payload: bytes },
          { conn: 2, write: ids[1], payload: bytes },
          { conn: 1, write: ids[2], payload: bytes },
        ],
      },
    ]);
    client.write(1, bytes);
    await Promise.resolve();
    expect(binary()).toHaveLength(2);
  });

  it('keeps each frame within the largest message the bridge takes, from its welcome', async () => {
    const { factory, client } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    // Room for two writes of 20 bytes in a frame (3 + 2 × 12 + 40 = 67 bytes), not three.
    socket.serverSends({ ...WELCOME, maxMessageBytes: 80 });
    for (let i = 0; i < 5; i++) client.write(1, new Uint8Array(20));
    await Promise.resolve();
    const frames = socket.sent.filter((d) => typeof d !== 'string');
    expect(frames.map((d) => d.length)).toEqual([67, 67, 35]);
  });

  it('drops writes queued for a socket that closed before they left', async () => {
    const { factory, client, clock } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    socket.serverSends(WELCOME);
    client.write(1, new Uint8Array(3));
    socket.serverCloses();
    clock.advance(RECONNECT_MAX_MS);
    const next = factory.sockets[1]!;
    next.serverOpens();
    next.serverSends(WELCOME);
    await Promise.resolve();
    expect([...socket.sent, ...next.sent].filter((d) => typeof d !== 'string')).toEqual([]);
  });

  it('decodes read frames and reports bad messages without throwing', () => {
    const { factory, events } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    socket.serverSends(WELCOME);
    socket.serverSendsBinary(encodeReadFrame(3, 12.5, new TextEncoder().encode('{"id":0}')));
    socket.serverSends({ type: 'nonsense' });
    socket.serverSendsBinary(new Uint8Array([9, 9]));
    const read = events.find((e) => e.type === 'read');
    expect(read).toMatchObject({ type: 'read', conn: 3, at: 12.5 });
    expect(read?.type === 'read' && new TextDecoder().decode(read.payload)).toBe('{"id":0}');
    const notes = events.filter((e) => e.type === 'status').slice(1);
    expect(notes.map((e) => e.type === 'status' && e.note)).toEqual([
      {
        kind: 'ignored',
        what: 'message',
        detail: expect.stringContaining('unknown control message type'),
      },
      { kind: 'ignored', what: 'frame', detail: expect.stringContaining('binary frame too short') },
    ]);
  });

  it('decodes a read frame that arrives as a view into a larger buffer, as `ws` in Node gives it', () => {
    const { factory, events } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    socket.serverSends(WELCOME);
    const frame = encodeReadFrame(3, 12.5, new TextEncoder().encode('{"id":0}'));
    const chunk = new Uint8Array(frame.length + 7).fill(0xee);
    chunk.set(frame, 4);
    socket.onmessage?.(chunk.subarray(4, 4 + frame.length));
    const read = events.find((e) => e.type === 'read');
    expect(read).toMatchObject({ type: 'read', conn: 3, at: 12.5 });
    expect(read?.type === 'read' && new TextDecoder().decode(read.payload)).toBe('{"id":0}');
  });

  it('hands on the acks a read frame carries as `written`, before the read they precede', () => {
    const { factory, events } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    socket.serverSends(WELCOME);
    const acks = [
      { write: 4, bytes: 20, at: 10.25 },
      { write: 5, bytes: 30, at: 11.5 },
    ];
    socket.serverSendsBinary(encodeReadFrame(3, 12.5, new TextEncoder().encode('{"id":0}'), acks));
    const relayed = events.filter((e) => e.type === 'written' || e.type === 'read');
    expect(relayed).toEqual([
      { type: 'written', conn: 3, write: 4, bytes: 20, at: 10.25 },
      { type: 'written', conn: 3, write: 5, bytes: 30, at: 11.5 },
      expect.objectContaining({ type: 'read', conn: 3, at: 12.5 }),
    ]);
  });

  it('reports every open or opening conn closed when the bridge drops, then reconnects with backoff', () => {
    const { factory, clock, client, events } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    socket.serverSends(WELCOME);
    client.open(1, '127.0.0.1', 9000);
    socket.serverSends({
      type: 'opened',
      conn: 1,
      remote: { host: '127.0.0.1', port: 9000 },
      local: { host: '127.0.0.1', port: 50000 },
      at: 1,
    });
    client.open(2, '127.0.0.1', 9001);
    client.open(3, '10.0.0.1', 80);
    socket.serverSends({
      type: 'error',
      conn: 3,
      code: 'target-not-allowed',
      message: 'not allowed',
      at: 2,
    });
    socket.serverCloses('bridge stopped');
    expect(client.status).toBe('reconnecting');
    expect(events.filter((e) => e.type === 'closed')).toEqual([
      expect.objectContaining({ conn: 1, by: 'bridge', reason: BRIDGE_LOST_REASON }),
      expect.objectContaining({ conn: 2, by: 'bridge', reason: BRIDGE_LOST_REASON }),
    ]);
    expect(client.write(1, new Uint8Array([1]))).toBeNull();
    expect(clock.pending()).toEqual([reconnectDelay(1)]);
    clock.advance(reconnectDelay(1));
    expect(factory.sockets).toHaveLength(2);
    factory.sockets[1]!.serverOpens();
    factory.sockets[1]!.serverSends(WELCOME);
    expect(client.status).toBe('open');
  });

  it('ignores events from a superseded socket', () => {
    const { factory, clock, events } = setUp();
    const old = factory.sockets[0]!;
    old.serverCloses();
    clock.advance(reconnectDelay(1));
    const before = events.length;
    old.serverSends(WELCOME);
    old.serverCloses();
    expect(events).toHaveLength(before);
  });

  it('caps the backoff and goes offline after repeated failures', () => {
    const { factory, clock, client } = setUp();
    for (let attempt = 1; attempt <= 8; attempt++) {
      factory.sockets.at(-1)!.serverCloses();
      expect(client.status).toBe('offline');
      clock.advance(reconnectDelay(attempt));
    }
    expect(reconnectDelay(20)).toBe(RECONNECT_MAX_MS);
    expect(factory.sockets).toHaveLength(9);
  });

  it('dispose closes the socket, cancels the retry and is idempotent', () => {
    const { factory, clock, client } = setUp();
    factory.sockets[0]!.serverCloses();
    clock.advance(reconnectDelay(1));
    const live = factory.sockets[1]!;
    live.serverOpens();
    live.serverCloses();
    client.dispose();
    client.dispose();
    clock.advance(RECONNECT_MAX_MS);
    expect(factory.sockets).toHaveLength(2);
    expect(clock.pending()).toEqual([]);
  });

  it('dispose closes a live socket', () => {
    const { factory, client } = setUp();
    factory.sockets[0]!.serverOpens();
    client.dispose();
    expect(factory.sockets[0]!.closedByPage).toBe(true);
  });
});

describe('bridge client access token', () => {
  const TOKEN = 'tab-token-0123456789';

  function setUpWithToken(checkAccess: () => Promise<string | null>) {
    const factory = fakeSocketFactory();
    const clock = manualClock();
    const client = createBridgeClient({
      url: 'ws://127.0.0.1:1/bridge',
      createSocket: factory.create,
      clock,
      token: TOKEN,
      checkAccess,
    });
    const statuses: Array<{ status: string; message: string | null }> = [];
    client.subscribe((event) => {
      if (event.type === 'status') {
        statuses.push({ status: event.status, message: event.note && bridgeNoteEn(event.note) });
      }
    });
    return { factory, clock, client, statuses };
  }

  it('offers the versioned subprotocol first and the token second', () => {
    const { factory } = setUpWithToken(async () => null);
    expect(factory.sockets[0]!.protocols).toEqual([
      `rpc-playground.v${PROTOCOL_VERSION}`,
      `rpc-playground.token.${TOKEN}`,
    ]);
  });

  it('says why it was refused, keeps retrying, and forgets the refusal after a welcome', async () => {
    let reason: string | null =
      "this page's access token was refused; open the URL the bridge printed";
    const { factory, clock, client, statuses } = setUpWithToken(async () => reason);
    factory.sockets[0]!.serverCloses();
    await Promise.resolve();
    await Promise.resolve();
    expect(client.status).toBe('offline');
    expect(statuses.at(-1)?.message).toContain("this page's access token was refused");
    clock.advance(RECONNECT_MAX_MS);
    expect(factory.sockets).toHaveLength(2);
    reason = null;
    factory.sockets[1]!.serverOpens();
    factory.sockets[1]!.serverSends(WELCOME);
    expect(client.status).toBe('open');
    expect(statuses.at(-1)).toEqual({ status: 'open', message: null });
  });

  it('does not ask after a welcomed socket drops, and stays "unreachable" when the check has no reason', async () => {
    let asked = 0;
    const { factory, statuses } = setUpWithToken(async () => {
      asked += 1;
      return null;
    });
    factory.sockets[0]!.serverOpens();
    factory.sockets[0]!.serverSends(WELCOME);
    factory.sockets[0]!.serverCloses('going away');
    await Promise.resolve();
    expect(asked).toBe(0);
    expect(statuses.at(-1)?.message).toContain('the bridge closed the connection: going away');
  });
});

describe('bridge client clock exchange', () => {
  const clockSetUp = () => {
    const { factory, clock, events } = setUp();
    const socket = factory.sockets[0]!;
    socket.serverOpens();
    socket.serverSends(WELCOME);
    const exchanges = () => socket.sentControl().filter((m) => m.type === 'clock');
    /** The bridge answers the newest exchange after `tripMs`, stamping page time + offset. */
    const answer = (tripMs: number, offset = 5000) => {
      const seq = exchanges().at(-1)?.seq;
      const stampedAtPage = clock.pageNow() + tripMs / 2;
      clock.advance(tripMs);
      socket.serverSends({ type: 'clock', seq, at: stampedAtPage + offset });
    };
    const estimates = () => events.flatMap((e) => (e.type === 'clock-estimate' ? [e.clock] : []));
    return { socket, clock, exchanges, answer, estimates };
  };

  /** Answers every warm-up exchange after `trips[i]` ms, waiting the gap before each next one. */
  const warmUp = (
    setUp: ReturnType<typeof clockSetUp>,
    trips: number[] = Array(CLOCK_WARMUP_EXCHANGES).fill(1),
  ) => {
    trips.forEach((trip, i) => {
      setUp.answer(trip);
      if (i < trips.length - 1) setUp.clock.advance(CLOCK_WARMUP_GAP_MS);
    });
  };

  it(`runs ${CLOCK_WARMUP_EXCHANGES} exchanges ${CLOCK_WARMUP_GAP_MS} ms apart at welcome, keeping the best`, () => {
    const setUp = clockSetUp();
    const { exchanges, answer, clock, estimates } = setUp;
    expect(exchanges()).toEqual([{ type: 'clock', seq: 1 }]);
    answer(80);
    // Not back to back: the next exchange waits the gap, so a busy moment spoils one sample, not all.
    expect(exchanges()).toHaveLength(1);
    clock.advance(CLOCK_WARMUP_GAP_MS - 1);
    expect(exchanges()).toHaveLength(1);
    clock.advance(1);
    expect(exchanges()).toHaveLength(2);
    const trips = [30, 150, 2, 16, 7, 40, 9, 12, 3, 60, 5];
    expect(trips).toHaveLength(CLOCK_WARMUP_EXCHANGES - 1);
    warmUp(setUp, trips);
    expect(exchanges().map((m) => m.seq)).toEqual(
      Array.from({ length: CLOCK_WARMUP_EXCHANGES }, (_, i) => i + 1),
    );
    // Told only when the best exchange changes what the estimate says (CK5): 80, 30, then 2 ms.
    expect(estimates().map((e) => [e.offsetMs, e.uncertaintyMs])).toEqual([
      [5000, 40],
      [5000, 15],
      [5000, 1],
    ]);
    // The warm-up is over: nothing more until the periodic exchange.
    clock.advance(CLOCK_WARMUP_GAP_MS);
    expect(exchanges()).toHaveLength(CLOCK_WARMUP_EXCHANGES);
  });

  it('stops the warm-up when the bridge goes', () => {
    const setUp = clockSetUp();
    setUp.answer(1);
    setUp.socket.serverCloses('gone');
    expect(setUp.clock.pending()).toEqual([reconnectDelay(1)]);
  });

  it('exchanges again every CLOCK_RESYNC_MS through the injected clock, and stops on close', () => {
    const setUp = clockSetUp();
    const { socket, clock, exchanges } = setUp;
    warmUp(setUp);
    const afterWarmup = exchanges().length;
    clock.advance(CLOCK_RESYNC_MS);
    expect(exchanges()).toHaveLength(afterWarmup + 1);
    clock.advance(CLOCK_RESYNC_MS);
    expect(exchanges()).toHaveLength(afterWarmup + 2);
    socket.serverCloses('gone');
    // Only the reconnect timer is left: no exchange runs without a bridge.
    expect(clock.pending()).toEqual([reconnectDelay(1)]);
  });

  it('ignores an answer to an exchange it no longer awaits', () => {
    const { socket, exchanges, estimates } = clockSetUp();
    socket.serverSends({ type: 'clock', seq: 99, at: 1 });
    expect(estimates()).toEqual([]);
    expect(exchanges()).toHaveLength(1);
  });
});
