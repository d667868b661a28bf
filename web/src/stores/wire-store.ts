import { createStore } from 'zustand/vanilla';
import { moreLimit } from '../../../shared/wire/truncation';

export type WireDirection = 'sent' | 'received';

/** One write the page asked the bridge for, or one read the bridge reported: the bytes as they went. */
export type WireChunk = {
  /** Page-wide running number; survives older chunks being dropped. */
  seq: number;
  conn: number;
  direction: WireDirection;
  /** Absolute offset of the first byte in its conn's stream in that direction. */
  streamOffset: number;
  bytes: Uint8Array;
  /** Bridge clock: when the bridge wrote it (null until its `written` ack) or read it. */
  at: number | null;
  writeId: number | null;
};

/** A message the client stub framed: a request it wrote, or a reply (or framing error) it read. */
export type WireMessage = {
  seq: number;
  conn: number;
  direction: WireDirection;
  start: number;
  end: number;
  /** The call it belongs to; null for stray bytes (unmatched, late, undecodable, framing error). */
  callKey: string | null;
};

export type DirectionFilter = 'all' | WireDirection;

/** One request inside a sent chunk: bytes [start, end) from the chunk's first byte, and its call. */
export type SentSpan = { start: number; end: number; callKey: string };

/**
 * Memory is bounded: a page left open on a chatty server must not grow
 * without end. Past either cap the oldest chunks (and messages) are dropped
 * and counted, and the view says so.
 */
export const MAX_KEPT_BYTES = 48 * 1024 * 1024;
export const MAX_KEPT_CHUNKS = 20_000;
export const MAX_KEPT_MESSAGES = 20_000;
/** Past a cap, drop down to this share of it at once, so dropping is rare and amortised. */
const KEEP_AFTER_DROP = 0.9;

export type WireState = {
  /**
   * Oldest first. Appended in place: a copy per chunk would make a burst of
   * thousands quadratic. Subscribers watch `version`, bumped on every change.
   */
  chunks: readonly WireChunk[];
  messages: readonly WireMessage[];
  version: number;
  keptBytes: number;
  dropped: { chunks: number; bytes: number };
  /** Bridge clock of the first chunk ever recorded: times are shown relative to it. */
  firstAt: number | null;
  direction: DirectionFilter;
  selectedCallOnly: boolean;
  /** Message selected in the Wire view (its seq); the call it belongs to is selected in the calls store. */
  selectedMessage: number | null;
  /** Bytes shown of a chunk, by chunk seq, after "show more" (the default is in shared/wire/truncation). */
  shownLimits: ReadonlyMap<number, number>;

  /** `requests`: a call key when the chunk is one request, else where each request sits in it. */
  sent(
    conn: number,
    writeId: number,
    bytes: Uint8Array,
    requests: string | readonly SentSpan[],
  ): void;
  acked(writeId: number, at: number): void;
  received(conn: number, bytes: Uint8Array, at: number): void;
  framed(conn: number, start: number, end: number, callKey: string | null): void;
  setDirection(direction: DirectionFilter): void;
  setSelectedCallOnly(on: boolean): void;
  selectMessage(seq: number | null): void;
  showMore(chunkSeq: number): void;
  /** Replaces every chunk and message with a session's (session/open-session.ts). */
  replaceRecord(record: WireRecord): void;
};

/** What the wire store records, as a session file carries it: no page-wide numbers, every write done. */
export type WireRecord = {
  chunks: ReadonlyArray<Omit<WireChunk, 'seq' | 'writeId'>>;
  messages: ReadonlyArray<Omit<WireMessage, 'seq'>>;
  dropped: WireState['dropped'];
};

export type WireStore = ReturnType<typeof createWireStore>;

