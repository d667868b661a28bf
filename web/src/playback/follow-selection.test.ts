import { describe, expect, it } from 'vitest';
import { createCallsStore, type NewCall } from '../stores/calls-store';
import { createPlaybackStore } from '../stores/playback-store';
import { resetOnSelection } from './follow-selection';

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

describe('following the selected call', () => {
  it('shows another call from step 1, paused; the same call keeps its place', () => {
    const calls = createCallsStore();
    const playback = createPlaybackStore();
    const stop = resetOnSelection(calls, playback);
    calls.getState().add([call('a'), call('b')]);
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
