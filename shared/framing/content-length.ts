/**
 * Content-Length framing, the Language Server Protocol's base protocol:
 * `Content-Length: N\r\n`, optionally `Content-Type: …\r\n`, an empty line,
 * then exactly N bytes of body, one JSON value. The length is the only
 * boundary, so a length that lies desynchronises the stream: the framer
 * reports it, then resynchronises at the next `Content-` header name.
 * Rules CL1–CL6 (and FM1–FM5) in README.
 */
import {
  decodeUtf8,
  type FramedMessage,
  type Framer,
  FramerError,
  HeldBytes,
  MAX_SKIPPED_BYTES_KEPT,
  type Span,
} from './framer';
import {
  contentLength,
  HeadCollector,
  type Header,
  headerValues,
  headLines,
  MAX_HEAD_BYTES,
  parseHeaders,
} from './header-block';
import { oneJsonValueProblem } from './one-json-value';

export type ContentLengthMessage = FramedMessage & {
  /** The header block, its empty line included. */
  header: Span;
  body: Span;
  headers: Header[];
  contentType: string | null;
};

export type ContentLengthErrorCode =
  | 'bad-header'
  | 'missing-length'
  | 'bad-length'
  | 'length-mismatch'
  | 'head-too-large'
  | 'too-large'
  | 'garbage'
  | 'truncated';

export class ContentLengthError extends FramerError<ContentLengthErrorCode> {
  readonly framing = 'content-length';
}

/** Bodies are held whole until complete; a length above this is refused, not awaited. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const encoder = new TextEncoder();
/** Every header the protocol defines starts so: where a lost stream picks up again (CL5). */
const RESYNC = encoder.encode('Content-');

const HEAD = 0;
const BODY = 1;
const SKIP = 2;

type Event = ContentLengthMessage | ContentLengthError;

export class ContentLengthFramer implements Framer<ContentLengthMessage, ContentLengthError> {
  private state = HEAD;
  private readonly head = new HeadCollector();
  private readonly body = new HeldBytes();
  private consumed = 0;
  private messageStart = 0;
  private headBytes: Uint8Array = new Uint8Array(0);
  private headers: Header[] = [];
  private bodyStart = 0;
  private bodyLeft = 0;
  /** SKIP: where the skipped bytes began, those kept, and how much of RESYNC is matched. */
  private skipStart = 0;
  private readonly skipped = new HeldBytes();
  private matched = 0;

  get offset(): number {
    return this.consumed;
  }

