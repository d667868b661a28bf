import type { FrameClock } from '../playback/ticker';

/**
 * Hands a view a store's latest value at most once per interval. A burst
 * brings a store change every few milliseconds; redrawing a costly view (the
 * sequence diagram) or scrolling one (the call list following its newest
 * call, which lays out the page at once) on each would take every frame.
 * The value flows through a transient subscription instead (STYLE.md,
 * practice 5) and is delivered on the first frame at least an interval after
 * the previous delivery: a lone change shows on the next frame, the last
 * change always arrives, and nothing between is lost from the store.
 *
 * `intervalMs` may be a function, read before each delivery, for a view
 * whose interval follows what its redraws cost. Returns the disposer.
 */
export function paceUpdates<T>(deps: {
  get(): T;
  subscribe(listener: () => void): () => void;
  frames: FrameClock;
  intervalMs: number | (() => number);
  deliver(value: T): void;
}): () => void {
  const { get, subscribe, frames, intervalMs, deliver } = deps;
  const interval = typeof intervalMs === 'number' ? () => intervalMs : intervalMs;
  let handle: number | null = null;
  let last: number | null = null;

  const frame = (now: number) => {
    if (last !== null && now - last < interval()) {
      handle = frames.request(frame);
      return;
    }
    handle = null;
    last = now;
    deliver(get());
  };

  const unsubscribe = subscribe(() => {
    if (handle === null) handle = frames.request(frame);
  });
  return () => {
    unsubscribe();
    if (handle !== null) frames.cancel(handle);
    handle = null;
  };
}
