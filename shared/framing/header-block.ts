/**
 * The part Content-Length framing and HTTP/1.1 share: a block of header lines
 * ended by an empty line, collected across chunks, then parsed. Lines end in
 * CRLF; a bare LF is accepted too (RFC 9112 §2.2 lets a recipient do so).
 */
import { decodeUtf8, HeldBytes } from './framer';

const LF = 0x0a;
const CR = 0x0d;

/** A peer that never ends its header block cannot make us hold more than this. */
export const MAX_HEAD_BYTES = 64 * 1024;

export type Header = [name: string, value: string];

export class HeadCollector {
  private readonly held = new HeldBytes();
  /** Bytes of the current line held from earlier chunks (LF excluded). */
  private lineLength = 0;
  private lastByte = 0;

  get length(): number {
    return this.held.length;
  }

  /** Starts the block with bytes already known to open it. */
  seed(bytes: Uint8Array): void {
    this.held.add(bytes);
    this.lineLength = bytes.length;
    this.lastByte = bytes[bytes.length - 1] ?? 0;
  }

  /**
   * Scans chunk from `from` for the empty line. Returns the local index just
   * after it, or -1 when the chunk ended first; either way the scanned bytes
   * are held.
   */
  scan(chunk: Uint8Array, from: number): number {
    let i = from;
    for (;;) {
      const newline = chunk.indexOf(LF, i);
      if (newline < 0) {
        this.lineLength += chunk.length - i;
        if (chunk.length > i) this.lastByte = chunk[chunk.length - 1] as number;
        this.held.add(chunk.subarray(from));
        return -1;
      }
      const length = this.lineLength + newline - i;
      const before = newline > i ? (chunk[newline - 1] as number) : this.lastByte;
      this.lineLength = 0;
      this.lastByte = LF;
      i = newline + 1;
      if (length === 0 || (length === 1 && before === CR)) {
        this.held.add(chunk.subarray(from, i));
        return i;
      }
    }
  }

  /** The block's bytes, and forgets them. */
  take(): Uint8Array {
    this.lineLength = 0;
    this.lastByte = 0;
    return this.held.take();
  }
}

/** Header bytes as text, one char per byte: field values are not UTF-8 by any rule. */
export function latin1(bytes: Uint8Array): string {
  // ASCII, the usual case, decodes the same either way, and natively.
  if (isAscii(bytes)) return decodeUtf8(bytes);
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return text;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

/** The lines of a collected block, without terminators and without the empty last line. */
export function headLines(block: Uint8Array): string[] {
  const lines = latin1(block).split('\n');
  lines.length -= 2; // the empty line's text and what follows its LF
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

const DIGITS = /^[0-9]+$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses `name: value` lines (RFC 9110 §5); a problem names the line. */
export function parseHeaders(lines: string[]): { headers: Header[] } | { problem: string } {
  const headers: Header[] = [];
  for (const [index, line] of lines.entries()) {
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon);
    if (!TOKEN.test(name)) {
      const why =
        line.startsWith(' ') || line.startsWith('\t')
          ? 'folded header lines are not allowed'
          : 'expected "Name: value"';
      return { problem: `malformed header line ${index + 1} ${JSON.stringify(line)} (${why})` };
    }
    headers.push([name, line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
  }
  return { headers };
}

/** Every value of a header, by case-insensitive name. */
export function headerValues(headers: Header[], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of headers) {
    if (key.length === wanted.length && key.toLowerCase() === wanted) values.push(value);
  }
  return values;
}

/**
 * The one body length all Content-Length values agree on (a list of equal
 * values is allowed, RFC 9112 §6.3), or a problem; null when there is none.
 * `tooLarge`: the length is readable, only more than a body may be.
 */
export function contentLength(
  headers: Header[],
  maxBody: number,
): { length: number } | { problem: string; tooLarge: boolean } | null {
  let text: string | null = null;
  for (const field of headerValues(headers, 'content-length')) {
    for (const part of field.includes(',') ? field.split(',') : [field]) {
      const value = part.trim();
      if (text !== null && value !== text) {
        return { problem: `Content-Length values disagree: ${text} and ${value}`, tooLarge: false };
      }
      text = value;
    }
  }
  if (text === null) return null;
  if (!DIGITS.test(text)) {
    return { problem: `Content-Length ${JSON.stringify(text)} is not a number`, tooLarge: false };
  }
  const length = Number(text);
  if (length > maxBody) {
    return {
      problem: `Content-Length ${text} is over the limit of ${maxBody} bytes`,
      tooLarge: true,
    };
  }
  return { length };
}
