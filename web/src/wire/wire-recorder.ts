import type { SentSpan, WireStore } from '../stores/wire-store';

/**
 * What the client stub tells the Wire view, in the stub's own words: the
 * bytes it handed the bridge and the bridge's ack, the chunks the bridge
 * read, and where its framer found each message. Optional for the stub, so
 * its tests and the benchmark run without one.
 */
export type WireRecorder = {
  /**
   * The stub asked the bridge to write requests' bytes (write id from
   * bridge.write): one request, or a burst slice's several, each span its call's.
   */
  requestWritten(
    conn: number,
    writeId: number,
    bytes: Uint8Array,
    requests: string | readonly SentSpan[],
  ): void;
  /** The bridge's `written` ack: it wrote that write's last byte at `at` (bridge clock). */
  writeAcked(writeId: number, at: number): void;
  /** A `read` event: one TCP chunk as the bridge read it at `at` (bridge clock). */
  chunkRead(conn: number, bytes: Uint8Array, at: number): void;
  /** The framer reported stream bytes [start, end) as one message (or one framing error). */
  messageFramed(conn: number, start: number, end: number, callKey: string | null): void;
};

export function createWireRecorder(wire: WireStore): WireRecorder {
  return {
    requestWritten: (conn, writeId, bytes, requests) =>
      wire.getState().sent(conn, writeId, bytes, requests),
    writeAcked: (writeId, at) => wire.getState().acked(writeId, at),
    chunkRead: (conn, bytes, at) => wire.getState().received(conn, bytes, at),
    messageFramed: (conn, start, end, callKey) => wire.getState().framed(conn, start, end, callKey),
  };
}
