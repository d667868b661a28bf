import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIdleBreaks, idleTotal, MIN_IDLE_MS } from './idle-breaks';
import { type CallLayout, timeScale, timeToY, yToTime } from './sequence-layout';
import { type CallSpan, indexByTime } from './sequence-visible';

/** A call drawn from `first` to `last` (Infinity: still inside the server). */
const span = (first: number, last: number): { span: CallSpan; layout: CallLayout } => ({
  span: { first, last, latest: Number.isFinite(last) ? last : first },
  layout: {} as CallLayout,
});
const breaksOf = (spans: ReturnType<typeof span>[], reloadsAt: number[] = []) =>
  findIdleBreaks(indexByTime(spans), reloadsAt).map(({ start, end, reload }) => [
    start,
    end,
    reload,
  ]);

describe('idle stretches cut out of the time axis', () => {
  it('finds the stretches between calls longer than MIN_IDLE_MS, and nothing before the first', () => {
    expect(breaksOf([span(1_000, 1_005), span(7_000, 7_004), span(7_050, 7_060)])).toEqual([
      [1_005, 7_000, false],
    ]);
    expect(breaksOf([span(0, 10), span(10 + MIN_IDLE_MS, 200)])).toEqual([]);
  });

  it('is not fooled by a long call that overlaps the short ones after it', () => {
    // 0–5000 covers the calls at 100 and 300: the only idle is after it.
    expect(breaksOf([span(300, 310), span(0, 5_000), span(100, 110), span(9_000, 9_010)])).toEqual([
      [5_000, 9_000, false],
    ]);
  });

  it('has nothing idle after a call still inside the server', () => {
    expect(breaksOf([span(0, 10), span(500, Infinity), span(2_000, 2_010)])).toEqual([
      [10, 500, false],
    ]);
  });

  it('marks the break in which a later page load begins', () => {
    expect(breaksOf([span(0, 10), span(60_000, 60_010), span(90_000, 90_010)], [60_000])).toEqual([
      [10, 60_000, true],
      [60_010, 90_000, false],
    ]);
  });

  it('adds up what it cut', () => {
    expect(
      idleTotal([
        { start: 0, end: 100, reload: false },
        { start: 300, end: 350, reload: true },
      ]),
    ).toBe(150);
  });
});

describe('a time scale with breaks', () => {
  const breaks = [
    { start: 100, end: 60_100 },
    { start: 60_200, end: 3_660_200 },
  ];
  const scale = timeScale(0, 2, 10, breaks, 20);

  it('draws each break `breakPx` tall and the calls at full scale around them', () => {
    expect(timeToY(0, scale)).toBe(10);
    expect(timeToY(100, scale)).toBe(210);
    expect(timeToY(60_100, scale)).toBe(230);
    expect(timeToY(60_200, scale)).toBe(430);
    expect(timeToY(3_660_200, scale)).toBe(450);
    expect(timeToY(3_660_210, scale)).toBe(470);
    // Halfway through the idle hour is halfway through its break.
    expect(timeToY(60_200 + 1_800_000, scale)).toBe(440);
  });

  it('is the same as a plain scale without breaks', () => {
    expect(timeScale(5, 0.5, 3)).toEqual({ t0: 5, pxPerMs: 0.5, top: 3 });
  });

  it('maps y back to the time drawn there, for any time (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1_000, max: 4_000_000, noNaN: true }), (t) => {
        expect(yToTime(timeToY(t, scale), scale)).toBeCloseTo(t, 3);
      }),
    );
  });

  it('keeps time order (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1_000, max: 4_000_000, noNaN: true }),
        fc.double({ min: -1_000, max: 4_000_000, noNaN: true }),
        (a, b) => {
          if (a < b) expect(timeToY(a, scale)).toBeLessThanOrEqual(timeToY(b, scale));
        },
      ),
    );
  });
});
