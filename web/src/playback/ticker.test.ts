import { describe, expect, it } from 'vitest';
import { createPlaybackStore } from '../stores/playback-store';
import type { PlaybackTimeline } from './playhead';
import { type FrameClock, MAX_FRAME_GAP_MS, startTicker } from './ticker';

/** Frames stepped by hand: `run(t)` fires the pending callbacks at time t. */
function manualFrames() {
  let pending = new Map<number, (now: number) => void>();
  let next = 1;
  const clock: FrameClock = {
    request: (callback) => {
      pending.set(next, callback);
      return next++;
    },
    cancel: (handle) => {
      pending.delete(handle);
    },
  };
  const run = (now: number) => {
    const due = pending;
    pending = new Map();
    for (const callback of due.values()) callback(now);
  };
  return { clock, run, pendingCount: () => pending.size };
}

const timeline: PlaybackTimeline = {
  offsets: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110],
  settled: true,
};

describe('ticker', () => {
  it('drives the playback store frame by frame while playing, then stops asking for frames', () => {
    const playback = createPlaybackStore();
    playback.getState().setDwell(1000);
    const frames = manualFrames();
    const dispose = startTicker({ playback, timeline: () => timeline, frames: frames.clock });
    expect(frames.pendingCount()).toBe(0);
    playback.getState().play();
    expect(frames.pendingCount()).toBe(1);
    frames.run(0);
    expect(frames.pendingCount()).toBe(1);
    for (let t = 50; t <= 1000; t += 50) frames.run(t);
    // Teaching mode stops at the next step.
    expect(playback.getState().position).toBe(2);
    expect(playback.getState().playing).toBe(false);
    expect(frames.pendingCount()).toBe(0);
    dispose();
  });

  it('caps a long gap between frames, and pause cancels the pending frame', () => {
    const playback = createPlaybackStore();
    playback.getState().setDwell(1000);
    const frames = manualFrames();
    const dispose = startTicker({ playback, timeline: () => timeline, frames: frames.clock });
    playback.getState().play();
    frames.run(0);
    frames.run(60_000);
    expect(playback.getState().position).toBeCloseTo(1 + MAX_FRAME_GAP_MS / 1000);
    playback.getState().pause();
    expect(frames.pendingCount()).toBe(0);
    dispose();
  });

  it('pauses when there is no call to play, and the disposer stops everything', () => {
    const playback = createPlaybackStore();
    const frames = manualFrames();
    const dispose = startTicker({ playback, timeline: () => null, frames: frames.clock });
    playback.getState().play();
    frames.run(0);
    expect(playback.getState().playing).toBe(false);
    playback.getState().play();
    dispose();
    expect(frames.pendingCount()).toBe(0);
  });
});
