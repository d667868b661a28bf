import type { CallsStore } from '../stores/calls-store';
import type { PlaybackStore } from '../stores/playback-store';

/**
 * Replays one call from the list: it becomes the selected call everywhere and
 * plays from step 1. Selecting first matters: a new selection resets the
 * playhead (follow-selection.ts), and the replay must come after that reset.
 */
export function replayCall(calls: CallsStore, playback: PlaybackStore, key: string): void {
  calls.getState().select(key);
  playback.getState().replay();
}
