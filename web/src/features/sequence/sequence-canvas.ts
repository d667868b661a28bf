import { labelFont } from './call-label';
import {
  type Activation,
  type Arrow,
  activationSegment,
  arrowSegment,
  type Geometry,
  type LifelineId,
  type Segment,
} from './sequence-layout';
import type { Density } from './sequence-visible';

/**
 * Paints the visible part of the diagram on a canvas: one canvas draws
 * thousands of arrows in a few milliseconds, where as many SVG elements would
 * cost a long task per answer. The clickable, named arrows are an SVG layer
 * on top (SequenceDiagram.tsx); this only paints.
 */

export type Paint = {
  width: number;
  height: number;
  /** Content y drawn at the canvas top (the scroll offset). */
  offsetY: number;
  lifelines: readonly LifelineId[];
  geometry: Geometry;
  arrows: readonly Arrow[];
  activations: readonly Activation[];
  /** Latest time anything shows: where calls still inside the server end. */
  now: number;
  colourOf(callKey: string): string;
  selectedKey: string | null;
  /** The selected call's arrow for the current step. */
  currentArrowId: string | null;
  labels: readonly { text: string; x: number; y: number; callKey: string }[];
  /** The labels' font size. */
  labelPx: number;
  /** Arrows too dense to tell apart, painted as shades per pixel band; `arrows` then holds the selected call's only. */
  density: Density | null;
  /** Idle stretches cut out of the axis: a band `px` tall from content y `y` (its label is the SVG's). */
  breaks: readonly { y: number; px: number }[];
};

const LIFELINE_COLOUR = '#c3c9d4';
/** The panel behind the canvas (app.css `--panel`). */
const PANEL_COLOUR = '#ffffff';
const LABEL_HALO_PX = 4;
const BREAK_COLOUR = '#eef1f6';
/** Bars of calls other than the selected one: one path in one colour, so 500 cost one stroke. */
const BAR_COLOUR = 'rgb(91 100 117 / 45%)';
const ARROW_HEAD_PX = 6;
/** Density is painted in this many shades: one path each, whatever the number of bands. */
const SHADES = 6;
const DENSITY_COLOUR = { request: 'hsl(215 60% 45%)', reply: 'hsl(150 55% 32%)' } as const;

function addLine(ctx: CanvasRenderingContext2D, s: Segment, offsetY: number): void {
  ctx.moveTo(s.x1, s.y1 - offsetY);
  ctx.lineTo(s.x2, s.y2 - offsetY);
}

function addHead(ctx: CanvasRenderingContext2D, s: Segment, offsetY: number): void {
  const angle = Math.atan2(s.y2 - s.y1, s.x2 - s.x1);
  const x = s.x2;
  const y = s.y2 - offsetY;
  ctx.moveTo(x, y);
  ctx.lineTo(
    x - ARROW_HEAD_PX * Math.cos(angle - 0.45),
    y - ARROW_HEAD_PX * Math.sin(angle - 0.45),
  );
  ctx.lineTo(
    x - ARROW_HEAD_PX * Math.cos(angle + 0.45),
    y - ARROW_HEAD_PX * Math.sin(angle + 0.45),
  );
  // fill() closes each head itself; Chromium's closePath costs microseconds per head, 20,000 heads a frame.
}

function strokeBars(
  ctx: CanvasRenderingContext2D,
  bars: readonly Segment[],
  offsetY: number,
  dashed: boolean,
): void {
  if (bars.length === 0) return;
  ctx.setLineDash(dashed ? [4, 3] : []);
  ctx.beginPath();
  for (const bar of bars) addLine(ctx, bar, offsetY);
  ctx.stroke();
}

