import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STEP_NUMBERS, type StepTime } from '../../../../shared/steps/call-stamps';
import { createSequenceModelBuilder, type SequenceModel } from './sequence-model';

type TestCall = {
  key: string;
  method: string;
  idText: string;
  canonicalId: string;
  sentAt: number;
  answerAt: number | null;
};

/** A black-box call: sent at `sentAt`, first byte of its answer back at `answerAt`. */
function timeline(call: TestCall): StepTime[] {
  const t = call.sentAt;
  const a = call.answerAt;
  const times: Record<number, [number | null, number | null]> = {
    1: [t, null],
    2: [t + 0.1, null],
    3: [t + 0.2, null],
    4: [t + 0.2, a],
    9: [t + 0.2, a],
    10: [a, a === null ? null : a + 0.1],
    11: [a === null ? null : a + 0.2, null],
    12: [a === null ? null : a + 0.3, null],
  };
  return STEP_NUMBERS.map((step) => ({
    step,
    at: times[step]?.[0] ?? null,
    end: times[step]?.[1] ?? null,
    source: step >= 4 && step <= 9 ? 'inferred' : 'page',
    uncertaintyMs: 0,
  }));
}

const call = (i: number, answerAt: number | null): TestCall => ({
  key: `c${i}`,
  method: 'Demo.Sleep',
  idText: String(i),
  canonicalId: String(i),
  sentAt: i,
  answerAt,
});

