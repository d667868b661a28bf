import {
  encodeWriteFrame,
  MAX_WRITES_PER_FRAME,
  type PageWrite,
  writeFrameSize,
} from '../../../shared/protocol/frames';

/**
 * The page's writes of one turn, sent as one write frame when the turn's
 * synchronous work is done: pipelined calls cost one WebSocket message, and
 * the bridge one socket write per connection, instead of one each. A lone
 * write waits for nothing but the code that made it. A frame never passes the
 * bridge's largest message; a write too big on its own goes alone, as before.
 */
export class WriteQueue {
  /** The bridge's largest message (its welcome says); until then, no cap. */
  maxMessageBytes = Number.POSITIVE_INFINITY;
  private writes: PageWrite[] = [];
  private payloadBytes = 0;
  private scheduled = false;

  constructor(
    private readonly send: (frame: Uint8Array) => void,
    // Wrapped: the browser's queueMicrotask throws when called as another object's method.
    private readonly defer: (fn: () => void) => void = (fn) => queueMicrotask(fn),
  ) {}

  /** Queues a write; its payload must not change until the frame is sent. */
  add(write: PageWrite): void {
    const count = this.writes.length;
    const fits =
      count < MAX_WRITES_PER_FRAME &&
      writeFrameSize(count + 1, this.payloadBytes + write.payload.length) <= this.maxMessageBytes;
    if (count > 0 && !fits) this.flush();
    this.writes.push(write);
    this.payloadBytes += write.payload.length;
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(this.flushScheduled);
  }

  /** Sends what is queued now, e.g. before a control message that must come after it. */
  flush(): void {
    if (this.writes.length === 0) return;
    const frame = encodeWriteFrame(this.writes);
    this.clear();
    this.send(frame);
  }

  /** Drops what is queued: the socket it was for is gone. */
  clear(): void {
    this.writes = [];
    this.payloadBytes = 0;
  }

  private readonly flushScheduled = (): void => {
    this.scheduled = false;
    this.flush();
  };
}
