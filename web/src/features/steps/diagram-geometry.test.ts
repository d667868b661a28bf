import { describe, expect, it } from 'vitest';
import { actorX, messagePoint, REPLY_LANE_Y, REQUEST_LANE_Y } from './diagram-geometry';

describe('diagram geometry', () => {
  it('puts the actors left to right: caller, client stub, network, server stub, service', () => {
    const xs = (['caller', 'client-stub', 'network', 'server-stub', 'service'] as const).map(
      actorX,
    );
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
});
