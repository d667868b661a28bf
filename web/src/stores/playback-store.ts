import { createStore } from 'zustand/vanilla';
import type { StepNumber } from '../../../shared/steps/call-stamps';
import {
  advance,
  FIRST_POSITION,
  LAST_POSITION,
  type PlaybackTimeline,
} from '../playback/playhead';

/** Real time slowed down by `speed`, or a fixed dwell per step (teaching). */
export type PlaybackMode = 'real-time' | 'teaching';

/** Real-time slow-down bounds (log scale): from real time to 100,000 times slower. */
export const SPEED_MIN = 1;
export const SPEED_MAX = 100_000;
/** Teaching dwell bounds (log scale), in ms per step: fast enough to skim, slow enough to talk over. */
export const DWELL_MIN_MS = 250;
export const DWELL_MAX_MS = 10_000;
/** Slow enough to follow one message on its first showing. */
export const DEFAULT_DWELL_MS = 1500;

export type PlaybackState = {
  /** The step shown for the selected call: the whole part of `position`. */
  step: StepNumber;
  /** Step position in [1, 12]; the fraction is how far the message is toward the next step. */
  position: number;
  playing: boolean;
  mode: PlaybackMode;
  /** Slow-down factor on a log scale: 1 is real time, 1000 is a thousand times slower. */
  speed: number;
  /** Teaching mode: milliseconds from one step to the next. */
  dwellMs: number;
  /** Teaching mode: pause on arriving at each step (on by default). */
  stopAtEachStep: boolean;
  seek(step: StepNumber): void;
  /** Moves the playhead anywhere in [1, 12] (the scrubber). */
  scrub(position: number): void;
  next(): void;
  previous(): void;
  play(): void;
  pause(): void;
  toggle(): void;
  /** Back to step 1 and play. */
  replay(): void;
  /** Back to step 1, paused: another call was selected. */
  reset(): void;
  setMode(mode: PlaybackMode): void;
  setSpeed(speed: number): void;
  setDwell(ms: number): void;
  setStopAtEachStep(on: boolean): void;
  /** One animation frame: `elapsedMs` of wall time passed while playing `timeline`. */
  tick(elapsedMs: number, timeline: PlaybackTimeline): void;
};

export type PlaybackStore = ReturnType<typeof createPlaybackStore>;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const clampStep = (step: number): StepNumber =>
  clamp(Math.floor(step), FIRST_POSITION, LAST_POSITION) as StepNumber;
const at = (position: number) => {
  const clamped = clamp(position, FIRST_POSITION, LAST_POSITION);
  return { position: clamped, step: clampStep(clamped) };
};

export function createPlaybackStore() {
  return createStore<PlaybackState>()((set, get) => ({
    step: 1,
    position: FIRST_POSITION,
    playing: false,
    mode: 'teaching',
    speed: 1000,
    dwellMs: DEFAULT_DWELL_MS,
    stopAtEachStep: true,
    seek: (step) => set({ ...at(step), playing: false }),
    scrub: (position) => set(at(position)),
    // Stepping by hand takes over from playback.
    next: () => set((state) => ({ ...at(state.step + 1), playing: false })),
    previous: () => set((state) => ({ ...at(state.step - 1), playing: false })),
    play: () =>
      set((state) => ({
        ...(state.position >= LAST_POSITION ? at(FIRST_POSITION) : {}),
        playing: true,
      })),
    pause: () => set({ playing: false }),
    toggle: () => (get().playing ? get().pause() : get().play()),
    replay: () => set({ ...at(FIRST_POSITION), playing: true }),
    reset: () => set({ ...at(FIRST_POSITION), playing: false }),
    setMode: (mode) => set({ mode }),
    setSpeed: (speed) => set({ speed: clamp(speed, SPEED_MIN, SPEED_MAX) }),
    setDwell: (ms) => set({ dwellMs: clamp(ms, DWELL_MIN_MS, DWELL_MAX_MS) }),
    setStopAtEachStep: (stopAtEachStep) => set({ stopAtEachStep }),
    tick: (elapsedMs, timeline) => {
      const state = get();
      if (!state.playing) return;
      const result = advance({ ...state, elapsedMs, timeline });
      set({ ...at(result.position), playing: result.playing });
    },
  }));
}
