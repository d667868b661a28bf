import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallStamps, ClockEstimate, StepTime } from './call-stamps';
import {
  elapsedMs,
  inferredSpanMs,
  isGlassBox,
  stepAt,
  stepTimeline,
  totalMs,
} from './step-timeline';

/**
 * The bridge clock reads 1_700_000_000_000 ms more than the page clock. Times that
 * large resolve to about 0.0002 ms, so converted times compare to 3 decimals.
 */
const OFFSET = 1_700_000_000_000;
const clock: ClockEstimate = { offsetMs: OFFSET, uncertaintyMs: 0.25, samples: 5, measuredAt: 50 };
const bridge = (pageMs: number) => OFFSET + pageMs;

const answered: CallStamps = {
  invokedAt: 100,
  marshalledAt: 100.2,
  requestBytes: 60,
  writtenAt: bridge(100.5),
  server: null,
  firstReadAt: bridge(102),
  lastReadAt: bridge(102.1),
  replyBytes: 34,
  decodedAt: 102.4,
  deliveredAt: 102.6,
};

const glassBox: CallStamps = {
  ...answered,
  server: {
    received: bridge(100.6),
    decoded: bridge(100.7),
    invoked: bridge(100.8),
    returned: bridge(101.5),
    encoded: bridge(101.6),
    written: bridge(101.7),
  },
};

const pick = (times: StepTime[], ...fields: Array<keyof StepTime>) =>
  times.map((time) => Object.fromEntries(fields.map((field) => [field, time[field]])));

/** For every pair of steps in order: times never run backwards. */
function expectMonotonic(times: StepTime[]) {
  let latest = Number.NEGATIVE_INFINITY;
  let spanEnd = Number.NEGATIVE_INFINITY;
  for (const time of times) {
    if (time.at === null) continue;
    expect(time.at).toBeGreaterThanOrEqual(latest);
    if (time.end !== null) expect(time.end).toBeGreaterThanOrEqual(time.at);
    // Steps 4–9 of a black-box server share one span; any other step starts after it ends.
    if (time.source !== 'inferred') {
      expect(time.at).toBeGreaterThanOrEqual(spanEnd);
    }
    latest = time.at;
    if (time.end !== null && time.source !== 'inferred') latest = time.end;
    if (time.source === 'inferred' && time.end !== null) spanEnd = time.end;
  }
}

