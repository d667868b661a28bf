import { describe, expect, it } from 'vitest';
import { unquote } from './unquote';

const quoted = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)),
  );
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('unquote (Go unquoteBytes)', () => {
  it('decodes short and \\u escapes', () => {
    expect(new TextDecoder().decode(unquote(quoted('"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"')))).toBe(
      'a"\\/\b\f\n\r\té',
    );
  });

  it('joins a surrogate pair and replaces a lone or mispaired surrogate with U+FFFD', () => {
    expect(new TextDecoder().decode(unquote(quoted('"\\ud83d\\ude00"')))).toBe('😀');
    expect(new TextDecoder().decode(unquote(quoted('"\\ud800x"')))).toBe('\ufffdx');
    expect(new TextDecoder().decode(unquote(quoted('"\\udc00\\ud800\\u0041"')))).toBe(
      '\ufffd\ufffdA',
    );
  });

  it('replaces each byte of invalid UTF-8 with U+FFFD and keeps valid multibyte runes', () => {
    expect(hex(unquote(quoted('"', [0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80], 'é"')))).toBe(
      'efbfbdefbfbd28efbfbdefbfbdefbfbdc3a9',
    );
  });
});
