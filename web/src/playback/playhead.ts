import type { StepTime } from '../../../shared/steps/call-stamps';

/**
 * The playhead is a step position p in [1, 12]: its whole part is the step
 * shown, its fraction how far the message has travelled toward the next
 * step. Pure: times in, positions out.
 */
export const FIRST_POSITION = 1;
export const LAST_POSITION = 12;

/** What playback needs to know about the call it plays. */
export type PlaybackTimeline = {
  /** Milliseconds from step 1 for each step 1–12, null for a step that has not happened. */
  offsets: ReadonlyArray<number | null>;
  /** The call is over (answered or failed): a step still without a time never will have one. */
  settled: boolean;
};

export function toPlaybackTimeline(times: readonly StepTime[], settled: boolean): PlaybackTimeline {
  const start = times.find((t) => t.step === 1)?.at ?? null;
  const offsets = Array.from({ length: LAST_POSITION }, (_, i) => {
    const at = times.find((t) => t.step === i + 1)?.at ?? null;
    return start === null || at === null ? null : at - start;
  });
  return { offsets, settled };
}

/** The furthest step playback may reach: the last of the unbroken run of steps that happened. */
export function lastReachable(timeline: PlaybackTimeline): number {
  let last = FIRST_POSITION;
  while (last < LAST_POSITION && timeline.offsets[last] !== null) last++;
  return timeline.offsets[0] === null ? FIRST_POSITION : last;
}

/** Offsets made monotonic: a later step is never drawn before an earlier one, whatever the clocks said. */
function knownOffsets(timeline: PlaybackTimeline): number[] {
  const reachable = lastReachable(timeline);
  const out: number[] = [];
  let floor = 0;
  for (let i = 0; i < reachable; i++) {
    floor = Math.max(floor, timeline.offsets[i] ?? floor);
    out.push(floor);
  }
  return out;
}

/** The call time (ms from step 1) at position p, interpolated between its two steps. */
export function positionToTime(timeline: PlaybackTimeline, position: number): number {
  const offsets = knownOffsets(timeline);
  const clamped = Math.min(Math.max(position, FIRST_POSITION), offsets.length);
  const index = Math.floor(clamped) - 1;
  const from = offsets[index] ?? 0;
  const to = offsets[index + 1] ?? from;
  return from + (to - from) * (clamped - Math.floor(clamped));
}

/** The position at call time t: the last step at or before t, plus the fraction toward the next. */
export function timeToPosition(timeline: PlaybackTimeline, time: number): number {
  const offsets = knownOffsets(timeline);
  let index = 0;
  while (index + 1 < offsets.length && (offsets[index + 1] ?? 0) <= time) index++;
  const from = offsets[index] ?? 0;
  const to = offsets[index + 1];
  if (to === undefined || to <= from) return index + 1;
  return index + 1 + Math.min(1, Math.max(0, (time - from) / (to - from)));
}

/** Total call time that playback can cover so far. */
export function timelineLength(timeline: PlaybackTimeline): number {
  return knownOffsets(timeline).at(-1) ?? 0;
}

export type AdvanceInput = {
  position: number;
  mode: 'real-time' | 'teaching';
  /** Real-time mode: how many times slower than real time. */
  speed: number;
  /** Teaching mode: how long the message takes from one step to the next. */
  dwellMs: number;
  /** Teaching mode: pause on arriving at each step. */
  stopAtEachStep: boolean;
  elapsedMs: number;
  timeline: PlaybackTimeline;
};

export type AdvanceResult = { position: number; playing: boolean };

/**
 * One tick of playback. Real time: the call's own time runs `speed` times
 * slower. Teaching: one step per dwell, stopping on each step if asked.
 * Playback stops at step 12, or where a settled call's steps run out; on an
 * unfinished call it waits at the last step that has happened.
 */
export function advance(input: AdvanceInput): AdvanceResult {
  const { position, timeline } = input;
  const reachable = lastReachable(timeline);
  let next: number;
  if (input.mode === 'real-time') {
    const time = positionToTime(timeline, position) + input.elapsedMs / Math.max(1, input.speed);
    next = timeToPosition(timeline, time);
  } else {
    next = position + input.elapsedMs / Math.max(1, input.dwellMs);
    const arrived = Math.floor(position) + 1;
    if (input.stopAtEachStep && next >= arrived) {
      return { position: Math.min(arrived, reachable), playing: false };
    }
  }
  if (next >= reachable) {
    const done = reachable === LAST_POSITION || timeline.settled;
    return { position: reachable, playing: !done };
  }
  return { position: next, playing: true };
}
