import { describe, expect, it } from 'vitest';
import {
  STEP_NUMBERS,
  type StepNumber,
  type StepTime,
  type TimeSource,
} from '../../../../shared/steps/call-stamps';
import {
  arrowSegment,
  distanceToSegment,
  type Geometry,
  hitArrow,
  hitBand,
  idColour,
  inWindow,
  laneGap,
  layoutCall,
  lifelinesFor,
  spacedLabels,
  timeExtent,
  timeToY,
  yToTime,
} from './sequence-layout';

type Times = Partial<Record<StepNumber, number | readonly [number, number]>>;

/** Step times as the step timeline gives them; steps 4–9 from the server or inferred. */
function stepTimes(times: Times, glassBox: boolean): StepTime[] {
  return STEP_NUMBERS.map((step): StepTime => {
    const t = times[step];
    const inside = step >= 4 && step <= 9;
    const source: TimeSource = !inside ? 'page' : glassBox ? 'server' : 'inferred';
    return {
      step,
      at: t === undefined ? null : typeof t === 'number' ? t : t[0],
      end: t === undefined || typeof t === 'number' ? null : t[1],
      source,
      uncertaintyMs: 0,
    };
  });
}

const layoutOf = (key: string, steps: StepTime[]) =>
  layoutCall({ key, method: 'Demo.Sleep', idText: key, canonicalId: key }, steps);

const glassBoxTimes: Times = {
  1: 0,
  2: 1,
  3: 2,
  4: 3,
  5: 4,
  6: 5,
  7: 305,
  8: 306,
  9: 307,
  10: [308, 309],
  11: 310,
  12: 311,
};

describe('layoutCall', () => {
  it('draws every hop of a glass-box call at its real times, the service on a lane', () => {
    const layout = layoutOf('a', stepTimes(glassBoxTimes, true));
    expect(layout.glassBox).toBe(true);
    expect(
      layout.arrows.map((a) => [a.direction, a.from, a.to, a.start, a.end, a.steps, a.laneEnd]),
    ).toEqual([
      ['request', 'page', 'bridge', 1, 2, [1, 2, 3], null],
      ['request', 'bridge', 'server', 2, 3, [4], null],
      ['request', 'server', 'stub', 3, 4, [5], null],
      ['request', 'stub', 'service', 5, 5, [6], 'to'],
      ['reply', 'service', 'stub', 305, 305, [7], 'from'],
      ['reply', 'stub', 'server', 306, 307, [8], null],
      ['reply', 'server', 'bridge', 307, 308, [9], null],
      ['reply', 'bridge', 'page', 309, 310, [10, 11, 12], null],
    ]);
    expect(layout.activation).toMatchObject({ lifeline: 'service', start: 5, end: 305 });
    expect(layout.activation?.inferred).toBe(false);
  });

  it('draws a black-box server as one inferred span, last byte written → first byte back', () => {
    const times: Times = { 1: 0, 2: 1, 3: 2, 4: [2, 50], 9: [2, 50], 10: [50, 51], 11: 52, 12: 53 };
    const layout = layoutOf('b', stepTimes(times, false));
    expect(layout.glassBox).toBe(false);
    expect(layout.arrows.map((a) => [a.from, a.to, a.start, a.end, a.laneEnd])).toEqual([
      ['page', 'bridge', 1, 2, null],
      ['bridge', 'server', 2, 2, 'to'],
      ['server', 'bridge', 50, 50, 'from'],
      ['bridge', 'page', 51, 52, null],
    ]);
    expect(layout.activation).toMatchObject({
      lifeline: 'server',
      start: 2,
      end: 50,
      inferred: true,
    });
  });

  it('leaves out hops not yet happened; a call in flight stays open inside the server', () => {
    // A black box's 4–9 span has no time until its answer is back.
    const layout = layoutOf('c', stepTimes({ 1: 0, 2: 1, 3: 2 }, false));
    expect(layout.arrows.map((a) => `${a.from}>${a.to}`)).toEqual(['page>bridge', 'bridge>server']);
    expect(layout.activation).toMatchObject({ start: 2, end: null });
    const unsent = layoutOf('d', stepTimes({ 1: 0, 2: 1 }, false));
    expect(unsent.arrows).toEqual([]);
    expect(unsent.activation).toBeNull();
  });

  it('closes the bar of a call that will get no answer: failed, or a notification', () => {
    const unanswered = stepTimes({ 1: 0, 2: 1, 3: 2 }, false);
    const identity = { key: 'f', method: 'Demo.Sleep', idText: 'f', canonicalId: 'f' };
    for (const status of ['failed', 'notified']) {
      expect(layoutCall({ ...identity, status }, unanswered).activation).toMatchObject({
        start: 2,
        end: 2,
      });
    }
    expect(layoutCall({ ...identity, status: 'pending' }, unanswered).activation?.end).toBeNull();
  });
});

