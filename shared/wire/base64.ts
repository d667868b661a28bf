/**
 * Standard padded base64 (RFC 4648 §4): how Go's encoding/json writes
 * []byte, and how a session file carries the bytes of the wire.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((char, value) => [char.charCodeAt(0), value]));
const PAD = '='.charCodeAt(0);

/** B64-1 Every three bytes become four characters; the last group is padded with `=`. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const bits = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[bits >> 18];
    out += ALPHABET[(bits >> 12) & 63];
    out += b === undefined ? '=' : ALPHABET[(bits >> 6) & 63];
    out += c === undefined ? '=' : ALPHABET[bits & 63];
  }
  return out;
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
      const value = padded ? 0 : VALUES.get(code);
      if (value === undefined) return null;
      bits = (bits << 6) | value;
    }
    if (last && padding > 0 && (bits & (padding === 2 ? 0xffff : 0xff)) !== 0) return null;
    out[o++] = bits >> 16;
    if (o < out.length) out[o++] = (bits >> 8) & 255;
    if (o < out.length) out[o++] = bits & 255;
  }
  return out;
}
