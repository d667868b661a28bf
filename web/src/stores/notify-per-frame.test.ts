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
  const step = (now = 0) => {
    const due = callbacks;
    callbacks = [];
    for (const callback of due) callback(now);
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

  describe('with an answer hold', () => {
    const held = () => {
      const frames = manualFrames();
      const store = counter();
      let due = true;
      const view = notifyPerFrame(store, frames.clock, { due: () => due, maxMs: 100 });
      const told: Array<[number, number]> = [];
      view.subscribe((state, previous) => told.push([state.n, previous.n]));
      return { frames, store, told, answer: () => (due = false), send: () => (due = true) };
    };

    it('tells nothing while an answer is due, then everything at the first frame after it came', () => {
      const { frames, store, told, answer } = held();
      store.getState().bump();
      expect(told).toEqual([]);
      frames.step(0);
      store.getState().bump();
      frames.step(16);
      expect(told).toEqual([]);
      answer();
      store.getState().bump();
      expect(told).toEqual([]);
      frames.step(33);
      expect(told).toEqual([[3, 0]]);
      frames.step(50);
      expect(frames.pending()).toBe(0);
    });

    it('holds at most maxMs from its first frame, then tells once per frame as without a hold', () => {
      const { frames, store, told } = held();
      store.getState().bump();
      frames.step(1000);
      store.getState().bump();
      frames.step(1099);
      expect(told).toEqual([]);
      frames.step(1100);
      expect(told).toEqual([[2, 0]]);
      // A burst keeps answers due: its changes are told every frame, not held again.
      store.getState().bump();
      frames.step(1116);
      expect(told).toEqual([
        [2, 0],
        [3, 2],
      ]);
    });

    it('tells a change at once when no answer is due, and holds again after a quiet frame', () => {
      const { frames, store, told, answer, send } = held();
      answer();
      store.getState().bump();
      expect(told).toEqual([[1, 0]]);
      frames.step(0);
      send();
      store.getState().bump();
      expect(told).toEqual([[1, 0]]);
      frames.step(16);
      expect(told).toEqual([[1, 0]]);
    });
  });
});
