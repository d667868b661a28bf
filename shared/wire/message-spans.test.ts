import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coveredBytes, partsOf, type Range, segmentsOf } from './message-spans';

const r = (start: number, end: number): Range => ({ start, end });

/** A stream of `total` bytes cut at `cuts` (sorted, deduplicated, inside the stream). */
function cutInto(total: number, cuts: number[]): Range[] {
  const points = [...new Set(cuts.filter((cut) => cut > 0 && cut < total))].sort((a, b) => a - b);
  const edges = [0, ...points, total];
  return edges.slice(1).map((end, i) => r(edges[i] as number, end));
}

describe('message spans on chunks', () => {
  it('WM1: two messages in one chunk: both boundaries inside it', () => {
    const messages = [r(0, 10), r(10, 25)];
    expect(segmentsOf(r(0, 25), messages)).toEqual([
      { start: 0, end: 10, message: 0, opens: true, closes: true },
      { start: 10, end: 25, message: 1, opens: true, closes: true },
    ]);
  });

  it('WM2: one message split over three chunks: opens in the first, closes in the last', () => {
    const chunks = [r(100, 110), r(110, 130), r(130, 140)];
    const messages = [r(100, 138)];
    expect(chunks.map((chunk) => segmentsOf(chunk, messages))).toEqual([
      [{ start: 100, end: 110, message: 0, opens: true, closes: false }],
      [{ start: 110, end: 130, message: 0, opens: false, closes: false }],
      [
        { start: 130, end: 138, message: 0, opens: false, closes: true },
        { start: 138, end: 140, message: -1, opens: false, closes: false },
      ],
    ]);
    expect(partsOf(messages[0] as Range, chunks)).toEqual([
      { chunk: 0, offsetInChunk: 0, start: 100, end: 110 },
      { chunk: 1, offsetInChunk: 0, start: 110, end: 130 },
      { chunk: 2, offsetInChunk: 0, start: 130, end: 138 },
    ]);
  });

  it('WM3: bytes outside every message (whitespace, dropped history) are message -1', () => {
    expect(segmentsOf(r(0, 8), [r(2, 4)])).toEqual([
      { start: 0, end: 2, message: -1, opens: false, closes: false },
      { start: 2, end: 4, message: 0, opens: true, closes: true },
      { start: 4, end: 8, message: -1, opens: false, closes: false },
    ]);
    expect(segmentsOf(r(0, 4), [])).toEqual([
      { start: 0, end: 4, message: -1, opens: false, closes: false },
    ]);
  });

  it('WM4: a message starting mid-chunk is found at its offset inside the chunk', () => {
    const parts = partsOf(r(15, 40), [r(0, 20), r(20, 50)]);
    expect(parts).toEqual([
      { chunk: 0, offsetInChunk: 15, start: 15, end: 20 },
      { chunk: 1, offsetInChunk: 0, start: 20, end: 40 },
    ]);
    expect(coveredBytes(parts)).toBe(25);
    expect(coveredBytes(partsOf(r(15, 40), [r(30, 50)]))).toBe(10);
  });

  it('WM1–WM4 property: any chunking and any messages partition each chunk and reassemble each message', () => {
    const total = 300;
    fc.assert(
      fc.property(
        fc.array(fc.nat(total), { maxLength: 20 }),
        fc.array(fc.nat(total), { maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 21, maxLength: 21 }),
        (chunkCuts, messageCuts, keep) => {
          const chunks = cutInto(total, chunkCuts);
          // Some ranges between message cuts are messages, the rest are gaps.
          const messages = cutInto(total, messageCuts).filter((_, i) => keep[i]);
          for (const chunk of chunks) {
            const segments = segmentsOf(chunk, messages);
            expect(segments[0]?.start).toBe(chunk.start);
            expect(segments.at(-1)?.end).toBe(chunk.end);
            segments.forEach((segment, i) => {
              expect(segment.end).toBeGreaterThan(segment.start);
              if (i > 0) expect(segment.start).toBe(segments[i - 1]?.end);
              const message = messages[segment.message];
              if (message) {
                expect(segment.start).toBeGreaterThanOrEqual(message.start);
                expect(segment.end).toBeLessThanOrEqual(message.end);
                expect(segment.opens).toBe(segment.start === message.start);
                expect(segment.closes).toBe(segment.end === message.end);
              }
            });
          }
          for (const message of messages) {
            const parts = partsOf(message, chunks);
            expect(coveredBytes(parts)).toBe(message.end - message.start);
            expect(parts[0]?.start).toBe(message.start);
            expect(parts.at(-1)?.end).toBe(message.end);
            for (const part of parts) {
              const chunk = chunks[part.chunk] as Range;
              expect(chunk.start + part.offsetInChunk).toBe(part.start);
              expect(part.end).toBeLessThanOrEqual(chunk.end);
            }
          }
        },
      ),
      { seed: 2024, numRuns: 300 },
    );
  });
});
