import type { Writable } from 'node:stream';

/**
 * Small writes batched into one syscall. A relay's main cost is a syscall per
 * message each way, so writes that come together leave together. Backpressure
 * is unchanged: corked bytes count in the stream's buffer as any others.
 */

/** When a batch ends: with the current tick, or with the event-loop turn. */
export type BatchPeriod = 'tick' | 'turn';

const IDLE = 0;
const WROTE_ONE = 1;
const CORKED = 2;

/**
 * The first write of a period leaves at once, so a lone message waits for
 * nothing (docs/benchmarks.md: a cork cost a lone call 10–30 µs). Later writes
 * in the same period are corked and leave in one writev when it ends: per
 * tick, the write frames of one WebSocket chunk (pipelined calls); per turn,
 * answers read from several sockets in the same poll. State lives in the
 * object, not in a WeakMap: this runs twice per relayed message.
 */
export class WriteBatch {
  private state = IDLE;

  constructor(
    private readonly stream: Writable,
    private readonly period: BatchPeriod,
  ) {}

  /** Call before each write to the stream. */
  beforeWrite(): void {
    if (this.state === CORKED) return;
    if (this.state === WROTE_ONE) {
      this.state = CORKED;
      this.stream.cork();
      return;
    }
    this.state = WROTE_ONE;
    if (this.period === 'tick') process.nextTick(this.end);
    else setImmediate(this.end);
  }

  private readonly end = (): void => {
    if (this.state === CORKED) this.stream.uncork();
    this.state = IDLE;
  };
}
