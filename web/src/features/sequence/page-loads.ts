import type { ClockEstimate, StepTime } from '../../../../shared/steps/call-stamps';

/**
 * Calls kept from earlier page loads (history across a reload, an opened
 * session) carry page stamps of a page clock that started elsewhere. The
 * bridge clock is wall time, so each load's own estimate places its calls on
 * this page's axis where they happened; the idle hour between two loads is
 * the axis's to cut (idle-breaks.ts).
 */
/** The part of a call this needs: its page stamps and the estimate of the page that recorded it. */
export type LoadedCall = {
  stamps: {
    invokedAt: number;
    marshalledAt: number;
    decodedAt: number | null;
    deliveredAt: number | null;
  };
  clock?: ClockEstimate;
};

type Load = { offsetMs: number; start: number; end: number };

function pageSpan(call: LoadedCall): { start: number; end: number } {
  const { invokedAt, marshalledAt, decodedAt, deliveredAt } = call.stamps;
  return {
    start: invokedAt,
    end: Math.max(invokedAt, marshalledAt, decodedAt ?? invokedAt, deliveredAt ?? invokedAt),
  };
}

export type LoadPlacement = {
  /** Estimate offset of an earlier load → how far its calls move on this page's axis. */
  shifts: ReadonlyMap<number, number>;
  /** Where each load after the first begins on this page's axis, in time order. */
  reloadsAt: number[];
};

/**
 * How far to move each earlier load's calls (by its estimate's offset) on
 * this page's axis. Calls without an estimate of their own are this page's
 * and stay; without a page estimate, the newest load is the axis. Earlier
 * loads' calls come first in the list (restored before any new call), so
 * only they and this page's first and last are read: a burst's redraw does
 * not walk every call.
 */
export function placeLoads(
  calls: readonly LoadedCall[],
  pageClock: ClockEstimate | null,
): LoadPlacement {
  const loads = new Map<number, Load>();
  let index = 0;
  for (; index < calls.length; index += 1) {
    const call = calls[index] as LoadedCall;
    if (call.clock === undefined) break;
    const { start, end } = pageSpan(call);
    const load = loads.get(call.clock.offsetMs);
    if (load === undefined)
      loads.set(call.clock.offsetMs, { offsetMs: call.clock.offsetMs, start, end });
    else {
      load.start = Math.min(load.start, start);
      load.end = Math.max(load.end, end);
    }
  }
  if (loads.size === 0) return { shifts: new Map(), reloadsAt: [] };
  const first = calls[index];
  const last = calls.at(-1);
  const page: Load | null =
    pageClock && first && last
      ? { offsetMs: pageClock.offsetMs, start: pageSpan(first).start, end: pageSpan(last).end }
      : null;
  const axis = pageClock?.offsetMs ?? Math.max(...loads.keys());
  const shifts = new Map<number, number>();
  for (const offsetMs of loads.keys()) {
    if (offsetMs !== page?.offsetMs) shifts.set(offsetMs, offsetMs - axis);
  }
  const starts = [...loads.values(), ...(page ? [page] : [])]
    .map((load) => load.start + load.offsetMs - axis)
    .sort((a, b) => a - b);
  return { shifts, reloadsAt: starts.slice(1) };
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
