import {
  type Activation,
  type Arrow,
  type CallLayout,
  inWindow,
  type LifelineId,
  type TimeScale,
  timeExtent,
  timeToY,
} from './sequence-layout';

/**
 * What one redraw paints, found without walking the whole history: the calls
 * that meet the visible time window (a binary search over calls ordered by
 * their first time), and, when their arrows are denser than the pixels, a
 * density picture binned per pixel row instead of one stroke per arrow. Pure,
 * so it is tested on plain input.
 */

/**
 * The time a call's drawing spans, and the latest time it shows; a call still
 * inside the server runs on to the end of time.
 */
export type CallSpan = { first: number; last: number; latest: number };

export function callSpan(layout: CallLayout): CallSpan {
  const extent = timeExtent([layout]) ?? {
    start: Number.POSITIVE_INFINITY,
    end: Number.NEGATIVE_INFINITY,
  };
  const open = layout.activation !== null && layout.activation.end === null;
  return {
    first: extent.start,
    last: open ? Number.POSITIVE_INFINITY : extent.end,
    latest: extent.end,
  };
}

export type TimeIndex = {
  /** Ordered by `first`. */
  entries: readonly { span: CallSpan; layout: CallLayout }[];
  /** The longest span of a call that has left the server, ms. */
  longestClosed: number;
  /** Calls still inside the server (their span has no end), in the order given. */
  open: readonly { span: CallSpan; layout: CallLayout }[];
  /** Earliest and latest time any call shows; null when nothing has a time yet. */
  extent: { start: number; end: number } | null;
};

/**
 * Orders the calls by first time. Calls arrive in send order, so the input is
 * nearly ordered already and the sort costs about one pass.
 */
export function indexByTime(items: readonly { span: CallSpan; layout: CallLayout }[]): TimeIndex {
  const entries: { span: CallSpan; layout: CallLayout }[] = [];
  const open: { span: CallSpan; layout: CallLayout }[] = [];
  let longestClosed = 0;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    start = Math.min(start, item.span.first);
    end = Math.max(end, item.span.latest);
    if (item.span.last === Number.POSITIVE_INFINITY) open.push(item);
    else {
      entries.push(item);
      longestClosed = Math.max(longestClosed, item.span.last - item.span.first);
    }
  }
  entries.sort((a, b) => a.span.first - b.span.first);
  return { entries, longestClosed, open, extent: start <= end ? { start, end } : null };
}

