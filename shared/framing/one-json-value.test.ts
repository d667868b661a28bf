import { describe, expect, it } from 'vitest';
import { oneJsonValueProblem } from './one-json-value';
import { bytesOf } from './test-kit';

describe('oneJsonValueProblem', () => {
  it('FM5: exactly one JSON value, whitespace around it allowed, a bare number included', () => {
    for (const text of ['{}', ' [1] ', '\t"s"\r', '42', ' -1.5e3 ']) {
      expect(oneJsonValueProblem(bytesOf(text), 0)).toBeNull();
    }
  });

  it('FM5: none, two, a cut or a bad value is a problem naming absolute offsets', () => {
    expect(oneJsonValueProblem(bytesOf('  '), 10)).toBe('no JSON value (only whitespace)');
    expect(oneJsonValueProblem(bytesOf('{} []'), 10)).toBe(
      'more than one JSON value: a second one starts at offset 13',
    );
    expect(oneJsonValueProblem(bytesOf('1 2'), 0)).toBe(
      'more than one JSON value: a second one starts at offset 2',
    );
    expect(oneJsonValueProblem(bytesOf('{"a":'), 10)).toBe(
      'the payload ends at offset 15 inside an object',
    );
    expect(oneJsonValueProblem(bytesOf('[1,]'), 10)).toBe(
      "unexpected byte 0x5d ']' at offset 13 (expected a JSON value)",
    );
  });
});
