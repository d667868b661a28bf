import type { ConnId } from './bridge-protocol';

/**
 * Binary frames carry payload bytes with a small fixed header:
 *   write (page → bridge):  u8 0x01 | u16 n | n × (u32 conn | u32 write id | u32 bytes) | payloads
 *   read  (bridge → page):  u8 0x02 | u32 conn | f64 at | u16 n | n × ack | payload
 *   ack:                    u32 write id | u32 bytes | f64 at
 * Big-endian. A write id lets the bridge's ack (`written`) name the write.
 * One write frame carries every write the page made in one turn, payloads
 * back to back in order: pipelined calls cost one WebSocket message, not one
 * each (docs/benchmarks.md). A read frame carries the acks of its
 * connection's writes that completed since the last frame: an answer usually
 * follows its request within microseconds, and one frame wakes the page once
 * where two would wake it twice. Acks with no read to ride on go as `written`.
 */

export const FRAME_WRITE = 0x01;
export const FRAME_READ = 0x02;
const WRITE_HEADER = 3;
const WRITE_ENTRY = 12;
const READ_HEADER = 15;
const ACK_SIZE = 16;
/** The most writes one write frame can carry (u16 count). */
export const MAX_WRITES_PER_FRAME = 0xffff;
/** The most acks one read frame can carry (u16 count). */
export const MAX_ACKS_PER_READ = 0xffff;

/** One page write the bridge handed completely to the socket (step 3), at `at` on the bridge clock. */
export type WriteAck = { write: number; bytes: number; at: number };
/** Bytes the page asks the bridge to send on a connection, named by a write id. */
export type PageWrite = { conn: ConnId; write: number; payload: Uint8Array };
export type WriteFrame = { kind: 'write'; writes: PageWrite[] };
export type ReadFrame = {
  kind: 'read';
  conn: ConnId;
  at: number;
  /** Writes on this connection that completed before these bytes were read, oldest first. */
  acks: WriteAck[];
  payload: Uint8Array;
};

/** Bytes of a write frame carrying `writes` writes of `payloadBytes` bytes in all. */
export function writeFrameSize(writes: number, payloadBytes: number): number {
  return WRITE_HEADER + writes * WRITE_ENTRY + payloadBytes;
}

export function encodeWriteFrame(writes: readonly PageWrite[]): Uint8Array {
  if (writes.length === 0 || writes.length > MAX_WRITES_PER_FRAME) {
    throw new RangeError(`a write frame carries 1 to ${MAX_WRITES_PER_FRAME} writes`);
  }
  let payloadBytes = 0;
  for (const { payload } of writes) payloadBytes += payload.length;
  const out = new Uint8Array(writeFrameSize(writes.length, payloadBytes));
  const view = new DataView(out.buffer);
  view.setUint8(0, FRAME_WRITE);
  view.setUint16(1, writes.length);
  let entry = WRITE_HEADER;
  let offset = WRITE_HEADER + writes.length * WRITE_ENTRY;
  for (const { conn, write, payload } of writes) {
    view.setUint32(entry, conn);
    view.setUint32(entry + 4, write);
    view.setUint32(entry + 8, payload.length);
    out.set(payload, offset);
    entry += WRITE_ENTRY;
    offset += payload.length;
  }
  return out;
}

/** Bytes of a read frame carrying `acks` acks and `payloadBytes` bytes. */
export function readFrameSize(acks: number, payloadBytes: number): number {
  return READ_HEADER + acks * ACK_SIZE + payloadBytes;
}

export function encodeReadFrame(
  conn: ConnId,
  at: number,
  payload: Uint8Array,
  acks: readonly WriteAck[] = [],
): Uint8Array {
  const out = new Uint8Array(readFrameSize(acks.length, payload.length));
  encodeReadFrameInto(out, 0, conn, at, payload, acks);
  return out;
}

/**
 * Writes a read frame into `out` from index `from` to its end: the bridge
 * puts it straight after a WebSocket header, one buffer per message.
 */
