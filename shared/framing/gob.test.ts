import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from './framer';
import { GobFramer, GobFramerError, isGobHandshake } from './gob';
import {
  assertNeverThrows,
  assertRechunkingInvariant,
  bytesOf,
  noisyFrom,
  run,
  split,
} from './test-kit';

/** A gob message: its count (one byte below 128, else a byte count and big-endian bytes), then the payload. */
function gobMessage(payload: Uint8Array): Uint8Array {
  const n = payload.length;
  const count = n < 128 ? [n] : n < 256 ? [0xff, n] : [0xfe, n >> 8, n & 0xff];
  return concatBytes([Uint8Array.from(count), payload]);
}

const texts = fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '{', '\n'), maxLength: 300 }), {
  maxLength: 6,
});
const validStream = texts.map((list) => ({
  bytes: concatBytes(list.map((text) => gobMessage(bytesOf(text)))),
  texts: list,
}));

describe('GobFramer', () => {
  it('GF1 splits messages by their counts, one byte or several, with offsets', () => {
    const long = new Uint8Array(300).fill(7);
    const events = run(new GobFramer(), [
      concatBytes([gobMessage(bytesOf('ab')), gobMessage(long), gobMessage(new Uint8Array(0))]),
    ]);
    expect(events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ['message', 0, 3],
      ['message', 3, 306],
      ['message', 306, 307],
    ]);
    expect(events[1]?.kind === 'message' && events[1].bytes).toEqual(long);
  });

  it('GF1 FM3 any re-chunking of a valid stream gives the same messages and offsets', () => {
    assertRechunkingInvariant(() => new GobFramer(), validStream, 4242);
  });

  it('GF2 FM4 arbitrary bytes never throw, errors are GobFramerError', () => {
    assertNeverThrows(
      () => new GobFramer(),
      GobFramerError,
      noisyFrom(
        validStream.map((s) => s.bytes),
        'a\x00\xff\x81',
      ),
      99,
    );
    assertNeverThrows(
      () => new GobFramer(true),
      GobFramerError,
      noisyFrom(
        validStream.map((s) =>
          concatBytes([bytesOf('HTTP/1.0 200 Connected to Go RPC\n\n'), s.bytes]),
        ),
        'H\n\r\xff',
      ),
      98,
    );
  });

  it('GF2 a count of more than 8 bytes, a cut message and one too large are typed errors; framing goes on', () => {
    expect(
      run(new GobFramer(), [Uint8Array.of(0xf0)]).map((e) => e.kind === 'error' && e.code),
    ).toEqual(['bad-count']);
    const cut = run(new GobFramer(), split(Uint8Array.of(5, 1, 2), [1]));
    expect(cut).toEqual([
      expect.objectContaining({
        code: 'truncated',
        start: 0,
        end: 3,
        bytes: Uint8Array.of(5, 1, 2),
      }),
    ]);
    const framer = new GobFramer(false, 4);
    const events = run(framer, [
      concatBytes([gobMessage(bytesOf('12345')), gobMessage(bytesOf('ok'))]),
    ]);
    expect(
      events.map((e) => (e.kind === 'error' ? [e.code, e.start, e.end] : [e.text, e.start, e.end])),
    ).toEqual([
      ['too-large', 0, 6],
      ['ok', 6, 9],
    ]);
  });

  it('GF3 over HTTP the answer to CONNECT comes first, then gob (GO-NETRPC §3)', () => {
    const head = bytesOf('HTTP/1.0 200 Connected to Go RPC\n\n');
    const events = run(
      new GobFramer(true),
      split(concatBytes([head, gobMessage(bytesOf('x'))]), [5, 34]),
    );
    const [handshake, message] = events;
    expect(
      handshake && handshake.kind === 'message' && isGobHandshake(handshake) && handshake,
    ).toMatchObject({
      start: 0,
      end: 34,
      statusLine: 'HTTP/1.0 200 Connected to Go RPC',
      connected: true,
    });
    expect(message).toMatchObject({ kind: 'message', start: 34, end: 36, text: 'x' });
    const refused = run(new GobFramer(true), [
      bytesOf('HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain\r\n\r\n'),
    ]);
    expect(refused[0]).toMatchObject({
      statusLine: 'HTTP/1.1 405 Method Not Allowed',
      connected: false,
    });
    expect(run(new GobFramer(true), [bytesOf('HTTP/1.0 200')])[0]).toMatchObject({
      code: 'bad-handshake',
    });
  });
});
