/** The labels' size, px: larger in projection mode, for the back of a classroom. */
export const LABEL_PX = { normal: 11, projection: 15 } as const;

export const labelFont = (px: number): string => `${px}px system-ui, sans-serif`;

/** The height the placement keeps for a line of labels this size. */
export const labelHeight = (px: number): number => px + 1;

/** Room kept between a label and the page's lifeline, and between a label and an arrow. */
export const LABEL_PAD_PX = 4;

/** Where the page's and the bridge's lifelines are, and how tall a label is, px. */
export type LabelRoom = { pageX: number; bridgeX: number; height: number };

/** A label's left edge: just right of the page's lifeline. */
export const labelLeft = (room: LabelRoom): number => room.pageX + LABEL_PAD_PX;

/** The y at `x` of a leg drawn from (x1, y1) to (x2, y2). */
const yAt = (x1: number, y1: number, x2: number, y2: number, x: number): number =>
  x2 === x1 ? Math.max(y1, y2) : y1 + ((x - x1) / (x2 - x1)) * (y2 - y1);

/**
 * Where a call's label sits (vertical centre; its left edge is `labelLeft`):
 * inside the call's own loop, between its request leaving the page and its
 * answer coming back. Both legs slope across the page–bridge gap, so the room
 * is measured at both of its sides and the label centred in the narrowest
 * part: then neither of its own arrows runs through the text when the loop is
 * tall enough to hold it. A call with one leg in view sits on the loop's side
 * of that leg.
 *
 * The legs come as their ends' y (NaN for a leg not in view): the request's
 * at the page and at the bridge, the answer's at the bridge and at the page.
 * Numbers, not segments: this runs for every call in view on every redraw.
 */
export function labelY(
  room: LabelRoom,
  sent: number,
  atBridge: number,
  leftBridge: number,
  back: number,
): number {
  const { pageX, bridgeX } = room;
  const left = labelLeft(room);
  const right = Math.max(left, bridgeX);
  const half = room.height / 2;
  const hasRequest = !Number.isNaN(sent);
  const hasAnswer = !Number.isNaN(back);
  const below = Math.max(
    yAt(pageX, sent, bridgeX, atBridge, left),
    yAt(pageX, sent, bridgeX, atBridge, right),
  );
  const above = Math.min(
    yAt(bridgeX, leftBridge, pageX, back, left),
    yAt(bridgeX, leftBridge, pageX, back, right),
  );
  if (hasRequest && hasAnswer) return (below + above) / 2;
  if (hasRequest) return below + LABEL_PAD_PX + half;
  if (hasAnswer) return above - LABEL_PAD_PX - half;
  return 0;
}
