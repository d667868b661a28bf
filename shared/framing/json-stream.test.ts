import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FramedMessage,
  type FramingError,
  JsonStreamError,
  JsonStreamFramer,
  MAX_DEPTH,
  MAX_SKIPPED_BYTES_KEPT,
} from './json-stream';
import { assertNeverThrows, bytesOf, cutsOf, run as runFramer, split } from './test-kit';

type Event = FramedMessage | FramingError;

const decoder = new TextDecoder();

/** Pushes the chunks in order, then ends the stream; returns every event. */
const run = (chunks: Uint8Array[]): Event[] => runFramer(new JsonStreamFramer(), chunks);

function summary(events: Event[]): Array<[string, number, number, string]> {
  return events.map((e) => [
    e.kind,
    e.start,
    e.end,
    e.kind === 'message' ? e.text : `${decoder.decode(e.bytes)} | ${e.reason}`,
  ]);
}

describe('JsonStreamFramer: hand-written cases', () => {
  it('FR1: a value is framed with absolute offsets, exact bytes and decoded text', () => {
    const stream = bytesOf(
      '{"id":1,"result":3,"error":null}\n{"id":0,"result":"é","error":null}\n',
    );
    const events = run([stream]);
    expect(summary(events)).toEqual([
      ['message', 0, 32, '{"id":1,"result":3,"error":null}'],
      ['message', 33, 68, '{"id":0,"result":"é","error":null}'],
    ]);
    const second = events[1] as FramedMessage;
    expect(second.bytes).toEqual(stream.slice(33, 68));
  });

  it('FR2: values may be concatenated or separated by space, tab, CR and LF', () => {
    expect(summary(run([bytesOf('{}[] \t\r\n"a"{"b":[]}')]))).toEqual([
      ['message', 0, 2, '{}'],
      ['message', 2, 4, '[]'],
      ['message', 8, 11, '"a"'],
      ['message', 11, 19, '{"b":[]}'],
    ]);
  });

  it('FR3: several messages per chunk and one message over many chunks', () => {
    const framer = new JsonStreamFramer();
    expect(framer.push(bytesOf('{"a":[1,'))).toEqual([]);
    expect(framer.push(bytesOf('2]'))).toEqual([]);
    const events = framer.push(bytesOf('}\n{"b":2}\n{"c"'));
    expect(summary(events)).toEqual([
      ['message', 0, 11, '{"a":[1,2]}'],
      ['message', 12, 19, '{"b":2}'],
    ]);
    expect(framer.offset).toBe(24);
  });

  it('FR3: a multi-byte UTF-8 character split across chunks decodes whole', () => {
    const stream = bytesOf('["日本€😀"]');
    for (let cut = 1; cut < stream.length; cut++) {
      expect(summary(run(split(stream, [cut])))).toEqual([
        ['message', 0, stream.length, '["日本€😀"]'],
      ]);
    }
  });

  it('FR4: every kind of top-level value, numbers ending at the first byte that cannot continue them', () => {
    expect(summary(run([bytesOf('true false null "s" -1.5e+3 0 [0]7')]))).toEqual([
      ['message', 0, 4, 'true'],
      ['message', 5, 10, 'false'],
      ['message', 11, 15, 'null'],
      ['message', 16, 19, '"s"'],
      ['message', 20, 27, '-1.5e+3'],
      ['message', 28, 29, '0'],
      ['message', 30, 33, '[0]'],
      ['message', 33, 34, '7'],
    ]);
  });

  it('FR4: a number at the very end of the stream completes only at end()', () => {
    const framer = new JsonStreamFramer();
    expect(framer.push(bytesOf(' 42'))).toEqual([]);
    const last = framer.end();
    expect(last?.kind).toBe('message');
    expect(last && summary([last])).toEqual([['message', 1, 3, '42']]);
  });

  it('FR5: braces, brackets, quotes and escapes inside strings are content', () => {
    const text = '{"a":"}]{[\\"\\\\","b\\u00e9":"\\/\\b\\f\\n\\r\\t"}';
    expect(summary(run([bytesOf(`${text}\n`)]))).toEqual([['message', 0, text.length, text]]);
  });

  it('FR6: a syntax error names the byte and offset, then resynchronises after the next newline', () => {
    const stream = '{"method":"A.B",,"id":1}\n{"id":2}\n';
    const events = run([bytesOf(stream)]);
    expect(events[0]).toBeInstanceOf(JsonStreamError);
    expect(events[0]?.kind === 'error' && events[0].code).toBe('syntax');
    expect(summary(events)).toEqual([
      [
        'error',
        0,
        25,
        `{"method":"A.B",,"id":1}\n | unexpected byte 0x2c ',' at offset 16 (expected a string key)`,
      ],
      ['message', 25, 33, '{"id":2}'],
    ]);
  });

  it('FR6: garbage between values, an error at a newline, and bad escapes', () => {
    expect(summary(run([bytesOf('garbage\n{}"ab\ncd"\n["\\x"]\n[1 2]\n')]))).toEqual([
      ['error', 0, 8, "garbage\n | unexpected byte 0x67 'g' at offset 0 (expected a JSON value)"],
      ['message', 8, 10, '{}'],
      [
        'error',
        10,
        14,
        '"ab\n | unexpected byte 0x0a at offset 13 (control characters must be escaped inside strings)',
      ],
      ['error', 14, 18, "cd\"\n | unexpected byte 0x63 'c' at offset 14 (expected a JSON value)"],
      [
        'error',
        18,
        25,
        '["\\x"]\n | unexpected byte 0x78 \'x\' at offset 21 (invalid escape sequence)',
      ],
      ['error', 25, 31, "[1 2]\n | unexpected byte 0x32 '2' at offset 28 (expected ',' or ']')"],
    ]);
  });

  it('FR6: numbers and literals are validated', () => {
    const reasons = ['01\n', '-x\n', '1.e5\n', '1e+\n', 'nul!\n', '[1,]\n', '{"a" 1}\n'].map(
      (text) => {
        const [event] = run([bytesOf(text)]);
        return event?.kind === 'error' ? event.reason : 'no error';
      },
    );
    expect(reasons).toEqual([
      "unexpected byte 0x31 '1' at offset 1 (leading zeros are not allowed)",
      "unexpected byte 0x78 'x' at offset 1 (expected a digit after '-')",
      "unexpected byte 0x65 'e' at offset 2 (expected a digit after '.')",
      'unexpected byte 0x0a at offset 3 (expected a digit in the exponent)',
      "unexpected byte 0x21 '!' at offset 3 (expected true, false or null)",
      "unexpected byte 0x5d ']' at offset 3 (expected a JSON value)",
      "unexpected byte 0x31 '1' at offset 5 (expected ':' after the key)",
    ]);
  });

  it('FR6: the error range spans chunks while skipping to the newline', () => {
    const framer = new JsonStreamFramer();
    expect(framer.push(bytesOf('{"a":}xx'))).toEqual([]);
    expect(framer.push(bytesOf('yy'))).toEqual([]);
    expect(summary(framer.push(bytesOf('z\n{}')))).toEqual([
      [
        'error',
        0,
        12,
        '{"a":}xxyyz\n | unexpected byte 0x7d \'}\' at offset 5 (expected a JSON value)',
      ],
      ['message', 12, 14, '{}'],
    ]);
  });

  it('FR7: a truncated message is an error at end(); trailing whitespace is not', () => {
    expect(summary(run([bytesOf('{"id":1}\n{"id":2,"res')]))).toEqual([
      ['message', 0, 8, '{"id":1}'],
      [
        'error',
        9,
        21,
        '{"id":2,"res | stream ended at offset 21 inside a string (truncated message)',
      ],
    ]);
    expect(run([bytesOf('[1,[')])[0]).toMatchObject({ code: 'truncated' });
    expect(summary(run([bytesOf('[1,[')]))).toEqual([
      ['error', 0, 4, '[1,[ | stream ended at offset 4 inside an array (truncated message)'],
    ]);
    expect(run([bytesOf('{} \n\t ')])).toHaveLength(1);
    expect(new JsonStreamFramer().end()).toBeNull();
  });

  it('FR7: a stream ending while skipping reports the skipped bytes', () => {
    expect(summary(run([bytesOf('}abc')]))).toEqual([
      ['error', 0, 4, "}abc | unexpected byte 0x7d '}' at offset 0 (expected a JSON value)"],
    ]);
  });

  it('FR9: skipped bytes kept for an error are bounded; the range still covers them', () => {
    const framer = new JsonStreamFramer();
    framer.push(bytesOf('x'));
    const filler = new Uint8Array(MAX_SKIPPED_BYTES_KEPT).fill(0x61);
    framer.push(filler);
    framer.push(filler);
    const [error] = framer.push(bytesOf('\n'));
    expect(error?.kind).toBe('error');
    expect(error?.end).toBe(2 * MAX_SKIPPED_BYTES_KEPT + 2);
    expect(error?.bytes.length).toBe(MAX_SKIPPED_BYTES_KEPT + 1);
  });

  it('FR10: a value longer than the limit is an error at its end, keeping its first bytes; the next frames as usual', () => {
    const limit = 2 * MAX_SKIPPED_BYTES_KEPT;
    const big = `["${'a'.repeat(limit)}"]`;
    const stream = bytesOf(`${big}\n{"id":1}`);
    const chunk = 10_000;
    const chunks = split(
      stream,
      Array.from({ length: Math.floor(stream.length / chunk) }, (_, i) => (i + 1) * chunk),
    );
    const framer = new JsonStreamFramer(0, limit);
    const events = runFramer(framer, chunks);
    expect(events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['error', 0, big.length],
      ['message', big.length + 1, stream.length],
    ]);
    const [error] = events as [JsonStreamError];
    expect(error.code).toBe('too-large');
    expect(error.bytes).toEqual(stream.slice(0, MAX_SKIPPED_BYTES_KEPT));
    expect(error.reason).toBe(
      `the value at offset 0 is ${big.length} bytes, over the ${limit}-byte limit for one message (too large); only its first ${MAX_SKIPPED_BYTES_KEPT} bytes are kept`,
    );
  });

  it('FR10: the verdict is by size alone: one push or many, at the limit a message, past it an error', () => {
    const limit = 40;
    for (const size of [limit, limit + 1]) {
      const value = `"${'b'.repeat(size - 2)}"`;
      const stream = bytesOf(`${value} 7 `);
      const whole = summary(runFramer(new JsonStreamFramer(0, limit), [stream]));
      expect(whole[0]?.[0]).toBe(size === limit ? 'message' : 'error');
      expect(whole[1]).toEqual(['message', size + 1, size + 2, '7']);
      for (let cut = 1; cut < stream.length; cut++) {
        expect(summary(runFramer(new JsonStreamFramer(0, limit), split(stream, [cut])))).toEqual(
          whole,
        );
      }
    }
  });

  it('FR10: a value that never ends holds at most the kept bytes, and end() reports it truncated', () => {
    const limit = 1000;
    const framer = new JsonStreamFramer(0, limit);
    framer.push(bytesOf('['));
    const element = bytesOf('1,'.repeat(50_000));
    for (let i = 0; i < 20; i++) expect(framer.push(element)).toEqual([]);
    const last = framer.end();
    expect(last).toMatchObject({ kind: 'error', code: 'truncated', start: 0 });
    expect(last?.end).toBe(1 + 20 * element.length);
    expect(last?.bytes.length).toBe(MAX_SKIPPED_BYTES_KEPT);
  });

  it('FR11: nesting deeper than Go allows is a syntax error; the stream resumes after the newline', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 1)}\n[1]`;
    const events = run([bytesOf(deep)]);
    expect(events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['error', 0, MAX_DEPTH + 2],
      ['message', MAX_DEPTH + 2, MAX_DEPTH + 5],
    ]);
    expect((events[0] as JsonStreamError).reason).toBe(
      `unexpected byte 0x5b '[' at offset ${MAX_DEPTH} (nested deeper than ${MAX_DEPTH} levels)`,
    );
    const [ok] = run([bytesOf(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`)]);
    expect(ok?.kind).toBe('message');
  });
});

