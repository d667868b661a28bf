import { describe, expect, it } from 'vitest';
import { BusyPoll } from './busy-poll';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BusyPoll', () => {
  it('keeps polling while traffic comes within the window', async () => {
    const poll = new BusyPoll(30);
    poll.touch();
    for (let i = 0; i < 5; i++) {
      await sleep(10);
      expect(poll.isPolling).toBe(true);
      poll.touch();
    }
  });

  it('stops polling once no traffic came for the window, so an idle bridge sleeps', async () => {
    const poll = new BusyPoll(5);
    poll.touch();
    expect(poll.isPolling).toBe(true);
    await sleep(30);
    expect(poll.isPolling).toBe(false);
  });

  it('with a window of 0 polls for one loop turn at most', async () => {
    const poll = new BusyPoll(0);
    poll.touch();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(poll.isPolling).toBe(false);
  });

  it('lets timers run on time while it polls', async () => {
    const poll = new BusyPoll(100);
    poll.touch();
    const start = performance.now();
    await sleep(5);
    expect(performance.now() - start).toBeLessThan(50);
    expect(poll.isPolling).toBe(true);
  });

  it('rests at the next turn when calls are pipelined, and polls again on the next touch', async () => {
    const poll = new BusyPoll(1_000);
    poll.touch();
    poll.rest();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(poll.isPolling).toBe(false);
    poll.touch();
    expect(poll.isPolling).toBe(true);
    await sleep(5);
    expect(poll.isPolling).toBe(true);
  });
});
