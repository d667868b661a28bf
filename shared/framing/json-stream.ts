/**
 * Splits a byte stream into JSON values, the way Go's json.Decoder reads a
 * net/rpc/jsonrpc connection: values may be concatenated, separated by
 * whitespace, or split across any number of TCP chunks (GO-NETRPC fact 1).
 *
 * A push-fed state machine in the style of ws's receiver: no I/O, one pass over
 * each byte; a message inside one chunk is a view of it, one that spans chunks
 * is copied once when it completes. It validates JSON syntax as it scans, so a
 * bad reply is reported with the exact byte, and then resynchronises on the
 * next newline (Go ends every reply with `\n`).
 * Rules FR1–FR9 (and FM1–FM5 for every framer) in README.
 *
 * A top-level number has no closing delimiter: it completes at the first byte
 * that cannot continue it, or, at the very end of the stream, only at `end()`.
 *
 * The framer keeps references to pushed chunks until the value they hold is
 * complete, and a message inside one chunk is a view of it (copying each
 * message was most of the framer's time): a caller must not reuse a chunk's
 * memory after pushing it, and a message kept keeps its chunk alive.
 */

import {
  decodeUtf8,
  describeByte,
  EMPTY,
  type FramedMessage,
  type Framer,
  FramerError,
  HeldBytes,
  MAX_HELD_MESSAGE_BYTES,
  MAX_SKIPPED_BYTES_KEPT,
} from './framer';

export { type FramedMessage, MAX_SKIPPED_BYTES_KEPT };

/** Go's encoding/json refuses deeper nesting too; it bounds the scanner's stack. */
export const MAX_DEPTH = 10_000;

/**
 * A value that is not JSON (`syntax`), a stream that ended inside one
 * (`truncated`), or one longer than a message may be held (`too-large`).
 */
export class JsonStreamError extends FramerError<'syntax' | 'truncated' | 'too-large'> {
  readonly framing = 'json-stream';
}

/** The JSON stream framer's error (its bytes keep at most MAX_SKIPPED_BYTES_KEPT skipped bytes). */
export type FramingError = JsonStreamError;

// Scanner states. Value-start states accept any JSON value.
const BETWEEN = 0; // top level, between values
const VALUE = 1; // after ':' or after ',' in an array
const ARRAY_FIRST = 2; // after '[': a value or ']'
const OBJECT_FIRST = 3; // after '{': a key or '}'
const KEY = 4; // after ',' in an object
const COLON = 5; // after a key
const AFTER_VALUE = 6; // inside a container, after a value: ',' or the closer
const STRING = 7;
const ESCAPE = 8;
const HEX = 9;
const MINUS = 10;
const ZERO = 11;
const INT = 12;
const DOT = 13;
const FRAC = 14;
const EXP = 15;
const EXP_SIGN = 16;
const EXP_DIGITS = 17;
const LITERAL = 18;
const SKIP = 19; // after a syntax error, up to and including the next newline

const OBJECT = 1;
const ARRAY = 0;

const LITERALS: Record<number, Uint8Array> = {
  116: new Uint8Array([0x74, 0x72, 0x75, 0x65]), // true
  102: new Uint8Array([0x66, 0x61, 0x6c, 0x73, 0x65]), // false
  110: new Uint8Array([0x6e, 0x75, 0x6c, 0x6c]), // null
};

// Bytes allowed after a backslash: " \ / b f n r t u
const ESCAPES = new Uint8Array(256);
for (const ch of '"\\/bfnrtu') ESCAPES[ch.charCodeAt(0)] = 1;

const HEX_DIGITS = new Uint8Array(256);
for (const ch of '0123456789abcdefABCDEF') HEX_DIGITS[ch.charCodeAt(0)] = 1;

const EXPECTED: Record<number, string> = {
  [BETWEEN]: 'expected a JSON value',
  [VALUE]: 'expected a JSON value',
  [ARRAY_FIRST]: "expected a value or ']'",
  [OBJECT_FIRST]: "expected a string key or '}'",
  [KEY]: 'expected a string key',
  [COLON]: "expected ':' after the key",
  [STRING]: 'control characters must be escaped inside strings',
  [ESCAPE]: 'invalid escape sequence',
  [HEX]: 'expected a hex digit in \\u escape',
  [MINUS]: "expected a digit after '-'",
  [ZERO]: 'leading zeros are not allowed',
  [DOT]: "expected a digit after '.'",
  [EXP]: 'expected a sign or digit in the exponent',
  [EXP_SIGN]: 'expected a digit in the exponent',
  [LITERAL]: 'expected true, false or null',
};

