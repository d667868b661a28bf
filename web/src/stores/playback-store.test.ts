import { describe, expect, it } from 'vitest';
import { createPlaybackStore, SPEED_MAX } from './playback-store';

describe('playback store', () => {
  it('starts in teaching mode at step 1, stopping at every step', () => {
    const state = createPlaybackStore().getState();
    expect(state.step).toBe(1);
    expect(state.mode).toBe('teaching');
    expect(state.stopAtEachStep).toBe(true);
    expect(state.playing).toBe(false);
  });

  it('steps by hand within 1–12 and pauses playback', () => {
    const store = createPlaybackStore();
    store.getState().play();
    store.getState().next();
    expect(store.getState()).toMatchObject({ step: 2, position: 2, playing: false });
    store.getState().scrub(5.5);
    expect(store.getState()).toMatchObject({ step: 5, position: 5.5 });
    store.getState().previous();
    expect(store.getState().position).toBe(4);
    store.getState().seek(12);
    store.getState().next();
    expect(store.getState().step).toBe(12);
    store.getState().seek(1);
    store.getState().previous();
    expect(store.getState().step).toBe(1);
  });

  it('Play at the end starts again from step 1; replay always does', () => {
    const store = createPlaybackStore();
    store.getState().seek(12);
    store.getState().toggle();
    expect(store.getState()).toMatchObject({ step: 1, playing: true });
    store.getState().toggle();
    expect(store.getState().playing).toBe(false);
    store.getState().scrub(7);
    store.getState().replay();
    expect(store.getState()).toMatchObject({ step: 1, playing: true });
  });

  it('keeps speed within its log-scale range', () => {
    const store = createPlaybackStore();
    store.getState().setSpeed(1e9);
    expect(store.getState().speed).toBe(SPEED_MAX);
  });
});
