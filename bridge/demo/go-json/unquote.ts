import { decodeRune, encodeRune, RUNE_ERROR } from './utf8';

/**
 * Go's unquoteBytes for a JSON string literal already known to be valid
 * (quotes included): escapes decoded, a lone or mispaired surrogate escape and
 * every byte of invalid UTF-8 become U+FFFD, as Go's decoder stores them.
 */
export function unquote(literal: Uint8Array): Uint8Array {
  const end = literal.length - 1;
  const out: number[] = [];
  let r = 1;
  while (r < end) {
    const c = literal[r] ?? 0;
    if (c === 0x5c) {
      const e = literal[r + 1] ?? 0;
      if (e === 0x75) {
        let rune = hex4(literal, r + 2);
        r += 6;
        if (rune >= 0xd800 && rune < 0xe000) {
          const low = literal[r] === 0x5c && literal[r + 1] === 0x75 ? hex4(literal, r + 2) : -1;
          if (rune < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
            rune = 0x10000 + ((rune - 0xd800) << 10) + (low - 0xdc00);
            r += 6;
          } else {
            rune = RUNE_ERROR;
          }
        }
        out.push(...encodeRune(rune));
      } else {
        out.push(SHORT_ESCAPES.get(e) ?? e);
        r += 2;
      }
    } else if (c < 0x80) {
      out.push(c);
      r++;
    } else {
      const { rune, size } = decodeRune(literal.subarray(0, end), r);
      if (rune === RUNE_ERROR && size === 1) out.push(...encodeRune(RUNE_ERROR));
      else for (let i = 0; i < size; i++) out.push(literal[r + i] ?? 0);
      r += size;
    }
  }
  return Uint8Array.from(out);
}

const SHORT_ESCAPES: ReadonlyMap<number, number> = new Map([
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
]);

function hex4(bytes: Uint8Array, offset: number): number {
  let value = 0;
  for (let i = offset; i < offset + 4; i++) {
    const c = bytes[i] ?? 0;
    const digit = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10;
    value = value * 16 + digit;
  }
  return value;
}
