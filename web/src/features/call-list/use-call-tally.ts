import { useApp } from '../../app/app-context';
import type { CallsStore } from '../../stores/calls-store';
import { createCallTally, type TallyCalls } from './call-tally';

/** One tally per calls store, shared by the views that count its current list. */
const shared = new WeakMap<CallsStore, TallyCalls>();

/**
 * The calls store's tally, kept between lists (createCallTally). The lab's
 * counts, the hints and the guide each ask for the same list in the same
 * render: the first counts what changed, the others get its answer.
 */
export function useSharedCallTally(): TallyCalls {
  const { calls } = useApp();
  let tally = shared.get(calls);
  if (tally === undefined) {
    tally = createCallTally();
    shared.set(calls, tally);
  }
  return tally;
}
