import type { StepTime } from '../../../../shared/steps/call-stamps';
import { createPlacer } from './placement';
import {
  type Activation,
  type CallIdentity,
  type CallLayout,
  type LifelineId,
  layoutCall,
  lifelinesFor,
} from './sequence-layout';
import { type CallSpan, callSpan, indexByTime, type TimeIndex } from './sequence-visible';

export type SequenceModel = {
  layouts: CallLayout[];
  byKey: ReadonlyMap<string, CallLayout>;
  lifelines: LifelineId[];
  lanes: ReadonlyMap<string, number>;
  /** How many lanes each lifeline needs at most. */
  laneCounts: ReadonlyMap<LifelineId, number>;
  /** Call key → how many calls its answer overtook (only calls that overtook any). */
  overtakes: ReadonlyMap<string, number>;
  extent: { start: number; end: number } | null;
  /** The calls by time, to find those in view without walking them all. */
  index: TimeIndex;
  /** False when the build stopped at its budget: the calls after the last one laid out wait for the next. */
  complete: boolean;
};

type Laid = { clock: unknown; layout: CallLayout; span: CallSpan };

/** What one build left behind, for the next to start from where the calls first differ. */
type Built = {
  calls: readonly unknown[];
  clock: unknown;
  layouts: CallLayout[];
  spans: Laid[];
  activations: Activation[];
  /** How many layouts (and spans) and activations came from calls[0..i). */
  layoutsBefore: Int32Array;
  activationsBefore: Int32Array;
};

const nothingBuilt = (): Built => ({
  calls: [],
  clock: undefined,
  layouts: [],
  spans: [],
  activations: [],
  layoutsBefore: new Int32Array(1),
  activationsBefore: new Int32Array(1),
});

/**
 * Builds the diagram's model from the calls store. A call's layout is kept
 * while the call object and the clock estimate are unchanged, so an answer
 * arriving in a burst of 500 lays out one call, not 500. And a build starts
 * where the list first differs from the last one's (the same call objects
 * before it), so a redraw in a burst of 10,000 walks the calls answered or
 * sent since the last, not all. `byKey`, `lanes` and `overtakes` are the
 * builder's own maps, and change with its next build.
 *
 * A build lays out at most `budget` calls and leaves the rest out of the
 * model (`complete` false); the next build, of the same or a longer list,
 * goes on from there. So a redraw after thousands of answers costs one task
 * per budget, not one task for all of them.
 */
export function createSequenceModelBuilder<T extends CallIdentity>() {
  const cache = new WeakMap<T, Laid>();
  const byKey = new Map<string, CallLayout>();
  const place = createPlacer();
  let last: Built | null = null;

  return (
    calls: readonly T[],
    timeline: (call: T) => StepTime[],
    clock: unknown,
    budget = Number.POSITIVE_INFINITY,
  ): SequenceModel => {
    const before = last ?? nothingBuilt();
    let same = 0;
    if (before.clock === clock) {
      const limit = Math.min(calls.length, before.calls.length);
      while (same < limit && calls[same] === before.calls[same]) same += 1;
    }
    const keptLayouts = before.layoutsBefore[same] ?? 0;
    const keptActivations = before.activationsBefore[same] ?? 0;
    const layouts = before.layouts.slice(0, keptLayouts);
    const spans = before.spans.slice(0, keptLayouts);
    const activations = before.activations.slice(0, keptActivations);
    for (const layout of before.layouts.slice(keptLayouts)) byKey.delete(layout.call.key);
    const layoutsBefore = new Int32Array(calls.length + 1);
    const activationsBefore = new Int32Array(calls.length + 1);
    layoutsBefore.set(before.layoutsBefore.subarray(0, same + 1));
    activationsBefore.set(before.activationsBefore.subarray(0, same + 1));
    let end = calls.length;
    let laidOut = 0;
    for (let i = same; i < calls.length; i += 1) {
      const call = calls[i] as T;
      let laid = cache.get(call);
      if (!laid || laid.clock !== clock) {
        if (laidOut >= budget) {
          end = i;
          break;
        }
        laidOut += 1;
        const layout = layoutCall(call, timeline(call));
        laid = { clock, layout, span: callSpan(layout) };
        cache.set(call, laid);
      }
      const layout = laid.layout;
      if (layout.arrows.length > 0) {
        layouts.push(layout);
        spans.push(laid);
        byKey.set(call.key, layout);
        if (layout.activation) activations.push(layout.activation);
      }
      layoutsBefore[i + 1] = layouts.length;
      activationsBefore[i + 1] = activations.length;
    }
    // A copy: the next build compares against these calls, even if the caller reuses its array.
    last = {
      calls: calls.slice(0, end),
      clock,
      layouts,
      spans,
      activations,
      layoutsBefore,
      activationsBefore,
    };
    const index = indexByTime(spans);
    const { lanes, laneCounts, overtakes } = place(activations);
    return {
      layouts,
      byKey,
      lifelines: lifelinesFor(layouts),
      lanes,
      laneCounts,
      overtakes,
      extent: index.extent,
      index,
      complete: end === calls.length,
    };
  };
}
