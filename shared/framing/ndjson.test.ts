import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SKIPPED_BYTES_KEPT } from './framer';
import { NdjsonError, NdjsonFramer } from './ndjson';
import {
  assertNeverThrows,
  assertRechunkingInvariant,
  bytesOf,
  cutsOf,
  noisyFrom,
  run,
  split,
  summary,
} from './test-kit';

const frame = (text: string) => summary(run(new NdjsonFramer(), [bytesOf(text)]));

describe('NdjsonFramer: examples', () => {
  it('ND5: a line longer than the limit is an error at its LF, keeping its first bytes; the next frames as usual', () => {
    const limit = 2 * MAX_SKIPPED_BYTES_KEPT;
    const long = `"${'a'.repeat(limit)}"`;
    const stream = bytesOf(`${long}\r\n{"id":1}\n`);
    const cuts = Array.from(
      { length: Math.floor(stream.length / 10_000) },
      (_, i) => (i + 1) * 10_000,
    );
    const events = run(new NdjsonFramer(limit), split(stream, cuts));
    expect(events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['error', 0, long.length + 1],
      ['message', long.length + 2, stream.length - 1],
    ]);
    const [error] = events as [NdjsonError];
    expect(error.code).toBe('too-large');
    expect(error.bytes).toEqual(stream.slice(0, MAX_SKIPPED_BYTES_KEPT));
    expect(error.reason).toBe(
      `the line at offset 0 is ${long.length + 1} bytes, over the ${limit}-byte limit for one message (too large); only its first ${MAX_SKIPPED_BYTES_KEPT} bytes are kept`,
    );
  });

  it('ND5: a line that never ends holds at most the kept bytes, and end() reports it', () => {
    const framer = new NdjsonFramer(1000);
    const zeros = new Uint8Array(100_000);
    for (let i = 0; i < 20; i++) expect(framer.push(zeros)).toEqual([]);
    const last = framer.end();
    expect(last).toMatchObject({ kind: 'error', code: 'too-large', start: 0, end: 2_000_000 });
    expect(last?.bytes.length).toBe(MAX_SKIPPED_BYTES_KEPT);
    expect((last as NdjsonError).reason).toMatch(
      /^the stream ended inside it: the line at offset 0 is 2000000 bytes/,
    );
    expect(framer.push(bytesOf('1\n'))).toMatchObject([
      { kind: 'message', start: 2_000_000, text: '1' },
    ]);
  });

  it('ND1: one message per line, span without the LF or CRLF, absolute offsets', () => {
    const events = run(new NdjsonFramer(), [bytesOf('{"id":1}\n["é"]\r\n 7 \n')]);
    expect(summary(events)).toEqual([
      ['message', 0, 8, '{"id":1}'],
      ['message', 9, 15, '["é"]'],
      ['message', 17, 20, ' 7 '],
    ]);
    expect(events[1]?.bytes).toEqual(bytesOf('["é"]'));
  });

  it('ND2: blank and whitespace-only lines are skipped', () => {
    expect(frame('\n  \r\n\t\n{}\n\n')).toEqual([['message', 7, 9, '{}']]);
  });

  it('ND3: a line that is not one JSON value is an error for that line only', () => {
    const events = run(new NdjsonFramer(), [bytesOf('{"a":1}{"b":2}\n{"c":\n[1]\n')]);
    expect(events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['error', 0, 14],
      ['error', 15, 20],
      ['message', 21, 24],
    ]);
    const [twoValues, cut] = events;
    expect(twoValues).toBeInstanceOf(NdjsonError);
    expect(twoValues?.kind === 'error' && twoValues.code).toBe('not-json');
    expect(twoValues?.kind === 'error' && twoValues.reason).toBe(
      'line is not one JSON value: more than one JSON value: a second one starts at offset 7',
    );
    expect(cut?.kind === 'error' && cut.reason).toMatch(/inside an object/);
  });

  it('ND3: garbage names the offending byte by its absolute offset', () => {
    const [, garbage] = run(new NdjsonFramer(), [bytesOf('1\nnope\n')]);
    expect(garbage?.kind === 'error' && garbage.reason).toBe(
      "line is not one JSON value: unexpected byte 0x6f 'o' at offset 3 (expected true, false or null)",
    );
  });

  it('ND4: a last line without LF is truncated at end(); a blank one is nothing', () => {
    const framer = new NdjsonFramer();
    expect(framer.push(bytesOf('{"id":1}\n{"id"'))).toHaveLength(1);
    const last = framer.end();
    expect(last).toBeInstanceOf(NdjsonError);
    expect(last && [last.kind, last.start, last.end]).toEqual(['error', 9, 14]);
    expect(last?.kind === 'error' && last.code).toBe('truncated');
    expect(run(new NdjsonFramer(), [bytesOf('[]\n  ')])).toHaveLength(1);
  });

  it('FM3: a line split at every position, a UTF-8 character included, frames the same', () => {
    const stream = bytesOf('{"k":"日本😀"}\r\n[1,2]\n');
    const whole = summary(run(new NdjsonFramer(), [stream]));
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        expect(summary(run(new NdjsonFramer(), split(stream, [a, b])))).toEqual(whole);
      }
    }
  });
});

const ndjsonStream = fc
  .array(
    fc.tuple(
      fc.jsonValue(),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom('', ' ', '\t'),
      fc.boolean(),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((lines) => {
    const texts: string[] = [];
    let text = '';
    for (const [value, terminator, pad, blankAfter] of lines) {
      const line = `${pad}${JSON.stringify(value)}${pad}`;
      texts.push(line);
      text += `${line}${terminator}${blankAfter ? ` ${terminator}` : ''}`;
    }
    return { bytes: bytesOf(text), texts };
  });

describe('NdjsonFramer: properties (fixed seeds)', () => {
  it('FM3: any re-chunking of a valid stream yields the same messages and offsets', () => {
    assertRechunkingInvariant(() => new NdjsonFramer(), ndjsonStream, 11);
  });

  it('ND5, FM3: with a small limit, any re-chunking gives the same messages and too-large errors', () => {
    fc.assert(
      fc.property(
        ndjsonStream.chain((s) => fc.tuple(fc.constant(s.bytes), cutsOf(s.bytes.length))),
        ([bytes, cuts]) => {
          const whole = summary(run(new NdjsonFramer(10), [bytes]));
          expect(summary(run(new NdjsonFramer(10), split(bytes, cuts)))).toEqual(whole);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });

  it('FM4: arbitrary bytes never throw anything; errors are NdjsonError', () => {
    const noisy = noisyFrom(
      ndjsonStream.map((s) => s.bytes),
      '{}[]":,\\ \r\n-0123e.tfnrue\u00e9',
    );
    assertNeverThrows(() => new NdjsonFramer(), NdjsonError, noisy, 12);
    assertNeverThrows(() => new NdjsonFramer(10), NdjsonError, noisy, 14);
  });
});
