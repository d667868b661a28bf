import type { ClockEstimate, StepTime } from '../../../../shared/steps/call-stamps';

/**
 * Calls kept from earlier page loads (history across a reload, an opened
 * session) carry page stamps of a page clock that started elsewhere. The
 * bridge clock is wall time, so each load's own estimate places its calls on
 * this page's axis where they happened; an idle stretch between two loads
 * longer than LOAD_GAP_MS is drawn LOAD_GAP_MS long, so a fitted diagram does
 * not shrink the calls to specks across an hour without any.
 */
export const LOAD_GAP_MS = 1_000;

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

/**
 * How far to move each earlier load's calls (by its estimate's offset) on
 * this page's axis. Calls without an estimate of their own are this page's
 * and stay; without a page estimate, the newest load is the axis. Earlier
 * loads' calls come first in the list (restored before any new call), so
 * only they and this page's first and last are read: a burst's redraw does
 * not walk every call.
 */
export function loadShifts(
  calls: readonly LoadedCall[],
  pageClock: ClockEstimate | null,
): ReadonlyMap<number, number> {
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
  if (loads.size === 0) return new Map();
  const first = calls[index];
  const last = calls.at(-1);
  const page: Load | null =
    pageClock && first && last
      ? { offsetMs: pageClock.offsetMs, start: pageSpan(first).start, end: pageSpan(last).end }
      : null;
  const wall = (load: Load) => ({
    start: load.start + load.offsetMs,
    end: load.end + load.offsetMs,
  });
  const ordered = [...loads.values(), ...(page ? [page] : [])].sort(
    (a, b) => wall(a).start - wall(b).start,
  );
  const axis = pageClock?.offsetMs ?? (ordered.at(-1) as Load).offsetMs;
  // From the newest load back, every idle stretch longer than the gap pulls the loads before it later.
  const shifts = new Map<number, number>();
  let pull = 0;
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    const load = ordered[i] as Load;
    shifts.set(load.offsetMs, load.offsetMs - axis + pull);
    const before = ordered[i - 1];
    if (before === undefined) continue;
    const idle = wall(load).start - wall(before).end;
    if (idle > LOAD_GAP_MS) pull += idle - LOAD_GAP_MS;
  }
  // This page's own calls do not move; the earlier loads move with them.
  const own = page ? (shifts.get(page.offsetMs) ?? 0) : 0;
  if (page) shifts.delete(page.offsetMs);
  for (const [offsetMs, shift] of shifts) shifts.set(offsetMs, shift - own);
  return shifts;
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
