/**
 * How much of a chunk the Wire view lays out (rule WT1–WT2 in ../README.md).
 * A 1 MiB reply is 65,536 rows; laying them all out by default would bury
 * every other chunk under one, so each chunk starts with a few KiB shown and
 * an explicit notice of what is hidden, and "show more" grows it stepwise.
 */

/** Bytes of a chunk shown before the person asks for more: 256 rows. */
export const INITIAL_SHOWN_BYTES = 4 * 1024;
/** Each "show more" multiplies what is shown by this. */
export const SHOW_MORE_FACTOR = 8;

export type Shown = { shown: number; hidden: number };

/** `limit` null means the default; the result never exceeds the chunk. */
export function shownBytes(length: number, limit: number | null): Shown {
  const shown = Math.min(length, Math.max(0, limit ?? INITIAL_SHOWN_BYTES));
  return { shown, hidden: length - shown };
}

/** The next limit after "show more": at least one step past the current one, capped at the whole chunk. */
export function moreLimit(length: number, limit: number | null): number {
  const current = limit ?? INITIAL_SHOWN_BYTES;
  return Math.min(length, Math.max(INITIAL_SHOWN_BYTES, current) * SHOW_MORE_FACTOR);
}

/** 512 B, 4.0 KiB, 1.00 MiB: enough digits to compare sizes at a glance. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}
