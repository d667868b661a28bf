/**
 * Standard padded base64 (RFC 4648 §4): how Go's encoding/json writes
 * []byte, and how a session file carries the bytes of the wire.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
const PAD = '='.charCodeAt(0);
/** The value of each character code, 255 for one outside the alphabet. */
const VALUES = new Uint8Array(256).fill(255);
for (const [value, code] of CODES.entries()) VALUES[code] = value;
// Written as ASCII bytes and decoded once: built a character at a time, it took most of a
// session export (10,000 calls: 200 ms, now 72; scripts/bench/session.ts).
const ascii = new TextDecoder('latin1');

/** B64-1 Every three bytes become four characters; the last group is padded with `=`. */
export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const left = bytes.length - i;
    const bits = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = CODES[bits >> 18] as number;
    out[o++] = CODES[(bits >> 12) & 63] as number;
    out[o++] = left > 1 ? (CODES[(bits >> 6) & 63] as number) : PAD;
    out[o++] = left > 2 ? (CODES[bits & 63] as number) : PAD;
  }
  return ascii.decode(out);
}

/**
 * B64-2 The bytes of a padded base64 text, or null for anything else: a length
 * that is not a multiple of four, a character outside the alphabet, padding
 * anywhere but the end, or bits set past the last byte (so every byte string
 * has exactly one text).
 */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    let bits = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const padded = code === PAD && last && j >= 4 - padding;
      const value = padded ? 0 : code < 256 ? (VALUES[code] as number) : 255;
      if (value === 255) return null;
      bits = (bits << 6) | value;
    }
    if (last && padding > 0 && (bits & (padding === 2 ? 0xffff : 0xff)) !== 0) return null;
    out[o++] = bits >> 16;
    if (o < out.length) out[o++] = (bits >> 8) & 255;
    if (o < out.length) out[o++] = bits & 255;
  }
  return out;
}
