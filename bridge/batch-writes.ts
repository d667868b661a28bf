import type { Writable } from 'node:stream';

/**
 * Small writes batched into one syscall. The relay's main cost was a syscall
 * per call each way (a `write` per TCP payload, a `writev` per WebSocket
 * frame); corking a stream until the current tick or event-loop turn ends
 * sends whatever was written meanwhile in one writev. Backpressure is
 * unchanged: corked bytes count in the stream's buffer as any others.
 */

const corked = new WeakSet<Writable>();

function corkUntil(stream: Writable, later: (uncork: () => void) => void): void {
  if (corked.has(stream)) return;
  corked.add(stream);
  stream.cork();
  later(() => {
    corked.delete(stream);
    stream.uncork();
  });
}

/** Until the current tick ends: the writes one callback makes (the frames of one WebSocket chunk). */
export function batchWritesThisTick(stream: Writable): void {
  corkUntil(stream, (uncork) => process.nextTick(uncork));
}

/** Until this event-loop turn's I/O callbacks have run: replies read and acks due in the same turn. */
export function batchWritesThisTurn(stream: Writable): void {
  corkUntil(stream, (uncork) => setImmediate(uncork));
}
