import type { ConnId } from '../../shared/protocol/bridge-protocol';
import { MAX_ACKS_PER_READ, type WriteAck } from '../../shared/protocol/frames';

/**
 * How long a write's ack may wait for an answer to ride on. Step 3's time is
 * taken when the write completes; only its delivery waits, by at most one
 * frame of a 60 Hz display, so the page could not have shown it sooner. It
 * was 2 ms: the timer then fired every 2 ms while calls flowed one at a time,
 * and waking for it cost a sequential call ~25 µs of bridge CPU on our VM
 * (docs/benchmarks.md).
 */
export const ACK_HOLD_MAX_MS = 16;

type Held = { since: number; acks: WriteAck[] };

/**
 * Acks of completed writes, per connection, waiting for that connection's
 * next read frame. An answer usually follows its request within a fraction of
 * a millisecond; the page then wakes once for both. Acks nobody takes within
 * ACK_HOLD_MAX_MS go to `release` on their own. One timer serves them all,
 * re-armed only when it fires: no timer is set and cleared per call.
 */
export class HeldAcks {
  private readonly held = new Map<ConnId, Held>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly release: (conn: ConnId, acks: WriteAck[]) => void) {}

  hold(conn: ConnId, ack: WriteAck): void {
    const entry = this.held.get(conn);
    if (entry === undefined) {
      this.held.set(conn, { since: performance.now(), acks: [ack] });
    } else if (entry.acks.length < MAX_ACKS_PER_READ) {
      entry.acks.push(ack);
    } else {
      this.releaseConn(conn);
      this.held.set(conn, { since: performance.now(), acks: [ack] });
    }
    this.timer ??= setTimeout(this.releaseDue, ACK_HOLD_MAX_MS);
  }

  /** The connection's held acks, oldest first, for its read frame; they are no longer held. */
  take(conn: ConnId): WriteAck[] | undefined {
    const entry = this.held.get(conn);
    if (entry === undefined) return undefined;
    this.held.delete(conn);
    return entry.acks;
  }

  /** Releases the connection's acks now, e.g. before telling the page it closed. */
  releaseConn(conn: ConnId): void {
    const acks = this.take(conn);
    if (acks) this.release(conn, acks);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held.clear();
  }

  private readonly releaseDue = (): void => {
    this.timer = undefined;
    const at = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [conn, entry] of [...this.held]) {
      if (at - entry.since >= ACK_HOLD_MAX_MS) this.releaseConn(conn);
      else next = Math.min(next, entry.since + ACK_HOLD_MAX_MS);
    }
    if (next !== Number.POSITIVE_INFINITY) {
      this.timer = setTimeout(this.releaseDue, Math.max(0, next - at));
    }
  };
}
