import type { Writable } from 'node:stream';

/**
 * Small writes batched into one syscall. A relay's main cost is a syscall per
 * message each way; corking a stream until the current tick ends sends
 * whatever one callback wrote (the calls of one WebSocket chunk, the acks of
 * those calls) in one writev, yet a lone message leaves as soon as its
 * callback returns. Backpressure is unchanged: corked bytes count in the
 * stream's buffer as any others.
 */

const corked = new WeakSet<Writable>();

export function batchWritesThisTick(stream: Writable): void {
  if (corked.has(stream)) return;
  corked.add(stream);
  stream.cork();
  process.nextTick(() => {
    corked.delete(stream);
    stream.uncork();
  });
}
