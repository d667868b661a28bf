import type { StoreApi } from 'zustand/vanilla';
import type { FrameClock } from '../playback/ticker';

/**
 * Keeps the view from drawing while an answer is due: `due()` says whether a
 * call just sent still awaits its answer, and a change is then told when the
 * answers are in, or `maxMs` after the hold's first frame, whichever comes
 * first. The page is the client whose steps it times: a redraw that takes
 * the main thread while an answer arrives delays the page's reading of it
 * (step 11), and Chromium runs the frame a click asks for before the answer
 * to that click, so a send drawn at once adds its own redraw to the call.
 */
export type AnswerHold = { due(): boolean; maxMs: number };

/**
 * The same store for the view, its listeners told at most once per animation
 * frame. A burst of 10,000 calls brings tens of thousands of store changes,
 * one or more per WebSocket message; every listener is a React component, and
 * a render per message would take every frame and most of the CPU. The first
 * change after a quiet frame is told at once, so a click or a keystroke shows
 * without delay; changes that follow within the frame are told together on
 * the next frame, with the state as it is then. State and actions are the
 * store's own: nothing is lost, only notifications are merged. With a `hold`,
 * changes made while an answer is due wait for it (AnswerHold).
 */
export function notifyPerFrame<S, T extends StoreApi<S>>(
  store: T,
  frames: FrameClock,
  hold?: AnswerHold,
): T {
  const listeners = new Set<(state: S, previous: S) => void>();
  /** State when listeners were last told; what they compare the next change with. */
  let told = store.getState();
  /** A frame is awaited: changes until then are merged into one notification. */
  let waiting = false;
  let changed = false;
  /** The frame time the current hold began; held changes are told by `maxMs` after it. */
  let heldSince: number | null = null;

  const tell = () => {
    const previous = told;
    told = store.getState();
    for (const listener of [...listeners]) listener(told, previous);
  };

  const frame = (now: number) => {
    if (!changed) {
      waiting = false;
      heldSince = null;
      return;
    }
    frames.request(frame);
    if (hold?.due()) {
      heldSince ??= now;
      if (now - heldSince < hold.maxMs) return;
    }
    changed = false;
    tell();
  };

  store.subscribe(() => {
    if (waiting) {
      changed = true;
      return;
    }
    waiting = true;
    frames.request(frame);
    if (hold?.due()) changed = true;
    else tell();
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
