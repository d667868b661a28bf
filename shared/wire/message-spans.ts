/**
 * Where messages sit on chunks (rules WM1–WM4 in ../README.md). Both are
 * ranges of absolute offsets of one TCP stream in one direction: a chunk is
 * what one read or write carried, a message is what the framer reported. A
 * chunk may hold the end of one message and the start of the next; a message
 * may be split over several chunks. Inputs are sorted by start and do not
 * overlap (a stream's chunks and a framer's messages never do).
 */

export type Range = { start: number; end: number };

/** A run of a row or chunk that lies in one message, or between messages (message -1). */
export type Segment = {
  start: number;
  end: number;
  /** Index into the messages array, or -1 for bytes no reported message covers. */
  message: number;
  /** The message's first byte is this segment's first byte: a boundary is drawn before it. */
  opens: boolean;
  /** The message's last byte is this segment's last byte. */
  closes: boolean;
};

/** One piece of a message as one chunk carried it. */
export type MessagePart = {
  /** Index into the chunks array. */
  chunk: number;
  /** Where the piece starts inside its chunk (0 = the chunk's first byte). */
  offsetInChunk: number;
  /** Absolute stream range of the piece. */
  start: number;
  end: number;
};

/** Index of the first range whose end is after `offset` (ranges sorted, disjoint); length when none. */
export function firstEndingAfter(ranges: readonly Range[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid] as Range).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cuts `range` into segments by the messages that overlap it: each byte in
 * exactly one segment, in order, gaps between messages as message -1.
 */
export function segmentsOf(range: Range, messages: readonly Range[]): Segment[] {
  const segments: Segment[] = [];
  let at = range.start;
  for (let i = firstEndingAfter(messages, range.start); i < messages.length; i++) {
    const message = messages[i] as Range;
    if (message.start >= range.end) break;
    if (message.start > at) {
      segments.push({ start: at, end: message.start, message: -1, opens: false, closes: false });
      at = message.start;
    }
    const end = Math.min(message.end, range.end);
    if (end > at) {
      segments.push({
        start: at,
        end,
        message: i,
        opens: at === message.start,
        closes: end === message.end,
      });
      at = end;
    }
  }
  if (at < range.end)
    segments.push({ start: at, end: range.end, message: -1, opens: false, closes: false });
  return segments;
}

/**
 * The chunks that carried `message`, one part each, in stream order. Bytes
 * of it no kept chunk holds (dropped for memory) are simply not listed;
 * `coveredBytes` tells the caller whether the message is whole.
 */
export function partsOf(message: Range, chunks: readonly Range[]): MessagePart[] {
  const parts: MessagePart[] = [];
  for (let i = firstEndingAfter(chunks, message.start); i < chunks.length; i++) {
    const chunk = chunks[i] as Range;
    if (chunk.start >= message.end) break;
    const start = Math.max(chunk.start, message.start);
    const end = Math.min(chunk.end, message.end);
    if (end > start) parts.push({ chunk: i, offsetInChunk: start - chunk.start, start, end });
  }
  return parts;
}

export function coveredBytes(parts: readonly MessagePart[]): number {
  return parts.reduce((sum, part) => sum + part.end - part.start, 0);
}
