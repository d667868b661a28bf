import { describe, expect, it } from 'vitest';
import { followsEnd } from './follow-end';

const SLACK = 40;
const view = (scrollTop: number, scrollHeight: number) => ({
  scrollTop,
  scrollHeight,
  clientHeight: 400,
});
const at = (scrollTop: number, scrollHeight: number) => ({ scrollTop, scrollHeight });

describe('followsEnd', () => {
  it('follows at the end, from wherever it was', () => {
    expect(followsEnd(false, view(600, 1000), at(0, 1000), SLACK)).toBe(true);
    expect(followsEnd(false, view(580, 1000), at(600, 1000), SLACK)).toBe(true);
  });

  it('keeps following when rows arrived after its own scroll to the end', () => {
    // Scrolled to the end of 1000 px; the event comes once the list is 4000 px tall.
    expect(followsEnd(true, view(600, 4000), at(200, 1000), SLACK)).toBe(true);
  });

  it('keeps following when dropped rows pulled the view up and new rows came before the event', () => {
    // At the end of 4000 px; 1000 px dropped from the top, then 500 px more arrived.
    expect(followsEnd(true, view(2600, 3500), at(3600, 4000), SLACK)).toBe(true);
  });

  it('stops when the person scrolls up, and stays stopped as rows arrive or are dropped', () => {
    expect(followsEnd(true, view(300, 1000), at(600, 1000), SLACK)).toBe(false);
    expect(followsEnd(true, view(300, 4000), at(600, 1000), SLACK)).toBe(false);
    expect(followsEnd(false, view(300, 4000), at(300, 4000), SLACK)).toBe(false);
    expect(followsEnd(false, view(500, 4000), at(300, 4000), SLACK)).toBe(false);
    expect(followsEnd(false, view(200, 3000), at(300, 4000), SLACK)).toBe(false);
  });
});
