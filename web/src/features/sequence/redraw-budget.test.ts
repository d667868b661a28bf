import { describe, expect, it } from 'vitest';
import { REDRAW_INTERVAL_MS, REDRAW_SHARE, redrawIntervalMs } from './redraw-budget';

describe('redrawIntervalMs', () => {
  it('keeps the live pace while redraws are cheap', () => {
    expect(redrawIntervalMs(0)).toBe(REDRAW_INTERVAL_MS);
    expect(redrawIntervalMs(3)).toBe(REDRAW_INTERVAL_MS);
    expect(redrawIntervalMs(REDRAW_INTERVAL_MS * REDRAW_SHARE)).toBe(REDRAW_INTERVAL_MS);
  });

  it('waits longer after a costly redraw, so redraws keep to their share of the time', () => {
    expect(redrawIntervalMs(50)).toBe(400);
    for (const cost of [30, 80, 250]) {
      const interval = redrawIntervalMs(cost);
      expect(cost / interval).toBeCloseTo(REDRAW_SHARE, 10);
    }
  });
});
