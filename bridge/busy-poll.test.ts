import { describe, expect, it } from 'vitest';
import { BusyPoll } from './busy-poll';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Loop turns that ran in `ms`: a polling loop turns thousands of times, a sleeping one a few. */
async function turnsWhile(ms: number): Promise<number> {
  let turns = 0;
  const until = performance.now() + ms;
  await new Promise<void>((resolve) => {
    const check = () => {
      turns++;
      if (performance.now() < until) setTimeout(check, 0);
      else resolve();
    };
    check();
  });
  return turns;
}

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

  it('lets timers run while it polls', async () => {
    const poll = new BusyPoll(50);
    poll.touch();
    expect(await turnsWhile(20)).toBeGreaterThan(1);
  });
});