describe('geometry', () => {
  it('maps time to y and back', () => {
    const scale = { t0: 1000, pxPerMs: 0.5, top: 20 };
    expect(timeToY(1000, scale)).toBe(20);
    expect(timeToY(1100, scale)).toBe(70);
    expect(yToTime(timeToY(1234.5, scale), scale)).toBeCloseTo(1234.5);
  });

  it('finds the time extent of everything drawn, open spans included', () => {
    const a = layoutOf('a', stepTimes(glassBoxTimes, true));
    const open = layoutOf('o', stepTimes({ 1: 400, 2: 401, 3: 402 }, false));
    expect(timeExtent([a, open])).toEqual({ start: 1, end: 402 });
    expect(timeExtent([])).toBeNull();
  });

  it('tells whether a span meets a window', () => {
    expect(inWindow(5, 1, 2, 3)).toBe(true);
    expect(inWindow(0, 1, 2, 3)).toBe(false);
    expect(inWindow(4, 9, 2, 3)).toBe(false);
  });

  it('draws the server’s inside only when a glass-box call is shown', () => {
    const glass = layoutOf('a', stepTimes(glassBoxTimes, true));
    const black = layoutOf('b', stepTimes({ 1: 0, 2: 1 }, false));
    expect(lifelinesFor([black])).toEqual(['page', 'bridge', 'server']);
    expect(lifelinesFor([black, glass])).toEqual(['page', 'bridge', 'server', 'stub', 'service']);
  });

  it('spaces lanes to fit their room, never wider than the maximum', () => {
    expect(laneGap(1, 100, 8)).toBe(8);
    expect(laneGap(5, 100, 8)).toBe(8);
    expect(laneGap(501, 100, 8)).toBeCloseTo(0.2);
  });

  it('places lane ends on the call’s lane and finds the arrow nearest a click', () => {
    const layout = layoutOf(
      'b',
      stepTimes({ 1: 0, 2: 1, 3: 2, 4: [2, 50], 9: [2, 50], 10: [50, 51], 11: 52 }, false),
    );
    const geometry: Geometry = {
      x: new Map([
        ['page', 0],
        ['bridge', 50],
        ['server', 100],
      ]),
      lanes: new Map([['b', 2]]),
      laneGap: new Map([['server', 5]]),
      scale: { t0: 0, pxPerMs: 2, top: 10 },
    };
    const [toPage, toBridge, fromServer] = [layout.arrows[0], layout.arrows[1], layout.arrows[2]];
    expect(toBridge && arrowSegment(toBridge, geometry)).toEqual({
      x1: 50,
      y1: 14,
      x2: 110,
      y2: 14,
    });
    expect(fromServer && arrowSegment(fromServer, geometry)).toEqual({
      x1: 110,
      y1: 110,
      x2: 50,
      y2: 110,
    });
    expect(hitArrow(80, 112, layout.arrows, geometry, 6)).toBe(fromServer);
    expect(hitArrow(25, 13, layout.arrows, geometry, 6)).toBe(toPage);
    expect(hitArrow(80, 60, layout.arrows, geometry, 6)).toBeNull();
    expect(distanceToSegment(3, 4, { x1: 0, y1: 0, x2: 0, y2: 0 })).toBe(5);
  });

  it('gives a level arrow a click band with height', () => {
    expect(hitBand({ x1: 0, y1: 10, x2: 20, y2: 10 }, 5)).toBe(
      '-5.0,15.0 25.0,15.0 25.0,5.0 -5.0,5.0',
    );
    expect(hitBand({ x1: 3, y1: 3, x2: 3, y2: 3 }, 1)).toBe('2.0,4.0 4.0,4.0 4.0,2.0 2.0,2.0');
  });

  it('keeps labels at least the given gap apart, walking down the page', () => {
    const ys = Float64Array.of(0, 3, 10, 11, 25, 30);
    expect(spacedLabels(ys, 10)).toEqual([0, 2, 4]);
    // Given out of order, kept in order down the page; of two at one y, the first given.
    expect(spacedLabels(Float64Array.of(25, 11, 0, 10, 10, 3), 10)).toEqual([2, 3, 0]);
  });
});

describe('idColour', () => {
  it('is stable and differs between neighbouring ids', () => {
    expect(idColour('7')).toBe(idColour('7'));
    const colours = new Set(Array.from({ length: 12 }, (_, i) => idColour(String(i))));
    expect(colours.size).toBe(12);
    expect(idColour('"abc"')).toMatch(/^hsl\(\d+ 65% 40%\)$/);
    expect(idColour('9007199254740993')).toMatch(/^hsl\(\d+ 65% 40%\)$/);
  });
});
