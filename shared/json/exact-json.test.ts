import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalId,
  ExactJsonError,
  isJsonObject,
  isLosslessNumber,
  parseExact,
  prettyExact,
  stringifyExact,
} from './exact-json';
import { compactJsonText } from './json-text';
import { broken, numberText, stringText, valueText } from './test-kit';

describe('parseExact / stringifyExact', () => {
  it('EJ1: numbers keep their source text', () => {
    for (const text of ['9007199254740993', '1.5e3', '-0.0E+1', '123456789012345678901234567890']) {
      const value = parseExact(text);
      expect(isLosslessNumber(value)).toBe(true);
      expect(stringifyExact(value)).toBe(text);
    }
    expect(stringifyExact(parseExact('{ "a" : [1.50, 2e10 ] }'))).toBe('{"a":[1.50,2e10]}');
  });

  it('EJ1: indent pretty-prints', () => {
    expect(stringifyExact(parseExact('{"a":[1]}'), 2)).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('EJ2: invalid JSON throws ExactJsonError with the position', () => {
    let caught: unknown;
    try {
      parseExact('{"method":"A.B",,}');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExactJsonError);
    expect((caught as ExactJsonError).position).toBe(16);
    expect(() => parseExact('')).toThrow(ExactJsonError);
    expect(() => parseExact('[1,]')).toThrow(ExactJsonError);
  });

  it('EJ3: a duplicate key keeps the last value', () => {
    expect(stringifyExact(parseExact('{"a":1,"b":2,"a":3}'))).toBe('{"a":3,"b":2}');
  });

  it('EJ4: __proto__ stays a plain own key and never becomes a prototype', () => {
    const value = parseExact('{"__proto__":{"polluted":true},"a":1}');
    if (!isJsonObject(value)) throw new Error('expected an object');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(stringifyExact(value)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });
});

describe('prettyExact', () => {
  it('JT2: keeps digits, escapes and key order', () => {
    expect(prettyExact('{"2":1,"a":[9007199254740993,{}],"s":"\\u003c"}')).toBe(
      '{\n  "2": 1,\n  "a": [\n    9007199254740993,\n    {}\n  ],\n  "s": "\\u003c"\n}',
    );
    expect(prettyExact(' 1.5e3 ')).toBe('1.5e3');
    expect(() => prettyExact('{')).toThrow(ExactJsonError);
  });
});

describe('canonicalId', () => {
  it('EJ5: Go’s HTML-escaped echo equals the sent string', () => {
    expect(canonicalId('"\\u003cb\\u003e\\u0026"')).toBe(canonicalId('"<b>&"'));
    expect(canonicalId('"\\u0041"')).toBe(canonicalId('"A"'));
    expect(canonicalId('"\\/"')).toBe(canonicalId('"/"'));
  });

  it('EJ5: whitespace inside objects and arrays is ignored', () => {
    expect(canonicalId('{"a" : [1, 2]}')).toBe(canonicalId('{"a":[1,2]}'));
    expect(canonicalId('{"a":{"b":["\\u0078", null, true]}}')).toBe(
      canonicalId(' { "a" : { "b" : [ "x" , null , true ] } } '),
    );
  });

  it('EJ5: big integers keep every digit; numbers compare by source text', () => {
    expect(canonicalId('123456789012345678901234567890')).toBe('123456789012345678901234567890');
    expect(canonicalId('9007199254740993')).not.toBe(canonicalId('9007199254740992'));
    expect(canonicalId('1.5e3')).not.toBe(canonicalId('1500'));
    expect(canonicalId('"1"')).not.toBe(canonicalId('1'));
  });

  it('EJ5: ids that are their own canonical form skip the parse and give what it gives', () => {
    const ids = fc.oneof(numberText, stringText, valueText, valueText.map(compactJsonText));
    fc.assert(
      fc.property(fc.oneof(ids, broken(ids)), (text) => {
        let exact: string | Error;
        try {
          exact = stringifyExact(parseExact(text));
        } catch (error) {
          exact = error as Error;
        }
        if (typeof exact === 'string') expect(canonicalId(text)).toBe(exact);
        else expect(() => canonicalId(text)).toThrow(exact.message);
      }),
      { seed: 5, numRuns: 2000 },
    );
  });
});
