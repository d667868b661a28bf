import { describe, expect, it } from 'vitest';
import type { ClockEstimate, StepTime } from '../../../../shared/steps/call-stamps';
import { placeLoads, shiftTimes } from './page-loads';

const HOUR = 3_600_000;
const estimate = (offsetMs: number): ClockEstimate => ({
  offsetMs,
  uncertaintyMs: 0.1,
  samples: 4,
  measuredAt: 0,
});

/** A call from invokedAt to deliveredAt on its page's clock; `clock` when it came from another page load. */
const call = (invokedAt: number, deliveredAt: number, clock?: ClockEstimate) => ({
  stamps: { invokedAt, deliveredAt },
  ...(clock ? { clock } : {}),
});
type TestCall = ReturnType<typeof call>;

/** Where a call's span lands on this page's axis. */
const placed = (c: TestCall, shifts: ReadonlyMap<number, number>): [number, number] => {
  const shift = c.clock ? (shifts.get(c.clock.offsetMs) ?? 0) : 0;
  return [c.stamps.invokedAt + shift, c.stamps.deliveredAt + shift];
};

describe('calls of earlier page loads on this page’s axis', () => {
  const WALL = 1_700_000_000_000;

  it('moves nothing when every call is this page’s', () => {
    expect(placeLoads([call(10, 20), call(30, 40)], WALL)).toEqual({
      shifts: new Map(),
      reloadsAt: [],
    });
  });

  it('places a load that ended just before this one where it happened, by wall time', () => {
    // The earlier page's clock started 5 s earlier; its call ended 300 ms (wall) before this page's first.
    const before = estimate(WALL - 5_000);
    const old = call(4_000, 4_700, before);
    const now = call(0, 50);
    const { shifts, reloadsAt } = placeLoads([old, now], WALL);
    expect(shifts.get(before.offsetMs)).toBe(-5_000);
    expect(placed(old, shifts)).toEqual([-1_000, -300]);
    expect(placed(now, shifts)).toEqual([0, 50]);
    expect(reloadsAt).toEqual([0]);
  });

  it('keeps the idle hours between loads, and says where each later load begins', () => {
    const first = estimate(WALL - 2 * HOUR);
    const second = estimate(WALL - HOUR);
    const a = call(100, 200, first);
    const b = call(100, 400, second);
    const now = call(500, 600);
    const { shifts, reloadsAt } = placeLoads([a, b, now], WALL);
    expect(placed(a, shifts)).toEqual([100 - 2 * HOUR, 200 - 2 * HOUR]);
    expect(placed(b, shifts)).toEqual([100 - HOUR, 400 - HOUR]);
    expect(reloadsAt).toEqual([100 - HOUR, 500]);
  });

  it('places an opened session on a page with no calls of its own', () => {
    const recorded = estimate(WALL - HOUR);
    const { shifts, reloadsAt } = placeLoads([call(0, 10, recorded), call(50, 60, recorded)], WALL);
    expect(shifts.get(recorded.offsetMs)).toBe(-HOUR);
    expect(reloadsAt).toEqual([]);
  });

  it('reads only the earlier loads and this page’s first call', () => {
    const before = estimate(WALL - 5_000);
    const calls = [call(4_000, 4_700, before), call(0, 50)];
    // A call after this page's first is never read: a throwing getter proves it.
    const untouchable = {
      get stamps(): never {
        throw new Error('read');
      },
    } as unknown as TestCall;
    expect(() => placeLoads([...calls, untouchable, call(60, 70)], WALL)).not.toThrow();
  });
});

describe('shiftTimes', () => {
  it('moves every known time and keeps the unknown ones', () => {
    const times: StepTime[] = [
      { step: 1, at: 5, end: null, source: 'page', uncertaintyMs: 0, clamped: false },
      { step: 7, at: 8, end: 9, source: 'server', uncertaintyMs: 0.1, clamped: false },
      { step: 12, at: null, end: null, source: 'page', uncertaintyMs: 0, clamped: false },
    ];
    expect(shiftTimes(times, -3).map((t) => [t.at, t.end])).toEqual([
      [2, null],
      [5, 6],
      [null, null],
    ]);
    expect(shiftTimes(times, 0)).toBe(times);
  });
});