describe('the sequence model', () => {
  it('lays out, lanes and finds overtakes across calls; calls not yet sent are left out', () => {
    const build = createSequenceModelBuilder<TestCall>();
    const notSent = (c: TestCall): StepTime[] =>
      c.key === 'c3'
        ? timeline(c).map((s) => ({ ...s, at: s.step === 1 ? s.at : null, end: null }))
        : timeline(c);
    const model = build([call(0, 300), call(1, 200), call(2, 100), call(3, null)], notSent, null);
    expect(model.layouts.map((l) => l.call.key)).toEqual(['c0', 'c1', 'c2']);
    expect(Object.fromEntries(model.lanes)).toEqual({ c0: 0, c1: 1, c2: 2 });
    expect(model.laneCounts.get('server')).toBe(3);
    expect(Object.fromEntries(model.overtakes)).toEqual({ c1: 1, c2: 2 });
    expect(model.lifelines).toEqual(['page', 'bridge', 'server']);
    expect(model.extent).toEqual({ start: 0.1, end: 300.2 });
  });

  it('lays out again only the calls that changed, or all when the clock estimate changes', () => {
    const build = createSequenceModelBuilder<TestCall>();
    let laidOut = 0;
    const counted = (c: TestCall) => {
      laidOut += 1;
      return timeline(c);
    };
    const calls = [call(0, null), call(1, null), call(2, null)];
    const clock = { offsetMs: 0 };
    build(calls, counted, clock);
    expect(laidOut).toBe(3);
    const answered = [calls[0], { ...call(1, 50) }, calls[2]] as TestCall[];
    const model = build(answered, counted, clock);
    expect(laidOut).toBe(4);
    expect(model.byKey.get('c1')?.activation?.end).toBe(50);
    build(answered, counted, { offsetMs: 1 });
    expect(laidOut).toBe(7);
  });

  it('builds right when the caller changed the array of the last build in place', () => {
    const build = createSequenceModelBuilder<TestCall>();
    const calls = [call(0, null), call(1, null)];
    build(calls, timeline, null);
    calls[1] = call(1, 50);
    expect(build(calls, timeline, null).byKey.get('c1')?.activation?.end).toBe(50);
  });

  it('building after calls were answered, sent, shifted or forgotten equals building afresh, with or without a budget (property)', () => {
    const op = fc.record({
      kind: fc.constantFrom('answer', 'send', 'unsent', 'forget', 'clock', 'nothing'),
      pick: fc.nat(),
      after: fc.integer({ min: 1, max: 30 }),
    });
    /** What a model shows, by call key, in the order it holds them. */
    const shown = (model: SequenceModel) => ({
      layouts: model.layouts.map((l) => [l.call.key, l.arrows.length, l.activation?.end ?? null]),
      byKey: [...model.byKey].map(([key, l]) => [key, l.call.key]).sort(),
      lanes: new Map(model.lanes),
      laneCounts: new Map(model.laneCounts),
      overtakes: new Map(model.overtakes),
      lifelines: model.lifelines,
      entries: model.index.entries.map((e) => e.layout.call.key),
      open: model.index.open.map((e) => e.layout.call.key),
      longestClosed: model.index.longestClosed,
      extent: model.extent,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(op, { maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        (steps, budget) => {
          const build = createSequenceModelBuilder<TestCall>();
          let clock = { offsetMs: 0 };
          const unsent = new Set<string>();
          const shifted = (c: TestCall): StepTime[] => {
            const steps = timeline({
              ...c,
              sentAt: c.sentAt + clock.offsetMs,
              answerAt: c.answerAt === null ? null : c.answerAt + clock.offsetMs,
            });
            return unsent.has(c.key)
              ? steps.map((s) => ({ ...s, at: s.step === 1 ? s.at : null, end: null }))
              : steps;
          };
          let calls: TestCall[] = [];
          let made = 0;
          for (const ops of steps) {
            for (const { kind, pick, after } of ops) {
              const i = calls.length === 0 ? 0 : pick % calls.length;
              const picked = calls[i];
              if (kind === 'send' || kind === 'unsent') {
                const sent = call(made++, null);
                if (kind === 'unsent') unsent.add(sent.key);
                calls = [...calls, { ...sent, sentAt: made * 2 }];
              } else if (kind === 'forget') calls = calls.slice(1 + (pick % 2));
              else if (kind === 'clock') clock = { offsetMs: pick % 5 };
              else if (picked && kind === 'answer') {
                unsent.delete(picked.key);
                const answered = { ...picked, answerAt: picked.answerAt ?? picked.sentAt + after };
                calls = calls.map((c, j) => (j === i ? answered : c));
              }
            }
            // With a budget, a build may stop short; the calls then change before the next goes on.
            const built = build(calls, shifted, clock, budget);
            const afresh = createSequenceModelBuilder<TestCall>()(calls, shifted, clock);
            if (built.complete) expect(shown(built)).toEqual(shown(afresh));
          }
          let last = build(calls, shifted, clock, budget);
          for (let i = 0; !last.complete && i < 100; i++)
            last = build(calls, shifted, clock, budget);
          expect(shown(last)).toEqual(
            shown(createSequenceModelBuilder<TestCall>()(calls, shifted, clock)),
          );
        },
      ),
      { seed: 20261201, numRuns: 500 },
    );
  });

  it('a build stops at its budget, the next goes on where it stopped, and the last equals one built at once', () => {
    const build = createSequenceModelBuilder<TestCall>();
    let laidOut = 0;
    const counted = (c: TestCall) => {
      laidOut += 1;
      return timeline(c);
    };
    const calls = Array.from({ length: 7 }, (_, i) => call(i, 100 - i));
    const first = build(calls, counted, null, 3);
    expect([first.complete, laidOut]).toEqual([false, 3]);
    expect(first.layouts.map((l) => l.call.key)).toEqual(['c0', 'c1', 'c2']);
    expect(first.extent?.end).toBeCloseTo(100.2);
    // An answer among the calls already laid out is laid out again, and counts against the budget.
    const answeredAgain = calls.map((c, i) => (i === 1 ? { ...c, answerAt: 150 } : c));
    const second = build(answeredAgain, counted, null, 3);
    expect([second.complete, laidOut]).toEqual([false, 6]);
    expect(second.layouts.map((l) => l.call.key)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    const last = build(answeredAgain, counted, null, 3);
    expect([last.complete, laidOut]).toEqual([true, 8]);
    const afresh = createSequenceModelBuilder<TestCall>()(answeredAgain, timeline, null);
    expect(last.layouts.map((l) => [l.call.key, l.activation?.end])).toEqual(
      afresh.layouts.map((l) => [l.call.key, l.activation?.end]),
    );
    expect(new Map(last.lanes)).toEqual(new Map(afresh.lanes));
    expect(new Map(last.overtakes)).toEqual(new Map(afresh.overtakes));
    expect(last.extent).toEqual(afresh.extent);
  });
});
