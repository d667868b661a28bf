import type { ClockEstimate, StepTime } from '../../../../shared/steps/call-stamps';

/**
 * Calls kept from earlier page loads (history across a reload, an opened
 * session) carry page stamps of a page clock that started elsewhere. The
 * bridge clock is wall time, so each load's own estimate places its calls on
 * this page's axis where they happened; the idle hour between two loads is
 * the axis's to cut (idle-breaks.ts).
 */

/** The part of a call this needs: when it was invoked, and the estimate of the page that recorded it. */
export type LoadedCall = {
  stamps: { invokedAt: number };
  clock?: ClockEstimate;
};

export type LoadPlacement = {
  /** Estimate offset of an earlier load → how far its calls move on this page's axis. */
  shifts: ReadonlyMap<number, number>;
  /** Where each load after the first begins on this page's axis, in time order. */
  reloadsAt: number[];
};

/**
 * How far to move each earlier load's calls (by its estimate's offset) on
 * this page's axis, whose offset to the bridge clock is `pageOffsetMs`.
 * Calls without an estimate of their own are this page's and stay. Earlier
 * loads' calls come first in the list (restored before any new call), so
 * only they and this page's first call are read: a burst's redraw does not
 * walk every call.
 */
export function placeLoads(calls: readonly LoadedCall[], pageOffsetMs: number): LoadPlacement {
  const starts = new Map<number, number>();
  let index = 0;
  for (; index < calls.length; index += 1) {
    const call = calls[index] as LoadedCall;
    if (call.clock === undefined) break;
    const { offsetMs } = call.clock;
    starts.set(offsetMs, Math.min(starts.get(offsetMs) ?? Infinity, call.stamps.invokedAt));
  }
  if (starts.size === 0) return { shifts: new Map(), reloadsAt: [] };
  const shifts = new Map<number, number>();
  const reloadsAt: number[] = [];
  for (const [offsetMs, start] of starts) {
    shifts.set(offsetMs, offsetMs - pageOffsetMs);
    reloadsAt.push(start + offsetMs - pageOffsetMs);
  }
  const own = calls[index];
  if (own) reloadsAt.push(own.stamps.invokedAt);
  reloadsAt.sort((a, b) => a - b);
  // The first load is where the diagram begins, not a reload.
  reloadsAt.shift();
  return { shifts, reloadsAt };
}

/** A call's step times moved along the axis by `shiftMs`. */
export function shiftTimes(times: StepTime[], shiftMs: number): StepTime[] {
  if (shiftMs === 0) return times;
  return times.map((time) => ({
    ...time,
    at: time.at === null ? null : time.at + shiftMs,
    end: time.end === null ? null : time.end + shiftMs,
  }));
}
