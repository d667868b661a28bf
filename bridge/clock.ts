/**
 * Milliseconds since the epoch with sub-millisecond precision. `Date.now()` is
 * whole milliseconds, too coarse for loopback round trips.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
