import { FifoMap } from '../../../shared/correlation/fifo-map';

/**
 * Calls that may still get steps 4–9 from the glass-box demo server, by
 * connection and canonical id. The report can come before or after the reply
 * itself, so a call waits here whether answered or not, until its report
 * takes it. With a duplicate id in flight the oldest waiting call is taken
 * first: the demo answers requests in the order it reads them, as Go does, and
 * nothing in a report tells duplicates apart.
 *
 * A server that is not the demo never reports, so the list is capped: past
 * MAX_CALLS_AWAITING_SERVER_STEPS the oldest waiting call is forgotten.
 */
export const MAX_CALLS_AWAITING_SERVER_STEPS = 10_000;

export class ServerStepsWaitlist {
  /** `${conn} ${canonicalId}` → call keys, oldest first. */
  private readonly byId = new Map<string, string[]>();
  /** Every waiting call in the order it was added, for the cap. */
  private readonly order = new FifoMap<string, string>();
  private readonly cap: number;

  constructor(cap = MAX_CALLS_AWAITING_SERVER_STEPS) {
    this.cap = Math.max(1, cap);
  }

  get size(): number {
    return this.order.size;
  }

  add(conn: number, canonicalId: string, key: string): void {
    const slot = `${conn} ${canonicalId}`;
    const keys = this.byId.get(slot);
    if (keys) keys.push(key);
    else this.byId.set(slot, [key]);
    this.order.set(key, slot);
    if (this.order.size > this.cap) {
      const oldest = this.order.oldest();
      if (oldest) this.remove(oldest[0]);
    }
  }

  /** The call a report for this conn and id belongs to, which stops waiting; null if none. */
  take(conn: number, canonicalId: string): string | null {
    const key = this.byId.get(`${conn} ${canonicalId}`)?.[0];
    if (key === undefined) return null;
    this.remove(key);
    return key;
  }

  /** Forgets every call of a connection that ended. */
  forgetConn(conn: number): void {
    const prefix = `${conn} `;
    for (const [key, slot] of this.order) {
      if (slot.startsWith(prefix)) this.remove(key);
    }
  }

  private remove(key: string): void {
    const slot = this.order.get(key);
    if (slot === undefined) return;
    this.order.delete(key);
    const keys = this.byId.get(slot)?.filter((k) => k !== key) ?? [];
    if (keys.length === 0) this.byId.delete(slot);
    else this.byId.set(slot, keys);
  }
}
