import type { CallsStore } from '../stores/calls-store';
import type { PlaybackStore } from '../stores/playback-store';

/** Selecting another call shows it from step 1, paused; Play then starts it from the beginning. */
export function resetOnSelection(calls: CallsStore, playback: PlaybackStore): () => void {
  return calls.subscribe((state, previous) => {
    if (state.selectedKey !== previous.selectedKey) playback.getState().reset();
  });
}
