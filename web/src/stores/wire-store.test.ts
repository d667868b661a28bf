import { describe, expect, it } from 'vitest';
import { createWireRecorder } from '../wire/wire-recorder';
import { createWireStore, MAX_KEPT_BYTES, MAX_KEPT_CHUNKS } from './wire-store';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('wire store', () => {
  it('records a request and its ack, and reply chunks with their stream offsets per conn and direction', () => {
    const wire = createWireStore();
    const recorder = createWireRecorder(wire);
    const request = bytesOf('{"method":"A.B","params":[1],"id":0}\n');
    recorder.requestWritten(1, 7, request, 'c1');
    expect(wire.getState().chunks[0]?.at).toBeNull();
    recorder.writeAcked(7, 1000.5);
    recorder.chunkRead(1, bytesOf('{"id":0,'), 1002);
    recorder.chunkRead(1, bytesOf('"result":1}\n'), 1003);
    recorder.chunkRead(2, bytesOf('{}'), 1004);
    recorder.messageFramed(1, 0, 20, 'c1');

    const { chunks, messages, firstAt } = wire.getState();
    expect(
      chunks.map((c) => [c.seq, c.conn, c.direction, c.streamOffset, c.bytes.length, c.at]),
    ).toEqual([
      [0, 1, 'sent', 0, request.length, 1000.5],
      [1, 1, 'received', 0, 8, 1002],
      [2, 1, 'received', 8, 12, 1003],
      [3, 2, 'received', 0, 2, 1004],
    ]);
    expect(firstAt).toBe(1000.5);
    expect(messages.map((m) => [m.direction, m.start, m.end, m.callKey])).toEqual([
      ['sent', 0, request.length, 'c1'],
      ['received', 0, 20, 'c1'],
    ]);
  });

  it('marks each request of a joined write as its own message, at its stream offset', () => {
    const wire = createWireStore();
    wire.getState().sent(1, 1, bytesOf('abc'), 'c1');
    wire.getState().sent(1, 2, bytesOf('de|fgh|'), [
      { start: 0, end: 3, callKey: 'c2' },
      { start: 3, end: 7, callKey: 'c3' },
    ]);
    const { chunks, messages } = wire.getState();
    expect(chunks.map((c) => [c.streamOffset, c.bytes.length])).toEqual([
      [0, 3],
      [3, 7],
    ]);
    expect(messages.map((m) => [m.start, m.end, m.callKey])).toEqual([
      [0, 3, 'c1'],
      [3, 6, 'c2'],
      [6, 10, 'c3'],
    ]);
  });

  it('an ack for an unknown or repeated write changes nothing', () => {
    const wire = createWireStore();
    wire.getState().sent(1, 3, bytesOf('x'), 'c1');
    wire.getState().acked(3, 5);
    const before = wire.getState().version;
    wire.getState().acked(3, 9);
    wire.getState().acked(99, 9);
    expect(wire.getState().version).toBe(before);
    expect(wire.getState().chunks[0]?.at).toBe(5);
  });

  it('bounds memory: past the chunk cap the oldest chunks are dropped, counted, at once', () => {
    const wire = createWireStore();
    for (let i = 0; i < MAX_KEPT_CHUNKS; i++) wire.getState().received(1, bytesOf('ab'), i);
    expect(wire.getState().dropped.chunks).toBe(0);
    wire.getState().received(1, bytesOf('ab'), MAX_KEPT_CHUNKS);
    const { chunks, dropped, keptBytes } = wire.getState();
    const kept = MAX_KEPT_CHUNKS * 0.9;
    expect(chunks).toHaveLength(kept);
    expect(dropped).toEqual({
      chunks: MAX_KEPT_CHUNKS + 1 - kept,
      bytes: (MAX_KEPT_CHUNKS + 1 - kept) * 2,
    });
    expect(keptBytes).toBe(kept * 2);
    expect(chunks[0]?.seq).toBe(dropped.chunks);
    // Offsets keep counting the dropped bytes: addresses never shift.
    expect(chunks[0]?.streamOffset).toBe(dropped.bytes);
  });

  it('bounds memory: past the byte cap the oldest chunks go, the newest is always kept', () => {
    const wire = createWireStore();
    const big = new Uint8Array(MAX_KEPT_BYTES / 2 + 1);
    wire.getState().received(1, big, 1);
    wire.getState().received(1, big, 2);
    wire.getState().received(1, big, 3);
    expect(wire.getState().chunks.map((c) => c.at)).toEqual([3]);
    expect(wire.getState().dropped.chunks).toBe(2);
    // An ack for a dropped write is ignored.
    wire.getState().sent(1, 1, big, 'c1');
    wire.getState().sent(1, 2, big, 'c2');
    wire.getState().acked(1, 9);
    expect(wire.getState().chunks.every((c) => c.at !== 9)).toBe(true);
  });

  it('"show more" raises the shown bytes of one chunk only', () => {
    const wire = createWireStore();
    wire.getState().received(1, new Uint8Array(1024 * 1024), 1);
    wire.getState().received(1, new Uint8Array(10), 2);
    wire.getState().showMore(0);
    expect([...wire.getState().shownLimits]).toEqual([[0, 32 * 1024]]);
  });
});
