import type { Call } from '../../stores/calls-store';
import type { Prediction } from '../../stores/prediction-store';

export type PredictionOutcome =
  | { kind: 'waiting' }
  | { kind: 'resolved'; call: Call; right: boolean };

/**
 * The first reply the page delivered after the prediction was made, among
 * calls not settled by then (by page time, then by the order its connection
 * answered in, for replies read in one chunk), and whether it carried the
 * predicted id.
 */
export function predictionOutcome(
  prediction: Prediction,
  calls: readonly Call[],
): PredictionOutcome {
  let first: Call | null = null;
  for (const call of calls) {
    const at = call.stamps.deliveredAt;
    if (at === null || call.replyOrder === null || prediction.settled.has(call.key)) continue;
    const firstAt = first?.stamps.deliveredAt ?? Number.POSITIVE_INFINITY;
    if (at < firstAt || (at === firstAt && call.replyOrder < (first?.replyOrder ?? 0)))
      first = call;
  }
  if (first === null) return { kind: 'waiting' };
  return { kind: 'resolved', call: first, right: first.canonicalId === prediction.canonicalId };
}
