import type { ClockEstimate } from '../../../shared/steps/call-stamps';
import type { Call } from './calls-store';

/**
 * A call's bridge and server stamps are placed on the page clock with the
 * bridge clock estimate of the page that recorded it. A call kept past its
 * page (history across a reload, a session file) takes that estimate along:
 * the next page's clock starts elsewhere, and it may have no bridge at all.
 */

/** The estimate a call's steps are read with: its own if it came from another page. */
export function clockOf(call: Call, pageClock: ClockEstimate | null): ClockEstimate | null {
  return call.clock ?? pageClock;
}

/** A call of this page, ready to outlive it: it takes the page's estimate along unless it has one. */
export function withOwnClock(call: Call, pageClock: ClockEstimate | null): Call {
  if (call.clock !== undefined || pageClock === null) return call;
  return { ...call, clock: pageClock };
}
