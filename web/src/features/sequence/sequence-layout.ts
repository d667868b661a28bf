import type { StepNumber, StepTime } from '../../../../shared/steps/call-stamps';

/**
 * The sequence diagram as plain data: which lifelines, which arrows at which
 * times, and where they are drawn; which lane each call's server activity
 * sits in, and which answers overtook which calls, are placement.ts's. No
 * React and no DOM, so it is tested on plain input.
 *
 * Overtaking is drawn honestly with real times: every call waits in the
 * server on its own lane (a vertical bar), lanes ordered left to right by
 * when the calls arrived. An answer leaves its lane leftwards, so it crosses
 * the bars of exactly the calls that arrived earlier and are still inside the
 * server: the calls it overtook. Answers in order cross nothing.
 */

export type LifelineId = 'page' | 'bridge' | 'server' | 'stub' | 'service';

export type Direction = 'request' | 'reply';

/** Who a call is, as the diagram names it; its step times are only read to lay it out. */
export type CallIdentity = {
  key: string;
  method: string;
  idText: string;
  canonicalId: string;
  /** The calls store's status: anything but 'pending' means no answer will come any more. */
  status?: string;
};

export type Arrow = {
  /** Unique within the diagram: the call's key and the hop. */
  id: string;
  callKey: string;
  direction: Direction;
  from: LifelineId;
  to: LifelineId;
  /** Page clock, ms: when the message left `from` and reached `to`. */
  start: number;
  end: number;
  /** The steps this arrow shows: the current step's arrow is highlighted. */
  steps: readonly StepNumber[];
  /** The end that sits on the call's lane rather than on the lifeline itself. */
  laneEnd: 'from' | 'to' | null;
};

/** A call's time inside the server: in the service (glass box) or the inferred black-box span. */
export type Activation = {
  callKey: string;
  lifeline: 'server' | 'service';
  start: number;
  /** Null while the call is still inside the server. */
  end: number | null;
  /** True for a black-box server: only "last byte written → first byte back" is known. */
  inferred: boolean;
  steps: readonly StepNumber[];
};

export type CallLayout = {
  /** The call itself (the calls store's object): a layout keeps no step times, only what it drew. */
  call: CallIdentity;
  glassBox: boolean;
  arrows: Arrow[];
  activation: Activation | null;
};

const CLIENT_TO_BRIDGE: readonly StepNumber[] = [1, 2, 3];
const BRIDGE_TO_CLIENT: readonly StepNumber[] = [10, 11, 12];
// Shared by every layout rather than made for each: a burst lays out 10,000 calls and more.
const STEP_4: readonly StepNumber[] = [4];
const STEP_5: readonly StepNumber[] = [5];
const STEP_6: readonly StepNumber[] = [6];
const STEP_7: readonly StepNumber[] = [7];
const STEP_8: readonly StepNumber[] = [8];
const STEP_9: readonly StepNumber[] = [9];
const IN_SERVICE: readonly StepNumber[] = [6, 7];
const IN_BLACK_BOX: readonly StepNumber[] = [5, 6, 7, 8];

// A timeline lists the steps in order (stepTimeline), so step n is nearly always at n − 1: a
// layout asks twenty times, for every call that changed since the last redraw.
const stepAt = (steps: readonly StepTime[], n: StepNumber): StepTime | undefined => {
  const likely = steps[n - 1];
  return likely?.step === n ? likely : steps.find((s) => s.step === n);
};
const at = (steps: readonly StepTime[], n: StepNumber): number | null =>
  stepAt(steps, n)?.at ?? null;
const endOf = (steps: readonly StepTime[], n: StepNumber): number | null => {
  const step = stepAt(steps, n);
  return step ? (step.end ?? step.at) : null;
};

/** The glass-box demo server reports steps 4–9 itself; any other server is a black box. */
export function isGlassBox(steps: readonly StepTime[]): boolean {
  return stepAt(steps, 5)?.source === 'server';
}

