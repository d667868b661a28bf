/**
 * Newline-delimited JSON: one JSON value per line, as JSON-RPC 2.0 servers on
 * raw TCP commonly frame it. Boundaries are the LF bytes, so a bad line costs
 * only itself: it is reported and framing goes on with the next one.
 * Rules ND1–ND5 (and FM1–FM5) in README.
 */
import {
  decodeUtf8,
  type FramedMessage,
  type Framer,
  FramerError,
  HeldBytes,
  MAX_HELD_MESSAGE_BYTES,
  MAX_SKIPPED_BYTES_KEPT,
} from './framer';
import { oneJsonValueProblem } from './one-json-value';

export type NdjsonErrorCode = 'not-json' | 'truncated' | 'too-large';

export class NdjsonError extends FramerError<NdjsonErrorCode> {
  readonly framing = 'ndjson';
}

const LF = 0x0a;
const CR = 0x0d;

function isBlank(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== CR) return false;
  }
  return true;
}

export class NdjsonFramer implements Framer<FramedMessage, NdjsonError> {
  private readonly held = new HeldBytes();
  private lineStart = 0;
  private consumed = 0;
  /** The line in progress passed `maxHeldBytes`: only its first bytes are kept (ND5). */
  private oversize = false;

  /** `maxHeldBytes`: the longest line held across chunks waiting for its LF (ND5). */
  constructor(private readonly maxHeldBytes = MAX_HELD_MESSAGE_BYTES) {}

  get offset(): number {
    return this.consumed;
  }

  push(chunk: Uint8Array): Array<FramedMessage | NdjsonError> {
    const out: Array<FramedMessage | NdjsonError> = [];
    const base = this.consumed;
    let i = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, i);
      if (newline < 0) {
        this.hold(chunk.subarray(i));
        break;
      }
      // By its size, not by what was held: chunking must not change the verdict (FM3).
      if (this.oversize || base + newline - this.lineStart > this.maxHeldBytes) {
        this.hold(chunk.subarray(i, newline));
        out.push(this.tooLarge(base + newline, ''));
      } else {
        const line = this.held.take(chunk.subarray(i, newline));
        // A CR before the LF belongs to the terminator (ND1).
        const content = line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
        const event = this.frameLine(content);
        if (event) out.push(event);
      }
      this.lineStart = base + newline + 1;
      i = newline + 1;
    }
    this.consumed += chunk.length;
    return out;
  }

  /** A last line without its LF is a truncated message (ND4); a blank one is nothing. */
  end(): FramedMessage | NdjsonError | null {
    if (this.oversize) {
      const error = this.tooLarge(this.consumed, 'the stream ended inside it: ');
      this.lineStart = this.consumed;
      return error;
    }
    const rest = this.held.take();
    const start = this.lineStart;
    this.lineStart = this.consumed;
    if (isBlank(rest)) return null;
    return new NdjsonError(
      'truncated',
      start,
      this.consumed,
      rest,
      `stream ended at offset ${this.consumed} inside a line that has no LF yet (truncated message)`,
    );
  }

  /** Holds part of the line in progress; past `maxHeldBytes`, only its first bytes (ND5). */
  private hold(part: Uint8Array): void {
    if (this.oversize) {
      this.held.addCapped(part, MAX_SKIPPED_BYTES_KEPT - this.held.length);
      return;
    }
    this.held.add(part);
    if (this.held.length <= this.maxHeldBytes) return;
    this.oversize = true;
    this.held.keepFirst(MAX_SKIPPED_BYTES_KEPT);
  }

  /** The oversize line in progress, up to `end`, as an error; the next line frames as usual. */
  private tooLarge(end: number, context: string): NdjsonError {
    // hold() has kept only the first bytes since the line passed the limit.
    this.oversize = false;
    const size = end - this.lineStart;
    return new NdjsonError(
      'too-large',
      this.lineStart,
      end,
      this.held.take(),
      `${context}the line at offset ${this.lineStart} is ${size} bytes, over the ${this.maxHeldBytes}-byte limit for one message (too large); only its first ${MAX_SKIPPED_BYTES_KEPT} bytes are kept`,
    );
  }

  private frameLine(content: Uint8Array): FramedMessage | NdjsonError | null {
    if (isBlank(content)) return null;
    const start = this.lineStart;
    const end = start + content.length;
    const problem = oneJsonValueProblem(content, start);
    if (problem !== null) {
      return new NdjsonError(
        'not-json',
        start,
        end,
        content,
        `line is not one JSON value: ${problem}`,
      );
    }
    return { kind: 'message', start, end, bytes: content, text: decodeUtf8(content) };
  }
}
