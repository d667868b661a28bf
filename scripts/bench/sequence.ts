import type { CallStamps, ClockEstimate } from '../../shared/steps/call-stamps';
import { stepTimeline } from '../../shared/steps/step-timeline';
import { createSequenceModelBuilder } from '../../web/src/features/sequence/sequence-model';
import { fmt, median } from './stats';

/**
 * The sequence diagram's model, which each redraw builds, in a burst of
 * 10,000 black-box calls: a redraw after ANSWERED of the newest WINDOW calls
 * were answered (what the builder meets between two redraws of a burst),
 * against a build from scratch of the same calls as the baseline, in the same
 * rounds. The ratio is the baseline's time over the redraw's.
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

export function benchSequence(): string[] {
  const timeline = (call: BenchCall) => stepTimeline(call.stamps, clock);
  const build = createSequenceModelBuilder<BenchCall>();
  let calls = Array.from({ length: CALLS }, (_, i) => burstCall(i, i < CALLS - WINDOW));
  build(calls, timeline, clock);
  const scratch: number[] = [];
  const redraw: number[] = [];
  // The newest WINDOW calls stay in flight: each round answers ANSWERED of them, and the ones
  // answered the round before are in flight again, so every round changes as many calls.
  let answered: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    calls = calls.slice();
    for (const i of answered) calls[i] = burstCall(i, false);
    answered = Array.from(
      { length: ANSWERED },
      (_, k) => CALLS - WINDOW + ((round * ANSWERED + k) % WINDOW),
    );
    for (const i of answered) calls[i] = burstCall(i, true);
    const t0 = performance.now();
    const model = build(calls, timeline, clock);
    const t1 = performance.now();
    const fresh = createSequenceModelBuilder<BenchCall>()(calls, timeline, clock);
    const t2 = performance.now();
    if (model.overtakes.size !== fresh.overtakes.size || model.layouts.length !== CALLS) {
      throw new Error('the redraw built another model than a build from scratch');
    }
    redraw.push(t1 - t0);
    scratch.push(t2 - t1);
  }
  const base = median(scratch);
  const again = median(redraw);
  return [
    `${CALLS} calls, median of ${ROUNDS} rounds`,
    `build from scratch (baseline): ${fmt(base)} ms`,
    `redraw after ${ANSWERED} of the newest ${WINDOW} were answered: ${fmt(again)} ms, ${fmt(base / again)}x faster`,
  ];
}
