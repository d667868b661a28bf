import { describe, expect, it } from 'vitest';
import { STEP_NUMBERS, type StepTime } from '../../../shared/steps/call-stamps';
import {
  advance,
  lastReachable,
  type PlaybackTimeline,
  positionToTime,
  timelineLength,
  timeToPosition,
  toPlaybackTimeline,
} from './playhead';

/** Steps 10 ms apart, except 6 → 7 (the service) which takes 100 ms. */
const OFFSETS = [0, 10, 20, 30, 40, 50, 150, 160, 170, 180, 190, 200];
const done: PlaybackTimeline = { offsets: OFFSETS, settled: true };
const inFlight: PlaybackTimeline = {
  offsets: OFFSETS.map((o, i) => (i < 5 ? o : null)),
  settled: false,
};

const base = {
  mode: 'teaching' as const,
  speed: 1000,
  dwellMs: 1000,
  stopAtEachStep: true,
  timeline: done,
};

describe('playhead', () => {
  it('reads offsets from step 1 off a step timeline', () => {
    const times: StepTime[] = STEP_NUMBERS.map((step) => ({
      step,
      at: step <= 3 ? 500 + step : null,
      end: null,
      source: 'page',
      uncertaintyMs: 0,
    }));
    const timeline = toPlaybackTimeline(times, false);
    expect(timeline.offsets.slice(0, 4)).toEqual([0, 1, 2, null]);
    expect(lastReachable(timeline)).toBe(3);
  });

  it('maps positions to call time and back, linearly between steps', () => {
    expect(positionToTime(done, 6.5)).toBe(100);
    expect(timeToPosition(done, 100)).toBe(6.5);
    expect(timeToPosition(done, 0)).toBe(1);
    expect(timeToPosition(done, 10_000)).toBe(12);
    expect(timelineLength(done)).toBe(200);
    expect(timelineLength(inFlight)).toBe(40);
  });

  it('never runs time backwards when the clocks disagree', () => {
    const skewed: PlaybackTimeline = { offsets: [0, 5, 4, ...OFFSETS.slice(3)], settled: true };
    expect(positionToTime(skewed, 3)).toBe(5);
    for (let p = 1; p < 12; p += 0.25) {
      expect(positionToTime(skewed, p + 0.25)).toBeGreaterThanOrEqual(positionToTime(skewed, p));
    }
  });

  it('teaching mode stops at each step by default', () => {
    const half = advance({ ...base, position: 3, elapsedMs: 500 });
    expect(half).toEqual({ position: 3.5, playing: true });
    expect(advance({ ...base, position: 3.5, elapsedMs: 700 })).toEqual({
      position: 4,
      playing: false,
    });
  });

  it('teaching mode without stops runs on to step 12 and stops there', () => {
    const free = { ...base, stopAtEachStep: false };
    expect(advance({ ...free, position: 3.5, elapsedMs: 700 }).position).toBeCloseTo(4.2);
    expect(advance({ ...free, position: 11.9, elapsedMs: 500 })).toEqual({
      position: 12,
      playing: false,
    });
  });

  it('real time runs the call’s own time slowed down by speed', () => {
    const real = { ...base, mode: 'real-time' as const, speed: 100 };
    // 1 s of wall time at 100× slower is 10 ms of call time: one step here.
    expect(advance({ ...real, position: 2, elapsedMs: 1000 }).position).toBeCloseTo(3);
    // The service's 100 ms takes ten times longer than a 10 ms step.
    expect(advance({ ...real, position: 6, elapsedMs: 1000 }).position).toBeCloseTo(6.1);
  });

  it('waits at the last step that happened while the call is in flight, stops once settled', () => {
    const free = { ...base, stopAtEachStep: false };
    expect(advance({ ...free, timeline: inFlight, position: 4.5, elapsedMs: 5000 })).toEqual({
      position: 5,
      playing: true,
    });
    const failed = { ...inFlight, settled: true };
    expect(advance({ ...free, timeline: failed, position: 4.5, elapsedMs: 5000 })).toEqual({
      position: 5,
      playing: false,
    });
  });
});
