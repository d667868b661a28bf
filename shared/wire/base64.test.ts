import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './base64';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('base64', () => {
  it('B64-1 writes the RFC 4648 test vectors', () => {
    const vectors = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'];
    expect(vectors.map((text) => toBase64(bytes(text)))).toEqual([
      '',
      'Zg==',
      'Zm8=',
      'Zm9v',
      'Zm9vYg==',
      'Zm9vYmE=',
      'Zm9vYmFy',
    ]);
    expect(toBase64(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('+/+/');
  });

  it('B64-2 reads back exactly what it writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        expect(fromBase64(toBase64(data))).toEqual(data);
      }),
    );
  });

  it('B64-2 refuses every other text, and takes only texts it would write', () => {
    for (const text of [
      'Zg=',
      'Zg',
      'Z===',
      '=Zg=',
      'Zm9v\n',
      'Zm-v',
      'Zm_v',
      'Zh==',
      'Zm9=',
      'Zg==Zg==',
    ]) {
      expect(fromBase64(text), text).toBeNull();
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const read = fromBase64(text);
        if (read !== null) expect(toBase64(read)).toBe(text);
      }),
    );
  });
});
