import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { FrameClock } from '../playback/ticker';
import { notifyPerFrame } from './notify-per-frame';

/** A frame clock stepped by hand. */
function manualFrames() {
  let callbacks: Array<(now: number) => void> = [];
  const clock: FrameClock = {
    request: (callback) => callbacks.push(callback),
    cancel: () => {},
  };
  const step = () => {
    const due = callbacks;
    callbacks = [];
    for (const callback of due) callback(0);
  };
  return { clock, step, pending: () => callbacks.length };
}

const counter = () =>
  createStore<{ n: number; bump(): void }>()((set) => ({
    n: 0,
    bump: () => set((s) => ({ n: s.n + 1 })),
  }));

describe('notifyPerFrame', () => {
  it('tells the first change at once, then merges changes until the next frame', () => {
    const frames = manualFrames();
    const store = counter();
    const view = notifyPerFrame(store, frames.clock);
    const told: Array<[number, number]> = [];
    view.subscribe((state, previous) => told.push([state.n, previous.n]));

    store.getState().bump();
    expect(told).toEqual([[1, 0]]);
    store.getState().bump();
    store.getState().bump();
    expect(told).toEqual([[1, 0]]);
    expect(view.getState().n).toBe(3);

    frames.step();
    expect(told).toEqual([
      [1, 0],
      [3, 1],
    ]);
  });

  it('stops asking for frames once a frame passes with no change, and tells the next change at once', () => {
    const frames = manualFrames();
    const store = counter();
    const view = notifyPerFrame(store, frames.clock);
    const told: number[] = [];
    view.subscribe((state) => told.push(state.n));

    store.getState().bump();
    frames.step();
    expect(frames.pending()).toBe(0);
    store.getState().bump();
    expect(told).toEqual([1, 2]);
  });

  it('stops telling a listener that unsubscribed', () => {
    const frames = manualFrames();
    const store = counter();
    const view = notifyPerFrame(store, frames.clock);
    const told: number[] = [];
    const unsubscribe = view.subscribe((state) => told.push(state.n));
    store.getState().bump();
    store.getState().bump();
    unsubscribe();
    frames.step();
    expect(told).toEqual([1]);
  });
});
