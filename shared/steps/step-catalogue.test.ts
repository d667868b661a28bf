import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../language';
import { STEP_NUMBERS, type StepNumber, type StepTime, type TimeSource } from './call-stamps';
import {
  ACTORS,
  type CallFacts,
  describeStep,
  describeSteps,
  formatMs,
  SOURCE_LABELS,
  STEPS,
  showBytes,
} from './step-catalogue';

const REQUEST = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":0}\n';

const answered: CallFacts = {
  method: 'ServiceA.Add',
  idText: '0',
  requestText: REQUEST,
  paramsText: '[{"X":10,"Y":20}]',
  requestBytes: 61,
  replyBytes: 36,
  outcome: { kind: 'result', text: '30' },
};

/** A glass-box timeline: call start at page time 1000, every step 0.25 ms after the one before. */
function glassBox(): StepTime[] {
  return STEP_NUMBERS.map((step) => {
    const source: TimeSource =
      step <= 2 || step >= 11 ? 'page' : step === 3 || step === 10 ? 'bridge' : 'server';
    return {
      step,
      at: 1000 + (step - 1) * 0.25,
      end: step === 10 ? 1000 + 9 * 0.25 + 0.01 : null,
      source,
      uncertaintyMs: source === 'page' ? 0 : 0.12,
    };
  });
}

/** A black-box timeline: 4–9 one inferred span from the write (3) to the first byte back (10). */
function blackBox(): StepTime[] {
  return glassBox().map((time) =>
    time.step >= 4 && time.step <= 9
      ? { ...time, at: 1000.5, end: 1001.81, source: 'inferred' as const }
      : time,
  );
}

