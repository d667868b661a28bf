import { describe, expect, it } from 'vitest';
import { compact, encodeLine, encodeString } from './encode';

const b = (text: string) => new TextEncoder().encode(text);
const s = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('encodeString (Go 1.19 encodeState.string, escapeHTML)', () => {
  it('uses short escapes only for quote, backslash, \\n, \\r, \\t', () => {
    expect(s(encodeString(b('"\\\n\r\t\b\f\u0001\u001f')))).toBe(
      '"\\"\\\\\\n\\r\\t\\u0008\\u000c\\u0001\\u001f"',
    );
  });

  it('escapes HTML characters and U+2028/U+2029, keeps DEL and other runes raw', () => {
    expect(s(encodeString(b('<a&b>\u2028\u2029\u007fé')))).toBe(
      `"\\u003ca\\u0026b\\u003e\\u2028\\u2029\u007f${s(b('é'))}"`,
    );
  });

  it('writes each invalid UTF-8 byte as \\ufffd', () => {
    expect(s(encodeString(Uint8Array.from([0x61, 0xff, 0xc3, 0x28])))).toBe('"a\\ufffd\\ufffd("');
  });
});

describe('compact (escape on)', () => {
  it('drops whitespace outside strings and HTML-escapes inside', () => {
    expect(s(compact(b(' { "a" : [1, 2], "b c" : "<\\" >" } ')))).toBe(
      '{"a":[1,2],"b c":"\\u003c\\" \\u003e"}',
    );
  });

  it('escapes raw U+2028 but leaves escapes and invalid bytes as sent', () => {
    expect(s(compact(Uint8Array.from([...b('"\u2028\\u00e9'), 0xff, 0x22])))).toBe(
      '"\\u2028\\u00e9\xff"',
    );
  });
});

describe('encodeLine', () => {
  it('writes structs in field order followed by a newline', () => {
    const line = encodeLine({
      type: 'struct',
      fields: [
        ['id', { type: 'raw', value: b('"x"') }],
        ['result', { type: 'int', value: -3n }],
        ['error', { type: 'null' }],
      ],
    });
    expect(s(line)).toBe('{"id":"x","result":-3,"error":null}\n');
  });
});
