/**
 * A string's UTF-8 bytes, exactly as TextEncoder gives them, for the client
 * stub's one small request per call. Chromium's TextEncoder.encode allocates
 * a buffer of its own each time: 7.3 µs for a 39-byte line, against
 * 0.3 µs to copy the same ASCII into a shared slab (docs/benchmarks.md). So
 * short ASCII text is copied into a slab and handed out as a view of its own
 * bytes, which are never written again; anything else goes to TextEncoder.
 * A view keeps its slab alive, so a slab is small.
 */

const SLAB_BYTES = 64 * 1024;
/** Longer text gets a buffer of its own: its cost per byte is small, and a view would pin a slab. */
const SHORT_TEXT = 4 * 1024;

const encoder = new TextEncoder();
let slab = new Uint8Array(SLAB_BYTES);
let used = 0;

export function encodeUtf8(text: string): Uint8Array {
  const length = text.length;
  if (length > SHORT_TEXT) return encoder.encode(text);
  if (used + length > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    used = 0;
  }
  const start = used;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    // Not ASCII: what was copied so far is left unclaimed, for the next text to overwrite.
    if (code > 0x7f) return encoder.encode(text);
    slab[start + i] = code;
  }
  used = start + length;
  return slab.subarray(start, used);
}
