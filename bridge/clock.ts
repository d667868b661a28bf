/**
 * Milliseconds since the epoch with sub-millisecond precision. `Date.now()` is
 * whole milliseconds, too coarse for loopback round trips.
 */
const origin = performance.timeOrigin;

export function now(): number {
  return origin + performance.now();
}
