import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsGoneAbove } from './rows-gone-above';

const rows = (keys: string) => [...keys].map((key) => ({ key }));

describe('rowsGoneAbove', () => {
  it('counts the rows removed above the index, not those below it', () => {
    expect(rowsGoneAbove(rows('abcdef'), rows('cdefgh'), 4)).toBe(2);
    expect(rowsGoneAbove(rows('abcdef'), rows('acdf'), 3)).toBe(1);
    expect(rowsGoneAbove(rows('abcdef'), rows('acdf'), 6)).toBe(2);
  });

  it('counts nothing when nothing was removed, or at the top', () => {
    expect(rowsGoneAbove(rows('abc'), rows('abcd'), 3)).toBe(0);
    expect(rowsGoneAbove(rows('abc'), rows('c'), 0)).toBe(0);
  });

  it('stops at the end of the old rows', () => {
    expect(rowsGoneAbove(rows('abc'), rows('d'), 10)).toBe(3);
  });

  it('equals the removed rows whose old position is above the index', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 60 }),
        fc.nat(5),
        fc.nat(70),
        (removed, appended, index) => {
          const before = removed.map((_, i) => ({ key: `k${i}` }));
          const after = before
            .filter((_, i) => !removed[i])
            .concat(Array.from({ length: appended }, (_, i) => ({ key: `n${i}` })));
          const expected = removed.slice(0, index).filter(Boolean).length;
          expect(rowsGoneAbove(before, after, index)).toBe(expected);
        },
      ),
    );
  });
});
