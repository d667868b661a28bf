import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CallLayout,
  inWindow,
  type TimeScale,
  timeExtent,
  timeScale,
} from './sequence-layout';
import {
  callSpan,
  densityOf,
  indexByTime,
  inView,
  isDense,
  labelAnchors,
  layoutsInWindow,
} from './sequence-visible';

/**
 * A black-box call as the layout draws it: page → bridge from `sent` to
 * `sent + 1`, inside the server until `answered` (open while null), then
 * server → bridge and bridge → page.
 */
function blackBox(key: string, sent: number, answered: number | null): CallLayout {
  const arrow = (from: 'page' | 'bridge' | 'server', to: 'page' | 'bridge' | 'server') => ({
    callKey: key,
    from,
    to,
    steps: [],
    laneEnd: null,
  });
  const arrows: CallLayout['arrows'] = [
    {
      ...arrow('page', 'bridge'),
      id: `${key}:p>b`,
      direction: 'request',
      start: sent,
      end: sent + 1,
    },
    {
      ...arrow('bridge', 'server'),
      id: `${key}:b>s`,
      direction: 'request',
      start: sent + 1,
      end: sent + 1,
    },
  ];
  if (answered !== null) {
    arrows.push(
      {
        ...arrow('server', 'bridge'),
        id: `${key}:s>b`,
        direction: 'reply',
        start: answered,
        end: answered,
      },
      {
        ...arrow('bridge', 'page'),
        id: `${key}:b>p`,
        direction: 'reply',
        start: answered,
        end: answered + 1,
      },
    );
  }
  return {
    call: { key, method: 'Demo.Sleep', idText: key, canonicalId: key },
    glassBox: false,
    arrows,
    activation: {
      callKey: key,
      lifeline: 'server',
      start: sent + 1,
      end: answered,
      inferred: true,
      steps: [],
    },
  };
}

const indexOf = (layouts: readonly CallLayout[]) =>
  indexByTime(layouts.map((layout) => ({ span: callSpan(layout), layout })));
const keys = (layouts: readonly CallLayout[]) => layouts.map((l) => l.call.key).sort();

