import type { Writable } from 'node:stream';

/**
 * Small writes batched into one syscall. A relay's main cost is a syscall per
 * message each way, so writes that come together leave together. Backpressure
 * is unchanged: corked bytes count in the stream's buffer as any others.
 */

const corkedThisTick = new WeakSet<Writable>();

/**
 * Every write until the current tick ends leaves in one writev: the write
 * frames of one WebSocket chunk (pipelined calls) reach the server together.
 * A lone write waits only for the rest of its callback.
 */
export function corkUntilTickEnds(stream: Writable): void {
  if (corkedThisTick.has(stream)) return;
  corkedThisTick.add(stream);
  stream.cork();
  process.nextTick(() => {
    corkedThisTick.delete(stream);
    stream.uncork();
  });
}

/** Streams written this event-loop turn: true once corked for the rest of it. */
const writtenThisTurn = new WeakMap<Writable, boolean>();

/**
 * The first write of an event-loop turn leaves at once, so a lone answer
 * waits for nothing (docs/benchmarks.md: a cork cost a lone call 10–30 µs);
 * the further writes of that turn (answers read from other sockets in the
 * same poll) leave in one writev once its I/O callbacks have run.
 */
export function corkAfterFirstWrite(stream: Writable): void {
  const corked = writtenThisTurn.get(stream);
  if (corked === true) return;
  if (corked === false) {
    writtenThisTurn.set(stream, true);
    stream.cork();
    return;
  }
  writtenThisTurn.set(stream, false);
  setImmediate(() => {
    if (writtenThisTurn.get(stream) === true) stream.uncork();
    writtenThisTurn.delete(stream);
  });
}
