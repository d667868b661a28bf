import { describe, expect, it } from 'vitest';
import { followingStores } from './test-kit';

describe('following the selected call', () => {
  it('shows another call from step 1, paused; the same call keeps its place', () => {
    const { calls, playback, stop } = followingStores('a', 'b');
    playback.getState().scrub(7.5);
    playback.getState().play();
    calls.getState().written(['a'], 1);
    expect(playback.getState()).toMatchObject({ position: 7.5, playing: true });
    calls.getState().select('a');
    expect(playback.getState()).toMatchObject({ step: 1, position: 1, playing: false });
    playback.getState().seek(4);
    stop();
    calls.getState().select('b');
    expect(playback.getState().step).toBe(4);
  });
});
