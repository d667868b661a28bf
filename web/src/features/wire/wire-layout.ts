import { rowCount } from '../../../../shared/wire/hex-rows';
import { firstEndingAfter, type Range } from '../../../../shared/wire/message-spans';
import { shownBytes } from '../../../../shared/wire/truncation';
import type { DirectionFilter, WireChunk, WireMessage } from '../../stores/wire-store';

/**
 * The Wire view's rows, computed once per store change and read by index:
 * the virtualised list asks only for the rows in sight, so a 1 MiB chunk or
 * twenty thousand chunks cost one pass here and a binary search per row.
 */

export type WireRow =
  | { kind: 'header'; chunk: WireChunk; index: number }
  | { kind: 'bytes'; chunk: WireChunk; row: number }
  | { kind: 'notice'; chunk: WireChunk; shown: number; hidden: number };

/** One TCP stream in one direction: its messages and chunks, each sorted by start. */
export type Stream = { messages: WireMessage[]; chunks: WireChunk[] };

export type WireLayout = {
  chunks: WireChunk[];
  /** rowStarts[i] is the first row of chunks[i]; the last entry is the row count. */
  rowStarts: number[];
  /** Bridge time of the chunk before each one (all directions), null when unknown. */
  previousAt: Map<number, number | null>;
  streams: Map<string, Stream>;
};

export const streamKey = (conn: number, direction: string) => `${conn}:${direction}`;

export function groupStreams(
  chunks: readonly WireChunk[],
  messages: readonly WireMessage[],
): Map<string, Stream> {
  const streams = new Map<string, Stream>();
  const streamOf = (conn: number, direction: string) => {
    const key = streamKey(conn, direction);
    let stream = streams.get(key);
    if (!stream) {
      stream = { messages: [], chunks: [] };
      streams.set(key, stream);
    }
    return stream;
  };
  for (const chunk of chunks) streamOf(chunk.conn, chunk.direction).chunks.push(chunk);
  for (const message of messages) streamOf(message.conn, message.direction).messages.push(message);
  return streams;
}

export const chunkRange = (chunk: WireChunk): Range => ({
  start: chunk.streamOffset,
  end: chunk.streamOffset + chunk.bytes.length,
});

/** The messages of `stream` that share at least one byte with `range`. */
export function messagesOver(stream: Stream | undefined, range: Range): WireMessage[] {
  if (!stream) return [];
  const found: WireMessage[] = [];
  for (let i = firstEndingAfter(stream.messages, range.start); i < stream.messages.length; i++) {
    const message = stream.messages[i] as WireMessage;
    if (message.start >= range.end) break;
    found.push(message);
  }
  return found;
}

export function layoutWire(input: {
  chunks: readonly WireChunk[];
  messages: readonly WireMessage[];
  direction: DirectionFilter;
  /** Only chunks carrying a byte of this call; null shows every chunk. */
  onlyCall: string | null;
  shownLimits: ReadonlyMap<number, number>;
}): WireLayout {
  const streams = groupStreams(input.chunks, input.messages);
  const previousAt = new Map<number, number | null>();
  const chunks: WireChunk[] = [];
  const rowStarts: number[] = [];
  let rows = 0;
  let lastAt: number | null = null;
  for (const chunk of input.chunks) {
    previousAt.set(chunk.seq, lastAt);
    if (chunk.at !== null) lastAt = chunk.at;
    if (input.direction !== 'all' && chunk.direction !== input.direction) continue;
    if (
      input.onlyCall !== null &&
      !messagesOver(streams.get(streamKey(chunk.conn, chunk.direction)), chunkRange(chunk)).some(
        (message) => message.callKey === input.onlyCall,
      )
    )
      continue;
    chunks.push(chunk);
    rowStarts.push(rows);
    const { shown, hidden } = shownBytes(
      chunk.bytes.length,
      input.shownLimits.get(chunk.seq) ?? null,
    );
    rows += 1 + rowCount(shown) + (hidden > 0 ? 1 : 0);
  }
  rowStarts.push(rows);
  return { chunks, rowStarts, previousAt, streams };
}

export function rowTotal(layout: WireLayout): number {
  return layout.rowStarts.at(-1) ?? 0;
}

/** The row at `index` (0 ≤ index < rowTotal), by binary search over the chunks' first rows. */
export function rowAt(
  layout: WireLayout,
  index: number,
  shownLimits: ReadonlyMap<number, number>,
): WireRow | null {
  let lo = 0;
  let hi = layout.chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((layout.rowStarts[mid] as number) <= index) lo = mid;
    else hi = mid - 1;
  }
  const chunk = layout.chunks[lo];
  if (!chunk || index >= rowTotal(layout)) return null;
  const within = index - (layout.rowStarts[lo] as number);
  if (within === 0) return { kind: 'header', chunk, index: lo };
  const { shown, hidden } = shownBytes(chunk.bytes.length, shownLimits.get(chunk.seq) ?? null);
  const row = within - 1;
  if (row < rowCount(shown)) return { kind: 'bytes', chunk, row };
  return { kind: 'notice', chunk, shown, hidden };
}

/** The first row of chunk `seq`, or null when the layout does not show it (dropped, filtered out). */
export function rowOfChunk(layout: WireLayout, seq: number): number | null {
  // Chunks are laid out in arrival order, which is the order of their numbers.
  let lo = 0;
  let hi = layout.chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((layout.chunks[mid] as WireChunk).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return layout.chunks[lo]?.seq === seq ? (layout.rowStarts[lo] ?? null) : null;
}

/** The first row of the first chunk holding a byte of `callKey`, to scroll it into view. */
export function firstRowOfCall(layout: WireLayout, callKey: string): number | null {
  for (const [i, chunk] of layout.chunks.entries()) {
    const stream = layout.streams.get(streamKey(chunk.conn, chunk.direction));
    if (messagesOver(stream, chunkRange(chunk)).some((m) => m.callKey === callKey))
      return layout.rowStarts[i] ?? null;
  }
  return null;
}
