import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABEL_PAD_PX, LABEL_PX, labelHeight, labelLeft, labelY } from './call-label';
import type { Segment } from './sequence-layout';

const PAGE_X = 40;
const BRIDGE_X = 125;
const H = labelHeight(LABEL_PX.normal);
const ROOM = { pageX: PAGE_X, bridgeX: BRIDGE_X, height: H };

/** The page-side legs of a call: sent at `sent`, at the bridge from `atBridge` to `leftBridge`, back at `back` (px). */
function legs(sent: number, atBridge: number, leftBridge: number, back: number) {
  const request: Segment = { x1: PAGE_X, y1: sent, x2: BRIDGE_X, y2: atBridge };
  const answer: Segment = { x1: BRIDGE_X, y1: leftBridge, x2: PAGE_X, y2: back };
  return { request, answer };
}

/** The label's left edge and centre for the legs in view, given as segments. */
function labelPosition(request: Segment | undefined, answer: Segment | undefined) {
  const y = labelY(
    ROOM,
    request?.y1 ?? Number.NaN,
    request?.y2 ?? Number.NaN,
    answer?.y1 ?? Number.NaN,
    answer?.y2 ?? Number.NaN,
  );
  return { x: labelLeft(ROOM), y };
}

const yAt = (s: Segment, x: number) => s.y1 + ((x - s.x1) / (s.x2 - s.x1)) * (s.y2 - s.y1);

/** The label's box, from its left edge to the bridge's lifeline, against a leg: px of room (negative: they cross). */
function room(at: { x: number; y: number }, leg: Segment, side: 'above' | 'below'): number {
  let least = Number.POSITIVE_INFINITY;
  for (let x = at.x; x <= BRIDGE_X; x += 1) {
    const gap = side === 'below' ? at.y - H / 2 - yAt(leg, x) : yAt(leg, x) - (at.y + H / 2);
    least = Math.min(least, gap);
  }
  return least;
}

describe('labelY', () => {
  it('puts the label right of the page, inside the loop, clear of both legs', () => {
    // The shape the page draws for a clicked call: a long leg each side, the bridge's part short.
    const { request, answer } = legs(100, 118, 132, 160);
    const at = labelPosition(request, answer);
    expect(at.x).toBe(PAGE_X + LABEL_PAD_PX);
    expect(at.y).toBe(125);
    expect(room(at, request, 'below')).toBeGreaterThanOrEqual(0);
    expect(room(at, answer, 'above')).toBeGreaterThanOrEqual(0);
  });

  it('is clear of both legs whenever the loop has room for it, however the legs slope', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (sent, toBridge, inside, toPage) => {
          const atBridge = sent + toBridge;
          const leftBridge = atBridge + inside;
          const { request, answer } = legs(sent, atBridge, leftBridge, leftBridge + toPage);
          const at = labelPosition(request, answer);
          const left = PAGE_X + LABEL_PAD_PX;
          const narrowest = Math.min(
            yAt(answer, left) - yAt(request, left),
            yAt(answer, BRIDGE_X) - yAt(request, BRIDGE_X),
          );
          fc.pre(narrowest >= H + 2 * LABEL_PAD_PX);
          expect(room(at, request, 'below')).toBeGreaterThanOrEqual(LABEL_PAD_PX - 1e-9);
          expect(room(at, answer, 'above')).toBeGreaterThanOrEqual(LABEL_PAD_PX - 1e-9);
        },
      ),
    );
  });

  it('sits under the request of a call still in flight, and over the answer of one whose request is out of view', () => {
    const { request, answer } = legs(100, 140, 150, 200);
    const sending = labelPosition(request, undefined);
    expect(room(sending, request, 'below')).toBe(LABEL_PAD_PX);
    const answered = labelPosition(undefined, answer);
    expect(answered.x).toBe(PAGE_X + LABEL_PAD_PX);
    expect(room(answered, answer, 'above')).toBe(LABEL_PAD_PX);
  });
});
