import { describe, expect, it } from 'vitest';
import { formatSize, INITIAL_SHOWN_BYTES, moreLimit, shownBytes } from './truncation';

describe('truncation policy', () => {
  it('WT1: a small chunk is shown whole; a 1 MiB one shows the first 4 KiB and counts the rest', () => {
    expect(shownBytes(100, null)).toEqual({ shown: 100, hidden: 0 });
    expect(shownBytes(1024 * 1024, null)).toEqual({
      shown: INITIAL_SHOWN_BYTES,
      hidden: 1024 * 1024 - INITIAL_SHOWN_BYTES,
    });
  });

  it('WT2: "show more" grows by steps up to the whole chunk, never past it', () => {
    const length = 1024 * 1024;
    const limits: number[] = [];
    let limit: number | null = null;
    while (shownBytes(length, limit).hidden > 0) {
      limit = moreLimit(length, limit);
      limits.push(limit);
    }
    expect(limits).toEqual([32 * 1024, 256 * 1024, 1024 * 1024]);
    expect(moreLimit(10, null)).toBe(10);
  });

  it('sizes read at a glance', () => {
    expect([512, 4096, 1024 * 1024].map(formatSize)).toEqual(['512 B', '4.0 KiB', '1.00 MiB']);
  });
});
