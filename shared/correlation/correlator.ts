/**
 * The calls in flight on one connection, keyed by the canonical form of their
 * id (see canonicalId). Replies arrive in any order (GO-NETRPC fact 2) and only
 * the id ties them to their request. Rules CO1–CO8 in README.
 */

import { FifoMap } from './fifo-map';

export type RetireReason = 'timed-out' | 'failed';

export type MatchResult<K> =
  | { kind: 'matched'; key: K }
  | { kind: 'late'; key: K; reason: RetireReason }
  | { kind: 'unmatched' };

/** How many given-up calls are remembered to recognise late answers; older ones are forgotten. */
export const MAX_RETIRED_REMEMBERED = 10_000;

export class Correlator<K> {
  /** Keys waiting for a reply, per canonical id, first sent first. */
  private readonly pending = new Map<string, K[]>();
  /** Every pending key and its id, in send order. */
  private readonly sent = new Map<K, string>();
  private readonly retiredById = new Map<string, Array<{ key: K; reason: RetireReason }>>();
  /** Retired keys in retirement order, so the oldest is forgotten first. */
  private readonly retiredOrder = new FifoMap<K, string>();

  get pendingCount(): number {
    return this.sent.size;
  }

  /**
   * Adds a call in flight. Keys must be unique. A duplicate id is reported,
   * never rewritten: the user typed it, and seeing what happens is the lesson.
   */
  register(canonicalId: string, key: K): { duplicates: K[] } {
    const queue = this.pending.get(canonicalId);
    const duplicates = queue ? [...queue] : [];
    if (queue) queue.push(key);
    else this.pending.set(canonicalId, [key]);
    this.sent.set(key, canonicalId);
    return { duplicates };
  }

  /**
   * Finds the call a reply answers. With duplicates in flight the first sent is
   * matched first: Go answers each of them and nothing in a reply tells them
   * apart, so send order is the only fair rule.
   */
  match(canonicalId: string): MatchResult<K> {
    const key = shift(this.pending, canonicalId);
    if (key !== undefined) {
      this.sent.delete(key);
      return { kind: 'matched', key };
    }
    const retired = shift(this.retiredById, canonicalId);
    if (retired !== undefined) {
      this.retiredOrder.delete(retired.key);
      return { kind: 'late', key: retired.key, reason: retired.reason };
    }
    return { kind: 'unmatched' };
  }

  /** Gives up on a pending call; a later answer with its id is reported as late. */
  retire(key: K, reason: RetireReason): void {
    const canonicalId = this.sent.get(key);
    if (canonicalId === undefined) return;
    this.sent.delete(key);
    const queue = this.pending.get(canonicalId) ?? [];
    queue.splice(queue.indexOf(key), 1);
    if (queue.length === 0) this.pending.delete(canonicalId);

    const retired = this.retiredById.get(canonicalId);
    if (retired) retired.push({ key, reason });
    else this.retiredById.set(canonicalId, [{ key, reason }]);
    this.retiredOrder.set(key, canonicalId);
    if (this.retiredOrder.size > MAX_RETIRED_REMEMBERED) this.forgetOldestRetired();
  }

  /**
   * Gives up on the call a reply names but cannot answer (it was refused as
   * too large): the first pending with that id, as `match` would take it.
   */
  retireById(canonicalId: string, reason: RetireReason): K | undefined {
    const key = this.pending.get(canonicalId)?.[0];
    if (key !== undefined) this.retire(key, reason);
    return key;
  }

  /** The connection is gone: every pending key, in send order. No reply can follow, so none is remembered. */
  failAll(): K[] {
    const keys = [...this.sent.keys()];
    this.sent.clear();
    this.pending.clear();
    return keys;
  }

  private forgetOldestRetired(): void {
    const oldest = this.retiredOrder.oldest();
    if (!oldest) return;
    const [key, canonicalId] = oldest;
    this.retiredOrder.delete(key);
    // The oldest retired call is also the oldest among those sharing its id.
    shift(this.retiredById, canonicalId);
  }
}

function shift<T>(queues: Map<string, T[]>, id: string): T | undefined {
  const queue = queues.get(id);
  if (!queue) return undefined;
  const first = queue.shift();
  if (queue.length === 0) queues.delete(id);
  return first;
}
