import type { Segment } from './sequence-layout';

/** The labels' font, and the height the placement keeps for a line of it, px. */
export const LABEL_FONT = '11px system-ui, sans-serif';
export const LABEL_HEIGHT_PX = 12;

/** Room kept between a label and the page's lifeline, and between a label and an arrow. */
export const LABEL_PAD_PX = 4;

const yAt = (s: Segment, x: number): number =>
  s.x2 === s.x1 ? Math.max(s.y1, s.y2) : s.y1 + ((x - s.x1) / (s.x2 - s.x1)) * (s.y2 - s.y1);

/**
 * Where a call's label sits (left edge, vertical centre): just right of the
 * page's lifeline, inside the call's own loop, between its request leaving the
 * page and its answer coming back. Both legs slope across the page–bridge
 * gap, so the room is measured at both of its sides and the label centred in
 * the narrowest part: then neither of its own arrows runs through the text
 * when the loop is tall enough to hold it. A call with one leg in view sits
 * on the loop's side of that leg.
 */
export function labelPosition(
  request: Segment | undefined,
  answer: Segment | undefined,
  height: number,
): { x: number; y: number } {
  const leg = request ?? answer;
  if (leg === undefined) return { x: 0, y: 0 };
  const pageX = request ? request.x1 : leg.x2;
  const bridgeX = request ? request.x2 : leg.x1;
  const left = pageX + LABEL_PAD_PX;
  const right = Math.max(left, bridgeX);
  const below = request ? Math.max(yAt(request, left), yAt(request, right)) : undefined;
  const above = answer ? Math.min(yAt(answer, left), yAt(answer, right)) : undefined;
  const half = height / 2;
  let y: number;
  if (below !== undefined && above !== undefined) y = (below + above) / 2;
  else if (below !== undefined) y = below + LABEL_PAD_PX + half;
  else y = (above ?? 0) - LABEL_PAD_PX - half;
  return { x: left, y };
}