describe('step timeline', () => {
  it('ST1 twelve steps in order; page steps as recorded, bridge ones moved by the offset', () => {
    const times = stepTimeline(glassBox, clock);
    expect(times.map((time) => time.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(pick(times, 'step', 'source')).toEqual([
      { step: 1, source: 'page' },
      { step: 2, source: 'page' },
      { step: 3, source: 'bridge' },
      { step: 4, source: 'server' },
      { step: 5, source: 'server' },
      { step: 6, source: 'server' },
      { step: 7, source: 'server' },
      { step: 8, source: 'server' },
      { step: 9, source: 'server' },
      { step: 10, source: 'bridge' },
      { step: 11, source: 'page' },
      { step: 12, source: 'page' },
    ]);
    const at = times.map((time) => time.at);
    expect(at[0]).toBe(100);
    expect(at[1]).toBe(100.2);
    expect(at[2]).toBeCloseTo(100.5, 3);
    expect(at[3]).toBeCloseTo(100.6, 3);
    expect(at[8]).toBeCloseTo(101.7, 3);
    expect(at[9]).toBeCloseTo(102, 3);
    expect(times[9]?.end).toBeCloseTo(102.1, 3);
    expect(at[10]).toBe(102.4);
    expect(at[11]).toBe(102.6);
    expect(isGlassBox(times)).toBe(true);
    expect(inferredSpanMs(times)).toBeNull();
    expect(totalMs(times)).toBeCloseTo(2.6, 3);
    expectMonotonic(times);
  });

  it('ST2 page times carry no uncertainty; bridge and server times carry the offset’s', () => {
    const times = stepTimeline(glassBox, clock);
    for (const time of times) {
      expect(time.uncertaintyMs).toBe(time.source === 'page' ? 0 : 0.25);
      expect(time.clamped).toBe(false);
    }
  });

  it('ST3 a black-box server: steps 4–9 are one inferred span, last byte written → first byte back', () => {
    const times = stepTimeline(answered, clock);
    const span = times.filter((time) => time.step >= 4 && time.step <= 9);
    expect(span).toHaveLength(6);
    for (const time of span) {
      expect(time.source).toBe('inferred');
      expect(time.at).toBeCloseTo(100.5, 3);
      expect(time.end).toBeCloseTo(102, 3);
      expect(time.uncertaintyMs).toBe(0.25);
    }
    expect(isGlassBox(times)).toBe(false);
    expect(inferredSpanMs(times)).toBeCloseTo(1.5, 3);
    expectMonotonic(times);
  });

  it('ST3 a call the glass-box server refused before running it has no steps 6 and 7', () => {
    const refused: CallStamps = {
      ...glassBox,
      server: { ...glassBox.server!, invoked: null, returned: null },
    };
    const times = stepTimeline(refused, clock);
    expect(times.filter((time) => time.at === null).map((time) => time.step)).toEqual([6, 7]);
    expect(times.slice(3, 9).every((time) => time.source === 'server')).toBe(true);
    expectMonotonic(times);
  });

  it('ST4 a pending call: steps that have not happened have no time', () => {
    const pending: CallStamps = {
      ...answered,
      writtenAt: bridge(100.5),
      firstReadAt: null,
      lastReadAt: null,
      replyBytes: null,
      decodedAt: null,
      deliveredAt: null,
    };
    const times = stepTimeline(pending, clock);
    expect(times.map((time) => time.at !== null)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(times[3]).toMatchObject({ at: null, end: null, source: 'inferred' });
    expect(totalMs(times)).toBeNull();
    expect(elapsedMs(times)).toBeCloseTo(0.5, 3);
    expect(stepAt(times, 12)).toBeNull();
  });

  it('ST5 without a clock estimate, bridge and server times cannot be placed and stay null', () => {
    const times = stepTimeline(glassBox, null);
    expect(times.filter((time) => time.at !== null).map((time) => time.step)).toEqual([
      1, 2, 11, 12,
    ]);
    expect(times[4]?.source).toBe('server');
  });

  it('ST6 a converted time that would run backwards is clamped and says so', () => {
    // The offset estimate is 1 ms too large: converted times land 1 ms early.
    const early = { ...clock, offsetMs: OFFSET + 1 };
    const times = stepTimeline(answered, early);
    expect(times[2]).toMatchObject({ step: 3, at: 100.2, clamped: true });
    expectMonotonic(times);
    // 1 ms too small: step 10's last byte would come after the page decoded the reply.
    const late = { ...clock, offsetMs: OFFSET - 1 };
    const lateTimes = stepTimeline(answered, late);
    expect(lateTimes[9]).toMatchObject({ step: 10, end: 102.4, clamped: true });
    expectMonotonic(lateTimes);
  });

  it('ST6 times never run backwards, whatever the stamps and the offset', () => {
    const maybe = (arb: fc.Arbitrary<number>) => fc.option(arb, { nil: null });
    const ms = fc.double({ min: 0, max: 1000, noNaN: true });
    const stamps = fc.record({
      invokedAt: ms,
      marshalledAt: ms,
      requestBytes: fc.nat(),
      writtenAt: maybe(ms),
      server: fc.option(fc.array(ms, { minLength: 6, maxLength: 6 }), { nil: null }),
      firstReadAt: maybe(ms),
      lastReadAt: maybe(ms),
      replyBytes: maybe(fc.nat()),
      decodedAt: maybe(ms),
      deliveredAt: maybe(ms),
    });
    fc.assert(
      fc.property(stamps, fc.double({ min: -50, max: 50, noNaN: true }), (raw, offsetMs) => {
        // Page times come from one monotonic clock; bridge ones from the other, in their order.
        const [invokedAt, marshalledAt] = [raw.invokedAt, raw.marshalledAt].sort((a, b) => a - b);
        const server = raw.server?.slice().sort((a, b) => a - b) ?? null;
        const input: CallStamps = {
          ...raw,
          invokedAt: invokedAt ?? 0,
          marshalledAt: Math.max(marshalledAt ?? 0, invokedAt ?? 0),
          server: server && {
            received: server[0] ?? 0,
            decoded: server[1] ?? 0,
            invoked: server[2] ?? 0,
            returned: server[3] ?? 0,
            encoded: server[4] ?? 0,
            written: server[5] ?? 0,
          },
          decodedAt: raw.decodedAt === null ? null : Math.max(raw.decodedAt, marshalledAt ?? 0),
          deliveredAt:
            raw.deliveredAt === null
              ? null
              : Math.max(raw.deliveredAt, raw.decodedAt ?? 0, marshalledAt ?? 0),
        };
        const times = stepTimeline(input, { ...clock, offsetMs });
        expect(times).toHaveLength(12);
        expectMonotonic(times);
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});
