import type { StepTime } from '../../../../shared/steps/call-stamps';
import { createPlacer } from './placement';
import {
  type Activation,
  type CallLayout,
  type LifelineId,
  layoutCall,
  lifelinesFor,
} from './sequence-layout';
import { type CallSpan, callSpan, indexByTime, type TimeIndex } from './sequence-visible';

/** What the diagram needs to know of a call besides its step times. */
export type CallIdentity = { key: string; method: string; idText: string; canonicalId: string };

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
};

/**
 * Builds the diagram's model from the calls store. A call's layout is kept
 * while the call object and the clock estimate are unchanged, so an answer
 * arriving in a burst of 500 lays out one call, not 500.
 */
export function createSequenceModelBuilder<T extends CallIdentity>() {
  const cache = new WeakMap<T, { clock: unknown; layout: CallLayout; span: CallSpan }>();
  const place = createPlacer();

  return (
    calls: readonly T[],
    timeline: (call: T) => StepTime[],
    clock: unknown,
  ): SequenceModel => {
    const layouts: CallLayout[] = [];
    const byKey = new Map<string, CallLayout>();
    const activations: Activation[] = [];
    const spans: { span: CallSpan; layout: CallLayout }[] = [];
    for (const call of calls) {
      let cached = cache.get(call);
      if (!cached || cached.clock !== clock) {
        const { key, method, idText, canonicalId } = call;
        const layout = layoutCall({ key, method, idText, canonicalId, steps: timeline(call) });
        cached = { clock, layout, span: callSpan(layout) };
        cache.set(call, cached);
      }
      const layout = cached.layout;
      if (layout.arrows.length === 0) continue;
      layouts.push(layout);
      spans.push(cached);
      byKey.set(call.key, layout);
      if (layout.activation) activations.push(layout.activation);
    }
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
    };
  };
}