  push(chunk: Uint8Array): Event[] {
    const out: Event[] = [];
    const base = this.consumed;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.state === HEAD) {
        if (this.head.length === 0) this.messageStart = base + i;
        const stop = this.head.scan(chunk, i);
        if (stop < 0) {
          if (this.head.length > MAX_HEAD_BYTES) {
            const bytes = this.head.take().subarray(0, MAX_SKIPPED_BYTES_KEPT);
            const why = `no empty line within ${MAX_HEAD_BYTES} bytes of header`;
            out.push(this.error('head-too-large', base + n, bytes, why));
            this.startSkip(base + n);
          }
          break;
        }
        i = stop;
        const event = this.headEnded(base + stop);
        if (event) out.push(event);
      } else if (this.state === BODY) {
        const take = Math.min(this.bodyLeft, n - i);
        const last = chunk.subarray(i, i + take);
        i += take;
        this.bodyLeft -= take;
        if (this.bodyLeft > 0) {
          this.body.add(last);
          break;
        }
        out.push(this.bodyEnded(this.body.take(last), base + i));
      } else {
        i = this.skip(out, chunk, base, i);
      }
    }
    this.consumed += n;
    return out;
  }

  end(): Event | null {
    const at = this.consumed;
    const state = this.state;
    this.state = HEAD;
    if (state === SKIP) {
      const bytes = this.skipped.take();
      return at > this.skipStart ? this.garbage(bytes, at) : null;
    }
    if (state === BODY) {
      const got = at - this.bodyStart;
      const bytes = concat(this.headBytes, this.body.take());
      const why = `stream ended after ${got} of the ${got + this.bodyLeft} body bytes Content-Length announced (it lies, or the message was cut)`;
      return this.error('truncated', at, bytes, why);
    }
    if (this.head.length === 0) return null;
    return this.error('truncated', at, this.head.take(), 'stream ended inside a header block');
  }

  /** CL1–CL3: the header block is complete; check it and expect the body. */
  private headEnded(end: number): Event | null {
    const bytes = this.head.take();
    const parsed = parseHeaders(headLines(bytes));
    if ('problem' in parsed) return this.headError('bad-header', end, bytes, parsed.problem);
    const length = contentLength(parsed.headers, MAX_BODY_BYTES);
    if (length === null) {
      const why = 'the header block has no Content-Length';
      return this.headError('missing-length', end, bytes, why);
    }
    if ('problem' in length) {
      const code = length.tooLarge ? 'too-large' : 'bad-length';
      return this.headError(code, end, bytes, length.problem);
    }
    this.headBytes = bytes;
    this.headers = parsed.headers;
    this.bodyStart = end;
    this.bodyLeft = length.length;
    this.state = BODY;
    return length.length === 0 ? this.bodyEnded(new Uint8Array(0), end) : null;
  }

  /** CL4: a body must be exactly one JSON value, or the length lied. */
  private bodyEnded(bytes: Uint8Array, end: number): Event {
    this.state = HEAD;
    const problem = oneJsonValueProblem(bytes, this.bodyStart);
    if (problem !== null) {
      const why = `Content-Length ${bytes.length} does not frame one JSON value (${problem}): the length lies or the body is not JSON`;
      this.startSkip(end);
      return this.error('length-mismatch', end, concat(this.headBytes, bytes), why);
    }
    const [contentType = null] = headerValues(this.headers, 'content-type');
    return {
      kind: 'message',
      start: this.messageStart,
      end,
      bytes,
      text: decodeUtf8(bytes),
      header: { start: this.messageStart, end: this.bodyStart },
      body: { start: this.bodyStart, end },
      headers: this.headers,
      contentType,
    };
  }

  private headError(
    code: ContentLengthErrorCode,
    end: number,
    bytes: Uint8Array,
    why: string,
  ): ContentLengthError {
    this.startSkip(end);
    return this.error(code, end, bytes, why);
  }

  private startSkip(at: number): void {
    this.state = SKIP;
    this.skipStart = at;
    this.matched = 0;
  }

  /** CL5: skips to the next `Content-`; returns the local index to go on from. */
  private skip(out: Event[], chunk: Uint8Array, base: number, from: number): number {
    const n = chunk.length;
    for (let i = from; i < n; i++) {
      const byte = chunk[i] as number;
      if (byte === RESYNC[this.matched]) this.matched++;
      else this.matched = byte === RESYNC[0] ? 1 : 0;
      if (this.matched < RESYNC.length) continue;
      const headStart = base + i + 1 - RESYNC.length;
      this.skipped.addCapped(chunk.subarray(from, i + 1), this.skipBudget());
      const kept = this.skipped.take();
      if (headStart > this.skipStart) {
        out.push(this.garbage(kept.subarray(0, headStart - this.skipStart), headStart));
      }
      this.state = HEAD;
      this.messageStart = headStart;
      this.head.seed(RESYNC);
      return i + 1;
    }
    this.skipped.addCapped(chunk.subarray(from), this.skipBudget());
    return n;
  }

  private skipBudget(): number {
    // RESYNC's bytes are kept beyond the cap so they can be cut off the garbage exactly.
    return MAX_SKIPPED_BYTES_KEPT + RESYNC.length - this.skipped.length;
  }

  private garbage(bytes: Uint8Array, end: number): ContentLengthError {
    const count = end - this.skipStart;
    const why = `${count} bytes that are not a header block, skipped up to offset ${end}`;
    return new ContentLengthError(
      'garbage',
      this.skipStart,
      end,
      bytes.subarray(0, MAX_SKIPPED_BYTES_KEPT),
      why,
    );
  }

  private error(
    code: ContentLengthErrorCode,
    end: number,
    bytes: Uint8Array,
    why: string,
  ): ContentLengthError {
    const reason = `${why} (message from offset ${this.messageStart} to ${end})`;
    return new ContentLengthError(code, this.messageStart, end, bytes, reason);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a);
  bytes.set(b, a.length);
  return bytes;
}

/** Frames one body for the wire: `Content-Length: N\r\n\r\n` then the body's UTF-8 bytes. */
export function encodeContentLengthMessage(body: string | Uint8Array): Uint8Array {
  const payload = typeof body === 'string' ? encoder.encode(body) : body;
  return concat(encoder.encode(`Content-Length: ${payload.length}\r\n\r\n`), payload);
}
