/**
 * A map that gives its oldest entry in constant time, for lists capped by
 * forgetting their oldest member. A `Map` keeps insertion order, but V8
 * leaves a hole for each deleted entry until the table is rebuilt, and
 * `keys().next()` walks past every hole before the first live entry: as a
 * FIFO of 10,000 entries it cost 40–130 ms per 10,000 additions once full
 * (docs/benchmarks.md). Here the order is an array read from a moving head;
 * deleted entries are skipped once, and the array is compacted when most of
 * it is dead.
 */
type Entry<K, V> = { key: K; value: V; live: boolean };

/** Dead entries tolerated before rebuilding the order, beyond as many as there are live ones. */
const SLACK = 64;

export class FifoMap<K, V> {
  private readonly entries = new Map<K, Entry<K, V>>();
  private order: Entry<K, V>[] = [];
  private head = 0;

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Adds `key` as the newest entry; a key already present moves to the newest place. */
  set(key: K, value: V): void {
    this.delete(key);
    const entry = { key, value, live: true };
    this.entries.set(key, entry);
    this.order.push(entry);
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    entry.live = false;
    this.entries.delete(key);
    // Every live entry is in `order` once: the rest is dead. Rebuilding once the dead outnumber the
    // live costs as much as the deletions since the last rebuild, so each deletion costs O(1).
    if (this.order.length - this.entries.size > this.entries.size + SLACK) {
      this.order = this.order.slice(this.head).filter((e) => e.live);
      this.head = 0;
    }
    return true;
  }

  /** The oldest entry, or undefined when empty. */
  oldest(): [K, V] | undefined {
    while (this.head < this.order.length && !this.order[this.head]?.live) this.head++;
    const entry = this.order[this.head];
    return entry ? [entry.key, entry.value] : undefined;
  }

  /** Live entries, oldest first; entries may be deleted while iterating. */
  *[Symbol.iterator](): IterableIterator<[K, V]> {
    const order = this.order;
    for (let i = this.head; i < order.length; i++) {
      const entry = order[i];
      if (entry?.live) yield [entry.key, entry.value];
    }
  }
}
