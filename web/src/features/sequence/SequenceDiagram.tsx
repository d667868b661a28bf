import {
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { callStepTimes } from '../../playback/call-timeline';
import { animationFrames } from '../../playback/ticker';
import type { Call, CallsStore } from '../../stores/calls-store';
import { paceUpdates } from '../../stores/pace-updates';
import { LABEL_PX, labelHeight, labelLeft, labelY } from './call-label';
import { findIdleBreaks, idleTotal } from './idle-breaks';
import { placeLoads, shiftTimes } from './page-loads';
import { redrawIntervalMs } from './redraw-budget';
import { paintSequence } from './sequence-canvas';
import {
  type Arrow,
  arrowSegment,
  type Geometry,
  hitArrow,
  hitBand,
  idColour,
  inWindow,
  laneGap,
  lifelineXs,
  spacedLabels,
  timeScale,
  timeToY,
  yToTime,
} from './sequence-layout';
import { createSequenceModelBuilder } from './sequence-model';
import { SEQUENCE_TEXT } from './sequence-text';
import {
  densityOf,
  inView,
  isDense,
  type LabelAnchor,
  labelAnchors,
  layoutsInWindow,
} from './sequence-visible';
import './sequence.css';

/** Room left and right of the outer lifelines, px. */
const MARGIN_PX = 48;
/** Blank space above the first event and below the last, px. */
const PAD_PX = 14;
/** Lanes never sit further apart than this, px. */
const MAX_LANE_GAP_PX = 8;
/** Labelled (and clickable by name) calls are at least this much further apart than a label is tall, px. */
const LABEL_SPACING_PX = 4;
/** Zoomed in and scrolled to within this of the end, the view follows new events, px. */
const FOLLOW_SLACK_PX = 16;
/** Up to this many calls in view, every arrow is a named button; beyond, one per labelled call. */
const MAX_NAMED_CALLS = 64;
/** A click this close to an arrow selects it, px. */
const HIT_TOLERANCE_PX = 6;
/** Content beyond the viewport that is still drawn, so scrolling shows no gap, px. */
const OVERSCAN_PX = 120;
/** Beyond this many arrows per pixel row and gap between lifelines, arrows are painted as density. */
const ARROWS_PER_ROW = 2;
/** The height of one density band, px. */
const DENSITY_BAND_PX = 2;
/** Each zoom click multiplies or divides the scale by this. */
const ZOOM_FACTOR = 2;
/** The shortest time span the diagram stretches to fill, ms: a 0.1 ms call is not a full-height line. */
const MIN_SPAN_MS = 1;
/** How tall a break in the time axis is drawn, px, unless breaks would take more than half the view. */
const BREAK_PX = 22;
/** A break's label is drawn when the break is at least this tall, px. */
const BREAK_LABEL_PX = 12;
/**
 * Calls one redraw lays out at most (about 15 ms of work in a burst); a redraw after more answers than
 * this leaves the rest to the next, so a burst's redraw is a few short tasks, not one long one.
 */
const LAYOUTS_PER_REDRAW = 1_500;

export function SequenceDiagram() {
  // What the last redraw took, from render to paint, ms: it sets the pace of the next.
  const redrawMs = useRef(0);
  const [items, catchUp] = usePacedCalls(useApp().calls, redrawMs);
  return <SequenceView items={items} redrawMs={redrawMs} catchUp={catchUp} />;
}

/**
 * The calls, a new list at most as often as redraw-budget.ts allows; and a way to have the
 * same calls again at once, for a redraw that stopped at its budget to go on.
 */
function usePacedCalls(
  calls: CallsStore,
  redrawMs: RefObject<number>,
): [readonly Call[], () => void] {
  const [items, setItems] = useState(() => calls.getState().calls);
  const catchUp = useCallback(() => setItems((list) => list.slice()), []);
  useEffect(() => {
    setItems(calls.getState().calls);
    return paceUpdates({
      get: () => calls.getState().calls,
      subscribe: (listener) =>
        calls.subscribe((state, previous) => {
          if (state.calls !== previous.calls) listener();
        }),
      frames: animationFrames,
      intervalMs: () => redrawIntervalMs(redrawMs.current),
      deliver: setItems,
    });
  }, [calls, redrawMs]);
  return [items, catchUp];
}

const SequenceView = memo(function SequenceView({
  items,
  redrawMs,
  catchUp,
}: {
  items: readonly Call[];
  redrawMs: RefObject<number>;
  /** Hands the same calls back as a new list, so the model's next build goes on where this one stopped. */
  catchUp: () => void;
}) {
  const renderStart = performance.now();
  const { calls, connection, playback, settings } = useApp();
  const selectedKey = useStore(calls, (s) => s.selectedKey);
  const select = useStore(calls, (s) => s.select);
  const clock = useStore(connection, (s) => s.clock);
  const step = useStore(playback, (s) => s.step);
  const language = useStore(settings, (s) => s.language);
  const labelPx = useStore(settings, (s) => (s.projection ? LABEL_PX.projection : LABEL_PX.normal));
  const text = SEQUENCE_TEXT[language];

  const build = useMemo(() => createSequenceModelBuilder<Call>(), []);
  const colours = useMemo(() => new Map<string, string>(), []);
  // Rebuilt only when where the earlier page loads sit changes, not on every new call. Until
  // the clock exchange measures this page's offset, the page's own time origin stands in for
  // it: the bridge clock is wall time (bridge/clock.ts), and so is the time origin.
  const placement = placeLoads(items, clock?.offsetMs ?? performance.timeOrigin);
  const placementKey = JSON.stringify([[...placement.shifts], placement.reloadsAt]);
  const axis = useMemo(() => {
    const [shifts, reloadsAt] = JSON.parse(placementKey) as [[number, number][], number[]];
    return { clock, shifts: new Map(shifts), reloadsAt };
  }, [clock, placementKey]);
  const model = useMemo(
    () =>
      build(
        items,
        (call) =>
          shiftTimes(
            callStepTimes(call, axis.clock),
            call.clock ? (axis.shifts.get(call.clock.offsetMs) ?? 0) : 0,
          ),
        axis,
        LAYOUTS_PER_REDRAW,
      ),
    [build, items, axis],
  );
  // A build that stopped at its budget goes on in the next task, after this one is painted.
  useEffect(() => {
    if (!model.complete) catchUp();
  }, [model, catchUp]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  /** Pixels per millisecond chosen by the zoom buttons; null fits everything in view. */
  const [zoom, setZoom] = useState<number | null>(null);
  const followEnd = useRef(true);

  useEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const measure = () => setViewport({ width: box.clientWidth, height: box.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const breaks = useMemo(() => findIdleBreaks(model.index, axis.reloadsAt), [model, axis]);
  const extent = model.extent;
  const spanMs = extent
    ? Math.max(MIN_SPAN_MS, extent.end - extent.start - idleTotal(breaks))
    : MIN_SPAN_MS;
  const usablePx = Math.max(1, viewport.height - 2 * PAD_PX);
  const breakPx = breaks.length > 0 ? Math.min(BREAK_PX, usablePx / (2 * breaks.length)) : 0;
  const breaksPx = breaks.length * breakPx;
  const fitPxPerMs = (usablePx - breaksPx) / spanMs;
  const pxPerMs = zoom ?? fitPxPerMs;
  const contentHeight = Math.max(viewport.height, spanMs * pxPerMs + breaksPx + 2 * PAD_PX);

  const lifelineGap = lifelineXs(model.lifelines, viewport.width, MARGIN_PX).gap;
  const geometry = useMemo((): Geometry => {
    const { x, laneRoom } = lifelineXs(model.lifelines, viewport.width, MARGIN_PX);
    const gaps = new Map(
      [...model.laneCounts].map(([id, count]) => [id, laneGap(count, laneRoom, MAX_LANE_GAP_PX)]),
    );
    return {
      x,
      lanes: model.lanes,
      laneGap: gaps,
      scale: timeScale(extent?.start ?? 0, pxPerMs, PAD_PX, breaks, breakPx),
    };
  }, [model, viewport.width, extent?.start, pxPerMs, breaks, breakPx]);

  const from = yToTime(scrollTop - OVERSCAN_PX, geometry.scale);
  const to = yToTime(scrollTop + viewport.height + OVERSCAN_PX, geometry.scale);
  const now = extent?.end ?? 0;

  const shownBreaks = useMemo(
    () =>
      breaks
        .filter((b) => inWindow(b.start, b.end, from, to))
        .map((b) => ({
          key: b.start,
          y: timeToY(b.start, geometry.scale),
          label: text.idle(b.end - b.start, b.reload),
        })),
    [breaks, from, to, geometry, text],
  );

  const visible = useMemo(() => {
    const layouts = layoutsInWindow(model.index, from, to);
    let arrowCount = 0;
    // Which kinds of bar the legend explains: those in view.
    let observed = false;
    let inferred = false;
    for (const layout of layouts) {
      arrowCount += layout.arrows.length;
      if (layout.activation?.inferred) inferred = true;
      else if (layout.activation) observed = true;
    }
    const dense = isDense(arrowCount, viewport.height, model.lifelines.length, ARROWS_PER_ROW);
    return { layouts, dense, observed, inferred };
  }, [model, from, to, viewport.height]);

  // Denser than the pixels: shades per band, and only the selected call's own arrows on top.
  const painted = useMemo(() => {
    const shown = visible.dense
      ? visible.layouts.filter((layout) => layout.call.key === selectedKey)
      : visible.layouts;
    const { arrows, activations } = inView(shown, from, to, now);
    if (!visible.dense) return { arrows, activations, density: null };
    const top = scrollTop - OVERSCAN_PX;
    return {
      arrows,
      activations,
      density: densityOf(
        visible.layouts,
        geometry.scale,
        top,
        top + viewport.height + 2 * OVERSCAN_PX,
        DENSITY_BAND_PX,
        now,
      ),
    };
  }, [visible, selectedKey, from, to, geometry, scrollTop, viewport.height, now]);

  /** Calls that get a label (spaced out) and named, focusable arrows (and always the selected one). */
  const labelled = useMemo(() => {
    const anchors = labelAnchors(visible.layouts, from, to);
    // The page-side legs have no lane ends: they run between the two lifelines.
    const room = {
      pageX: geometry.x.get('page') ?? 0,
      bridgeX: geometry.x.get('bridge') ?? 0,
      height: labelHeight(labelPx),
    };
    const y = (t: number | undefined) =>
      t === undefined ? Number.NaN : timeToY(t, geometry.scale);
    const ys = new Float64Array(anchors.length);
    for (let i = 0; i < anchors.length; i += 1) {
      const { request, answer } = anchors[i] as LabelAnchor;
      ys[i] = labelY(room, y(request?.start), y(request?.end), y(answer?.start), y(answer?.end));
    }
    const x = labelLeft(room);
    const labels = spacedLabels(ys, room.height + LABEL_SPACING_PX).map((i) => ({
      anchor: (anchors[i] as LabelAnchor).anchor,
      at: { x, y: ys[i] as number },
    }));
    const kept = labels.map((label) => label.anchor);
    // Few calls in view: every arrow is named. A crowd: each labelled call's labelled arrow
    // (the rest are reached by click or through the call list), and the selected call's.
    const crowd = anchors.length > MAX_NAMED_CALLS;
    const keys = new Set(crowd ? [] : anchors.map((a) => a.anchor.callKey));
    const arrowIds = new Set(crowd ? kept.map((arrow) => arrow.id) : []);
    if (selectedKey !== null && model.byKey.has(selectedKey)) keys.add(selectedKey);
    return { anchors: kept, labels, keys, arrowIds };
  }, [visible, from, to, geometry, selectedKey, model, labelPx]);

  const currentArrowId = useMemo(() => {
    if (selectedKey === null) return null;
    return model.byKey.get(selectedKey)?.arrows.find((a) => a.steps.includes(step))?.id ?? null;
  }, [model, selectedKey, step]);

  // Zoomed in and scrolled to the end, the view follows new events; scrolled up, it stays put.
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (box && followEnd.current && contentHeight > box.clientHeight) {
      box.scrollTop = contentHeight - box.clientHeight;
    }
  }, [contentHeight]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || viewport.width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const [width, height] = [
      Math.round(viewport.width * ratio),
      Math.round(viewport.height * ratio),
    ];
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    paintSequence(
      ctx,
      {
        width: viewport.width,
        height: viewport.height,
        offsetY: scrollTop,
        lifelines: model.lifelines,
        geometry,
        arrows: painted.arrows,
        activations: painted.activations,
        density: painted.density,
        breaks: shownBreaks.map((b) => ({ y: b.y, px: breakPx })),
        now,
        colourOf: (key) => {
          let colour = colours.get(key);
          if (colour === undefined) {
            colour = idColour(model.byKey.get(key)?.call.canonicalId ?? key);
            colours.set(key, colour);
          }
          return colour;
        },
        selectedKey,
        currentArrowId,
        labels: labelled.labels.map(({ anchor, at }) => {
          const call = model.byKey.get(anchor.callKey)?.call;
          return {
            callKey: anchor.callKey,
            text: call ? `${call.method} #${call.idText}` : '',
            x: at.x,
            y: at.y,
          };
        }),
        labelPx,
      },
      ratio,
    );
  }, [
    viewport,
    scrollTop,
    model,
    geometry,
    painted,
    shownBreaks,
    breakPx,
    now,
    selectedKey,
    currentArrowId,
    labelled,
    labelPx,
    colours,
  ]);

  // After the paint above, every commit: what this redraw took from render to paint.
  useLayoutEffect(() => {
    redrawMs.current = performance.now() - renderStart;
  });

  const onScroll = () => {
    const box = scrollRef.current;
    if (!box) return;
    setScrollTop(box.scrollTop);
    followEnd.current = box.scrollHeight - box.scrollTop - box.clientHeight < FOLLOW_SLACK_PX;
  };

  const onCanvasClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const hit = hitArrow(
      event.clientX - rect.left,
      event.clientY - rect.top + scrollTop,
      inView(visible.layouts, from, to, now).arrows,
      geometry,
      HIT_TOLERANCE_PX,
    );
    if (hit) select(hit.callKey);
  };

  const zoomBy = (factor: number) => {
    followEnd.current = true;
    const next = pxPerMs * factor;
    setZoom(next <= fitPxPerMs ? null : next);
  };

  // Built from the few named calls, not by filtering every arrow in view.
  const named = useMemo(() => {
    const arrows = new Map<string, Arrow>();
    for (const key of labelled.keys) {
      for (const arrow of model.byKey.get(key)?.arrows ?? []) {
        if (inWindow(arrow.start, arrow.end, from, to)) arrows.set(arrow.id, arrow);
      }
    }
    for (const arrow of labelled.anchors) {
      if (labelled.arrowIds.has(arrow.id)) arrows.set(arrow.id, arrow);
    }
    return [...arrows.values()]
      .map((arrow) => ({ arrow, segment: arrowSegment(arrow, geometry) }))
      .sort((a, b) => a.segment.y1 - b.segment.y1);
  }, [labelled, model, from, to, geometry]);
  const entryId =
    named.find((n) => n.arrow.id === currentArrowId)?.arrow.id ??
    named.find((n) => n.arrow.callKey === selectedKey)?.arrow.id ??
    named[0]?.arrow.id;

  const onArrowKey = (event: KeyboardEvent<SVGGElement>, arrow: Arrow) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(arrow.callKey);
      return;
    }
    const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (move === 0) return;
    event.preventDefault();
    const buttons = [
      ...(event.currentTarget.ownerSVGElement?.querySelectorAll<SVGGElement>('[data-arrow]') ?? []),
    ];
    const index = buttons.indexOf(event.currentTarget);
    buttons[Math.min(buttons.length - 1, Math.max(0, index + move))]?.focus();
  };

  return (
    <section className="panel sequence" aria-labelledby="sequence-title">
      <div className="panel-head">
        <h2 className="panel-title" id="sequence-title">
          {text.title}
        </h2>
        <span className="panel-note sequence-note">
          {text.overtakeSummary(model.overtakes.size)}
        </span>
        {/* Signs rather than words, so the head stays one line beside a long note on a laptop. */}
        <div className="sequence-zoom">
          <button
            type="button"
            aria-label={text.zoomOut}
            title={text.zoomOut}
            onClick={() => zoomBy(1 / ZOOM_FACTOR)}
            disabled={zoom === null}
          >
            <span aria-hidden="true">−</span>
          </button>
          <button
            type="button"
            aria-label={text.zoomIn}
            title={text.zoomIn}
            onClick={() => zoomBy(ZOOM_FACTOR)}
            disabled={!extent}
          >
            <span aria-hidden="true">+</span>
          </button>
          <button type="button" onClick={() => setZoom(null)} disabled={zoom === null}>
            {text.fit}
          </button>
        </div>
      </div>
      <div className="sequence-lifelines" aria-hidden="true">
        {model.lifelines.map((id) => (
          <span
            key={id}
            className="sequence-lifeline"
            style={{ left: geometry.x.get(id) ?? 0, maxWidth: lifelineGap }}
          >
            {text.lifeline[id]}
          </span>
        ))}
      </div>
      <div className="sequence-scroll" ref={scrollRef} onScroll={onScroll}>
        <div className="sequence-stage" style={{ height: viewport.height }}>
          {/* The canvas paints; the SVG above it carries the named, focusable arrows. */}
          <canvas
            ref={canvasRef}
            className="sequence-canvas"
            style={{ width: viewport.width, height: viewport.height }}
            onClick={onCanvasClick}
          />
          {/* biome-ignore lint/a11y/useSemanticElements: an <svg> holds the arrows; without a role it reads as one image. */}
          <svg
            className="sequence-arrows"
            width={viewport.width}
            height={viewport.height}
            role="group"
            aria-label={text.title}
          >
            {shownBreaks.map((b) => (
              // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot sit in an SVG; the break is drawn on the canvas below.
              <g key={b.key} role="separator" aria-label={b.label}>
                {breakPx >= BREAK_LABEL_PX && (
                  <text
                    className="sequence-break"
                    x={viewport.width / 2}
                    y={b.y - scrollTop + breakPx / 2}
                  >
                    {b.label}
                  </text>
                )}
              </g>
            ))}
            {named.map(({ arrow, segment }) => {
              const layout = model.byKey.get(arrow.callKey);
              if (!layout) return null;
              const overtaken =
                arrow.direction === 'reply' ? (model.overtakes.get(arrow.callKey) ?? 0) : 0;
              const current =
                arrow.id === currentArrowId
                  ? 'step'
                  : arrow.callKey === selectedKey
                    ? 'true'
                    : undefined;
              return (
                // biome-ignore lint/a11y/useSemanticElements: an SVG line cannot be an HTML <button>; role and keys make it one.
                <g
                  key={arrow.id}
                  data-arrow={arrow.id}
                  role="button"
                  tabIndex={arrow.id === entryId ? 0 : -1}
                  aria-label={text.arrowName({
                    method: layout.call.method,
                    id: layout.call.idText,
                    arrow,
                    overtaken,
                    ms: Math.abs(arrow.end - arrow.start),
                  })}
                  aria-current={current}
                  onClick={() => select(arrow.callKey)}
                  onKeyDown={(event) => onArrowKey(event, arrow)}
                >
                  <polygon
                    className="sequence-hit"
                    points={hitBand(
                      {
                        x1: segment.x1,
                        y1: segment.y1 - scrollTop,
                        x2: segment.x2,
                        y2: segment.y2 - scrollTop,
                      },
                      HIT_TOLERANCE_PX,
                    )}
                  />
                </g>
              );
            })}
          </svg>
          {model.layouts.length === 0 && <p className="sequence-empty">{text.empty}</p>}
        </div>
        <div style={{ height: contentHeight - viewport.height }} />
      </div>
      <p className="sequence-legend">
        {[visible.observed && text.observed, visible.inferred && text.inferred]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {painted.density && <p className="sequence-legend">{text.dense}</p>}
    </section>
  );
});
