import type { TimeIndex } from './sequence-visible';

/**
 * A teacher sends a call, talks for two minutes, sends another: drawn to
 * scale, a fitted diagram is two flat lines at its ends. So every stretch in
 * which nothing is drawn, longer than MIN_IDLE_MS, is cut out of the time
 * axis and drawn as a break of a few pixels that says how long it was. Calls
 * keep their true times; only the axis skips.
 */
export const MIN_IDLE_MS = 100;

/** An idle stretch of the axis: no arrow or bar of any call is in it. */
export type IdleBreak = {
  start: number;
  end: number;
  /** The page was loaded again within it: the calls after it are of a later page load. */
  reload: boolean;
};

/**
 * The idle stretches between the calls of `index`, in time order. A call
 * still inside the server reaches to the end, so nothing after its start is
 * idle. `reloadsAt` are the times at which later page loads begin.
 */
export function findIdleBreaks(
  index: TimeIndex,
  reloadsAt: readonly number[],
  minIdleMs = MIN_IDLE_MS,
): IdleBreak[] {
  let openFrom = Number.POSITIVE_INFINITY;
  for (const item of index.open) openFrom = Math.min(openFrom, item.span.first);
  const breaks: IdleBreak[] = [];
  const idleTo = (start: number, end: number) => {
    // Nothing before the first call: the axis starts there.
    if (start === Number.NEGATIVE_INFINITY || end - start <= minIdleMs) return;
    breaks.push({ start, end, reload: reloadsAt.some((at) => at > start && at <= end) });
  };
  let reach = Number.NEGATIVE_INFINITY;
  for (const { span } of index.entries) {
    if (span.first > openFrom) break;
    idleTo(reach, span.first);
    reach = Math.max(reach, span.last);
  }
  if (openFrom < Number.POSITIVE_INFINITY) idleTo(reach, openFrom);
  return breaks;
}

/** How long the breaks are together, ms: the axis is this much shorter than the calls' extent. */
export const idleTotal = (breaks: readonly IdleBreak[]): number =>
  breaks.reduce((sum, b) => sum + (b.end - b.start), 0);
