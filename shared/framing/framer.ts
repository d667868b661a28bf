/**
 * What every framer in this folder has in common (rules FM1–FM5 in README):
 * a push-fed state machine that turns a byte stream, chunk by chunk, into
 * messages and errors carrying absolute byte offsets. Bad input is reported
 * as the framer's own error class, returned in stream order like a message;
 * no framer throws.
 */

export type Span = { start: number; end: number };

export type FramingName = 'json-stream' | 'ndjson' | 'content-length' | 'http' | 'gob' | 'gob-http';

export type FramedMessage = {
  kind: 'message';
  /** Absolute offset of the message's first byte on the wire (headers included). */
  start: number;
  /** Absolute offset just after the message's last byte on the wire. */
  end: number;
  /** The payload the dialect decodes: the JSON value, line or body (de-chunked). */
  bytes: Uint8Array;
  /** The payload as UTF-8 text. */
  text: string;
};

/**
 * Every framer's error class extends this, so a caller can tell a framing
 * error from a bug with `instanceof` and from another framing's by `framing`.
 */
export abstract class FramerError<Code extends string = string> extends Error {
  readonly kind = 'error';
  abstract readonly framing: FramingName;

  constructor(
    /** A short machine-readable cause, one union per framer. */
    readonly code: Code,
    readonly start: number,
    readonly end: number,
    /** The bytes of [start, end), possibly capped (see each framer). */
    readonly bytes: Uint8Array,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface Framer<
  M extends FramedMessage = FramedMessage,
  E extends FramerError = FramerError,
> {
  /** Bytes pushed so far: each one was reported in an event or is held for the one in progress. */
  readonly offset: number;
  /** Feeds the next chunk; returns what completed in it, in stream order. */
  push(chunk: Uint8Array): Array<M | E>;
  /** The stream ended: completes or reports what was in progress; null when nothing was. */
  end(): M | E | null;
}

/**
 * An error's copy of skipped bytes is capped so a peer that never sends what
 * a framer waits for cannot grow memory; the range keeps counting beyond it.
 */
export const MAX_SKIPPED_BYTES_KEPT = 64 * 1024;

/**
 * The most bytes of one message a framer holds across chunks waiting for its
 * end (the Content-Length and HTTP framers refuse longer bodies alike). A peer
 * streaming one endless value or line must not grow the page until it dies.
 */
export const MAX_HELD_MESSAGE_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder();

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export function describeByte(byte: number): string {
  const hex = `0x${byte.toString(16).padStart(2, '0')}`;
  return byte >= 0x20 && byte < 0x7f ? `${hex} '${String.fromCharCode(byte)}'` : hex;
}

export const EMPTY = new Uint8Array(0);

/** The parts one after another in one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Pieces of a message held across chunks. A message inside one chunk is a
 * view of it (no copy: copying was most of the JSON framer's time); one that
 * spans chunks is joined into one fresh copy.
 */
export class HeldBytes {
  private pieces: Uint8Array[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  add(part: Uint8Array): void {
    if (part.length === 0) return;
    this.pieces.push(part);
    this.total += part.length;
  }

  /** Adds up to `budget` bytes of part; returns how many were kept. */
  addCapped(part: Uint8Array, budget: number): number {
    const keep = Math.max(0, Math.min(part.length, budget));
    this.add(part.subarray(0, keep));
    return keep;
  }

  clear(): void {
    this.pieces = [];
    this.total = 0;
  }

  /** Forgets all but the first `n` bytes held. */
  keepFirst(n: number): void {
    if (this.total <= n) return;
    const kept: Uint8Array[] = [];
    let left = n;
    for (const piece of this.pieces) {
      if (left === 0) break;
      const part = piece.length <= left ? piece : piece.subarray(0, left);
      kept.push(part);
      left -= part.length;
    }
    this.pieces = kept;
    this.total = n;
  }

  /** The held pieces followed by `last`, and forgets them. */
  take(last: Uint8Array = EMPTY): Uint8Array {
    if (this.total === 0) return last;
    if (last.length === 0 && this.pieces.length === 1) {
      const only = this.pieces[0] as Uint8Array;
      this.clear();
      return only;
    }
    const bytes = new Uint8Array(this.total + last.length);
    let at = 0;
    for (const piece of this.pieces) {
      bytes.set(piece, at);
      at += piece.length;
    }
    bytes.set(last, at);
    this.pieces = [];
    this.total = 0;
    return bytes;
  }
}
