import { describe, expect, it } from 'vitest';
import { followsEnd } from './follow-end';

const SLACK = 40;
const view = (scrollTop: number, scrollHeight: number) => ({
  scrollTop,
  scrollHeight,
  clientHeight: 400,
});

describe('followsEnd', () => {
  it('follows at the end, from wherever it was', () => {
    expect(followsEnd(false, view(600, 1000), 0, SLACK)).toBe(true);
    expect(followsEnd(false, view(580, 1000), 600, SLACK)).toBe(true);
  });

  it('keeps following when rows arrived after its own scroll to the end', () => {
    // Scrolled to the end of 1000 px; the event comes once the list is 4000 px tall.
    expect(followsEnd(true, view(600, 4000), 200, SLACK)).toBe(true);
  });

  it('stops when the person scrolls up, and stays stopped as rows arrive', () => {
    expect(followsEnd(true, view(300, 1000), 600, SLACK)).toBe(false);
    expect(followsEnd(false, view(300, 4000), 300, SLACK)).toBe(false);
    expect(followsEnd(false, view(500, 4000), 300, SLACK)).toBe(false);
  });
});
