import { describe, expect, it } from 'vitest';
import { JsonValueStream, type StreamItem } from './scanner';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Pushes `chunks`, then (optionally) EOF, collecting everything next() yields. */
function drain(chunks: string[], eof: boolean): string[] {
  const stream = new JsonValueStream();
  const out: string[] = [];
  const take = () => {
    for (let item: StreamItem = stream.next(); ; item = stream.next()) {
      if (item.type === 'value') out.push(text(item.bytes).trim());
      else {
        if (item.type !== 'need-more') out.push(`<${item.type}>`);
        return item.type;
      }
    }
  };
  for (const chunk of chunks) {
    stream.push(bytes(chunk));
    if (take() === 'error') return out;
  }
  if (eof) {
    stream.end();
    take();
  }
  return out;
}

describe('JsonValueStream (Go json.Decoder framing)', () => {
  it('splits concatenated values with or without whitespace', () => {
    expect(drain(['{"a":1}{"b":2} \n[3]'], false)).toEqual(['{"a":1}', '{"b":2}', '[3]']);
  });

  it('yields the same values however the bytes are split', () => {
    const input = ' {"a":[1,{"b":"x\\"y"}]}\n{"c":-1.5e+3} null {"d":"\\u00e9"}';
    const whole = drain([input], true);
    expect(whole).toEqual([
      '{"a":[1,{"b":"x\\"y"}]}',
      '{"c":-1.5e+3}',
      'null',
      '{"d":"\\u00e9"}',
      '<eof>',
    ]);
    for (let i = 0; i <= input.length; i++) {
      expect(drain([input.slice(0, i), input.slice(i)], true)).toEqual(whole);
    }
  });

  it('ends an object at its brace but a top-level literal only at the next byte', () => {
    expect(drain(['{}'], false)).toEqual(['{}']);
    expect(drain(['null'], false)).toEqual([]);
    expect(drain(['null'], true)).toEqual(['null', '<eof>']);
    expect(drain(['12'], false)).toEqual([]);
    expect(drain(['12 '], false)).toEqual(['12']);
  });

  it('ends a literal at a non-space byte, then fails on that byte if it starts nothing', () => {
    expect(drain(['null{}'], false)).toEqual(['null', '{}']);
    expect(drain(['5x'], false)).toEqual(['5', '<error>']);
  });

  it('reports syntax errors and stays failed', () => {
    expect(drain(['{"a":1,,}', '{}'], false)).toEqual(['<error>']);
    expect(drain(["{'a':1}"], false)).toEqual(['<error>']);
    expect(drain(['{"a":"\t"}'], false)).toEqual(['<error>']);
    expect(drain(['{"a":"\\x"}'], false)).toEqual(['<error>']);
    expect(drain(['{"a":01}'], false)).toEqual(['<error>']);
    expect(drain(['{"a":1.}'], false)).toEqual(['<error>']);
    expect(drain(['{"a":tru }'], false)).toEqual(['<error>']);
  });

  it('accepts invalid UTF-8 inside strings', () => {
    const stream = new JsonValueStream();
    stream.push(Uint8Array.from([0x22, 0xff, 0xfe, 0x22, 0x20]));
    expect(stream.next().type).toBe('value');
  });

  it('distinguishes EOF between values from EOF inside one', () => {
    expect(drain(['  \n'], true)).toEqual(['<eof>']);
    expect(drain(['{"a":'], true)).toEqual(['<error>']);
    expect(drain(['"abc'], true)).toEqual(['<error>']);
  });

  it('allows nesting 10000 deep and fails at 10001, like Go', () => {
    expect(drain([`${'['.repeat(10000)}${']'.repeat(10000)}`], false)).toHaveLength(1);
    expect(drain(['['.repeat(10001)], false)).toEqual(['<error>']);
  });
});