export function createWireStore() {
  const chunks: WireChunk[] = [];
  const messages: WireMessage[] = [];
  /** Next stream offset per conn and direction. */
  const offsets = new Map<string, number>();
  /** Sent chunks waiting for their ack, by write id. */
  const unacked = new Map<number, WireChunk>();
  let nextChunk = 0;
  let nextMessage = 0;

  const take = (conn: number, direction: WireDirection, length: number): number => {
    const key = `${conn}:${direction}`;
    const offset = offsets.get(key) ?? 0;
    offsets.set(key, offset + length);
    return offset;
  };

  const addChunk = (state: WireState, chunk: WireChunk): Partial<WireState> => {
    chunks.push(chunk);
    let keptBytes = state.keptBytes + chunk.bytes.length;
    let dropped = state.dropped;
    if (keptBytes > MAX_KEPT_BYTES || chunks.length > MAX_KEPT_CHUNKS) {
      let drop = 0;
      let droppedBytes = 0;
      // The newest chunk always stays, however large.
      while (
        drop < chunks.length - 1 &&
        (keptBytes - droppedBytes > MAX_KEPT_BYTES * KEEP_AFTER_DROP ||
          chunks.length - drop > MAX_KEPT_CHUNKS * KEEP_AFTER_DROP)
      ) {
        const gone = chunks[drop] as WireChunk;
        if (gone.writeId !== null) unacked.delete(gone.writeId);
        droppedBytes += gone.bytes.length;
        drop += 1;
      }
      chunks.splice(0, drop);
      keptBytes -= droppedBytes;
      dropped = { chunks: dropped.chunks + drop, bytes: dropped.bytes + droppedBytes };
    }
    return { keptBytes, dropped, firstAt: state.firstAt ?? chunk.at };
  };

  const addMessage = (message: WireMessage) => {
    messages.push(message);
    if (messages.length > MAX_KEPT_MESSAGES)
      messages.splice(0, messages.length - Math.floor(MAX_KEPT_MESSAGES * KEEP_AFTER_DROP));
  };

  const replace = (record: WireRecord): Partial<WireState> => {
    chunks.length = 0;
    messages.length = 0;
    offsets.clear();
    unacked.clear();
    let keptBytes = 0;
    let firstAt: number | null = null;
    for (const chunk of record.chunks) {
      chunks.push({ ...chunk, seq: nextChunk++, writeId: null });
      offsets.set(`${chunk.conn}:${chunk.direction}`, chunk.streamOffset + chunk.bytes.length);
      keptBytes += chunk.bytes.length;
      if (chunk.at !== null) firstAt = Math.min(firstAt ?? chunk.at, chunk.at);
    }
    for (const message of record.messages) messages.push({ ...message, seq: nextMessage++ });
    return {
      keptBytes,
      dropped: record.dropped,
      firstAt,
      selectedMessage: null,
      shownLimits: new Map(),
    };
  };

  return createStore<WireState>()((set) => ({
    chunks,
    messages,
    version: 0,
    keptBytes: 0,
    dropped: { chunks: 0, bytes: 0 },
    firstAt: null,
    direction: 'all',
    selectedCallOnly: false,
    selectedMessage: null,
    shownLimits: new Map(),

    sent: (conn, writeId, bytes, requests) =>
      set((state) => {
        const start = take(conn, 'sent', bytes.length);
        const chunk: WireChunk = {
          seq: nextChunk++,
          conn,
          direction: 'sent',
          streamOffset: start,
          bytes,
          at: null,
          writeId,
        };
        unacked.set(writeId, chunk);
        const spans =
          typeof requests === 'string'
            ? [{ start: 0, end: bytes.length, callKey: requests }]
            : requests;
        for (const span of spans) {
          addMessage({
            seq: nextMessage++,
            conn,
            direction: 'sent',
            start: start + span.start,
            end: start + span.end,
            callKey: span.callKey,
          });
        }
        return { ...addChunk(state, chunk), version: state.version + 1 };
      }),
    acked: (writeId, at) =>
      set((state) => {
        const chunk = unacked.get(writeId);
        if (!chunk) return {};
        unacked.delete(writeId);
        chunk.at = at;
        return {
          version: state.version + 1,
          firstAt: state.firstAt === null ? at : Math.min(state.firstAt, at),
        };
      }),
    received: (conn, bytes, at) =>
      set((state) => {
        if (bytes.length === 0) return {};
        const chunk: WireChunk = {
          seq: nextChunk++,
          conn,
          direction: 'received',
          streamOffset: take(conn, 'received', bytes.length),
          bytes,
          at,
          writeId: null,
        };
        return { ...addChunk(state, chunk), version: state.version + 1 };
      }),
    framed: (conn, start, end, callKey) =>
      set((state) => {
        addMessage({ seq: nextMessage++, conn, direction: 'received', start, end, callKey });
        return { version: state.version + 1 };
      }),
    setDirection: (direction) => set({ direction }),
    setSelectedCallOnly: (selectedCallOnly) => set({ selectedCallOnly }),
    selectMessage: (selectedMessage) => set({ selectedMessage }),
    showMore: (chunkSeq) =>
      set((state) => {
        const first = chunks[0]?.seq ?? 0;
        const chunk = chunks[chunkSeq - first];
        if (!chunk) return {};
        const shownLimits = new Map(state.shownLimits);
        shownLimits.set(
          chunkSeq,
          moreLimit(chunk.bytes.length, state.shownLimits.get(chunkSeq) ?? null),
        );
        return { shownLimits };
      }),
    replaceRecord: (record) => set((state) => ({ ...replace(record), version: state.version + 1 })),
  }));
}