/** The arrows and the server activity of one call; hops whose times are not known yet are left out. */
export function layoutCall(call: CallIdentity, s: readonly StepTime[]): CallLayout {
  const glassBox = isGlassBox(s);
  const arrows: Arrow[] = [];
  const add = (
    direction: Direction,
    from: LifelineId,
    to: LifelineId,
    start: number | null,
    end: number | null,
    steps: readonly StepNumber[],
    laneEnd: Arrow['laneEnd'] = null,
  ) => {
    if (start === null || end === null) return;
    arrows.push({
      id: `${call.key}:${from}>${to}`,
      callKey: call.key,
      direction,
      from,
      to,
      start,
      end,
      steps,
      laneEnd,
    });
  };

  add('request', 'page', 'bridge', at(s, 2), at(s, 3), CLIENT_TO_BRIDGE);
  // A call that failed or was a notification waits for nothing: an unanswered bar ends where it began.
  const waiting = call.status === undefined || call.status === 'pending';
  let activation: Activation | null = null;
  if (glassBox) {
    add('request', 'bridge', 'server', at(s, 3), at(s, 4), STEP_4);
    add('request', 'server', 'stub', at(s, 4), at(s, 5), STEP_5);
    add('request', 'stub', 'service', at(s, 6), at(s, 6), STEP_6, 'to');
    add('reply', 'service', 'stub', at(s, 7), at(s, 7), STEP_7, 'from');
    add('reply', 'stub', 'server', at(s, 8), at(s, 9), STEP_8);
    add('reply', 'server', 'bridge', at(s, 9), at(s, 10), STEP_9);
    const start = at(s, 6);
    if (start !== null) {
      activation = {
        callKey: call.key,
        lifeline: 'service',
        start,
        end: at(s, 7) ?? (waiting ? null : start),
        inferred: false,
        steps: IN_SERVICE,
      };
    }
  } else {
    // Inside a black box nothing is observed: the request is drawn arriving as the bridge
    // wrote its last byte, and the answer leaving as its first byte came back.
    const written = at(s, 3);
    add('request', 'bridge', 'server', written, at(s, 4) ?? written, STEP_4, 'to');
    const answeredAt = at(s, 10);
    add('reply', 'server', 'bridge', answeredAt, answeredAt, STEP_9, 'from');
    const start = at(s, 4) ?? written;
    if (start !== null) {
      activation = {
        callKey: call.key,
        lifeline: 'server',
        start,
        end: answeredAt ?? (waiting ? null : start),
        inferred: true,
        steps: IN_BLACK_BOX,
      };
    }
  }
  add('reply', 'bridge', 'page', endOf(s, 10), at(s, 11), BRIDGE_TO_CLIENT);
  return { call, glassBox, arrows, activation };
}

/** Which lifelines to draw: the server's inside only when a glass-box call is shown. */
export function lifelinesFor(layouts: readonly CallLayout[]): LifelineId[] {
  return layouts.some((l) => l.glassBox)
    ? ['page', 'bridge', 'server', 'stub', 'service']
    : ['page', 'bridge', 'server'];
}

export type TimeScale = {
  /** Page clock time drawn at y = top. */
  t0: number;
  pxPerMs: number;
  top: number;
  /** Stretches cut out of the axis (idle-breaks.ts), each drawn `px` tall from `ys[i]`; made by timeScale. */
  breaks?: {
    starts: readonly number[];
    ends: readonly number[];
    ys: readonly number[];
    px: number;
  };
};

/** A scale whose axis skips `breaks` (in time order, apart), drawing each `breakPx` tall. */
export function timeScale(
  t0: number,
  pxPerMs: number,
  top: number,
  breaks: readonly { start: number; end: number }[] = [],
  breakPx = 0,
): TimeScale {
  if (breaks.length === 0) return { t0, pxPerMs, top };
  const ys: number[] = [];
  let cut = 0;
  for (const [i, b] of breaks.entries()) {
    ys.push(top + (b.start - t0 - cut) * pxPerMs + i * breakPx);
    cut += b.end - b.start;
  }
  return {
    t0,
    pxPerMs,
    top,
    breaks: { starts: breaks.map((b) => b.start), ends: breaks.map((b) => b.end), ys, px: breakPx },
  };
}

