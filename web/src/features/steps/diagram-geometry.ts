import type { StepNumber } from '../../../../shared/steps/call-stamps';
import { ACTORS, type Actor, stepEntry } from '../../../../shared/steps/step-catalogue';

/** The diagram's own coordinates (SVG viewBox units); the SVG scales to its box. */
export const DIAGRAM_WIDTH = 1000;
export const DIAGRAM_HEIGHT = 180;
export const ACTOR_TOP = 8;
export const ACTOR_HEIGHT = 40;
export const REQUEST_LANE_Y = 85;
export const REPLY_LANE_Y = 140;

export function actorX(actor: Actor): number {
  const slot = DIAGRAM_WIDTH / ACTORS.length;
  return slot * ACTORS.indexOf(actor) + slot / 2;
}

function stepPoint(step: number): { x: number; y: number } {
  const entry = stepEntry(Math.min(12, Math.max(1, step)) as StepNumber);
  return { x: actorX(entry.at), y: entry.leg === 'request' ? REQUEST_LANE_Y : REPLY_LANE_Y };
}

/**
 * Where the message is drawn at step position p: at the actor holding it once
 * step ⌊p⌋ is done, moved the fraction of p toward where step ⌊p⌋+1 leaves it.
 * Requests travel right on the upper lane, replies left on the lower one.
 */
export function messagePoint(position: number): { x: number; y: number } {
  const step = Math.floor(position);
  const from = stepPoint(step);
  const to = stepPoint(step + 1);
  const fraction = position - step;
  return { x: from.x + (to.x - from.x) * fraction, y: from.y + (to.y - from.y) * fraction };
}
