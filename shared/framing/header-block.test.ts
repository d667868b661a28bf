import { describe, expect, it } from 'vitest';
import {
  contentLength,
  HeadCollector,
  headerValues,
  headLines,
  latin1,
  parseHeaders,
} from './header-block';
import { bytesOf, split } from './test-kit';

describe('header-block', () => {
  it('CL2, H5: the empty line ending a block is found at every split, CRLF or bare LF', () => {
    for (const text of ['A: 1\r\nB: 2\r\n\r\nbody', 'A: 1\nB: 2\n\nbody', '\r\nrest']) {
      const bytes = bytesOf(text);
      const end = text.indexOf('body') < 0 ? 2 : text.indexOf('body');
      for (let cut = 0; cut <= bytes.length; cut++) {
        const collector = new HeadCollector();
        const [first, second] = split(bytes, [cut]) as [Uint8Array, Uint8Array];
        let stop = collector.scan(first, 0);
        let at = stop < 0 ? -1 : stop;
        if (stop < 0) {
          stop = collector.scan(second, 0);
          at = stop < 0 ? -1 : first.length + stop;
        }
        expect([cut, at]).toEqual([cut, end]);
        expect(latin1(collector.take())).toBe(text.slice(0, end));
      }
    }
  });

  it('CL2: a CR alone in a line does not end the block; a seeded block continues its line', () => {
    expect(new HeadCollector().scan(bytesOf('A: \r1\r\n\r'), 0)).toBe(-1);
    const seeded = new HeadCollector();
    seeded.seed(bytesOf('Content-'));
    expect(seeded.scan(bytesOf('Length: 2\r\n\r\n[]'), 0)).toBe(13);
    expect(latin1(seeded.take())).toBe('Content-Length: 2\r\n\r\n');
  });

  it('CL2: lines lose their terminators; names and values are parsed, values trimmed', () => {
    const lines = headLines(bytesOf('HTTP/1.1 200 OK\r\nA:  x y \t\r\nb-c:\n\r\n'));
    expect(lines).toEqual(['HTTP/1.1 200 OK', 'A:  x y \t', 'b-c:']);
    expect(parseHeaders(lines.slice(1))).toEqual({
      headers: [
        ['A', 'x y'],
        ['b-c', ''],
      ],
    });
    expect(parseHeaders([' folded'])).toEqual({
      problem: 'malformed header line 1 " folded" (folded header lines are not allowed)',
    });
    expect(
      headerValues(
        [
          ['A', '1'],
          ['a', '2'],
          ['AB', '3'],
        ],
        'a',
      ),
    ).toEqual(['1', '2']);
  });

  it('CL3: Content-Length values must agree and be digits; repeated equal values are one', () => {
    const length = (...values: string[]) =>
      contentLength(
        values.map((value) => ['Content-Length', value]),
        100,
      );
    expect(length()).toBeNull();
    expect(length('12')).toEqual({ length: 12 });
    expect(length('12, 12', '12')).toEqual({ length: 12 });
    expect(length('12', '13')).toEqual({
      problem: 'Content-Length values disagree: 12 and 13',
      tooLarge: false,
    });
    expect(length('-1')).toEqual({
      problem: 'Content-Length "-1" is not a number',
      tooLarge: false,
    });
    expect(length('101')).toEqual({
      problem: 'Content-Length 101 is over the limit of 100 bytes',
      tooLarge: true,
    });
  });

  it('latin1 maps each byte to one character, non-ASCII included', () => {
    expect(latin1(new Uint8Array([0x41, 0xe9, 0xff]))).toBe('A\u00e9\u00ff');
  });
});
