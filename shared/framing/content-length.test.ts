import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContentLengthError,
  ContentLengthFramer,
  type ContentLengthMessage,
  encodeContentLengthMessage,
  MAX_BODY_BYTES,
} from './content-length';
import { concatBytes } from './framer';
import { MAX_HEAD_BYTES } from './header-block';
import {
  assertNeverThrows,
  assertRechunkingInvariant,
  bytesOf,
  noisyFrom,
  run,
  split,
} from './test-kit';

type Event = ContentLengthMessage | ContentLengthError;

const frame = (...parts: string[]): Event[] =>
  run(new ContentLengthFramer(), [bytesOf(parts.join(''))]);

const brief = (events: Event[]) =>
  events.map((e) =>
    e.kind === 'message' ? ['message', e.start, e.end, e.text] : [e.code, e.start, e.end],
  );

describe('ContentLengthFramer: examples', () => {
  it('CL1: header and body spans, the payload as text, two messages in one chunk', () => {
    const events = frame(
      'Content-Length: 8\r\n\r\n{"id":1}',
      'Content-Length: 14\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"r":"日本"}',
    );
    expect(brief(events)).toEqual([
      ['message', 0, 29, '{"id":1}'],
      ['message', 29, 122, '{"r":"日本"}'],
    ]);
    const [first, second] = events as ContentLengthMessage[];
    expect(first?.header).toEqual({ start: 0, end: 21 });
    expect(first?.body).toEqual({ start: 21, end: 29 });
    expect(first?.contentType).toBeNull();
    expect(second?.contentType).toBe('application/vscode-jsonrpc; charset=utf-8');
    expect(second?.headers.map(([name]) => name)).toEqual(['Content-Length', 'Content-Type']);
  });

  it('CL2: names are case-insensitive, a bare LF ends lines, other headers are kept', () => {
    expect(brief(frame('content-length: 2\nX-Trace: a\n\n[]'))).toEqual([['message', 0, 32, '[]']]);
  });

  it('CL3: a missing, unreadable or disagreeing length is a typed error with the header offsets', () => {
    const events = frame(
      'Content-Type: x\r\n\r\n',
      'Content-Length: 1e3\r\n\r\n',
      'Content-Length: 2, 3\r\n\r\n',
      'Content-Length: 2\r\n\r\n[]',
    );
    expect(brief(events)).toEqual([
      ['missing-length', 0, 19],
      ['bad-length', 19, 42],
      ['bad-length', 42, 66],
      ['message', 66, 89, '[]'],
    ]);
    expect(events.every((e) => e.kind === 'message' || e instanceof ContentLengthError)).toBe(true);
    expect(events[0]?.kind === 'error' && events[0].reason).toBe(
      'the header block has no Content-Length (message from offset 0 to 19)',
    );
  });

  it('CL3: a header line that is not "Name: value" is bad-header', () => {
    const [error] = frame('Content-Length 2\r\n\r\n[]');
    expect(error?.kind === 'error' && [error.code, error.reason]).toEqual([
      'bad-header',
      'malformed header line 1 "Content-Length 2" (expected "Name: value") (message from offset 0 to 20)',
    ]);
  });

  it('CL4: a length shorter than the body is length-mismatch, the rest skipped to the next header', () => {
    const events = frame('Content-Length: 5\r\n\r\n{"id":1}', 'Content-Length: 2\r\n\r\n{}');
    expect(brief(events)).toEqual([
      ['length-mismatch', 0, 26],
      ['garbage', 26, 29],
      ['message', 29, 52, '{}'],
    ]);
    expect(events[0]?.kind === 'error' && events[0].reason).toMatch(
      /^Content-Length 5 does not frame one JSON value \(the payload ends at offset 26 inside an object/,
    );
    expect(events[1]?.bytes).toEqual(bytesOf(':1}'));
  });

  it('CL4: a length longer than the body swallows the next header and is reported', () => {
    const events = frame(
      'Content-Length: 15\r\n\r\n{"id":1}',
      'Content-Length: 8\r\n\r\n{"id":2}',
      'Content-Length: 8\r\n\r\n{"id":3}',
    );
    expect(brief(events)).toEqual([
      ['length-mismatch', 0, 37],
      ['garbage', 37, 59],
      ['message', 59, 88, '{"id":3}'],
    ]);
    expect(events[0]?.kind === 'error' && events[0].reason).toMatch(
      /more than one JSON value|unexpected byte 0x43 'C' at offset 30/,
    );
  });

  it('CL4: a length the stream never delivers is truncated at end()', () => {
    const framer = new ContentLengthFramer();
    expect(framer.push(bytesOf('Content-Length: 100\r\n\r\n{"id":1}'))).toEqual([]);
    const last = framer.end();
    expect(last?.kind === 'error' && [last.code, last.start, last.end, last.reason]).toEqual([
      'truncated',
      0,
      31,
      'stream ended after 8 of the 100 body bytes Content-Length announced (it lies, or the message was cut) (message from offset 0 to 31)',
    ]);
    expect(last?.bytes).toEqual(bytesOf('Content-Length: 100\r\n\r\n{"id":1}'));
  });

  it('CL4: a zero length frames no JSON value and is reported at once', () => {
    expect(brief(frame('Content-Length: 0\r\n\r\n'))).toEqual([['length-mismatch', 0, 21]]);
  });

  it('CL5: garbage at the start is reported and framing resumes at the next Content- header', () => {
    const events = frame('hello\r\n\r\nnoise Content-Length: 2\r\n\r\n[]');
    expect(brief(events)).toEqual([
      ['bad-header', 0, 9],
      ['garbage', 9, 15],
      ['message', 15, 38, '[]'],
    ]);
  });

  it('CL5: the resync point is found across chunk boundaries', () => {
    const stream = bytesOf('x:y\r\nbad\r\n\r\nzzContent-Length: 2\r\n\r\n[]');
    const whole = brief(run(new ContentLengthFramer(), [stream]));
    expect(whole).toEqual([
      ['bad-header', 0, 12],
      ['garbage', 12, 14],
      ['message', 14, 37, '[]'],
    ]);
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        expect(brief(run(new ContentLengthFramer(), split(stream, [a, b])))).toEqual(whole);
      }
    }
  });

  it('CL6: a header block without an empty line is cut off at MAX_HEAD_BYTES', () => {
    const framer = new ContentLengthFramer();
    const long = new Uint8Array(MAX_HEAD_BYTES + 1).fill(0x61);
    const [error] = framer.push(long);
    expect(error?.kind === 'error' && [error.code, error.start, error.end]).toEqual([
      'head-too-large',
      0,
      MAX_HEAD_BYTES + 1,
    ]);
  });

  it('CL6: a length over MAX_BODY_BYTES is too-large; its body is skipped as garbage, first bytes kept', () => {
    const head = `Content-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`;
    const body = '{"id":1,"result":"AAAA';
    const events = frame(`${head}${body}`, 'Content-Length: 2\r\n\r\n[]');
    expect(brief(events)).toEqual([
      ['too-large', 0, head.length],
      ['garbage', head.length, head.length + body.length],
      ['message', head.length + body.length, head.length + body.length + 23, '[]'],
    ]);
    expect(events[0]?.kind === 'error' && events[0].reason).toBe(
      `Content-Length ${MAX_BODY_BYTES + 1} is over the limit of ${MAX_BODY_BYTES} bytes (message from offset 0 to ${head.length})`,
    );
  });

  it('CL1: encodeContentLengthMessage counts bytes, not characters', () => {
    expect(encodeContentLengthMessage('"é"')).toEqual(bytesOf('Content-Length: 4\r\n\r\n"é"'));
  });
});

const clStream = fc
  .array(fc.tuple(fc.jsonValue(), fc.boolean()), { minLength: 1, maxLength: 5 })
  .map((items) => {
    const texts = items.map(([value]) => JSON.stringify(value, null, 1));
    const parts = items.map(([, typed], k) => {
      const body = bytesOf(texts[k] as string);
      if (!typed) return encodeContentLengthMessage(body);
      const head = `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      return concatBytes([bytesOf(head), body]);
    });
    return { bytes: concatBytes(parts), texts };
  });

describe('ContentLengthFramer: properties (fixed seeds)', () => {
  it('FM3: any re-chunking of a valid stream yields the same messages and offsets', () => {
    assertRechunkingInvariant(() => new ContentLengthFramer(), clStream, 21);
  });

  it('FM4: arbitrary bytes never throw anything; errors are ContentLengthError', () => {
    const noisy = noisyFrom(
      clStream.map((s) => s.bytes),
      'Content-Length: 12\r\n{}[]":,',
    );
    assertNeverThrows(() => new ContentLengthFramer(), ContentLengthError, noisy, 22);
  });
});
