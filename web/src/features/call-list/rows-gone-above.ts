/**
 * How many of the first `index` rows of `before` are missing from `after`.
 * Forgetting the oldest calls removes rows above the one in view; scrolling
 * back by this many rows keeps the same call in view, and keeps a list that
 * follows its end from seeing the browser's clamp as the person scrolling up.
 * `after` must be `before` with rows removed and rows appended, in order.
 */
export function rowsGoneAbove(
  before: readonly { key: string }[],
  after: readonly { key: string }[],
  index: number,
): number {
  let gone = 0;
  let kept = 0;
  const end = Math.min(index, before.length);
  for (let i = 0; i < end; i += 1) {
    if (after[kept]?.key === before[i]?.key) kept += 1;
    else gone += 1;
  }
  return gone;
}
