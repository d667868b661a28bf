import {
  type KeyboardEvent,
  type MouseEvent,
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useStore } from 'zustand';
import { stepTimeline } from '../../../../shared/steps/step-timeline';
import { useApp } from '../../app/app-context';
import { animationFrames } from '../../playback/ticker';
import type { Call, CallsStore } from '../../stores/calls-store';
import { paceUpdates } from './redraw-pace';
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
  yToTime,
} from './sequence-layout';
import { createSequenceModelBuilder } from './sequence-model';
import { SEQUENCE_TEXT } from './sequence-text';
import './sequence.css';

/** Room left and right of the outer lifelines, px. */
const MARGIN_PX = 48;
/** Blank space above the first event and below the last, px. */
const PAD_PX = 14;
/** Lanes never sit further apart than this, px. */
const MAX_LANE_GAP_PX = 8;
/** Labelled (and clickable by name) calls are at least this far apart, px. */
const LABEL_GAP_PX = 16;
/** Up to this many calls in view, every arrow is a named button; beyond, one per labelled call. */
const MAX_NAMED_CALLS = 64;
/** A click this close to an arrow selects it, px. */
const HIT_TOLERANCE_PX = 6;
/** Content beyond the viewport that is still drawn, so scrolling shows no gap, px. */
const OVERSCAN_PX = 120;
/** Calls streaming in redraw the diagram at most this often, ms: 5 times a second reads as live. */
const REDRAW_INTERVAL_MS = 200;
/**
 * A redraw lays out and paints every call, so with many calls it waits longer:
 * this many ms per call, keeping the diagram's share of the page's time about
 * the same at 10,000 calls (one redraw a second) as at 500.
 */
const REDRAW_MS_PER_CALL = 0.1;
/** Each zoom click multiplies or divides the scale by this. */
const ZOOM_FACTOR = 2;
/** The shortest time span the diagram stretches to fill, ms: a 0.1 ms call is not a full-height line. */
const MIN_SPAN_MS = 1;

export function SequenceDiagram() {
  const items = usePacedCalls(useApp().calls);
  return <SequenceView items={items} />;
}

/** The calls, at most one new list per REDRAW_INTERVAL_MS (see redraw-pace.ts). */
function usePacedCalls(calls: CallsStore): readonly Call[] {
  const [items, setItems] = useState(() => calls.getState().calls);
  useEffect(() => {
    setItems(calls.getState().calls);
    return paceUpdates({
      get: () => calls.getState().calls,
      subscribe: (listener) =>
        calls.subscribe((state, previous) => {
          if (state.calls !== previous.calls) listener();
        }),
      frames: animationFrames,
      intervalMs: () =>
        Math.max(REDRAW_INTERVAL_MS, calls.getState().calls.length * REDRAW_MS_PER_CALL),
      deliver: setItems,
    });
  }, [calls]);
  return items;
}