const INSIDE: Record<number, string> = {
  [STRING]: 'a string',
  [ESCAPE]: 'a string escape',
  [HEX]: 'a \\u escape',
  [MINUS]: 'a number',
  [DOT]: 'a number',
  [EXP]: 'a number',
  [EXP_SIGN]: 'a number',
  [LITERAL]: 'a literal',
};

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

export class JsonStreamFramer implements Framer<FramedMessage, JsonStreamError> {
  private state = BETWEEN;
  /** Container kinds (OBJECT/ARRAY) of the value being scanned, innermost last. */
  private stack = new Uint8Array(16);
  private depth = 0;
  private stringIsKey = false;
  private hexLeft = 0;
  private literal: Uint8Array = LITERALS[0x74] as Uint8Array;
  private literalIndex = 0;
  /** Absolute offset where the current value (or error range) starts. */
  private valueStart = 0;
  /** Bytes of the current value held from earlier chunks. */
  private readonly held = new HeldBytes();
  private skipBudget = 0;
  private errorReason = '';
  private consumed: number;
  /** The value in progress passed `maxHeldBytes`: it is scanned to its end, its bytes not kept (FR10). */
  private oversize = false;

  /**
   * `startOffset`: the absolute offset of the first byte pushed (a framer may start mid-stream).
   * `maxHeldBytes`: the longest value held across chunks (FR10).
   */
  constructor(
    startOffset = 0,
    private readonly maxHeldBytes = MAX_HELD_MESSAGE_BYTES,
  ) {
    this.consumed = startOffset;
    this.valueStart = startOffset;
  }

  /** Forgets everything, as if new, so one framer can check many payloads without allocating. */
  restart(startOffset: number): void {
    this.state = BETWEEN;
    this.depth = 0;
    this.oversize = false;
    this.held.clear();
    this.consumed = startOffset;
    this.valueStart = startOffset;
  }

  /** Bytes consumed so far: every pushed byte is either emitted or held for the value in progress. */
  get offset(): number {
    return this.consumed;
  }

