import type { CallStamps, ClockEstimate } from '../../shared/steps/call-stamps';
import { stepTimeline } from '../../shared/steps/step-timeline';
import { createSequenceModelBuilder } from '../../web/src/features/sequence/sequence-model';
import { fmt, median } from './stats';

/**
 * The sequence diagram's model, which each redraw builds, in a burst of
 * 10,000 black-box calls: a redraw after ANSWERED of the newest WINDOW calls
 * were answered (what the builder meets between two redraws of a burst),
 * against a build from scratch of the same calls (the baseline), and against
 * a builder that has every call laid out but walks them all (as it did before
 * it started from the first call that changed), in the same rounds. Under
 * tsx (esbuild's keepNames) each closure made costs more than in the page's
 * build, and laying out a call makes several: times are higher than in the
 * page, most of all a build from scratch, which lays out every call.
 */

const CALLS = 10_000;
const WINDOW = 1_000;
const ANSWERED = 200;
const ROUNDS = 15;

type BenchCall = {
  key: string;
  method: string;
  idText: string;
  canonicalId: string;
  stamps: CallStamps;
};

const clock: ClockEstimate = { offsetMs: 0.5, uncertaintyMs: 0.05, samples: 8, measuredAt: 0 };

/** Call i: sent every 0.15 ms, answered 5–8 ms later, or still in flight. */
function burstCall(i: number, answered: boolean): BenchCall {
  const sent = i * 0.15;
  const back = sent + 5 + ((i * 7919) % 3000) / 1000;
  return {
    key: `c${i}`,
    method: 'ServiceA.Add',
    idText: String(i),
    canonicalId: String(i),
    stamps: {
      invokedAt: sent,
      marshalledAt: sent + 0.01,
      requestBytes: 60,
      writtenAt: sent + 0.6,
      server: null,
      firstReadAt: answered ? back + 0.5 : null,
      lastReadAt: answered ? back + 0.5 : null,
      replyBytes: answered ? 40 : null,
      decodedAt: answered ? back + 0.1 : null,
      deliveredAt: answered ? back + 0.2 : null,
    },
  };
}

/** A call the page has not sent yet: it draws nothing, but it is a new object at the front. */
function unsent(round: number): BenchCall {
  const call = burstCall(-1 - round, false);
  return { ...call, stamps: { ...call.stamps, writtenAt: null } };
}

export function benchSequence(): string[] {
  const timeline = (call: BenchCall) => stepTimeline(call.stamps, clock);
  const build = createSequenceModelBuilder<BenchCall>();
  // The baseline: a builder that still has every call laid out but walks them all each time,
  // as before it started from the first call that changed (a new call in front each round).
  const walkAll = createSequenceModelBuilder<BenchCall>();
  let calls = Array.from({ length: CALLS }, (_, i) => burstCall(i, i < CALLS - WINDOW));
  build(calls, timeline, clock);
  walkAll([unsent(0), ...calls], timeline, clock);
  const walked: number[] = [];
  const redraw: number[] = [];
  const scratch: number[] = [];
  // The newest WINDOW calls stay in flight: each round answers ANSWERED of them, and the ones
  // answered the round before are in flight again, so every round changes as many calls.
  let answered: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    calls = calls.slice();
    for (const i of answered) calls[i] = burstCall(i, false);
    answered = Array.from(
      { length: ANSWERED },
      (_, k) => CALLS - WINDOW + ((round * ANSWERED + k) % WINDOW),
    );
    for (const i of answered) calls[i] = burstCall(i, true);
    const withNew = [unsent(round), ...calls];
    const t0 = performance.now();
    const before = walkAll(withNew, timeline, clock);
    const t1 = performance.now();
    const model = build(calls, timeline, clock);
    const t2 = performance.now();
    const fresh = createSequenceModelBuilder<BenchCall>()(calls, timeline, clock);
    const t3 = performance.now();
    for (const other of [before, fresh]) {
      if (model.overtakes.size !== other.overtakes.size || other.layouts.length !== CALLS) {
        throw new Error('the redraw built another model than the baselines');
      }
    }
    walked.push(t1 - t0);
    redraw.push(t2 - t1);
    scratch.push(t3 - t2);
  }
  const again = median(redraw);
  const whole = median(walked);
  const fromScratch = median(scratch);
  return [
    `${CALLS} calls, ${ANSWERED} of the newest ${WINDOW} answered since the last redraw, median of ${ROUNDS} rounds`,
    `a build from scratch (baseline): ${fmt(fromScratch)} ms; walking every call, the rest laid out already: ${fmt(whole)} ms`,
    `redraw from the first call that changed: ${fmt(again)} ms, ${fmt(fromScratch / again)}x faster than from scratch, ${fmt(whole / again)}x than walking every call`,
  ];
}
