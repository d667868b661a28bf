import type { Activation, LifelineId } from './sequence-layout';

/** Where the calls inside the server sit, and which answers overtook which calls. */
export type Placement = {
  /** Call key → lane, for calls with an activation. */
  lanes: ReadonlyMap<string, number>;
  /** How many lanes each lifeline needs at most (only lifelines with calls inside). */
  laneCounts: ReadonlyMap<LifelineId, number>;
  /** Call key → how many calls its answer overtook (only calls that overtook any). */
  overtakes: ReadonlyMap<string, number>;
};

type Inside = Activation['lifeline'];
const INSIDE: readonly Inside[] = ['server', 'service'];

/** One lifeline's calls in arrival order, and what placing each left behind. */
type Placed = {
  here: readonly Activation[];
  /** The lane of here[i]. */
  lanes: Int32Array;
  /** The latest end of here[i]'s cluster so far (+∞ while one of them is inside). */
  clusterEnds: Float64Array;
  /** The most lanes here[0..i] needed. */
  most: Int32Array;
  /** When here[i] left, +∞ while it is inside. */
  ends: Float64Array;
  /** The ends of here[0..sortedCount), sorted: the calls placed before any that changed. */
  sorted: Float64Array;
  sortedCount: number;
};

const nothingPlaced = (): Placed => ({
  here: [],
  lanes: new Int32Array(0),
  clusterEnds: new Float64Array(0),
  most: new Int32Array(0),
  ends: new Float64Array(0),
  sorted: new Float64Array(0),
  sortedCount: 0,
});

/**
 * Places the calls inside the server, again on every redraw of the diagram.
 *
 * Lanes: calls that are inside the server at the same time get lanes in
 * arrival order, so an earlier call is always left of a later one; a lane
 * number is reused once every call before it has left.
 *
 * Overtakes: for each call whose answer has left the server, how many calls
 * it overtook: on the same lifeline, in a lane to its left (they arrived
 * first) and still inside the server when its answer left. These are exactly
 * the bars its answer arrow crosses. Two calls inside at the same moment
 * share a cluster, where lanes follow arrival, so this is the number of calls
 * that arrived earlier and leave later, counted with a Fenwick tree over
 * leaving times: O(n log n), as a burst of 500 in reverse holds 125,000 pairs.
 *
 * A call's lane and count depend only on the calls that arrived before it.
 * So each placing starts where the arrival order first differs from the last
 * one (the same Activation objects up to there), not from the first call: in
 * a burst of 10,000 only the calls answered or sent since the last redraw.
 * The returned maps are the placer's own, and change with its next placing.
 */
export function createPlacer(): (activations: readonly Activation[]) => Placement {
  const lanes = new Map<string, number>();
  const laneCounts = new Map<LifelineId, number>();
  const overtakes = new Map<string, number>();
  const placed = new Map<Inside, Placed>();

  return (activations) => {
    const orders = INSIDE.map((lifeline) => {
      const before = placed.get(lifeline) ?? nothingPlaced();
      // Stable: arrival, then the order given.
      const here = activations
        .filter((a) => a.lifeline === lifeline)
        .sort((a, b) => a.start - b.start);
      let same = 0;
      const limit = Math.min(here.length, before.here.length);
      while (same < limit && here[same] === before.here[same]) same += 1;
      return { lifeline, before, here, same };
    });
    // All forgotten first: a call that moved between lifelines is placed again on its new one.
    for (const { before, same } of orders) {
      for (let i = same; i < before.here.length; i += 1) {
        const key = (before.here[i] as Activation).callKey;
        lanes.delete(key);
        overtakes.delete(key);
      }
    }
    for (const { lifeline, before, here, same } of orders) {
      const now = placeAfter(before, here, same, lanes, overtakes);
      placed.set(lifeline, now);
      const most = now.most[here.length - 1];
      if (most === undefined) laneCounts.delete(lifeline);
      else laneCounts.set(lifeline, most);
    }
    return { lanes, laneCounts, overtakes };
  };
}

/** Places here[same..] after here[0..same), which `before` placed already. */
function placeAfter(
  before: Placed,
  here: readonly Activation[],
  same: number,
  lanes: Map<string, number>,
  overtakes: Map<string, number>,
): Placed {
  const n = here.length;
  const now: Placed = {
    here,
    lanes: new Int32Array(n),
    clusterEnds: new Float64Array(n),
    most: new Int32Array(n),
    ends: new Float64Array(n),
    ...sortedEnds(before, same),
  };
  for (const key of ['lanes', 'clusterEnds', 'most', 'ends'] as const) {
    now[key].set(before[key].subarray(0, same));
  }

  let next = same === 0 ? 0 : (now.lanes[same - 1] ?? 0) + 1;
  let clusterEnd = same === 0 ? Number.NEGATIVE_INFINITY : (now.clusterEnds[same - 1] ?? 0);
  let most = same === 0 ? 0 : (now.most[same - 1] ?? 0);
  for (let i = same; i < n; i += 1) {
    const activation = here[i] as Activation;
    if (activation.start >= clusterEnd) next = 0;
    lanes.set(activation.callKey, next);
    now.lanes[i] = next;
    next += 1;
    most = Math.max(most, next);
    now.most[i] = most;
    const end = activation.end ?? Number.POSITIVE_INFINITY;
    clusterEnd = next === 1 ? end : Math.max(clusterEnd, end);
    now.clusterEnds[i] = clusterEnd;
    now.ends[i] = end;
  }

  // Those placed before leave by now.sorted; those after, counted as they come in a Fenwick tree
  // over their leaving times' ranks (1-based).
  const after = now.ends.slice(same).sort();
  const tree = new Int32Array(after.length + 1);
  for (let i = same; i < n; i += 1) {
    const end = now.ends[i] ?? Number.POSITIVE_INFINITY;
    if (end !== Number.POSITIVE_INFINITY) {
      let leftFirst = countBelow(now.sorted, now.sortedCount, end, true);
      for (let j = countBelow(after, after.length, end, true); j > 0; j -= j & -j) {
        leftFirst += tree[j] ?? 0;
      }
      const later = i - leftFirst;
      if (later > 0) overtakes.set((here[i] as Activation).callKey, later);
    }
    for (let j = countBelow(after, after.length, end, false) + 1; j < tree.length; j += j & -j) {
      tree[j] = (tree[j] ?? 0) + 1;
    }
  }
  return now;
}

/** The sorted ends of the first `same` calls: `before`'s, cut back or merged with the ones after. */
function sortedEnds(before: Placed, same: number): { sorted: Float64Array; sortedCount: number } {
  if (same <= before.sortedCount) {
    if (same === before.sortedCount) return { sorted: before.sorted, sortedCount: same };
    return { sorted: before.ends.slice(0, same).sort(), sortedCount: same };
  }
  const added = before.ends.slice(before.sortedCount, same).sort();
  const sorted = new Float64Array(same);
  let i = 0;
  let j = 0;
  for (let k = 0; k < same; k += 1) {
    const a = i < before.sortedCount ? (before.sorted[i] ?? 0) : Number.NaN;
    const b = j < added.length ? (added[j] ?? 0) : Number.NaN;
    if (Number.isNaN(b) || a <= b) {
      sorted[k] = a;
      i += 1;
    } else {
      sorted[k] = b;
      j += 1;
    }
  }
  return { sorted, sortedCount: same };
}

/** How many of sorted[0..count) are under `t` (`orEqual`: at most `t`): a binary search. */
function countBelow(sorted: Float64Array, count: number, t: number, orEqual: boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] ?? Number.POSITIVE_INFINITY;
    if (v < t || (orEqual && v === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