  push(chunk: Uint8Array): Array<FramedMessage | JsonStreamError> {
    const out: Array<FramedMessage | JsonStreamError> = [];
    const base = this.consumed;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const byte = chunk[i] as number;
      switch (this.state) {
        case BETWEEN:
          if (isSpace(byte)) {
            i++;
            continue;
          }
          this.valueStart = base + i;
          if (this.beginValue(byte)) break;
          i = this.fail(out, chunk, base, i);
          continue;
        case VALUE:
          if (isSpace(byte)) break;
          if (this.beginValue(byte)) break;
          i = this.fail(out, chunk, base, i);
          continue;
        case ARRAY_FIRST:
          if (isSpace(byte)) break;
          if (byte === 0x5d) {
            this.depth--;
            this.valueEnded(out, chunk, base, i + 1);
            break;
          }
          if (this.beginValue(byte)) break;
          i = this.fail(out, chunk, base, i);
          continue;
        case OBJECT_FIRST:
        case KEY:
          if (isSpace(byte)) break;
          if (byte === 0x22) {
            this.stringIsKey = true;
            this.state = STRING;
            break;
          }
          if (byte === 0x7d && this.state === OBJECT_FIRST) {
            this.depth--;
            this.valueEnded(out, chunk, base, i + 1);
            break;
          }
          i = this.fail(out, chunk, base, i);
          continue;
        case COLON:
          if (isSpace(byte)) break;
          if (byte === 0x3a) {
            this.state = VALUE;
            break;
          }
          i = this.fail(out, chunk, base, i);
          continue;
        case AFTER_VALUE: {
          if (isSpace(byte)) break;
          const container = this.stack[this.depth - 1];
          if (byte === 0x2c) {
            this.state = container === OBJECT ? KEY : VALUE;
            break;
          }
          if (byte === (container === OBJECT ? 0x7d : 0x5d)) {
            this.depth--;
            this.valueEnded(out, chunk, base, i + 1);
            break;
          }
          i = this.fail(
            out,
            chunk,
            base,
            i,
            container === OBJECT ? "expected ',' or '}'" : "expected ',' or ']'",
          );
          continue;
        }
        case STRING: {
          // Hot loop: most bytes of a message are string content.
          let j = i;
          let b = byte;
          while (b !== 0x22 && b !== 0x5c && b >= 0x20) {
            if (++j === n) break;
            b = chunk[j] as number;
          }
          i = j;
          if (j === n) continue;
          if (b === 0x22) {
            if (this.stringIsKey) {
              this.stringIsKey = false;
              this.state = COLON;
            } else {
              this.valueEnded(out, chunk, base, i + 1);
            }
            break;
          }
          if (b === 0x5c) {
            this.state = ESCAPE;
            break;
          }
          i = this.fail(out, chunk, base, i);
          continue;
        }
        case ESCAPE:
          if (ESCAPES[byte] === 1) {
            if (byte === 0x75) {
              this.hexLeft = 4;
              this.state = HEX;
            } else {
              this.state = STRING;
            }
            break;
          }
          i = this.fail(out, chunk, base, i);
          continue;
        case HEX:
          if (HEX_DIGITS[byte] === 1) {
            if (--this.hexLeft === 0) this.state = STRING;
            break;
          }
          i = this.fail(out, chunk, base, i);
          continue;
        case MINUS:
          if (byte === 0x30) this.state = ZERO;
          else if (isDigit(byte)) this.state = INT;
          else {
            i = this.fail(out, chunk, base, i);
            continue;
          }
          break;
        case ZERO:
          if (byte === 0x2e) this.state = DOT;
          else if (byte === 0x65 || byte === 0x45) this.state = EXP;
          else if (isDigit(byte)) {
            i = this.fail(out, chunk, base, i);
            continue;
          } else {
            this.valueEnded(out, chunk, base, i);
            continue; // the byte that ended the number belongs to what follows
          }
          break;
        case INT:
        case FRAC:
        case EXP_DIGITS:
          if (isDigit(byte)) {
            while (i + 1 < n && isDigit(chunk[i + 1] as number)) i++;
            break;
          }
          if (this.state !== EXP_DIGITS && (byte === 0x65 || byte === 0x45)) this.state = EXP;
          else if (this.state === INT && byte === 0x2e) this.state = DOT;
          else {
            this.valueEnded(out, chunk, base, i);
            continue;
          }
          break;
        case DOT:
          if (isDigit(byte)) this.state = FRAC;
          else {
            i = this.fail(out, chunk, base, i);
            continue;
          }
          break;
        case EXP:
          if (byte === 0x2b || byte === 0x2d) this.state = EXP_SIGN;
          else if (isDigit(byte)) this.state = EXP_DIGITS;
          else {
            i = this.fail(out, chunk, base, i);
            continue;
          }
          break;
        case EXP_SIGN:
          if (isDigit(byte)) this.state = EXP_DIGITS;
          else {
            i = this.fail(out, chunk, base, i);
            continue;
          }
          break;
        case LITERAL:
          if (byte !== this.literal[this.literalIndex]) {
            i = this.fail(out, chunk, base, i);
            continue;
          }
          if (++this.literalIndex === this.literal.length) this.valueEnded(out, chunk, base, i + 1);
          break;
        case SKIP: {
          const from = this.localStart(base);
          const newline = chunk.indexOf(0x0a, i);
          const stop = newline < 0 ? n : newline + 1;
          const keep = Math.min(stop - i, this.skipBudget);
          this.skipBudget -= keep;
          if (newline < 0) {
            this.hold(chunk.subarray(from, i + keep));
            this.consumed += n;
            return out;
          }
          out.push(this.errorEvent(chunk.subarray(from, i + keep), base + stop));
          this.state = BETWEEN;
          i = stop;
          continue;
        }
      }
      i++;
    }
    if (this.state !== BETWEEN) {
      this.hold(chunk.subarray(this.localStart(base)));
      if (this.held.length > this.maxHeldBytes && this.state !== SKIP) {
        this.oversize = true;
        this.held.keepFirst(MAX_SKIPPED_BYTES_KEPT);
      }
    }
    this.consumed += n;
    return out;
  }

  /**
   * The stream ended. A value still in progress is a truncated message and is
   * reported as an error, except a complete top-level number, which only now
   * is known to be complete. Whitespace alone yields null.
   */
  end(): FramedMessage | JsonStreamError | null {
    const state = this.state;
    if (state === BETWEEN) return null;
    this.state = BETWEEN;
    this.oversize = false;
    if (state === SKIP) return this.errorEvent(EMPTY, this.consumed);
    if (
      this.depth === 0 &&
      (state === ZERO || state === INT || state === FRAC || state === EXP_DIGITS)
    ) {
      return this.messageEvent(EMPTY, this.consumed);
    }
    const inside =
      INSIDE[state] ?? (this.stack[this.depth - 1] === OBJECT ? 'an object' : 'an array');
    this.depth = 0;
    this.errorReason = `stream ended at offset ${this.consumed} inside ${inside} (truncated message)`;
    return this.errorEvent(EMPTY, this.consumed, 'truncated');
  }

  /** Starts a value on its first byte; false if the byte cannot start one. */
  private beginValue(byte: number): boolean {
    if (byte === 0x7b || byte === 0x5b) {
      if (this.depth === MAX_DEPTH) return false;
      if (this.depth === this.stack.length) {
        const grown = new Uint8Array(this.stack.length * 2);
        grown.set(this.stack);
        this.stack = grown;
      }
      this.stack[this.depth++] = byte === 0x7b ? OBJECT : ARRAY;
      this.state = byte === 0x7b ? OBJECT_FIRST : ARRAY_FIRST;
      return true;
    }
    if (byte === 0x22) {
      this.stringIsKey = false;
      this.state = STRING;
      return true;
    }
    if (byte === 0x2d) {
      this.state = MINUS;
      return true;
    }
    if (isDigit(byte)) {
      this.state = byte === 0x30 ? ZERO : INT;
      return true;
    }
    const literal = LITERALS[byte];
    if (literal) {
      this.literal = literal;
      this.literalIndex = 1;
      this.state = LITERAL;
      return true;
    }
    return false;
  }

  /** A value ended just before local index `end`. */
  private valueEnded(
    out: Array<FramedMessage | JsonStreamError>,
    chunk: Uint8Array,
    base: number,
    end: number,
  ): void {
    if (this.depth > 0) {
      this.state = AFTER_VALUE;
      return;
    }
    this.state = BETWEEN;
    const last = chunk.subarray(this.localStart(base), end);
    const size = base + end - this.valueStart;
    // By its size, not by what was held: chunking must not change the verdict (FM3).
    if (!this.oversize && size <= this.maxHeldBytes) {
      out.push(this.messageEvent(last, base + end));
      return;
    }
    this.oversize = false;
    this.held.keepFirst(MAX_SKIPPED_BYTES_KEPT);
    this.errorReason = `the value at offset ${this.valueStart} is ${size} bytes, over the ${this.maxHeldBytes}-byte limit for one message (too large); only its first ${MAX_SKIPPED_BYTES_KEPT} bytes are kept`;
    const room = Math.max(0, MAX_SKIPPED_BYTES_KEPT - this.held.length);
    out.push(this.errorEvent(last.subarray(0, room), base + end, 'too-large'));
  }

  /**
   * Reports a syntax error at local index `at`. Returns the index to continue
   * from: the error range runs through the offending byte and then through the
   * next newline, which the SKIP state finds.
   */
  private fail(
    out: Array<FramedMessage | JsonStreamError>,
    chunk: Uint8Array,
    base: number,
    at: number,
    expected?: string,
  ): number {
    const byte = chunk[at] as number;
    const tooDeep = this.depth === MAX_DEPTH && (byte === 0x7b || byte === 0x5b);
    const why = tooDeep
      ? `nested deeper than ${MAX_DEPTH} levels`
      : (expected ?? EXPECTED[this.state] ?? 'invalid JSON');
    this.errorReason = `unexpected byte ${describeByte(byte)} at offset ${base + at} (${why})`;
    this.depth = 0;
    this.oversize = false;
    if (byte === 0x0a) {
      out.push(this.errorEvent(chunk.subarray(this.localStart(base), at + 1), base + at + 1));
      this.state = BETWEEN;
    } else {
      this.state = SKIP;
      this.skipBudget = MAX_SKIPPED_BYTES_KEPT;
    }
    return at + 1;
  }

  private localStart(base: number): number {
    return this.valueStart > base ? this.valueStart - base : 0;
  }

  private hold(part: Uint8Array): void {
    if (this.oversize) this.held.addCapped(part, MAX_SKIPPED_BYTES_KEPT - this.held.length);
    else this.held.add(part);
  }

  private messageEvent(last: Uint8Array, end: number): FramedMessage {
    const bytes = this.held.take(last);
    return { kind: 'message', start: this.valueStart, end, bytes, text: decodeUtf8(bytes) };
  }

  private errorEvent(
    last: Uint8Array,
    end: number,
    code: JsonStreamError['code'] = 'syntax',
  ): JsonStreamError {
    return new JsonStreamError(code, this.valueStart, end, this.held.take(last), this.errorReason);
  }
}
