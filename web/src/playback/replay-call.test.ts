import { describe, expect, it } from 'vitest';
import { createCallsStore, type NewCall } from '../stores/calls-store';
import { createPlaybackStore } from '../stores/playback-store';
import { resetOnSelection } from './follow-selection';
import { replayCall } from './replay-call';

const call = (key: string): NewCall => ({
  key,
  conn: 1,
  method: 'ServiceA.Add',
  idText: key,
  canonicalId: key,
  requestText: '{}\n',
  duplicateWarning: null,
  stamps: { invokedAt: 0, marshalledAt: 0, requestBytes: 3 },
});

describe('replaying a call from the list', () => {
  it('selects another call and plays it from step 1, despite the reset a new selection brings', () => {
    const calls = createCallsStore();
    const playback = createPlaybackStore();
    const stop = resetOnSelection(calls, playback);
    calls.getState().add([call('a'), call('b')]);
    calls.getState().select('b');
    playback.getState().seek(9);
    replayCall(calls, playback, 'a');
    expect(calls.getState().selectedKey).toBe('a');
    expect(playback.getState()).toMatchObject({ step: 1, position: 1, playing: true });
    stop();
  });

  it('replays the call already selected from step 1', () => {
    const calls = createCallsStore();
    const playback = createPlaybackStore();
    const stop = resetOnSelection(calls, playback);
    calls.getState().add([call('a')]);
    calls.getState().select('a');
    playback.getState().scrub(6.5);
    replayCall(calls, playback, 'a');
    expect(playback.getState()).toMatchObject({ step: 1, position: 1, playing: true });
    stop();
  });
});
