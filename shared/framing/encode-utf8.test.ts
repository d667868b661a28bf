import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeUtf8 } from './encode-utf8';

const reference = new TextEncoder();

describe('encodeUtf8', () => {
  it('gives the bytes TextEncoder gives, for any text (lone surrogates too)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 64 }),
          fc.string({ maxLength: 5000 }),
          fc.string({ unit: 'grapheme', maxLength: 32 }),
        ),
        (text) => {
          expect(encodeUtf8(text)).toEqual(reference.encode(text));
        },
      ),
    );
  });

  it('never writes over bytes it handed out, across slabs and texts that fall back halfway', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: fc.constantFrom('a', '{', '"', '\n', '9'), maxLength: 3000 }),
            fc.string({ unit: 'binary', maxLength: 40 }),
          ),
          { maxLength: 120 },
        ),
        (texts) => {
          const encoded = texts.map((text) => encodeUtf8(text));
          texts.forEach((text, i) => {
            expect(encoded[i]).toEqual(reference.encode(text));
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('hands out views no wider than their text: a frame copies exactly these bytes', () => {
    const first = encodeUtf8('{"id":0}\n');
    const second = encodeUtf8('{"id":1}\n');
    expect(first.byteLength).toBe(9);
    expect(second.byteLength).toBe(9);
    expect(new TextDecoder().decode(first)).toBe('{"id":0}\n');
    expect(new TextDecoder().decode(second)).toBe('{"id":1}\n');
  });
});
