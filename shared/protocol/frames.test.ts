import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeReadFrame,
  decodeWriteFrame,
  encodeReadFrame,
  encodeReadFrameInto,
  encodeWriteFrame,
  MAX_ACKS_PER_READ,
  MAX_WRITES_PER_FRAME,
  readFrameSize,
  type WriteAck,
  writeFrameSize,
} from './frames';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const ack = fc.record({
  write: u32,
  bytes: u32,
  at: fc.double({ noNaN: true }),
});

const readFrameInput = fc.record({
  conn: u32,
  at: fc.double({ noNaN: true }),
  acks: fc.array(ack, { maxLength: 20 }),
  payload: fc.uint8Array(),
});

describe('read frames with acks', () => {
  it('carry acks and payload unchanged, also from an offset view', () => {
    fc.assert(
      fc.property(readFrameInput, ({ conn, at, acks, payload }) => {
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
      }),
    );
  });

  it('encode after a header in a larger buffer the same bytes as on their own', () => {
    fc.assert(
      fc.property(readFrameInput, fc.nat({ max: 10 }), ({ conn, at, acks, payload }, headroom) => {
        const size = readFrameSize(acks.length, payload.length);
        const buffer = new Uint8Array(headroom + size).fill(0xee);
        encodeReadFrameInto(buffer, headroom, conn, at, payload, acks);
        expect(buffer.subarray(0, headroom).every((byte) => byte === 0xee)).toBe(true);
        expect(buffer.subarray(headroom)).toEqual(encodeReadFrame(conn, at, payload, acks));
      }),
    );
  });

  it('refuse to encode into a buffer that the frame would not fill exactly', () => {
    const payload = new Uint8Array(3);
    const size = readFrameSize(0, payload.length);
    expect(size).toBe(18);
    expect(() => encodeReadFrameInto(new Uint8Array(size + 3), 2, 1, 0, payload)).toThrow(
      /read frame of 18 bytes, not 19/,
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

const pageWrite = fc.record({ conn: u32, write: u32, payload: fc.uint8Array({ maxLength: 64 }) });

describe('write frames with many writes', () => {
  it('carry every write in order, also from an offset view, each payload back to back', () => {
    fc.assert(
      fc.property(fc.array(pageWrite, { minLength: 1, maxLength: 20 }), (writes) => {
        const frame = encodeWriteFrame(writes);
        const payloadBytes = writes.reduce((sum, w) => sum + w.payload.length, 0);
        expect(frame.length).toBe(writeFrameSize(writes.length, payloadBytes));
        const shifted = new Uint8Array(frame.length + 7);
        shifted.set(frame, 7);
        const decoded = decodeWriteFrame(shifted.subarray(7));
        expect(decoded).toEqual({ kind: 'write', writes });
        if (typeof decoded === 'string') return;
        // A connection's consecutive writes can go to its socket as one slice of the frame.
        for (let i = 1; i < decoded.writes.length; i++) {
          const before = decoded.writes[i - 1]?.payload;
          const after = decoded.writes[i]?.payload;
          expect(after?.byteOffset).toBe((before?.byteOffset ?? 0) + (before?.length ?? 0));
          expect(after?.buffer).toBe(shifted.buffer);
        }
      }),
    );
  });

  it('never throw on arbitrary bytes: a frame whose writes fill it exactly, or a sentence', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const decoded = decodeWriteFrame(bytes);
        if (typeof decoded === 'string') return;
        const payloadBytes = decoded.writes.reduce((sum, w) => sum + w.payload.length, 0);
        expect(bytes.length).toBe(writeFrameSize(decoded.writes.length, payloadBytes));
        expect(decoded.writes.length).toBeGreaterThan(0);
      }),
    );
  });

  it('say what is wrong: no write, a short entry table, a short payload, bytes left over', () => {
    const write = (payload: Uint8Array) => encodeWriteFrame([{ conn: 1, write: 2, payload }]);
    const frame = write(new Uint8Array([1, 2, 3]));
    expect(decodeWriteFrame(new Uint8Array([0x01, 0, 0]))).toBe('write frame carries no write');
    expect(decodeWriteFrame(frame.subarray(0, 10))).toMatch(/too short for its 1 writes/);
    expect(decodeWriteFrame(frame.subarray(0, frame.length - 1))).toMatch(
      /too short for the 3 bytes of write 1/,
    );
    const longer = new Uint8Array(frame.length + 2);
    longer.set(frame);
    expect(decodeWriteFrame(longer)).toBe('write frame has 2 bytes after its writes');
  });

  it('refuse to encode no write or more than the count can say', () => {
    expect(() => encodeWriteFrame([])).toThrow(RangeError);
    const many = Array.from({ length: MAX_WRITES_PER_FRAME + 1 }, (_, write) => ({
      conn: 1,
      write,
      payload: new Uint8Array(0),
    }));
    expect(() => encodeWriteFrame(many)).toThrow(RangeError);
    expect(decodeWriteFrame(encodeWriteFrame(many.slice(1)))).toMatchObject({
      writes: { length: MAX_WRITES_PER_FRAME },
    });
  });
});
