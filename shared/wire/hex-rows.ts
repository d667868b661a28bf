/**
 * The hex dump layout of the Wire view (rules WR1–WR3 in ../README.md): a
 * chunk's bytes as rows of 16, each row `offset | hex | text`, with offsets
 * counted from the start of the TCP stream, not of the chunk, so a byte has
 * the same address in every chunk and message that shows it.
 */

export const BYTES_PER_ROW = 16;

export type HexRow = {
  /** Absolute stream offset of the row's first byte. */
  offset: number;
  /** Two lowercase hex digits per byte, separated by single spaces. */
  hex: string;
  /** One character per byte: printable ASCII as itself, anything else '.'. */
  text: string;
};

const HEX_DIGITS = '0123456789abcdef';

/** Printable ASCII (0x20–0x7e) stays itself; every other byte, UTF-8 included, is '.'. */
export function printableChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/** C0 controls and DEL, except tab, LF and CR, which text has. */
function isControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f;
}

/**
 * A message as text when it is text (UTF-8 without control characters, as
 * JSON and HTTP are; a sequence cut at the end is left out), else one
 * character per byte as the hex rows show it: gob is binary.
 */
export function readableText(bytes: Uint8Array): string {
  if (!bytes.some(isControl)) {
    try {
      // A decoder per message: one that threw mid-stream must not colour the next.
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      // Not UTF-8: shown byte by byte below.
    }
  }
  return Array.from(bytes, printableChar).join('');
}

export function hexByte(byte: number): string {
  return `${HEX_DIGITS[byte >> 4]}${HEX_DIGITS[byte & 15]}`;
}

/** Rows needed for `length` bytes (a chunk of 0 bytes still has no rows). */
export function rowCount(length: number): number {
  return Math.ceil(length / BYTES_PER_ROW);
}

/** Eight hex digits, wider when the stream passes 4 GiB. */
export function formatOffset(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}

/**
 * Row `row` of the bytes `bytes` that start at stream offset `streamOffset`.
 * Rows are cut at multiples of 16 counted within the chunk, so the last one
 * may be short. Only the bytes of that row are read: O(16) whatever the size.
 */
export function hexRow(streamOffset: number, bytes: Uint8Array, row: number): HexRow {
  const from = row * BYTES_PER_ROW;
  const to = Math.min(bytes.length, from + BYTES_PER_ROW);
  const hex: string[] = [];
  let text = '';
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number;
    hex.push(hexByte(byte));
    text += printableChar(byte);
  }
  return { offset: streamOffset + from, hex: hex.join(' '), text };
}

/** Every row of a chunk; for tests and small chunks (the view asks for the rows in sight). */
export function hexRows(streamOffset: number, bytes: Uint8Array): HexRow[] {
  const rows: HexRow[] = [];
  for (let row = 0; row < rowCount(bytes.length); row++)
    rows.push(hexRow(streamOffset, bytes, row));
  return rows;
}
