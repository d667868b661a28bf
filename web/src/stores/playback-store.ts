import { createStore } from 'zustand/vanilla';
import type { StepNumber } from '../../../shared/steps/call-stamps';

/** Real time slowed down by `speed`, or a fixed dwell per step (teaching). */
export type PlaybackMode = 'real-time' | 'teaching';

export type PlaybackState = {
  /** The step shown for the selected call. */
  step: StepNumber;
  playing: boolean;
  mode: PlaybackMode;
  /** Slow-down factor on a log scale: 1 is real time, 1000 is a thousand times slower. */
  speed: number;
  seek(step: StepNumber): void;
  next(): void;
  previous(): void;
  play(): void;
  pause(): void;
  setMode(mode: PlaybackMode): void;
  setSpeed(speed: number): void;
};

export type PlaybackStore = ReturnType<typeof createPlaybackStore>;

const clampStep = (step: number): StepNumber => Math.min(12, Math.max(1, step)) as StepNumber;

export function createPlaybackStore() {
  return createStore<PlaybackState>()((set) => ({
    step: 1,
    playing: false,
    mode: 'teaching',
    speed: 1000,
    seek: (step) => set({ step: clampStep(step) }),
    next: () => set((state) => ({ step: clampStep(state.step + 1) })),
    previous: () => set((state) => ({ step: clampStep(state.step - 1) })),
    play: () => set({ playing: true }),
    pause: () => set({ playing: false }),
    setMode: (mode) => set({ mode }),
    setSpeed: (speed) => set({ speed }),
  }));
}
