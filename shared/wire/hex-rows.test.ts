import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_ROW,
  formatOffset,
  hexRow,
  hexRows,
  printableChar,
  readableText,
  rowCount,
} from './hex-rows';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('hex rows', () => {
  it('WR1: rows of 16 bytes, offset | hex | text, offsets absolute in the stream', () => {
    const rows = hexRows(32, bytesOf('{"id":0,"result":30,"error":null}\n'));
    expect(rows.map((row) => [formatOffset(row.offset), row.hex, row.text])).toEqual([
      ['00000020', '7b 22 69 64 22 3a 30 2c 22 72 65 73 75 6c 74 22', '{"id":0,"result"'],
      ['00000030', '3a 33 30 2c 22 65 72 72 6f 72 22 3a 6e 75 6c 6c', ':30,"error":null'],
      ['00000040', '7d 0a', '}.'],
    ]);
  });

  it("WR2: anything but printable ASCII is '.', UTF-8 bytes included", () => {
    const [row] = hexRows(0, bytesOf('é\t\r~ \u0000'));
    expect(row?.hex).toBe('c3 a9 09 0d 7e 20 00');
    expect(row?.text).toBe('....~ .');
    expect([0x1f, 0x20, 0x7e, 0x7f, 0xff].map(printableChar).join('')).toBe('. ~..');
  });

  it('WR3: a row reads only its own bytes; a 1 MiB chunk has 65,536 rows', () => {
    const big = new Uint8Array(1024 * 1024).fill(0x41);
    expect(rowCount(big.length)).toBe(65_536);
    const last = hexRow(10, big, 65_535);
    expect(last.offset).toBe(10 + 1024 * 1024 - 16);
    expect(last.text).toBe('A'.repeat(16));
    expect(rowCount(0)).toBe(0);
  });

  it('WR1/WR2 property: the rows give back every byte, in order, at its offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(1_000_000), (bytes, start) => {
        const rows = hexRows(start, bytes);
        expect(rows.length).toBe(Math.ceil(bytes.length / BYTES_PER_ROW));
        const back = rows.flatMap((row) => (row.hex === '' ? [] : row.hex.split(' ')));
        expect(back.map((hex) => Number.parseInt(hex, 16))).toEqual([...bytes]);
        expect(rows.map((row) => row.text).join('')).toHaveLength(bytes.length);
        rows.forEach((row, i) => {
          expect(row.offset).toBe(start + i * BYTES_PER_ROW);
        });
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

describe('a message as text', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('shows text as text: JSON, UTF-8 and line ends kept, a sequence cut at the end left out', () => {
    expect(readableText(utf8('{"s":"héllo ✓"}\r\n'))).toBe('{"s":"héllo ✓"}\r\n');
    expect(readableText(utf8('ok é').subarray(0, 4))).toBe('ok ');
  });

  it('shows binary (gob, not UTF-8 or with control bytes) one byte per character, as the hex rows do', () => {
    const gob = Uint8Array.of(0x11, 0xff, 0x82, 0x01, 0x0c, 0x53, 0x65, 0x72);
    expect(readableText(gob)).toBe('.....Ser');
    expect(readableText(Uint8Array.of(0x03, 0x04, 0x00, 0x06))).toBe('....');
  });

  it('is always one of the two, for any bytes: the bytes as UTF-8, or dotted', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = readableText(bytes);
        const dotted = Array.from(bytes, printableChar).join('');
        const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes, { stream: true });
        expect([dotted, decoded]).toContain(text);
      }),
      { seed: 8, numRuns: 300 },
    );
  });
});
