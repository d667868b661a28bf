import type { ClockEstimate } from '../steps/call-stamps';

/**
 * One clock exchange: the page sent at t0 (page clock), the bridge stamped
 * `at` (bridge clock), the page got the answer at t1 (page clock).
 */
export type ClockSample = { t0: number; at: number; t1: number };

/**
 * How many recent exchanges the estimate chooses from. Old enough samples are
 * dropped so a drifting clock is followed; ten cover a minute and a half at
 * one exchange every ten seconds.
 */
export const CLOCK_SAMPLES_KEPT = 10;

/**
 * Estimates bridge time − page time from clock exchanges, the way NTP's
 * clock filter does: of the recent samples, the one with the smallest round
 * trip is trusted, because the bridge's stamp lies somewhere inside that
 * round trip and a shorter trip leaves it less room. Assuming the stamp sits
 * in the middle, offset = at − (t0 + t1) / 2, and it is off by at most half
 * the round trip. Pure: samples in, estimate out (rules CK1–CK4).
 */
export class ClockEstimator {
  private samples: ClockSample[] = [];
  private readonly keep: number;

  constructor(keep = CLOCK_SAMPLES_KEPT) {
    this.keep = Math.max(1, keep);
  }

  /** Adds one exchange; a sample whose answer came before it was sent is ignored (CK4). */
  add(sample: ClockSample): ClockEstimate | null {
    const valid =
      [sample.t0, sample.at, sample.t1].every(Number.isFinite) && sample.t1 >= sample.t0;
    if (valid) {
      this.samples.push(sample);
      if (this.samples.length > this.keep) this.samples.shift();
    }
    return this.estimate();
  }

  /** The estimate from the best recent sample, or null before the first one. */
  estimate(): ClockEstimate | null {
    let best: ClockSample | null = null;
    for (const sample of this.samples) {
      // Ties go to the newer sample: same quality, fresher reading.
      if (best === null || roundTrip(sample) <= roundTrip(best)) best = sample;
    }
    if (best === null) return null;
    return {
      offsetMs: best.at - (best.t0 + best.t1) / 2,
      uncertaintyMs: roundTrip(best) / 2,
      samples: this.samples.length,
      measuredAt: best.t1,
    };
  }

  /** Forgets every sample (the bridge behind the socket may be another process now). */
  reset(): void {
    this.samples = [];
  }
}

/**
 * Whether two estimates place stamps alike: the same offset, the same
 * uncertainty (CK5). How many samples they were chosen from, and which of two
 * equally good exchanges, do not move a stamp.
 */
export function sameReading(a: ClockEstimate, b: ClockEstimate | null): boolean {
  return b !== null && a.offsetMs === b.offsetMs && a.uncertaintyMs === b.uncertaintyMs;
}

function roundTrip(sample: ClockSample): number {
  return sample.t1 - sample.t0;
}
