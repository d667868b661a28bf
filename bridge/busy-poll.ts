/**
 * Keeps the event loop polling for a short window after traffic instead of
 * sleeping until the next packet. On a VM, a packet for a process asleep on an
 * idle vCPU waits for that vCPU to be woken, tens of microseconds on the
 * machines we measured (docs/benchmarks.md); a relay that is still polling
 * when the answer comes back skips that twice per call. The cost is CPU, and
 * only within `windowMs` of the last traffic: an idle bridge sleeps. Where
 * wake-ups are cheap (a VM that polls before it halts) there is nothing to
 * skip, and the busy vCPU is one the server could use: 10–30 µs per call
 * slower (docs/benchmarks.md, 2026-12-02), so `--busy-poll 0` there.
 *
 * Polling pays only while a call waits on the bridge. With many calls in
 * flight there is always work queued, a wake-up delays nobody in particular,
 * and a polling bridge would take a CPU from the browser and the server: the
 * session then calls `rest()` and the loop sleeps between packets again.
 */
export class BusyPoll {
  private lastTraffic = Number.NEGATIVE_INFINITY;
  private polling = false;

  /** `windowMs` 0 never polls: traffic costs nothing extra. */
  constructor(readonly windowMs: number) {}

  /** Whether the loop is polling now rather than free to sleep. */
  get isPolling(): boolean {
    return this.polling;
  }

  /** Traffic that one waiting call depends on: keep polling for the window from now. */
  touch(): void {
    if (this.windowMs <= 0) return;
    this.lastTraffic = performance.now();
    if (this.polling) return;
    this.polling = true;
    setImmediate(this.turn);
  }

  /** Several calls are in flight: stop polling at the next turn; the next `touch` starts again. */
  rest(): void {
    this.lastTraffic = Number.NEGATIVE_INFINITY;
  }

  private readonly turn = (): void => {
    if (performance.now() - this.lastTraffic >= this.windowMs) {
      this.polling = false;
      return;
    }
    // While immediates are pending, libuv polls for I/O without blocking.
    setImmediate(this.turn);
  };
}
