import type { ConnId } from './bridge-protocol';

/**
 * Binary frames carry payload bytes with a small fixed header:
 *   write (page → bridge):  u8 0x01 | u32 conn | u32 write id | payload
 *   read  (bridge → page):  u8 0x02 | u32 conn | f64 at       | payload
 * Big-endian. A write id lets the bridge's `written` report name the write.
 */

export const FRAME_WRITE = 0x01;
export const FRAME_READ = 0x02;
const WRITE_HEADER = 9;
const READ_HEADER = 13;

export type WriteFrame = { kind: 'write'; conn: ConnId; write: number; payload: Uint8Array };
export type ReadFrame = { kind: 'read'; conn: ConnId; at: number; payload: Uint8Array };

export function encodeWriteFrame(conn: ConnId, write: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(WRITE_HEADER + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, FRAME_WRITE);
  view.setUint32(1, conn);
  view.setUint32(5, write);
  out.set(payload, WRITE_HEADER);
  return out;
}

export function encodeReadFrame(conn: ConnId, at: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(READ_HEADER + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, FRAME_READ);
  view.setUint32(1, conn);
  view.setFloat64(5, at);
  out.set(payload, READ_HEADER);
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
  return {
    kind: 'read',
    conn: view.getUint32(1),
    at: view.getFloat64(5),
    payload: bytes.subarray(READ_HEADER),
  };
}
