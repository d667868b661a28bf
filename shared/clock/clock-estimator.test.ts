import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockEstimator, sameReading } from './clock-estimator';

describe('clock estimator', () => {
  it('CK1 offset is the bridge stamp minus the middle of the round trip, ± half of it', () => {
    const estimator = new ClockEstimator();
    // Page sent at 100, bridge stamped 5_000_104, page heard back at 110.
    expect(estimator.add({ t0: 100, at: 5_000_104, t1: 110 })).toEqual({
      offsetMs: 4_999_999,
      uncertaintyMs: 5,
      samples: 1,
      measuredAt: 110,
    });
  });

  it('CK2 the sample with the smallest round trip wins, whatever the order', () => {
    const estimator = new ClockEstimator();
    estimator.add({ t0: 0, at: 1030, t1: 40 });
    estimator.add({ t0: 50, at: 1051, t1: 52 });
    const estimate = estimator.add({ t0: 60, at: 1090, t1: 80 });
    expect(estimate).toMatchObject({
      offsetMs: 1000,
      uncertaintyMs: 1,
      samples: 3,
      measuredAt: 52,
    });
  });

  it('CK3 keeps only recent samples, so an old lucky one ages out', () => {
    const estimator = new ClockEstimator(3);
    estimator.add({ t0: 0, at: 500, t1: 0.2 });
    estimator.add({ t0: 10, at: 515, t1: 20 });
    estimator.add({ t0: 30, at: 535, t1: 40 });
    expect(estimator.estimate()?.uncertaintyMs).toBeCloseTo(0.1);
    const estimate = estimator.add({ t0: 50, at: 556, t1: 58 });
    expect(estimate).toMatchObject({ offsetMs: 502, uncertaintyMs: 4, samples: 3 });
  });

  it('CK4 ignores a sample whose answer came before it was sent or that is not a number', () => {
    const estimator = new ClockEstimator();
    expect(estimator.add({ t0: 10, at: 5, t1: 9 })).toBeNull();
    expect(estimator.add({ t0: 10, at: Number.NaN, t1: 12 })).toBeNull();
    expect(estimator.add({ t0: 10, at: 20, t1: 12 })?.samples).toBe(1);
    estimator.reset();
    expect(estimator.estimate()).toBeNull();
  });

  it('CK1 the true offset always lies within the estimate ± its uncertainty', () => {
    // The bridge stamps at any moment inside each exchange; the truth must be covered.
    const exchange = fc.record({
      t0: fc.double({ min: 0, max: 1e6, noNaN: true }),
      trip: fc.double({ min: 0, max: 100, noNaN: true }),
      where: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.array(exchange, { minLength: 1, maxLength: 20 }),
        (offset, exchanges) => {
          const estimator = new ClockEstimator();
          for (const { t0, trip, where } of exchanges) {
            estimator.add({ t0, at: t0 + trip * where + offset, t1: t0 + trip });
          }
          const estimate = estimator.estimate();
          expect(estimate).not.toBeNull();
          if (!estimate) return;
          const slack = 1e-6 * Math.max(1, Math.abs(offset));
          expect(Math.abs(estimate.offsetMs - offset)).toBeLessThanOrEqual(
            estimate.uncertaintyMs + slack,
          );
        },
      ),
      { seed: 20261123, numRuns: 300 },
    );
  });

  it('CK5 an estimate reads the same as another when it places stamps alike', () => {
    const estimator = new ClockEstimator();
    const first = estimator.add({ t0: 0, at: 1002, t1: 4 });
    // A worse exchange: the estimate still rests on the first, only its sample count grew.
    const second = estimator.add({ t0: 10, at: 1030, t1: 30 });
    expect(second).toMatchObject({ samples: 2, measuredAt: 4 });
    expect(first && second && sameReading(second, first)).toBe(true);
    // As good, later: another exchange, the same offset and uncertainty.
    const tie = estimator.add({ t0: 40, at: 1042, t1: 44 });
    expect(tie).toMatchObject({ measuredAt: 44 });
    expect(tie && sameReading(tie, first)).toBe(true);
    const better = estimator.add({ t0: 50, at: 1051.5, t1: 51 });
    expect(better && sameReading(better, first)).toBe(false);
    expect(first && sameReading(first, null)).toBe(false);
  });
});
