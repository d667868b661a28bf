import type { StepNumber } from '../../../../shared/steps/call-stamps';
import { ACTORS, type Actor, stepEntry } from '../../../../shared/steps/step-catalogue';

/**
 * The diagram's own coordinates (SVG viewBox units); the SVG scales to its box. It is laid out
 * DIAGRAM_WIDTH wide, or as wide as its box down to NARROWEST_WIDTH where its words must stay
 * their size (StepDiagram's `fit`): `width` below.
 */
export const DIAGRAM_WIDTH = 1000;
export const NARROWEST_WIDTH = 600;
export const DIAGRAM_HEIGHT = 180;
export const ACTOR_TOP = 8;
export const ACTOR_HEIGHT = 40;
export const REQUEST_LANE_Y = 85;
export const REPLY_LANE_Y = 140;

export function actorX(actor: Actor, width = DIAGRAM_WIDTH): number {
  const slot = width / ACTORS.length;
  return slot * ACTORS.indexOf(actor) + slot / 2;
}

/** An actor's box: 160 wide, less in a narrow diagram, always apart from the next. */
export const actorWidth = (width = DIAGRAM_WIDTH): number =>
  Math.min(160, width / ACTORS.length - 12);

function stepPoint(step: number, width: number): { x: number; y: number } {
  const entry = stepEntry(Math.min(12, Math.max(1, step)) as StepNumber);
  return {
    x: actorX(entry.at, width),
    y: entry.leg === 'request' ? REQUEST_LANE_Y : REPLY_LANE_Y,
  };
}

/**
 * Where the message is drawn at step position p: at the actor holding it once
 * step ⌊p⌋ is done, moved the fraction of p toward where step ⌊p⌋+1 leaves it.
 * Requests travel right on the upper lane, replies left on the lower one.
 */
export function messagePoint(position: number, width = DIAGRAM_WIDTH): { x: number; y: number } {
  const step = Math.floor(position);
  const from = stepPoint(step, width);
  const to = stepPoint(step + 1, width);
  const fraction = position - step;
  return { x: from.x + (to.x - from.x) * fraction, y: from.y + (to.y - from.y) * fraction };
}
