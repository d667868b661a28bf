/**
 * Whether a live list keeps following its newest row after a scroll event.
 * Following stops only when the person scrolls up, and starts again when they
 * come back to the end. The list's own scrolls to the end are paced, so the
 * list may have grown again by the time their scroll event arrives, leaving
 * the view short of the end: that is not the person leaving it.
 */
export function followsEnd(
  following: boolean,
  view: { scrollTop: number; scrollHeight: number; clientHeight: number },
  previousScrollTop: number,
  slackPx: number,
): boolean {
  if (view.scrollHeight - view.scrollTop - view.clientHeight < slackPx) return true;
  if (view.scrollTop < previousScrollTop) return false;
  return following;
}
