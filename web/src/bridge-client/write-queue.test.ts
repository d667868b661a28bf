import { describe, expect, it } from 'vitest';
import {
  decodeWriteFrame,
  MAX_WRITES_PER_FRAME,
  writeFrameSize,
} from '../../../shared/protocol/frames';
import { WriteQueue } from './write-queue';

/** A queue whose deferred flush runs only when the test says. */
function queueWithManualTurns() {
  const frames: Uint8Array[] = [];
  let pending: Array<() => void> = [];
  const queue = new WriteQueue(
    (frame) => frames.push(frame),
    (fn) => pending.push(fn),
  );
  const endTurn = () => {
    const due = pending;
    pending = [];
    for (const fn of due) fn();
  };
  const writesOf = (frame: Uint8Array) => {
    const decoded = decodeWriteFrame(frame);
    if (typeof decoded === 'string') throw new Error(decoded);
    return decoded.writes.map((w) => w.write);
  };
  return { queue, frames, endTurn, writesOf };
}

const bytes = (n: number) => new Uint8Array(n);

describe('WriteQueue', () => {
  it('sends the writes of one turn in one frame when the turn ends, in order', () => {
    const { queue, frames, endTurn, writesOf } = queueWithManualTurns();
    for (let write = 1; write <= 3; write++)
      queue.add({ conn: write % 2, write, payload: bytes(4) });
    expect(frames).toEqual([]);
    endTurn();
    expect(frames.map(writesOf)).toEqual([[1, 2, 3]]);
    queue.add({ conn: 1, write: 4, payload: bytes(4) });
    endTurn();
    expect(frames.map(writesOf)).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes on demand, and the turn then sends nothing twice', () => {
    const { queue, frames, endTurn, writesOf } = queueWithManualTurns();
    queue.add({ conn: 1, write: 1, payload: bytes(1) });
    queue.flush();
    expect(frames.map(writesOf)).toEqual([[1]]);
    endTurn();
    queue.flush();
    expect(frames).toHaveLength(1);
  });

  it('starts a new frame rather than pass the largest message; a write too big goes alone', () => {
    const { queue, frames, endTurn, writesOf } = queueWithManualTurns();
    queue.maxMessageBytes = writeFrameSize(2, 20);
    queue.add({ conn: 1, write: 1, payload: bytes(10) });
    queue.add({ conn: 1, write: 2, payload: bytes(10) });
    queue.add({ conn: 1, write: 3, payload: bytes(10) });
    queue.add({ conn: 1, write: 4, payload: bytes(100) });
    queue.add({ conn: 1, write: 5, payload: bytes(1) });
    endTurn();
    expect(frames.map(writesOf)).toEqual([[1, 2], [3], [4], [5]]);
    expect(frames.slice(0, 2).every((f) => f.length <= queue.maxMessageBytes)).toBe(true);
  });

  it('starts a new frame once one holds as many writes as its count can say', () => {
    const { queue, frames, endTurn, writesOf } = queueWithManualTurns();
    for (let write = 0; write <= MAX_WRITES_PER_FRAME; write++) {
      queue.add({ conn: 1, write, payload: bytes(0) });
    }
    endTurn();
    expect(frames.map((f) => writesOf(f).length)).toEqual([MAX_WRITES_PER_FRAME, 1]);
  });

  it('drops what is queued when cleared', () => {
    const { queue, frames, endTurn } = queueWithManualTurns();
    queue.add({ conn: 1, write: 1, payload: bytes(1) });
    queue.clear();
    endTurn();
    expect(frames).toEqual([]);
  });
});
