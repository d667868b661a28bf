/**
 * The header of a server's binary WebSocket message (RFC 6455 §5.2: FIN,
 * opcode 2, not masked), written in front of its payload in one buffer. The
 * bridge writes the page's read frames to its socket so, in one write:
 * `ws.send` corks the socket, writes header and payload apart and uncorks
 * them into a writev, which cost each sequential call ~13 µs on our VM
 * (docs/benchmarks.md). Everything else (text, ping, close) still goes
 * through `ws`; both write the same socket in call order, and `ws`'s sender
 * never queues without compression or Blobs.
 */

const FIN_BINARY = 0x82;
const LENGTH_16 = 126;
const LENGTH_64 = 127;

/** Bytes of the header in front of a payload of `length` bytes. */
export function binaryHeaderSize(length: number): number {
  if (length < LENGTH_16) return 2;
  return length <= 0xffff ? 4 : 10;
}

/** Writes the header for a payload of `length` bytes at the start of `message`; returns its size. */
export function writeBinaryHeader(message: Uint8Array, length: number): number {
  message[0] = FIN_BINARY;
  if (length < LENGTH_16) {
    message[1] = length;
    return 2;
  }
  if (length <= 0xffff) {
    message[1] = LENGTH_16;
    message[2] = length >>> 8;
    message[3] = length & 0xff;
    return 4;
  }
  message[1] = LENGTH_64;
  new DataView(message.buffer, message.byteOffset + 2, 8).setBigUint64(0, BigInt(length));
  return 10;
}