describe('JsonStreamFramer: every split position', () => {
  const stream = bytesOf(
    '{"id":0,"result":{"name":"Zoë 日本","list":[1,-2.5e3,true,null]},"error":null}\n' +
      '{"id":"a\\"b\\\\","result":null,"error":"divide by zero"}\n' +
      ' [ "😀", {"k":{}} ]\t"plain"\r\n{"id":1.5e3,"result":[],"error":null}\n',
  );
  const whole = summary(run([stream]));

  it('FR3: the stream holds several messages and no error', () => {
    expect(whole.map(([kind]) => kind)).toEqual([
      'message',
      'message',
      'message',
      'message',
      'message',
    ]);
    expect(stream.length).toBeGreaterThan(190);
  });

  it('FR3: every 1-cut chunking gives the same messages', () => {
    for (let a = 0; a <= stream.length; a++) {
      expect(summary(run(split(stream, [a])))).toEqual(whole);
    }
  });

  it('FR3: every 2-cut chunking gives the same messages', () => {
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        const events = summary(run(split(stream, [a, b])));
        if (JSON.stringify(events) !== JSON.stringify(whole)) {
          expect({ cuts: [a, b], events }).toEqual({ cuts: [a, b], events: whole });
        }
      }
    }
  });
});

const whitespace = fc.stringMatching(/^[ \t\r\n]{0,3}$/);

