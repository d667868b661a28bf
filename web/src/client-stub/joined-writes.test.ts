import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinWrites } from './joined-writes';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('joinWrites', () => {
  it('joins requests in order up to the byte cap; a larger request goes alone', () => {
    const requests = ['aa', 'bbb', 'c', 'dddddd', 'e'].map((t) => ({ bytes: bytesOf(t), item: t }));
    const joined = joinWrites(requests, 5);
    expect(joined.map((w) => textOf(w.bytes))).toEqual(['aabbb', 'c', 'dddddd', 'e']);
    expect(joined[0]?.parts).toEqual([
      { start: 0, end: 2, item: 'aa' },
      { start: 2, end: 5, item: 'bbb' },
    ]);
  });

  it('keeps a lone request’s own buffer', () => {
    const bytes = bytesOf('{"id":0}\n');
    expect(joinWrites([{ bytes, item: 0 }], 1024)[0]?.bytes).toBe(bytes);
  });

  it('any requests and cap: the writes hold every byte in order, parts tile each write', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 20 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 64 }),
        (chunks, cap) => {
          const joined = joinWrites(
            chunks.map((bytes, item) => ({ bytes, item })),
            cap,
          );
          expect(joined.flatMap((w) => w.parts.map((p) => p.item))).toEqual(
            chunks.map((_, i) => i),
          );
          for (const write of joined) {
            expect(write.bytes.length <= cap || write.parts.length === 1).toBe(true);
            let at = 0;
            for (const part of write.parts) {
              expect(part.start).toBe(at);
              expect([...write.bytes.subarray(part.start, part.end)]).toEqual([
                ...(chunks[part.item] as Uint8Array),
              ]);
              at = part.end;
            }
            expect(at).toBe(write.bytes.length);
          }
        },
      ),
    );
  });
});
