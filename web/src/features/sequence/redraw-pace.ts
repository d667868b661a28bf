import type { FrameClock } from '../../playback/ticker';

/**
 * Redraw at most every `intervalMs`. A burst of 500 brings a store change
 * every few milliseconds; laying out and painting the diagram on each one
 * would take every frame. The calls flow through a transient subscription
 * instead (DESIGN.md, practice 5) and the diagram takes the latest of them
 * on the first frame at least `intervalMs` after its previous redraw: the
 * last change always arrives, nothing between is lost from the store.
 * Returns its disposer.
 */
export function paceUpdates<T>(deps: {
  get(): T;
  subscribe(listener: () => void): () => void;
  frames: FrameClock;
  intervalMs: number;
  deliver(value: T): void;
}): () => void {
  const { get, subscribe, frames, intervalMs, deliver } = deps;
  let handle: number | null = null;
  let last: number | null = null;

  const frame = (now: number) => {
    if (last !== null && now - last < intervalMs) {
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