export function encodeReadFrameInto(
  out: Uint8Array,
  from: number,
  conn: ConnId,
  at: number,
  payload: Uint8Array,
  acks: readonly WriteAck[] = [],
): void {
  if (acks.length > MAX_ACKS_PER_READ) throw new RangeError(`at most ${MAX_ACKS_PER_READ} acks`);
  const size = readFrameSize(acks.length, payload.length);
  if (out.length - from !== size) {
    throw new RangeError(`a read frame of ${size} bytes, not ${out.length - from}`);
  }
  const view = viewOf(out);
  view.setUint8(from, FRAME_READ);
  view.setUint32(from + 1, conn);
  view.setFloat64(from + 5, at);
  view.setUint16(from + 13, acks.length);
  let offset = from + READ_HEADER;
  for (const ack of acks) {
    view.setUint32(offset, ack.write);
    view.setUint32(offset + 4, ack.bytes);
    view.setFloat64(offset + 8, ack.at);
    offset += ACK_SIZE;
  }
  out.set(payload, offset);
}

/**
 * A plain Uint8Array over part of `bytes`. Not `subarray`: on a Node Buffer
 * that goes through the species constructor, a cost per relayed message.
 */
function viewAt(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + offset, length);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Returns the frame, or a sentence saying why the bytes are not a write
 * frame. Each payload is a view into `bytes`, so a connection's consecutive
 * writes lie back to back in memory.
 */
export function decodeWriteFrame(bytes: Uint8Array): WriteFrame | string {
  if (bytes.length < WRITE_HEADER) return `binary frame too short (${bytes.length} bytes)`;
  const view = viewOf(bytes);
  if (view.getUint8(0) !== FRAME_WRITE)
    return `unknown binary frame kind 0x${view.getUint8(0).toString(16)}`;
  const count = view.getUint16(1);
  if (count === 0) return 'write frame carries no write';
  let offset = WRITE_HEADER + count * WRITE_ENTRY;
  if (bytes.length < offset) {
    return `write frame of ${bytes.length} bytes is too short for its ${count} writes`;
  }
  const writes: PageWrite[] = [];
  for (let entry = WRITE_HEADER; entry < WRITE_HEADER + count * WRITE_ENTRY; entry += WRITE_ENTRY) {
    const length = view.getUint32(entry + 8);
    if (offset + length > bytes.length) {
      return `write frame of ${bytes.length} bytes is too short for the ${length} bytes of write ${writes.length + 1}`;
    }
    writes.push({
      conn: view.getUint32(entry),
      write: view.getUint32(entry + 4),
      payload: viewAt(bytes, offset, length),
    });
    offset += length;
  }
  if (offset !== bytes.length) {
    return `write frame has ${bytes.length - offset} bytes after its writes`;
  }
  return { kind: 'write', writes };
}

export function decodeReadFrame(bytes: Uint8Array): ReadFrame | string {
  if (bytes.length < READ_HEADER) return `binary frame too short (${bytes.length} bytes)`;
  const view = viewOf(bytes);
  if (view.getUint8(0) !== FRAME_READ)
    return `unknown binary frame kind 0x${view.getUint8(0).toString(16)}`;
  const count = view.getUint16(13);
  const start = READ_HEADER + count * ACK_SIZE;
  if (bytes.length < start) {
    return `read frame of ${bytes.length} bytes is too short for its ${count} acks`;
  }
  const acks: WriteAck[] = [];
  for (let offset = READ_HEADER; offset < start; offset += ACK_SIZE) {
    acks.push({
      write: view.getUint32(offset),
      bytes: view.getUint32(offset + 4),
      at: view.getFloat64(offset + 8),
    });
  }
  return {
    kind: 'read',
    conn: view.getUint32(1),
    at: view.getFloat64(5),
    acks,
    payload: viewAt(bytes, start, bytes.length - start),
  };
}
