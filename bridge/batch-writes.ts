import type { Writable } from 'node:stream';

/**
 * Small writes batched into one syscall. A relay's main cost is a syscall per
 * message each way; when one callback writes several messages (the calls of
 * one WebSocket chunk, the acks of those calls), all but the first leave
 * together in one writev when the tick ends. The first leaves at once: a lone
 * message, the usual case of one call at a time, pays no cork and no delay
 * (docs/benchmarks.md). Backpressure is unchanged: corked bytes count in the
 * stream's buffer as any others.
 */

/** Streams written this tick: true once corked for the rest of it. */
const writtenThisTick = new WeakMap<Writable, boolean>();

export function batchWritesThisTick(stream: Writable): void {
  const corked = writtenThisTick.get(stream);
  if (corked === true) return;
  if (corked === false) {
    writtenThisTick.set(stream, true);
    stream.cork();
    return;
  }
  writtenThisTick.set(stream, false);
  process.nextTick(() => {
    if (writtenThisTick.get(stream) === true) stream.uncork();
    writtenThisTick.delete(stream);
  });
}
