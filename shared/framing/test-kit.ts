/**
 * Test-only helpers shared by the framers' tests: feeding chunks, cutting a
 * stream, and the two properties every framer must have (FM3, FM4).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { concatBytes, type FramedMessage, type Framer, type FramerError } from './framer';

const encoder = new TextEncoder();

export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

export function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.slice(from, cut));
    from = cut;
  }
  return chunks;
}

export type AnyFramer = Framer<FramedMessage, FramerError>;

/** Pushes the chunks in order, then ends the stream; returns every event. */
export function run<F extends AnyFramer>(framer: F, chunks: Uint8Array[]): ReturnType<F['push']> {
  const events = chunks.flatMap((chunk) => framer.push(chunk));
  const last = framer.end();
  if (last) events.push(last);
  return events as ReturnType<F['push']>;
}

/** What must not depend on chunking: kind, offsets, payload text or reason. */
export function summary(events: Array<FramedMessage | FramerError>): unknown[] {
  return events.map((e) =>
    e.kind === 'message'
      ? ['message', e.start, e.end, e.text]
      : [e.code, e.start, e.end, Array.from(e.bytes).join(','), e.reason],
  );
}

export const cutsOf = (length: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: 12 })
    .map((cuts) => cuts.sort((x, y) => x - y));

/** FM3: any re-chunking of a valid stream gives the same messages, offsets and payloads. */
export function assertRechunkingInvariant(
  makeFramer: () => AnyFramer,
  validStream: fc.Arbitrary<{ bytes: Uint8Array; texts: string[] }>,
  seed: number,
): void {
  fc.assert(
    fc.property(
      validStream.chain((stream) => fc.tuple(fc.constant(stream), cutsOf(stream.bytes.length))),
      ([stream, cuts]) => {
        const whole = run(makeFramer(), [stream.bytes]);
        expect(whole.map((e) => (e.kind === 'message' ? e.text : e.reason))).toEqual(stream.texts);
        expect(summary(run(makeFramer(), split(stream.bytes, cuts)))).toEqual(summary(whole));
      },
    ),
    { seed, numRuns: 200 },
  );
}

/**
 * FM4: arbitrary bytes, cut anywhere, never throw; every error is the
 * framer's own class; events come in stream order within the bytes consumed,
 * and an error's bytes are (a prefix of) the bytes of its range. A framer
 * that promises more checks it in `checkEvent`, run on every event.
 */
export function assertNeverThrows(
  makeFramer: () => AnyFramer,
  errorClass: abstract new (...args: never[]) => FramerError,
  noisy: fc.Arbitrary<Uint8Array>,
  seed: number,
  {
    numRuns = 300,
    checkEvent,
  }: {
    numRuns?: number;
    checkEvent?: (event: FramedMessage | FramerError, bytes: Uint8Array) => void;
  } = {},
): void {
  fc.assert(
    fc.property(
      noisy.chain((bytes) => fc.tuple(fc.constant(bytes), cutsOf(bytes.length))),
      ([bytes, cuts]) => {
        const framer = makeFramer();
        let lastEnd = 0;
        const check = (event: FramedMessage | FramerError) => {
          expect(event.start).toBeGreaterThanOrEqual(lastEnd);
          expect(event.end).toBeGreaterThan(event.start);
          expect(event.end).toBeLessThanOrEqual(framer.offset);
          if (event.kind === 'error') {
            expect(event).toBeInstanceOf(errorClass);
            expect(event.bytes).toEqual(bytes.slice(event.start, event.start + event.bytes.length));
            expect(event.bytes.length).toBeLessThanOrEqual(event.end - event.start);
          }
          checkEvent?.(event, bytes);
          lastEnd = event.end;
        };
        for (const chunk of split(bytes, cuts)) {
          const before = framer.offset;
          const events = framer.push(chunk);
          expect(framer.offset).toBe(before + chunk.length);
          for (const event of events) check(event);
        }
        const last = framer.end();
        if (last) check(last);
      },
    ),
    { seed, numRuns },
  );
}

/** Random bytes, or a valid stream with a few bytes overwritten, cut short or doubled. */
export function noisyFrom(
  valid: fc.Arbitrary<Uint8Array>,
  alphabet: string,
): fc.Arbitrary<Uint8Array> {
  const mutated = valid.chain((bytes) =>
    fc
      .array(
        fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 0, max: 255 })),
        {
          maxLength: 4,
        },
      )
      .chain((edits) =>
        fc.nat({ max: bytes.length }).map((cut) => {
          const copy = bytes.slice();
          for (const [at, value] of edits) if (at < copy.length) copy[at] = value;
          return cut % 3 === 0
            ? copy.slice(0, cut)
            : cut % 3 === 1
              ? concatBytes([copy, copy])
              : copy;
        }),
      ),
  );
  return fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    mutated,
    fc.string({ unit: fc.constantFrom(...alphabet) }).map(bytesOf),
  );
}