describe('finding the calls in view', () => {
  it('spans a call from its first message to its last; a call inside the server has no end', () => {
    expect(callSpan(blackBox('a', 10, 50))).toEqual({ first: 10, last: 51, latest: 51 });
    expect(callSpan(blackBox('b', 10, null))).toEqual({
      first: 10,
      last: Number.POSITIVE_INFINITY,
      latest: 11,
    });
  });

  it('finds the calls meeting a window, long ones started before it and open ones included', () => {
    const index = indexOf([
      blackBox('early', 0, 5),
      blackBox('long', 1, 500),
      blackBox('inside', 100, 110),
      blackBox('late', 300, 310),
      blackBox('open', 50, null),
      blackBox('openLater', 400, null),
    ]);
    expect(keys(layoutsInWindow(index, 100, 200))).toEqual(['inside', 'long', 'open']);
    expect(keys(layoutsInWindow(index, 7, 7))).toEqual(['long']);
    expect(keys(layoutsInWindow(index, 0, 0))).toEqual(['early']);
    expect(keys(layoutsInWindow(index, 1000, 2000))).toEqual(['open', 'openLater']);
  });

  it('misses no arrow or bar in the window, returns only calls that meet it, and spans them all (property)', () => {
    const call = fc.record({
      sent: fc.integer({ min: 0, max: 1000 }),
      took: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(call, { maxLength: 40 }),
        fc.integer({ min: -50, max: 1400 }),
        fc.integer({ min: 0, max: 400 }),
        (calls, from, length) => {
          const to = from + length;
          const layouts = calls.map((c, i) =>
            blackBox(`c${i}`, c.sent, c.took === null ? null : c.sent + 1 + c.took),
          );
          const index = indexOf(layouts);
          expect(index.extent).toEqual(timeExtent(layouts));
          const found = new Set(layoutsInWindow(index, from, to));
          for (const layout of layouts) {
            const shows =
              layout.arrows.some((a) => inWindow(a.start, a.end, from, to)) ||
              (layout.activation !== null &&
                inWindow(
                  layout.activation.start,
                  layout.activation.end ?? Number.POSITIVE_INFINITY,
                  from,
                  to,
                ));
            const span = callSpan(layout);
            expect(found.has(layout)).toBe(span.first <= to && span.last >= from);
            if (shows) expect(found.has(layout)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('what a window shows of its calls', () => {
  it('keeps the arrows and bars meeting the window; an open bar runs to now', () => {
    const shown = inView([blackBox('a', 0, 50), blackBox('b', 60, null)], 10, 55, 70);
    expect(shown.arrows.map((a) => a.id)).toEqual(['a:s>b', 'a:b>p']);
    expect(shown.activations.map((a) => a.callKey)).toEqual(['a']);
    expect(inView([blackBox('b', 60, null)], 65, 66, 70).activations).toHaveLength(1);
    expect(inView([blackBox('b', 60, null)], 75, 80, 70).activations).toHaveLength(0);
  });

  it('labels a call at its answer reaching the page, else at its request leaving it', () => {
    const calls = [blackBox('a', 0, 50), blackBox('b', 20, 100)];
    const ids = (from: number, to: number) =>
      labelAnchors(calls, from, to).map((a) => [a.anchor.id, a.request?.id, a.answer?.id]);
    expect(ids(0, 200)).toEqual([
      ['a:b>p', 'a:p>b', 'a:b>p'],
      ['b:b>p', 'b:p>b', 'b:b>p'],
    ]);
    expect(ids(0, 30)).toEqual([
      ['a:p>b', 'a:p>b', undefined],
      ['b:p>b', 'b:p>b', undefined],
    ]);
    expect(ids(40, 60)).toEqual([['a:b>p', undefined, 'a:b>p']]);
  });
});

describe('density', () => {
  const scale: TimeScale = { t0: 0, pxPerMs: 1, top: 0 };

  it('counts each hop’s arrows per band at their middle, and the calls inside per band', () => {
    const density = densityOf(
      [
        blackBox('a', 0, 25),
        blackBox('b', 2, 12),
        blackBox('c', 30, null),
        blackBox('d', 500, 510),
      ],
      scale,
      0,
      40,
      10,
      38,
    );
    expect(density.top).toBe(0);
    expect(density.bandPx).toBe(10);
    const hop = (from: string, to: string) => [
      ...(density.hops.find((h) => h.from === from && h.to === to)?.counts ?? []),
    ];
    // Middles: a 0.5, b 2.5, c 30.5 → bands 0, 0, 3; d is below the range.
    expect(hop('page', 'bridge')).toEqual([2, 0, 0, 1]);
    expect(hop('server', 'bridge')).toEqual([0, 1, 1, 0]);
    expect(hop('bridge', 'page')).toEqual([0, 1, 1, 0]);
    expect(density.hops.find((h) => h.from === 'page')?.direction).toBe('request');
    expect(density.maxHop).toBe(2);
    // a is inside 1–25 (bands 0–2), b 3–12 (bands 0–1), c from 31 on to now, 38 (band 3).
    expect(density.inside).toEqual([{ lifeline: 'server', counts: [2, 2, 1, 1] }]);
  });

  it('places the calls after a break in the axis where the break leaves them', () => {
    // 100–10,000 is cut out and drawn 10 px tall: d (500 ms later than c would be) lands 10 px below.
    const broken = timeScale(0, 1, 0, [{ start: 40, end: 10_000 }], 10);
    const density = densityOf(
      [blackBox('c', 30, 35), blackBox('d', 10_000, 10_005)],
      broken,
      0,
      60,
      10,
      10_010,
    );
    const toBridge = density.hops.find((h) => h.from === 'page' && h.to === 'bridge');
    // Middles: c 30.5 → band 3; d 10,000.5 → y 50.5 → band 5.
    expect([...(toBridge?.counts ?? [])]).toEqual([0, 0, 0, 1, 0, 1]);
  });

  it('has as many bands as the height needs, whatever the number of calls', () => {
    const many = Array.from({ length: 5000 }, (_, i) => blackBox(`c${i}`, i / 50, i / 50 + 20));
    const density = densityOf(many, scale, 0, 125, 2, 200);
    for (const hop of density.hops) expect(hop.counts).toHaveLength(63);
    const total = density.hops.reduce((sum, h) => sum + h.counts.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(5000 * 4);
  });

  it('calls arrows dense beyond the given number per pixel row and lifeline gap', () => {
    expect(isDense(2 * 800 * 2, 800, 3, 2)).toBe(false);
    expect(isDense(2 * 800 * 2 + 1, 800, 3, 2)).toBe(true);
    expect(isDense(10, 0, 3, 2)).toBe(true);
  });
});
