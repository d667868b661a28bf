/**
 * How often the sequence diagram may redraw while calls stream in. Its
 * redraw walks every call in the history, so with 10,000 calls it costs tens
 * of milliseconds; five such redraws a second took about a quarter of the
 * page's main thread in a burst (docs/benchmarks.md), time the burst's own
 * calls were waiting for. So the interval grows with what the last redraw
 * cost, and the diagram keeps to a bounded share of the main thread.
 */

/** Calls streaming in redraw the diagram at most this often, ms: 5 times a second reads as live. */
export const REDRAW_INTERVAL_MS = 200;
/** The most of the main thread the diagram's redraws take while calls stream in. */
export const REDRAW_SHARE = 1 / 8;

/** The time from one redraw to the next, ms, given what the last one took. */
export function redrawIntervalMs(lastRedrawMs: number): number {
  return Math.max(REDRAW_INTERVAL_MS, lastRedrawMs / REDRAW_SHARE);
}
