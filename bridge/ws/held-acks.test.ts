import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WriteAck } from '../../shared/protocol/frames';
import { ACK_HOLD_MAX_MS, HeldAcks } from './held-acks';

const ack = (write: number): WriteAck => ({ write, bytes: 10, at: write });

describe('HeldAcks', () => {
  let released: Array<[number, number[]]>;
  let acks: HeldAcks;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    released = [];
    acks = new HeldAcks((conn, list) => released.push([conn, list.map((a) => a.write)]));
  });
  afterEach(() => {
    acks.dispose();
    vi.useRealTimers();
  });

  it('hands a connection its acks, oldest first, once', () => {
    acks.hold(1, ack(1));
    acks.hold(2, ack(2));
    acks.hold(1, ack(3));
    expect(acks.take(1)?.map((a) => a.write)).toEqual([1, 3]);
    expect(acks.take(1)).toBeUndefined();
    vi.advanceTimersByTime(ACK_HOLD_MAX_MS);
    expect(released).toEqual([[2, [2]]]);
  });

  it('releases each connection ACK_HOLD_MAX_MS after its first held ack, not before', () => {
    acks.hold(1, ack(1));
    vi.advanceTimersByTime(ACK_HOLD_MAX_MS - 0.5);
    acks.hold(2, ack(2));
    vi.advanceTimersByTime(0.5);
    expect(released).toEqual([[1, [1]]]);
    vi.advanceTimersByTime(ACK_HOLD_MAX_MS - 0.5);
    expect(released).toEqual([
      [1, [1]],
      [2, [2]],
    ]);
  });

  it('does not release an ack early for the timer an earlier, taken ack armed', () => {
    acks.hold(1, ack(1));
    vi.advanceTimersByTime(ACK_HOLD_MAX_MS - 0.5);
    acks.take(1);
    acks.hold(1, ack(2));
    vi.advanceTimersByTime(0.5);
    expect(released).toEqual([]);
    expect(acks.take(1)?.map((a) => a.write)).toEqual([2]);
  });

  it('releases on demand, and drops everything on dispose', () => {
    acks.hold(1, ack(1));
    acks.releaseConn(1);
    acks.releaseConn(1);
    acks.hold(2, ack(2));
    acks.dispose();
    vi.advanceTimersByTime(10 * ACK_HOLD_MAX_MS);
    expect(released).toEqual([[1, [1]]]);
  });
});
