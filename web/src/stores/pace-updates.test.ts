import { describe, expect, it } from 'vitest';
import type { FrameClock } from '../playback/ticker';
import { paceUpdates } from './pace-updates';

/** Frames stepped by hand: `tick(now)` runs what was requested before it. */
function fakeFrames(): FrameClock & { tick(now: number): void; pending(): number } {
  let queue = new Map<number, (now: number) => void>();
  let next = 1;
  return {
    request: (callback) => {
      queue.set(next, callback);
      return next++;
    },
    cancel: (handle) => {
      queue.delete(handle);
    },
    tick: (now) => {
      const due = queue;
      queue = new Map();
      for (const callback of due.values()) callback(now);
    },
    pending: () => queue.size,
  };
}

function source() {
  let value = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (v: number) => {
      value = v;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

describe('paceUpdates', () => {
  it('delivers a lone change on the next frame', () => {
    const frames = fakeFrames();
    const store = source();
    const delivered: number[] = [];
    paceUpdates({ ...store, frames, intervalMs: 100, deliver: (v) => delivered.push(v) });
    store.set(1);
    expect(delivered).toEqual([]);
    frames.tick(16);
    expect(delivered).toEqual([1]);
    expect(frames.pending()).toBe(0);
  });

  it('coalesces a stream of changes to one delivery per interval, the last one included', () => {
    const frames = fakeFrames();
    const store = source();
    const delivered: [number, number][] = [];
    let now = 0;
    paceUpdates({ ...store, frames, intervalMs: 100, deliver: (v) => delivered.push([now, v]) });
    for (let i = 1; i <= 60; i++) {
      store.set(i);
      now = i * 16;
      frames.tick(now);
    }
    while (frames.pending() > 0) {
      now += 16;
      frames.tick(now);
    }
    expect(delivered.at(-1)?.[1]).toBe(60);
    for (let i = 1; i < delivered.length; i++) {
      expect((delivered[i]?.[0] ?? 0) - (delivered[i - 1]?.[0] ?? 0)).toBeGreaterThanOrEqual(100);
    }
    expect(delivered.length).toBeLessThanOrEqual(11);
  });

  it('reads a function interval before each delivery, so a costly view waits longer', () => {
    const frames = fakeFrames();
    const store = source();
    const delivered: number[] = [];
    let intervalMs = 100;
    paceUpdates({
      ...store,
      frames,
      intervalMs: () => intervalMs,
      deliver: (v) => delivered.push(v),
    });
    store.set(1);
    frames.tick(1000);
    expect(delivered).toEqual([1]);
    // The last redraw was found to cost more: the next waits 300 ms, not 100.
    intervalMs = 300;
    store.set(2);
    for (const now of [1016, 1100, 1200, 1299]) frames.tick(now);
    expect(delivered).toEqual([1]);
    frames.tick(1300);
    expect(delivered).toEqual([1, 2]);
    intervalMs = 100;
    store.set(3);
    frames.tick(1400);
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('stops listening and cancels its frame when disposed', () => {
    const frames = fakeFrames();
    const store = source();
    const delivered: number[] = [];
    const dispose = paceUpdates({
      ...store,
      frames,
      intervalMs: 100,
      deliver: (v) => delivered.push(v),
    });
    store.set(1);
    dispose();
    expect(frames.pending()).toBe(0);
    expect(store.listeners.size).toBe(0);
    store.set(2);
    frames.tick(16);
    expect(delivered).toEqual([]);
  });
});
