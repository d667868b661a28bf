import type { PlaybackStore } from '../stores/playback-store';
import type { PlaybackTimeline } from './playhead';

/** The browser's frame clock, injected so tests can step frames by hand. */
export type FrameClock = {
  request(callback: (now: number) => void): number;
  cancel(handle: number): void;
};

/** A frame later than this after the previous one (a background tab) counts as this long. */
export const MAX_FRAME_GAP_MS = 100;

/**
 * The animation clock: while the playback store says playing, each frame
 * tells it how much time passed. Components hold no timers; this is the one.
 * Returns its disposer.
 */
export function startTicker(deps: {
  playback: PlaybackStore;
  /** The timeline of the call being played, or null when no call is selected. */
  timeline: () => PlaybackTimeline | null;
  frames: FrameClock;
}): () => void {
  const { playback, timeline, frames } = deps;
  let handle: number | null = null;
  let last: number | null = null;

  const frame = (now: number) => {
    const played = timeline();
    if (!played) {
      handle = null;
      playback.getState().pause();
      return;
    }
    const elapsed = last === null ? 0 : Math.min(MAX_FRAME_GAP_MS, Math.max(0, now - last));
    last = now;
    // The handle stays set during the tick, so the store's own notification does not ask for a second frame.
    playback.getState().tick(elapsed, played);
    handle = playback.getState().playing ? frames.request(frame) : null;
  };

  const follow = (playing: boolean) => {
    if (playing && handle === null) {
      last = null;
      handle = frames.request(frame);
    } else if (!playing && handle !== null) {
      frames.cancel(handle);
      handle = null;
    }
  };

  follow(playback.getState().playing);
  const unsubscribe = playback.subscribe((state) => follow(state.playing));
  return () => {
    unsubscribe();
    follow(false);
  };
}

/** requestAnimationFrame as a FrameClock. */
export const animationFrames: FrameClock = {
  request: (callback) => window.requestAnimationFrame(callback),
  cancel: (handle) => window.cancelAnimationFrame(handle),
};
