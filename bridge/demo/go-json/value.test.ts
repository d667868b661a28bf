import { describe, expect, it } from 'vitest';
import { arrayItems, objectEntries, readValue } from './value';

const b = (text: string) => new TextEncoder().encode(text);

describe('readValue / objectEntries / arrayItems', () => {
  it('finds spans after whitespace, skipping brackets inside strings', () => {
    const bytes = b(' \n{"a" : "}]\\"", "b":[1, {"c":null}] } ');
    const object = readValue(bytes, 0);
    expect(object).toEqual({ kind: 'object', start: 2, end: bytes.length - 1 });
    const entries = objectEntries(bytes, object);
    expect(entries.map((e) => [new TextDecoder().decode(e.key), e.value.kind])).toEqual([
      ['a', 'string'],
      ['b', 'array'],
    ]);
    const b1 = entries[1]?.value;
    expect(b1 && arrayItems(bytes, b1).map((i) => i.kind)).toEqual(['number', 'object']);
  });

  it('unquotes keys', () => {
    const bytes = b('{"param\\u017f":1}');
    expect(new TextDecoder().decode(objectEntries(bytes, readValue(bytes, 0))[0]?.key)).toBe(
      'paramſ',
    );
  });

  it('handles nesting 10000 deep without recursion', () => {
    const bytes = b(`${'['.repeat(10000)}${']'.repeat(10000)}`);
    expect(readValue(bytes, 0).end).toBe(bytes.length);
  });

  it('ends literals at delimiters', () => {
    const bytes = b('[-1.5e+3,true,null]');
    expect(arrayItems(bytes, readValue(bytes, 0)).map((i) => [i.start, i.end])).toEqual([
      [1, 8],
      [9, 13],
      [14, 18],
    ]);
  });
});