export function paintSequence(ctx: CanvasRenderingContext2D, p: Paint, pixelRatio: number): void {
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, p.width, p.height);
  ctx.globalAlpha = 1;

  ctx.strokeStyle = LIFELINE_COLOUR;
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  ctx.beginPath();
  for (const id of p.lifelines) {
    const x = p.geometry.x.get(id) ?? 0;
    addLine(ctx, { x1: x, y1: p.offsetY, x2: x, y2: p.offsetY + p.height }, p.offsetY);
  }
  ctx.stroke();
  paintBreaks(ctx, p);

  if (p.density) paintDensity(ctx, p.density, p.geometry, p.offsetY);

  const observed: Segment[] = [];
  const inferred: Segment[] = [];
  let selectedBar: { segment: Segment; inferred: boolean } | null = null;
  for (const activation of p.activations) {
    const segment = activationSegment(activation, p.now, p.geometry);
    if (activation.callKey === p.selectedKey)
      selectedBar = { segment, inferred: activation.inferred };
    else (activation.inferred ? inferred : observed).push(segment);
  }
  ctx.strokeStyle = BAR_COLOUR;
  ctx.lineWidth = 2;
  strokeBars(ctx, observed, p.offsetY, false);
  strokeBars(ctx, inferred, p.offsetY, true);
  if (selectedBar && p.selectedKey !== null) {
    ctx.strokeStyle = p.colourOf(p.selectedKey);
    ctx.lineWidth = 4;
    strokeBars(ctx, [selectedBar.segment], p.offsetY, selectedBar.inferred);
  }
  ctx.setLineDash([]);

  // One path per colour: 500 calls cost 24 strokes, not 500.
  const byColour = new Map<string, Arrow[]>();
  const selected: Arrow[] = [];
  for (const arrow of p.arrows) {
    if (arrow.callKey === p.selectedKey) {
      selected.push(arrow);
      continue;
    }
    const colour = p.colourOf(arrow.callKey);
    const list = byColour.get(colour);
    if (list) list.push(arrow);
    else byColour.set(colour, [arrow]);
  }
  ctx.globalAlpha = p.selectedKey === null ? 1 : 0.6;
  ctx.lineWidth = 1.25;
  for (const [colour, arrows] of byColour) strokeArrows(ctx, p, colour, arrows);

  // The selected call goes last, so nothing covers it; its current step gets a halo.
  if (selected.length > 0 && p.selectedKey !== null) {
    const colour = p.colourOf(p.selectedKey);
    const current = selected.find((arrow) => arrow.id === p.currentArrowId);
    if (current) {
      ctx.globalAlpha = 0.3;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 10;
      ctx.beginPath();
      addLine(ctx, arrowSegment(current, p.geometry), p.offsetY);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 3;
    strokeArrows(ctx, p, colour, selected);
  }

  paintLabels(ctx, p);
}

/** Each label over a halo of the panel's colour: a line that crosses it passes behind the text, not through it. */
function paintLabels(ctx: CanvasRenderingContext2D, p: Paint): void {
  ctx.globalAlpha = 1;
  ctx.font = labelFont(p.labelPx);
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = LABEL_HALO_PX;
  ctx.strokeStyle = PANEL_COLOUR;
  for (const label of p.labels) ctx.strokeText(label.text, label.x, label.y - p.offsetY);
  for (const label of p.labels) {
    ctx.fillStyle = p.colourOf(label.callKey);
    ctx.fillText(label.text, label.x, label.y - p.offsetY);
  }
}

/** A break hides the lifelines across it, between two dashed edges: the axis skips here. */
function paintBreaks(ctx: CanvasRenderingContext2D, p: Paint): void {
  if (p.breaks.length === 0) return;
  ctx.fillStyle = BREAK_COLOUR;
  for (const b of p.breaks) ctx.fillRect(0, b.y - p.offsetY, p.width, b.px);
  ctx.strokeStyle = LIFELINE_COLOUR;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  for (const b of p.breaks) {
    for (const y of [b.y, b.y + b.px]) {
      addLine(ctx, { x1: 0, y1: y, x2: p.width, y2: y }, p.offsetY);
    }
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

function strokeArrows(
  ctx: CanvasRenderingContext2D,
  p: Paint,
  colour: string,
  arrows: readonly Arrow[],
): void {
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  const segments = arrows.map((arrow) => arrowSegment(arrow, p.geometry));
  ctx.beginPath();
  for (const s of segments) addLine(ctx, s, p.offsetY);
  ctx.stroke();
  ctx.beginPath();
  for (const s of segments) addHead(ctx, s, p.offsetY);
  ctx.fill();
}

/**
 * Each hop's messages as shaded bands between its two lifelines, darker where
 * more pass, and the calls inside the server as a bar as wide as their lanes:
 * a few hundred rectangles in a dozen paths, however many calls are shown.
 */
function paintDensity(
  ctx: CanvasRenderingContext2D,
  density: Density,
  g: Geometry,
  offsetY: number,
): void {
  const y = (band: number) => density.top + band * density.bandPx - offsetY;
  ctx.fillStyle = BAR_COLOUR;
  ctx.beginPath();
  for (const { lifeline, counts } of density.inside) {
    const x = g.x.get(lifeline) ?? 0;
    const perCall = g.laneGap.get(lifeline) ?? 0;
    counts.forEach((count, band) => {
      if (count > 0) ctx.rect(x - 1, y(band), 2 + (count - 1) * perCall, density.bandPx);
    });
  }
  ctx.fill();

  for (const direction of ['request', 'reply'] as const) {
    ctx.fillStyle = DENSITY_COLOUR[direction];
    for (let shade = 1; shade <= SHADES; shade++) {
      ctx.globalAlpha = 0.1 + (0.8 * shade) / SHADES;
      ctx.beginPath();
      for (const hop of density.hops) {
        if (hop.direction !== direction) continue;
        const x1 = g.x.get(hop.from) ?? 0;
        const x2 = g.x.get(hop.to) ?? 0;
        hop.counts.forEach((count, band) => {
          if (count > 0 && Math.ceil((count / density.maxHop) * SHADES) === shade) {
            ctx.rect(Math.min(x1, x2), y(band), Math.abs(x2 - x1), density.bandPx);
          }
        });
      }
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}