/** The index of the last of `sorted` at or below `value`, or -1. */
function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

export function timeToY(t: number, scale: TimeScale): number {
  const b = scale.breaks;
  const i = b ? lastAtOrBelow(b.starts, t) : -1;
  if (!b || i < 0) return scale.top + (t - scale.t0) * scale.pxPerMs;
  const start = b.starts[i] as number;
  const end = b.ends[i] as number;
  const y = b.ys[i] as number;
  if (t < end) return y + ((t - start) / (end - start)) * b.px;
  return y + b.px + (t - end) * scale.pxPerMs;
}

export function yToTime(y: number, scale: TimeScale): number {
  const b = scale.breaks;
  const i = b ? lastAtOrBelow(b.ys, y) : -1;
  if (!b || i < 0) return scale.t0 + (y - scale.top) / scale.pxPerMs;
  const start = b.starts[i] as number;
  const end = b.ends[i] as number;
  const top = b.ys[i] as number;
  if (y < top + b.px) return start + ((y - top) / b.px) * (end - start);
  return end + (y - top - b.px) / scale.pxPerMs;
}

/** Earliest and latest time any call shows; null when nothing has a time yet. */
export function timeExtent(layouts: readonly CallLayout[]): { start: number; end: number } | null {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const layout of layouts) {
    for (const arrow of layout.arrows) {
      start = Math.min(start, arrow.start, arrow.end);
      end = Math.max(end, arrow.start, arrow.end);
    }
    const activation = layout.activation;
    if (activation) {
      start = Math.min(start, activation.start);
      end = Math.max(end, activation.end ?? activation.start);
    }
  }
  return start <= end ? { start, end } : null;
}

/** Whether [a, b] (either order) meets the window [from, to]. */
export const inWindow = (a: number, b: number, from: number, to: number): boolean =>
  Math.max(a, b) >= from && Math.min(a, b) <= to;

/**
 * X of each lifeline, evenly spaced across `width`, and the room each has to
 * the right for lanes.
 */
export function lifelineXs(
  lifelines: readonly LifelineId[],
  width: number,
  margin: number,
): { x: Map<LifelineId, number>; gap: number; laneRoom: number } {
  const gap = (width - 2 * margin) / Math.max(1, lifelines.length - 0.5);
  const x = new Map<LifelineId, number>();
  lifelines.forEach((id, i) => {
    x.set(id, margin + i * gap);
  });
  return { x, gap, laneRoom: gap * 0.45 };
}

/** The spacing of lanes: as wide as fits, but never wider than `maxGap`. */
export const laneGap = (laneCount: number, laneRoom: number, maxGap: number): number =>
  laneCount <= 1 ? maxGap : Math.min(maxGap, laneRoom / (laneCount - 1));

/**
 * Which labels to print, as indices into `ys` (each label's y) in order down the page: walking
 * down, a label is kept when it is at least `minGapPx` below the last kept one, so a dense
 * burst stays readable. Numbers, not an object per label: every call in view has one.
 */
export function spacedLabels(ys: Float64Array, minGapPx: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < ys.length; i += 1) order.push(i);
  // An array's sort, not a typed array's: V8's is adaptive, about one pass over labels given
  // nearly in order down the page, as calls are (a typed array's took six times as long in a burst).
  order.sort((i, j) => (ys[i] as number) - (ys[j] as number));
  const kept: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const i of order) {
    const y = ys[i] as number;
    if (y - last >= minGapPx) {
      kept.push(i);
      last = y;
    }
  }
  return kept;
}

/**
 * A stable colour per id, the same in every view (one of 24). Ids are mostly 0, 1, 2…,
 * so a small integer id steps round the hue circle by the golden angle
 * (neighbours differ most); any other id hashes (FNV-1a) to its step.
 */
