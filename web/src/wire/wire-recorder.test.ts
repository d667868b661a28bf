import { describe, expect, it } from 'vitest';
import { stubHarness } from '../client-stub/stub-harness';
import { createWireStore } from '../stores/wire-store';
import { createWireRecorder } from './wire-recorder';

/** The real client stub and bridge client on a fake socket, recording into a real wire store. */
function setUp() {
  const wire = createWireStore();
  const harness = stubHarness({
    text: '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}',
    now: () => 0,
    wire: createWireRecorder(wire),
  });
  const conn = harness.connect();
  const read = (text: string, at: number) => harness.serverSends(conn, text, at);
  return { ...harness, wire, conn, read };
}

describe('wire recorder, fed by the real client stub', () => {
  it('records the burst’s one write and its ack, each read chunk, and where each request and reply sits', () => {
    const { socket, stub, calls, wire, conn, read } = setUp();
    expect(stub.sendBurst(2)).toBeNull();
    const [first, second] = calls.getState().calls;
    const write = wire.getState().chunks[0]?.writeId;
    socket.serverSends({ type: 'written', conn, write, bytes: 10, at: 5 });
    // Reply 0 split over three reads; reply 1 and a stray value in one read.
    read('{"id":0,"res', 6);
    read('ult":3,"erro', 7);
    read('r":null}\n{"id":1,"result":4,"error":null}\n{"id":7}\n', 8);

    const { chunks, messages } = wire.getState();
    const request0 = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":0}\n';
    const request1 = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":1}\n';
    expect(chunks.map((c) => [c.direction, c.streamOffset, c.bytes.length, c.at])).toEqual([
      ['sent', 0, request0.length + request1.length, 5],
      ['received', 0, 12, 6],
      ['received', 12, 12, 7],
      ['received', 24, 51, 8],
    ]);
    expect(new TextDecoder().decode(chunks[0]?.bytes)).toBe(request0 + request1);
    const received = messages.filter((m) => m.direction === 'received');
    expect(received.map((m) => [m.start, m.end, m.callKey])).toEqual([
      [0, 32, first?.key],
      [33, 65, second?.key],
      [66, 74, null],
    ]);
    // Two requests in one chunk: a boundary between them, each its own call's.
    expect(
      messages.filter((m) => m.direction === 'sent').map((m) => [m.start, m.end, m.callKey]),
    ).toEqual([
      [0, request0.length, first?.key],
      [request0.length, request0.length + request1.length, second?.key],
    ]);
  });
});
