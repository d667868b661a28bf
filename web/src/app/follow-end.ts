/** Where a scrolling box was at its last scroll event. */
export type ScrollPlace = { scrollTop: number; scrollHeight: number };

/**
 * Whether a live list keeps following its newest row after a scroll event.
 * Following stops only when the person scrolls up, and starts again when they
 * come back to the end. Two scrolls up are not theirs: the list's own scrolls
 * to the end are paced, so it may have grown again by the time their event
 * arrives, leaving the view short of the end; and when the oldest rows are
 * dropped the list gets shorter, and the browser pulls the view up with it.
 */
export function followsEnd(
  following: boolean,
  view: ScrollPlace & { clientHeight: number },
  previous: ScrollPlace,
  slackPx: number,
): boolean {
  if (view.scrollHeight - view.scrollTop - view.clientHeight < slackPx) return true;
  if (view.scrollTop < previous.scrollTop && view.scrollHeight >= previous.scrollHeight) {
    return false;
  }
  return following;
}
