/**
 * Newline-delimited JSON: one JSON value per line, as JSON-RPC 2.0 servers on
 * raw TCP commonly frame it. Boundaries are the LF bytes, so a bad line costs
 * only itself: it is reported and framing goes on with the next one.
 * Rules ND1–ND4 (and FM1–FM5) in README.
 */
import { decodeUtf8, type FramedMessage, type Framer, FramerError, HeldBytes } from './framer';
import { oneJsonValueProblem } from './one-json-value';

export type NdjsonErrorCode = 'not-json' | 'truncated';

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
        this.held.add(chunk.subarray(i));
        break;
      }
      const line = this.held.take(chunk.subarray(i, newline));
      // A CR before the LF belongs to the terminator (ND1).
      const content = line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
      const event = this.frameLine(content);
      if (event) out.push(event);
      this.lineStart = base + newline + 1;
      i = newline + 1;
    }
    this.consumed += chunk.length;
    return out;
  }

  /** A last line without its LF is a truncated message (ND4); a blank one is nothing. */
  end(): FramedMessage | NdjsonError | null {
    const rest = this.held.take();
    this.lineStart = this.consumed;
    if (isBlank(rest)) return null;
    const start = this.consumed - rest.length;
    return new NdjsonError(
      'truncated',
      start,
      this.consumed,
      rest,
      `stream ended at offset ${this.consumed} inside a line that has no LF yet (truncated message)`,
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
