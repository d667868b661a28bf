import { describe, expect, it } from 'vitest';
import {
  actorWidth,
  actorX,
  DIAGRAM_WIDTH,
  messagePoint,
  NARROWEST_WIDTH,
  REPLY_LANE_Y,
  REQUEST_LANE_Y,
} from './diagram-geometry';

const ACTORS_IN_ORDER = ['caller', 'client-stub', 'network', 'server-stub', 'service'] as const;

describe('diagram geometry', () => {
  it('puts the actors left to right: caller, client stub, network, server stub, service', () => {
    const xs = ACTORS_IN_ORDER.map((actor) => actorX(actor));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('carries the request right on the upper lane and the reply left on the lower lane', () => {
    expect(messagePoint(1)).toEqual({ x: actorX('caller'), y: REQUEST_LANE_Y });
    expect(messagePoint(6)).toEqual({ x: actorX('service'), y: REQUEST_LANE_Y });
    expect(messagePoint(7).y).toBe(REPLY_LANE_Y);
    expect(messagePoint(12)).toEqual({ x: actorX('caller'), y: REPLY_LANE_Y });
    expect(messagePoint(2.5).x).toBe((actorX('client-stub') + actorX('network')) / 2);
    // Tenths of a step, as integers so no rounding drift crosses a step boundary.
    for (let i = 10; i < 60; i++) {
      expect(messagePoint((i + 1) / 10).x).toBeGreaterThanOrEqual(messagePoint(i / 10).x);
    }
    for (let i = 70; i < 120; i++) {
      expect(messagePoint((i + 1) / 10).x).toBeLessThanOrEqual(messagePoint(i / 10).x);
    }
  });

  it('laid out narrower, keeps every box inside and apart, and the message on the lanes between the ends', () => {
    for (const width of [NARROWEST_WIDTH, 750, DIAGRAM_WIDTH]) {
      const box = actorWidth(width);
      const xs = ACTORS_IN_ORDER.map((actor) => actorX(actor, width));
      expect((xs[0] ?? 0) - box / 2).toBeGreaterThanOrEqual(0);
      expect((xs[4] ?? 0) + box / 2).toBeLessThanOrEqual(width);
      for (let i = 1; i < xs.length; i++) {
        expect((xs[i] ?? 0) - (xs[i - 1] ?? 0) - box).toBeGreaterThanOrEqual(10);
      }
      expect(messagePoint(6, width)).toEqual({ x: xs[4], y: REQUEST_LANE_Y });
      expect(messagePoint(12, width)).toEqual({ x: xs[0], y: REPLY_LANE_Y });
    }
    // The 160-unit boxes of the full width, narrower only where they would touch.
    expect(actorWidth(DIAGRAM_WIDTH)).toBe(160);
    expect(actorWidth(NARROWEST_WIDTH)).toBeLessThan(160);
  });
});
