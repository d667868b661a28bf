import { describe, expect, it } from 'vitest';
import { foldFunc } from './fold';

const b = (text: string) => new TextEncoder().encode(text);
const matches = (name: string, key: string) => foldFunc(b(name))(b(name), b(key));

describe('foldFunc (Go 1.19 fold.go)', () => {
  it('folds ASCII case for letter-only names', () => {
    expect(matches('method', 'METHOD')).toBe(true);
    expect(matches('id', 'iD')).toBe(true);
    expect(matches('id', 'idx')).toBe(false);
    expect(matches('X', 'x')).toBe(true);
  });

  it('accepts long s for s and the Kelvin sign for k in names containing them', () => {
    expect(matches('params', 'param\u017f')).toBe(true);
    expect(matches('params', 'PARAM\u017f')).toBe(true);
    expect(matches('Ms', 'M\u017f')).toBe(true);
    expect(matches('kind', '\u212aind')).toBe(true);
    expect(matches('params', '\u017farams')).toBe(false);
    expect(matches('params', 'paramss')).toBe(false);
  });

  it('does not fold the Kelvin sign for names without k or s', () => {
    expect(matches('X', '\u212a')).toBe(false);
  });

  it('compares non-letters exactly for names with digits or punctuation', () => {
    expect(matches('a_1', 'A_1')).toBe(true);
    expect(matches('a_1', 'A-1')).toBe(false);
  });
});
