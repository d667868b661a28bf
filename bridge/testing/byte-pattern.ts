/**
 * A deterministic byte stream for relay tests: byte n is n mod 251. The period
 * is prime, so it never lines up with chunk or frame sizes, and a lost, doubled
 * or reordered chunk shows up as a mismatch at a known offset.
 */

const PERIOD = 251;
/** Longest slice `slice()` hands out, and longest chunk `PatternChecker` checks in one compare. */
export const MAX_SLICE_BYTES = 4 * 1024 * 1024;

const pattern = Buffer.alloc(PERIOD + MAX_SLICE_BYTES);
for (let n = 0; n < pattern.length; n++) pattern[n] = n % PERIOD;

/** The `length` bytes of the stream that start at `offset` (a view, not a copy). */
export function slice(offset: number, length: number): Buffer {
  if (length > MAX_SLICE_BYTES) throw new Error(`slice of ${length} bytes is too long`);
  const start = offset % PERIOD;
  return pattern.subarray(start, start + length);
}

/** Checks chunks as they arrive without keeping them: all bytes, in order. */
export class PatternChecker {
  received = 0;
  /** The offset of the first wrong byte, or null while all is well. */
  firstMismatch: number | null = null;

  push(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length; at += MAX_SLICE_BYTES) {
      const part = chunk.subarray(at, at + MAX_SLICE_BYTES);
      if (this.firstMismatch === null && !slice(this.received, part.length).equals(part)) {
        const expected = slice(this.received, part.length);
        let n = 0;
        while (n < part.length && part[n] === expected[n]) n++;
        this.firstMismatch = this.received + n;
      }
      this.received += part.length;
    }
  }
}