describe('step catalogue', () => {
  it('SC1: twelve steps, in order, each with an actor and a title in both languages', () => {
    expect(STEPS.map((s) => s.step)).toEqual([...STEP_NUMBERS]);
    for (const step of STEPS) {
      expect(ACTORS).toContain(step.actor);
      expect(ACTORS).toContain(step.at);
      for (const language of LANGUAGES) expect(step.title[language].length).toBeGreaterThan(0);
      expect(step.title.zh).not.toEqual(step.title.en);
      expect(step.leg).toBe(step.step <= 6 ? 'request' : 'reply');
    }
    // The message ends at the service halfway and back with the caller at the end.
    expect(STEPS[5]?.at).toBe('service');
    expect(STEPS[11]?.at).toBe('caller');
  });

  it('SC2: every time source has a label in both languages', () => {
    for (const language of LANGUAGES) {
      for (const source of ['page', 'bridge', 'server', 'inferred'] as const) {
        expect(SOURCE_LABELS[language][source].length).toBeGreaterThan(0);
      }
    }
    expect(SOURCE_LABELS.en.server).toContain('glass-box server');
    expect(SOURCE_LABELS.en.inferred).toContain('inferred');
  });

  it('SC3: milliseconds keep three significant-ish digits', () => {
    expect(formatMs(0.1234)).toBe('0.123 ms');
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(1234.5)).toBe('1235 ms');
    expect(formatMs(0)).toBe('0.000 ms');
  });

  it('SC4: invisible bytes are spelled out', () => {
    expect(showBytes('{"a":1}\r\n\t')).toBe('{"a":1}\\r\\n\\t');
  });

  it('SC5: step 1 quotes the call’s own params, not the request that carried it', () => {
    const batch =
      '[{"jsonrpc":"2.0","method":"A.B","params":[1],"id":1},{"jsonrpc":"2.0","method":"C.D","params":{"userid":7},"id":2}]\n';
    const element: CallFacts = {
      ...answered,
      method: 'C.D',
      requestText: batch,
      paramsText: '{"userid":7}',
    };
    expect(describeStep(1, element, glassBox(), 'en').sentence).toContain(
      'C.D with params {"userid":7} as if',
    );
    expect(describeStep(1, element, glassBox(), 'zh').sentence).toContain('参数为 {"userid":7}');
    const none: CallFacts = { ...answered, paramsText: null };
    expect(describeStep(1, none, glassBox(), 'en').sentence).toContain(
      'calls ServiceA.Add with no params as if',
    );
    expect(describeStep(1, none, glassBox(), 'zh').sentence).toContain(
      '调用 ServiceA.Add，不带参数；',
    );
  });

  it('SC5: the sentences quote the call’s params, exact bytes, byte count, result and times', () => {
    const times = glassBox();
    const step = (n: StepNumber) => describeStep(n, answered, times, 'en');
    expect(step(1).sentence).toContain('ServiceA.Add with params [{"X":10,"Y":20}]');
    expect(step(2).sentence).toContain(
      '61 bytes, {"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":0}\\n',
    );
    expect(step(2).sentence).toContain('at 0.250 ms');
    expect(step(3).sentence).toContain('61 bytes');
    expect(step(3).source).toBe('bridge');
    expect(step(5).sentence).toContain('at 1.00 ms');
    expect(step(5).sourceLabel).toBe('observed at the glass-box server');
    expect(step(10).sentence).toContain('36 bytes');
    expect(step(10).sentence).toContain('last byte at 2.26 ms');
    expect(step(11).sentence).toContain('id 0');
    expect(step(11).sentence).toContain('the result 30');
    expect(step(12).sentence).toContain('the result 30');
    expect(step(12).sentence).toContain('2.75 ms after it called');
    expect(step(12).sinceStart).toBe('+2.75 ms');
    expect(step(12).sincePrevious).toBe('+0.250 ms');
    expect(step(12).uncertainty).toBeNull();
    expect(step(7).uncertainty).toBe('±0.120 ms');
    expect(step(1).sincePrevious).toBeNull();
    expect(step(7).clampedNote).toBeNull();
    const moved = times.map((t) => (t.step === 3 ? { ...t, clamped: true } : t));
    expect(describeStep(3, answered, moved, 'en').clampedNote).toContain('clock uncertainty');
  });

  it('SC5: an error reply and a failure are quoted as they are', () => {
    const error = { ...answered, outcome: { kind: 'error' as const, text: 'rpc: nope' } };
    expect(describeStep(12, error, glassBox(), 'en').sentence).toContain('the error "rpc: nope"');
    expect(describeStep(12, error, glassBox(), 'zh').sentence).toContain('错误“rpc: nope”');
  });

  it('SC6: a black-box server’s steps 4–9 are one inferred span, never observed inside', () => {
    for (const n of [4, 5, 6, 7, 8, 9] as const) {
      const en = describeStep(n, answered, blackBox(), 'en');
      expect(en.source).toBe('inferred');
      expect(en.sourceLabel).toContain('not observed inside the server');
      expect(en.sentence).toContain('last byte written → first byte back, 1.31 ms');
      expect(en.sentence).not.toContain('glass-box');
      expect(describeStep(n, answered, blackBox(), 'zh').sentence).toContain('1.31 ms');
      // One span: no step inside it is measured from another.
      expect(en.sincePrevious === null).toBe(n > 4);
    }
  });

  it('SC7: a step without a time quotes no time', () => {
    const pending: CallFacts = { ...answered, replyBytes: null, outcome: { kind: 'pending' } };
    const times = glassBox().map((t) => (t.step >= 10 ? { ...t, at: null, end: null } : t));
    const step11 = describeStep(11, pending, times, 'en');
    expect(step11.happened).toBe(false);
    expect(step11.sentence).toBe('This step has not happened yet.');
    expect(step11.sinceStart).toBeNull();
    const failed: CallFacts = { ...pending, outcome: { kind: 'failed', reason: 'server closed' } };
    expect(describeStep(12, failed, times, 'en').sentence).toContain('server closed');
    expect(describeStep(12, failed, times, 'zh').sentence).toContain('调用失败');
  });

  it('SC8: both languages quote the same measured numbers, for any times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (gaps, glass) => {
          let at = 0;
          const times: StepTime[] = (glass ? glassBox() : blackBox()).map((time, i) => {
            at += gaps[i] ?? 0;
            return { ...time, at, end: time.end === null ? null : at + 1 };
          });
          const numbers = (text: string) => (text.match(/\d+(\.\d+)? ms/g) ?? []).sort();
          const en = describeSteps(answered, times, 'en');
          const zh = describeSteps(answered, times, 'zh');
          for (const [i, description] of en.entries()) {
            expect(numbers(description.sentence)).toEqual(numbers(zh[i]?.sentence ?? ''));
            expect(description.title).not.toEqual(zh[i]?.title);
          }
        },
      ),
      { seed: 20261123, numRuns: 200 },
    );
  });
});

describe('quoting', () => {
  it('SC4: a huge payload is cut with a count of what was left out', () => {
    const big = {
      ...answered,
      outcome: { kind: 'result' as const, text: `"${'x'.repeat(1000)}"` },
    };
    const sentence = describeStep(12, big, glassBox(), 'en').sentence;
    expect(sentence).toContain('… (+762 chars)');
    expect(sentence.length).toBeLessThan(400);
  });
});
