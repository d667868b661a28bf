import type { StoreApi } from 'zustand/vanilla';
import type { FrameClock } from '../playback/ticker';

/**
 * The same store for the view, its listeners told at most once per animation
 * frame. A burst of 10,000 calls brings tens of thousands of store changes,
 * one or more per WebSocket message; every listener is a React component, and
 * a render per message would take every frame and most of the CPU. The first
 * change after a quiet frame is told at once, so a click or a keystroke shows
 * without delay; changes that follow within the frame are told together on
 * the next frame, with the state as it is then. State and actions are the
 * store's own: nothing is lost, only notifications are merged.
 */
export function notifyPerFrame<S, T extends StoreApi<S>>(store: T, frames: FrameClock): T {
  const listeners = new Set<(state: S, previous: S) => void>();
  /** State when listeners were last told; what they compare the next change with. */
  let told = store.getState();
  /** A frame is awaited: changes until then are merged into one notification. */
  let waiting = false;
  let changed = false;

  const tell = () => {
    const previous = told;
    told = store.getState();
    for (const listener of [...listeners]) listener(told, previous);
  };

  const frame = () => {
    if (!changed) {
      waiting = false;
      return;
    }
    changed = false;
    frames.request(frame);
    tell();
  };

  store.subscribe(() => {
    if (waiting) {
      changed = true;
      return;
    }
    waiting = true;
    frames.request(frame);
    tell();
  });

  return {
    ...store,
    subscribe: (listener: (state: S, previous: S) => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