export function idColour(canonicalId: string): string {
  let n: number;
  if (/^(0|[1-9]\d{0,8})$/.test(canonicalId)) {
    n = Number(canonicalId);
  } else {
    let hash = 0x811c9dc5;
    for (let i = 0; i < canonicalId.length; i++) {
      hash ^= canonicalId.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    n = hash >>> 0;
  }
  const hue = (Math.round(((n * GOLDEN_ANGLE_DEG) % 360) / HUE_STEP_DEG) * HUE_STEP_DEG) % 360;
  return `hsl(${hue} 65% 40%)`;
}

const GOLDEN_ANGLE_DEG = 137.508;
/** 24 hues, told apart by eye, so the diagram paints one path per hue, not one per call. */
const HUE_STEP_DEG = 15;

/** Where everything sits across the diagram: lifeline xs, lanes, and the time scale. */
export type Geometry = {
  x: ReadonlyMap<LifelineId, number>;
  lanes: ReadonlyMap<string, number>;
  /** Pixels between neighbouring lanes, per lifeline that holds lanes. */
  laneGap: ReadonlyMap<LifelineId, number>;
  scale: TimeScale;
};

export type Segment = { x1: number; y1: number; x2: number; y2: number };

const laneX = (lifeline: LifelineId, callKey: string, g: Geometry): number =>
  (g.x.get(lifeline) ?? 0) + (g.lanes.get(callKey) ?? 0) * (g.laneGap.get(lifeline) ?? 0);

export function arrowSegment(arrow: Arrow, g: Geometry): Segment {
  const fromX =
    arrow.laneEnd === 'from' ? laneX(arrow.from, arrow.callKey, g) : (g.x.get(arrow.from) ?? 0);
  const toX = arrow.laneEnd === 'to' ? laneX(arrow.to, arrow.callKey, g) : (g.x.get(arrow.to) ?? 0);
  return {
    x1: fromX,
    y1: timeToY(arrow.start, g.scale),
    x2: toX,
    y2: timeToY(arrow.end, g.scale),
  };
}

/** An activation bar; an open one runs down to `now` (the latest time anything shows). */
export function activationSegment(activation: Activation, now: number, g: Geometry): Segment {
  const x = laneX(activation.lifeline, activation.callKey, g);
  return {
    x1: x,
    y1: timeToY(activation.start, g.scale),
    x2: x,
    y2: timeToY(activation.end ?? Math.max(now, activation.start), g.scale),
  };
}

/** Distance from a point to a segment, in pixels. */
export function distanceToSegment(px: number, py: number, s: Segment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((px - s.x1) * dx + (py - s.y1) * dy) / lengthSquared));
  return Math.hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy));
}

/** The arrow nearest a click, if one is within `tolerancePx`. */
export function hitArrow(
  px: number,
  py: number,
  arrows: readonly Arrow[],
  g: Geometry,
  tolerancePx: number,
): Arrow | null {
  let best: Arrow | null = null;
  let bestDistance = tolerancePx;
  for (const arrow of arrows) {
    const distance = distanceToSegment(px, py, arrowSegment(arrow, g));
    if (distance <= bestDistance) {
      best = arrow;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The points of a band `halfWidth` px either side of a segment: the click
 * and focus area of an arrow. A level arrow is a line with no height, which
 * nothing can click; the band always has some.
 */
export function hitBand(s: Segment, halfWidth: number): string {
  const length = Math.hypot(s.x2 - s.x1, s.y2 - s.y1);
  const [ux, uy] = length === 0 ? [1, 0] : [(s.x2 - s.x1) / length, (s.y2 - s.y1) / length];
  const [nx, ny] = [-uy * halfWidth, ux * halfWidth];
  const [ex, ey] = [ux * halfWidth, uy * halfWidth];
  const corners = [
    [s.x1 - ex + nx, s.y1 - ey + ny],
    [s.x2 + ex + nx, s.y2 + ey + ny],
    [s.x2 + ex - nx, s.y2 + ey - ny],
    [s.x1 - ex - nx, s.y1 - ey - ny],
  ];
  return corners.map(([x, y]) => `${x?.toFixed(1)},${y?.toFixed(1)}`).join(' ');
}
