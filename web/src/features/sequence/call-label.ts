import type { Segment } from './sequence-layout';

/** The labels' size, px: larger in projection mode, for the back of a classroom. */
export const LABEL_PX = { normal: 11, projection: 15 } as const;

export const labelFont = (px: number): string => `${px}px system-ui, sans-serif`;

/** The height the placement keeps for a line of labels this size. */
export const labelHeight = (px: number): number => px + 1;

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
