import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPlacer } from './placement';
import type { Activation } from './sequence-layout';

/** A placer's first placing: what every later one must equal for the same calls. */
const placeOnce = (activations: readonly Activation[]) => createPlacer()(activations);

const span = (callKey: string, start: number, end: number | null): Activation => ({
  callKey,
  lifeline: 'service',
  start,
  end,
  inferred: false,
  steps: [6, 7],
});

describe('lanes and overtaking', () => {
  it('gives calls inside the server together lanes in arrival order, reused once all have left', () => {
    const { lanes } = placeOnce([
      span('c', 2, 9),
      span('a', 0, 10),
      span('b', 1, 5),
      span('d', 11, 12),
    ]);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 1, c: 2, d: 0 });
  });

  it('a burst answered in reverse: each answer overtakes every call sent before it', () => {
    const n = 8;
    const spans = Array.from({ length: n }, (_, i) => span(String(i), i * 0.1, (n - i) * 40));
    const { overtakes } = placeOnce(spans);
    for (let i = 0; i < n; i++) expect(overtakes.get(String(i)) ?? 0).toBe(i);
  });

  it('answers in order overtake nothing; an answer passing a call still in flight overtakes it', () => {
    const inOrder = [span('0', 0, 40), span('1', 1, 41), span('2', 2, 42)];
    expect(placeOnce(inOrder).overtakes.size).toBe(0);
    const passing = [span('slow', 0, null), span('fast', 1, 5)];
    expect(Object.fromEntries(placeOnce(passing).overtakes)).toEqual({ fast: 1 });
  });

  it('the count is exactly the bars an answer crosses, and the calls it overtook (property)', () => {
    const spansArb = fc
      .array(
        fc.record({
          start: fc.integer({ min: 0, max: 20 }),
          length: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
          blackBox: fc.boolean(),
        }),
        { maxLength: 40 },
      )
      .map((raw) =>
        raw.map(
          (r, i): Activation => ({
            ...span(`k${i}`, r.start, r.length === null ? null : r.start + r.length),
            lifeline: r.blackBox ? 'server' : 'service',
          }),
        ),
      );
    fc.assert(
      fc.property(spansArb, (spans) => {
        const { lanes, overtakes } = placeOnce(spans);
        const lane = (a: Activation) => lanes.get(a.callKey) ?? -1;
        for (const b of spans) {
          const left = b.end;
          if (left === null) {
            expect(overtakes.has(b.callKey)).toBe(false);
            continue;
          }
          // The answer leaves lane(b) leftwards at `left`: the bars it crosses.
          const crossed = spans.filter(
            (a) =>
              a.lifeline === b.lifeline &&
              lane(a) < lane(b) &&
              a.start < left &&
              (a.end === null || a.end > left),
          );
          expect(overtakes.get(b.callKey) ?? 0).toBe(crossed.length);
          // …which are the calls that arrived first and were still inside.
          for (const a of crossed) expect(a.start).toBeLessThanOrEqual(b.start);
        }
        // Calls inside together never share a lane.
        for (const a of spans)
          for (const b of spans) {
            const together =
              a !== b &&
              a.lifeline === b.lifeline &&
              a.start < b.start &&
              (a.end === null || a.end > b.start);
            if (together) expect(lane(a)).toBeLessThan(lane(b));
          }
      }),
      { seed: 20261123, numRuns: 500 },
    );
  });

  it('placing again after calls were answered, sent, moved or forgotten equals placing afresh (property)', () => {
    const op = fc.record({
      kind: fc.constantFrom('answer', 'send', 'forget', 'move', 'nothing'),
      pick: fc.nat(),
      start: fc.integer({ min: -5, max: 10 }),
      length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(op, { maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        (steps) => {
          const place = createPlacer();
          let calls: Activation[] = [];
          let made = 0;
          for (const ops of steps) {
            for (const { kind, pick, start, length } of ops) {
              const i = calls.length === 0 ? 0 : pick % calls.length;
              const call = calls[i];
              const latest = calls.reduce((most, a) => Math.max(most, a.start), 0);
              if (kind === 'send') {
                const at = Math.max(0, latest + start);
                const sent = span(`k${made++}`, at, length === null ? null : at + length);
                calls = [...calls, { ...sent, lifeline: pick % 3 === 0 ? 'service' : 'server' }];
              } else if (kind === 'forget') calls = calls.slice(1 + (pick % 3));
              else if (call && kind === 'answer' && call.end === null) {
                calls = calls.map((a, j) =>
                  j !== i ? a : { ...call, end: call.start + (length ?? 1) },
                );
              } else if (call && kind === 'move') {
                const lifeline = call.lifeline === 'server' ? 'service' : 'server';
                calls = calls.map((a, j) => (j !== i ? a : { ...call, lifeline }));
              }
            }
            const again = place(calls);
            const afresh = placeOnce(calls);
            expect(new Map(again.lanes)).toEqual(afresh.lanes);
            expect(new Map(again.laneCounts)).toEqual(afresh.laneCounts);
            expect(new Map(again.overtakes)).toEqual(afresh.overtakes);
          }
        },
      ),
      { seed: 20261201, numRuns: 1000 },
    );
  });
});
