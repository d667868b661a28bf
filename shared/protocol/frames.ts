import type { ConnId } from './bridge-protocol';

/**
 * Binary frames carry payload bytes with a small fixed header:
 *   write (page → bridge):  u8 0x01 | u32 conn | u32 write id | payload
 *   read  (bridge → page):  u8 0x02 | u32 conn | f64 at | u16 n | n × ack | payload
 *   ack:                    u32 write id | u32 bytes | f64 at
 * Big-endian. A write id lets the bridge's ack (`written`) name the write.
 * A read frame carries the acks of its connection's writes that completed
 * since the last frame: an answer usually follows its request within
 * microseconds, and one frame wakes the page once where two would wake it
 * twice (docs/benchmarks.md). Acks with no read to ride on go as `written`.
 */

export const FRAME_WRITE = 0x01;
export const FRAME_READ = 0x02;
const WRITE_HEADER = 9;
const READ_HEADER = 15;
const ACK_SIZE = 16;
/** The most acks one read frame can carry (u16 count). */
export const MAX_ACKS_PER_READ = 0xffff;

/** One page write the bridge handed completely to the socket (step 3), at `at` on the bridge clock. */
export type WriteAck = { write: number; bytes: number; at: number };
export type WriteFrame = { kind: 'write'; conn: ConnId; write: number; payload: Uint8Array };
export type ReadFrame = {
  kind: 'read';
  conn: ConnId;
  at: number;
  /** Writes on this connection that completed before these bytes were read, oldest first. */
  acks: WriteAck[];
  payload: Uint8Array;
};

export function encodeWriteFrame(conn: ConnId, write: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(WRITE_HEADER + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, FRAME_WRITE);
  view.setUint32(1, conn);
  view.setUint32(5, write);
  out.set(payload, WRITE_HEADER);
  return out;
}

export function encodeReadFrame(
  conn: ConnId,
  at: number,
  payload: Uint8Array,
  acks: readonly WriteAck[] = [],
): Uint8Array {
  if (acks.length > MAX_ACKS_PER_READ) throw new RangeError(`at most ${MAX_ACKS_PER_READ} acks`);
  const start = READ_HEADER + acks.length * ACK_SIZE;
  const out = new Uint8Array(start + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, FRAME_READ);
  view.setUint32(1, conn);
  view.setFloat64(5, at);
  view.setUint16(13, acks.length);
  let offset = READ_HEADER;
  for (const ack of acks) {
    view.setUint32(offset, ack.write);
    view.setUint32(offset + 4, ack.bytes);
    view.setFloat64(offset + 8, ack.at);
    offset += ACK_SIZE;
  }
  out.set(payload, start);
  return out;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Returns the frame, or a sentence saying why the bytes are not a write frame. */
export function decodeWriteFrame(bytes: Uint8Array): WriteFrame | string {
  if (bytes.length < WRITE_HEADER) return `binary frame too short (${bytes.length} bytes)`;
  const view = viewOf(bytes);
  if (view.getUint8(0) !== FRAME_WRITE)
    return `unknown binary frame kind 0x${view.getUint8(0).toString(16)}`;
  return {
    kind: 'write',
    conn: view.getUint32(1),
    write: view.getUint32(5),
    payload: bytes.subarray(WRITE_HEADER),
  };
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
    payload: bytes.subarray(start),
  };
}
