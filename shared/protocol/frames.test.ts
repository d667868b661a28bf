import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReadFrame, encodeReadFrame, MAX_ACKS_PER_READ, type WriteAck } from './frames';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const ack = fc.record({
  write: u32,
  bytes: u32,
  at: fc.double({ noNaN: true }),
});

describe('read frames with acks', () => {
  it('carry acks and payload unchanged, also from an offset view', () => {
    fc.assert(
      fc.property(
        u32,
        fc.double({ noNaN: true }),
        fc.array(ack, { maxLength: 20 }),
        fc.uint8Array(),
        (conn, at, acks, payload) => {
          const frame = encodeReadFrame(conn, at, payload, acks);
          const shifted = new Uint8Array(frame.length + 5);
          shifted.set(frame, 5);
          expect(decodeReadFrame(shifted.subarray(5))).toEqual({
            kind: 'read',
            conn,
            at,
            acks,
            payload,
          });
        },
      ),
    );
  });

  it('never throw on arbitrary bytes: a frame or a sentence', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoded = decodeReadFrame(bytes);
        if (typeof decoded !== 'string') {
          expect(decoded.payload.length).toBe(bytes.length - 15 - decoded.acks.length * 16);
        }
      }),
    );
  });

  it('say so when the ack count claims more than the frame holds', () => {
    const frame = encodeReadFrame(1, 2, new Uint8Array(0), [{ write: 1, bytes: 2, at: 3 }]);
    expect(decodeReadFrame(frame.subarray(0, frame.length - 1))).toMatch(
      /too short for its 1 acks/,
    );
  });

  it('refuse more acks than the count can say', () => {
    const acks: WriteAck[] = Array.from({ length: MAX_ACKS_PER_READ + 1 }, (_, write) => ({
      write,
      bytes: 1,
      at: 0,
    }));
    expect(() => encodeReadFrame(1, 0, new Uint8Array(0), acks)).toThrow(RangeError);
  });
});