/** The first index whose `first` is above `t` (`orEqual`: at least `t`). */
function searchFirst(entries: TimeIndex['entries'], t: number, orEqual: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const first = entries[mid]?.span.first ?? Number.POSITIVE_INFINITY;
    if (first < t || (!orEqual && first === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The calls whose drawing meets [from, to]: only calls that started within
 * the longest span before `from` can reach into the window, so the search
 * looks at those and the window's own, plus the calls still open.
 */
export function layoutsInWindow(index: TimeIndex, from: number, to: number): CallLayout[] {
  const found: CallLayout[] = [];
  const end = searchFirst(index.entries, to, false);
  for (let i = searchFirst(index.entries, from - index.longestClosed, true); i < end; i++) {
    const entry = index.entries[i];
    if (entry && entry.span.last >= from) found.push(entry.layout);
  }
  for (const { span, layout } of index.open) {
    if (span.first <= to) found.push(layout);
  }
  return found;
}

/** The arrows and server bars of `layouts` that meet the window [from, to]. */
export function inView(layouts: readonly CallLayout[], from: number, to: number, now: number) {
  const arrows: Arrow[] = [];
  const activations: Activation[] = [];
  for (const layout of layouts) {
    for (const arrow of layout.arrows) {
      if (inWindow(arrow.start, arrow.end, from, to)) arrows.push(arrow);
    }
    const a = layout.activation;
    if (a && inWindow(a.start, a.end ?? now, from, to)) activations.push(a);
  }
  return { arrows, activations };
}

/** A call's page-side legs in view: its label sits between them, named after the answer (else the request). */
export type LabelAnchor = { anchor: Arrow; request: Arrow | undefined; answer: Arrow | undefined };

/** Where each call's label goes: its answer reaching the page, or else its request leaving it. */
export function labelAnchors(
  layouts: readonly CallLayout[],
  from: number,
  to: number,
): LabelAnchor[] {
  const anchors: LabelAnchor[] = [];
  for (const layout of layouts) {
    let request: Arrow | undefined;
    let answer: Arrow | undefined;
    for (const arrow of layout.arrows) {
      if (!inWindow(arrow.start, arrow.end, from, to)) continue;
      if (arrow.from === 'bridge' && arrow.to === 'page') answer = arrow;
      else if (arrow.from === 'page' && request === undefined) request = arrow;
    }
    const anchor = answer ?? request;
    if (anchor) anchors.push({ anchor, request, answer });
  }
  return anchors;
}

/**
 * Too many arrows to tell apart: more than `perRow` per pixel row for each gap
 * between lifelines. Then the arrows are painted as density instead.
 */
export const isDense = (
  arrowCount: number,
  heightPx: number,
  lifelineCount: number,
  perRow: number,
): boolean => arrowCount > heightPx * Math.max(1, lifelineCount - 1) * perRow;

/** How many arrows of one hop (from → to) pass through each pixel row band. */
export type HopDensity = {
  from: LifelineId;
  to: LifelineId;
  direction: Arrow['direction'];
  counts: Uint32Array;
};

/** How many calls are inside one lifeline (server or service) in each row band. */
export type InsideDensity = { lifeline: Activation['lifeline']; counts: number[] };

export type Density = {
  /** Content y of the first band's top, and each band's height, px. */
  top: number;
  bandPx: number;
  hops: HopDensity[];
  inside: InsideDensity[];
  /** The largest count of any hop band: the darkest shade. */
  maxHop: number;
};

const HOP_KEY: Record<LifelineId, number> = { page: 0, bridge: 1, server: 2, stub: 3, service: 4 };
const LIFELINES = 5;

/**
 * Bins the arrows (at their middle) and the time inside the server (every
 * band it covers) of `layouts` into bands `bandPx` tall from content y `top`
 * to `bottom`. Costs one step per arrow and one per band.
 */
export function densityOf(
  layouts: readonly CallLayout[],
  scale: TimeScale,
  top: number,
  bottom: number,
  bandPx: number,
  now: number,
): Density {
  const bandCount = Math.max(1, Math.ceil((bottom - top) / bandPx));
  // Band of a page-clock time, inlined arithmetic on an axis without breaks: this runs for every arrow in view.
  const bandsPerMs = scale.pxPerMs / bandPx;
  const band0 = (scale.top - top) / bandPx - scale.t0 * bandsPerMs;
  const band = scale.breaks
    ? (t: number) => Math.floor((timeToY(t, scale) - top) / bandPx)
    : (t: number) => Math.floor(band0 + t * bandsPerMs);
  const hops: (HopDensity | undefined)[] = [];
  const inside = new Map<Activation['lifeline'], Int32Array>();
  for (const layout of layouts) {
    for (const arrow of layout.arrows) {
      const b = band((arrow.start + arrow.end) / 2);
      if (!(b >= 0 && b < bandCount)) continue;
      const key = HOP_KEY[arrow.from] * LIFELINES + HOP_KEY[arrow.to];
      let hop = hops[key];
      if (!hop) {
        hop = {
          from: arrow.from,
          to: arrow.to,
          direction: arrow.direction,
          counts: new Uint32Array(bandCount),
        };
        hops[key] = hop;
      }
      hop.counts[b] = (hop.counts[b] ?? 0) + 1;
    }
    const activation = layout.activation;
    if (!activation) continue;
    const first = Math.max(0, band(activation.start));
    const last = Math.min(bandCount - 1, band(activation.end ?? Math.max(now, activation.start)));
    if (!(last >= first)) continue;
    let deltas = inside.get(activation.lifeline);
    if (!deltas) {
      // One more than the bands: a run ending at the last band subtracts past it.
      deltas = new Int32Array(bandCount + 1);
      inside.set(activation.lifeline, deltas);
    }
    deltas[first] = (deltas[first] ?? 0) + 1;
    deltas[last + 1] = (deltas[last + 1] ?? 0) - 1;
  }
  const shown = hops.filter((hop): hop is HopDensity => hop !== undefined);
  let maxHop = 0;
  for (const hop of shown) for (const count of hop.counts) maxHop = Math.max(maxHop, count);
  return {
    top,
    bandPx,
    hops: shown,
    inside: [...inside].map(([lifeline, deltas]) => {
      let running = 0;
      return {
        lifeline,
        counts: [...deltas.subarray(0, bandCount)].map((delta) => {
          running += delta;
          return running;
        }),
      };
    }),
    maxHop,
  };
}