const SequenceView = memo(function SequenceView({ items }: { items: readonly Call[] }) {
  const { calls, connection, playback, settings } = useApp();
  const selectedKey = useStore(calls, (s) => s.selectedKey);
  const select = useStore(calls, (s) => s.select);
  const clock = useStore(connection, (s) => s.clock);
  const step = useStore(playback, (s) => s.step);
  const language = useStore(settings, (s) => s.language);
  const text = SEQUENCE_TEXT[language];

  const build = useMemo(() => createSequenceModelBuilder<Call>(), []);
  const colours = useMemo(() => new Map<string, string>(), []);
  const model = useMemo(
    () => build(items, (call) => stepTimeline(call.stamps, clock), clock),
    [build, items, clock],
  );

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

  const extent = model.extent;
  const spanMs = extent ? Math.max(MIN_SPAN_MS, extent.end - extent.start) : MIN_SPAN_MS;
  const fitPxPerMs = Math.max(1, viewport.height - 2 * PAD_PX) / spanMs;
  const pxPerMs = zoom ?? fitPxPerMs;
  const contentHeight = Math.max(viewport.height, spanMs * pxPerMs + 2 * PAD_PX);

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
      scale: { t0: extent?.start ?? 0, pxPerMs, top: PAD_PX },
    };
  }, [model, viewport.width, extent?.start, pxPerMs]);

  const from = yToTime(scrollTop - OVERSCAN_PX, geometry.scale);
  const to = yToTime(scrollTop + viewport.height + OVERSCAN_PX, geometry.scale);
  const now = extent?.end ?? 0;

  const visible = useMemo(() => {
    const arrows: Arrow[] = [];
    const activations = [];
    for (const layout of model.layouts) {
      for (const arrow of layout.arrows) {
        if (inWindow(arrow.start, arrow.end, from, to)) arrows.push(arrow);
      }
      const a = layout.activation;
      if (a && inWindow(a.start, a.end ?? now, from, to)) activations.push(a);
    }
    return { arrows, activations };
  }, [model, from, to, now]);

  /** Calls that get a label (spaced out) and named, focusable arrows (and always the selected one). */
  const labelled = useMemo(() => {
    const anchors = new Map<string, Arrow>();
    for (const arrow of visible.arrows) {
      const isAnchor =
        (arrow.from === 'bridge' && arrow.to === 'page') ||
        (arrow.from === 'page' && !anchors.has(arrow.callKey));
      if (isAnchor) anchors.set(arrow.callKey, arrow);
    }
    const kept = spacedLabels(
      [...anchors.values()],
      (arrow) => arrowSegment(arrow, geometry).y2,
      LABEL_GAP_PX,
    );
    // Few calls in view: every arrow is named. A crowd: each labelled call's labelled arrow
    // (the rest are reached by click or through the call list), and the selected call's.
    const crowd = anchors.size > MAX_NAMED_CALLS;
    const keys = new Set(crowd ? [] : anchors.keys());
    const arrowIds = new Set(crowd ? kept.map((arrow) => arrow.id) : []);
    if (selectedKey !== null && model.byKey.has(selectedKey)) keys.add(selectedKey);
    return { anchors: kept, keys, arrowIds };
  }, [visible, geometry, selectedKey, model]);

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
        arrows: visible.arrows,
        activations: visible.activations,
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
        labels: labelled.anchors.map((arrow) => {
          const s = arrowSegment(arrow, geometry);
          const call = model.byKey.get(arrow.callKey)?.call;
          return {
            callKey: arrow.callKey,
            text: call ? `${call.method} #${call.idText}` : '',
            x: Math.min(s.x1, s.x2) + 4,
            y: (s.y1 + s.y2) / 2,
          };
        }),
      },
      ratio,
    );
  }, [
    viewport,
    scrollTop,
    model,
    geometry,
    visible,
    now,
    selectedKey,
    currentArrowId,
    labelled,
    colours,
  ]);

  const onScroll = () => {
    const box = scrollRef.current;
    if (!box) return;
    setScrollTop(box.scrollTop);
    followEnd.current = box.scrollHeight - box.scrollTop - box.clientHeight < LABEL_GAP_PX;
  };

  const onCanvasClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const hit = hitArrow(
      event.clientX - rect.left,
      event.clientY - rect.top + scrollTop,
      visible.arrows,
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

  const named = useMemo(
    () =>
      visible.arrows
        .filter((arrow) => labelled.keys.has(arrow.callKey) || labelled.arrowIds.has(arrow.id))
        .map((arrow) => ({ arrow, segment: arrowSegment(arrow, geometry) }))
        .sort((a, b) => a.segment.y1 - b.segment.y1),
    [visible, labelled, geometry],
  );
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
        <span className="panel-note">{text.overtakeSummary(model.overtakes.size)}</span>
        <div className="sequence-zoom">
          <button type="button" onClick={() => zoomBy(1 / ZOOM_FACTOR)} disabled={zoom === null}>
            {text.zoomOut}
          </button>
          <button type="button" onClick={() => zoomBy(ZOOM_FACTOR)} disabled={!extent}>
            {text.zoomIn}
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
      <p className="sequence-legend">{text.inferred}</p>
    </section>
  );
});
