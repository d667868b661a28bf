/** U+FFFD, what Go substitutes for each byte of an invalid UTF-8 sequence. */
export const RUNE_ERROR = 0xfffd;

export type DecodedRune = { rune: number; size: number };

/**
 * Go's utf8.DecodeRune: the first rune of `bytes` at `offset`. Any invalid or
 * truncated sequence (overlong, surrogate, above U+10FFFF) is RUNE_ERROR of size 1,
 * which is what makes Go replace invalid bytes one by one.
 */
export function decodeRune(bytes: Uint8Array, offset: number): DecodedRune {
  const b0 = bytes[offset] ?? 0;
  if (b0 < 0x80) return { rune: b0, size: 1 };
  let size: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) size = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    size = 3;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    size = 4;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return { rune: RUNE_ERROR, size: 1 };
  if (offset + size > bytes.length) return { rune: RUNE_ERROR, size: 1 };
  const b1 = bytes[offset + 1] ?? 0;
  if (b1 < lo || b1 > hi) return { rune: RUNE_ERROR, size: 1 };
  let rune = b0 & (0xff >> (size + 1));
  rune = (rune << 6) | (b1 & 0x3f);
  for (let i = 2; i < size; i++) {
    const b = bytes[offset + i] ?? 0;
    if (b < 0x80 || b > 0xbf) return { rune: RUNE_ERROR, size: 1 };
    rune = (rune << 6) | (b & 0x3f);
  }
  return { rune, size };
}

/** UTF-8 bytes of one valid rune (callers never pass surrogates). */
export function encodeRune(rune: number): number[] {
  if (rune < 0x80) return [rune];
  if (rune < 0x800) return [0xc0 | (rune >> 6), 0x80 | (rune & 0x3f)];
  if (rune < 0x10000) {
    return [0xe0 | (rune >> 12), 0x80 | ((rune >> 6) & 0x3f), 0x80 | (rune & 0x3f)];
  }
  return [
    0xf0 | (rune >> 18),
    0x80 | ((rune >> 12) & 0x3f),
    0x80 | ((rune >> 6) & 0x3f),
    0x80 | (rune & 0x3f),
  ];
}

const encoder = new TextEncoder();

/** A JS string as the bytes of the equivalent Go string. */
export function goString(text: string): Uint8Array {
  return encoder.encode(text);
}
