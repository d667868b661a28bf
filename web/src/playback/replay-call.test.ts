import { describe, expect, it } from 'vitest';
import { replayCall } from './replay-call';
import { followingStores } from './test-kit';

describe('replaying a call from the list', () => {
  it('selects another call and plays it from step 1, despite the reset a new selection brings', () => {
    const { calls, playback, stop } = followingStores('a', 'b');
    calls.getState().select('b');
    playback.getState().seek(9);
    replayCall(calls, playback, 'a');
    expect(calls.getState().selectedKey).toBe('a');
    expect(playback.getState()).toMatchObject({ step: 1, position: 1, playing: true });
    stop();
  });

  it('replays the call already selected from step 1', () => {
    const { calls, playback, stop } = followingStores('a');
    calls.getState().select('a');
    playback.getState().scrub(6.5);
    replayCall(calls, playback, 'a');
    expect(playback.getState()).toMatchObject({ step: 1, position: 1, playing: true });
    stop();
  });
});