/** A stream of JSON values, each serialised compactly or with an indent, joined by whitespace. */
const validStream = fc
  .array(fc.tuple(fc.jsonValue(), fc.boolean(), whitespace), { minLength: 1, maxLength: 6 })
  .map((items) =>
    items
      .map(
        ([value, indent, space]) =>
          `${JSON.stringify(value, null, indent ? 2 : undefined)}${space}`,
      )
      .join(' '),
  );

describe('JsonStreamFramer: properties (fixed seeds)', () => {
  /** A valid stream and where to cut it. */
  const rechunked = validStream.chain((text) =>
    fc.tuple(fc.constant(bytesOf(text)), cutsOf(bytesOf(text).length)),
  );
  /** Random bytes, valid streams, and JSON's own characters in any order. */
  const noisy = fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    validStream.map((text) => bytesOf(text)),
    fc.string({ unit: fc.constantFrom(...'{}[]":,\\ \n-0123e.tfnrue\u00e9') }).map(bytesOf),
  );

  it('FR3: any re-chunking of a valid stream yields the same messages as one push', () => {
    fc.assert(
      fc.property(rechunked, ([bytes, cuts]) => {
        const whole = run([bytes]);
        expect(whole.every((e) => e.kind === 'message')).toBe(true);
        expect(summary(run(split(bytes, cuts)))).toEqual(summary(whole));
        for (const event of whole) {
          expect(JSON.parse(decoder.decode(bytes.slice(event.start, event.end)))).toEqual(
            JSON.parse((event as FramedMessage).text),
          );
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('FR8, FM4: arbitrary bytes never throw; errors are JsonStreamError; offsets are monotonic and within consumed bytes', () => {
    assertNeverThrows(() => new JsonStreamFramer(), JsonStreamError, noisy, 7, {
      numRuns: 500,
      // FR1, FR9: a message's bytes, and an error's too while under the cap, are its whole range.
      checkEvent: (event, bytes) =>
        expect(event.bytes).toEqual(bytes.slice(event.start, event.end)),
    });
  });

  it('FR10, FM3: with a small limit, any re-chunking gives the same messages and too-large errors', () => {
    fc.assert(
      fc.property(rechunked, ([bytes, cuts]) => {
        const framer = () => new JsonStreamFramer(0, 12);
        const whole = summary(runFramer(framer(), [bytes]));
        expect(summary(runFramer(framer(), split(bytes, cuts)))).toEqual(whole);
      }),
      { seed: 43, numRuns: 300 },
    );
  });

  it('FR10, FM4: with a small limit, arbitrary bytes never throw and events stay in order', () => {
    assertNeverThrows(() => new JsonStreamFramer(0, 12), JsonStreamError, noisy, 8, {
      numRuns: 500,
    });
  });
});
