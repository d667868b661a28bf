/**
 * Reads HTTP/1.1 responses off one connection (RFC 9112): Content-Length
 * bodies, chunked transfer-coding with extensions and trailers, bodies read
 * to the connection's end, responses without a body (HEAD, 1xx, 204, 304),
 * keep-alive and pipelined responses back to back. HTTP has no way back into
 * step after a malformed message, so the first error is final: later bytes
 * are reported, never framed. Rules H1–H8 (and FM1–FM5) in README.
 */
import {
  decodeUtf8,
  describeByte,
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
  latin1,
  MAX_HEAD_BYTES,
  parseHeaders,
} from './header-block';

export type HttpResponse = FramedMessage & {
  version: '1.0' | '1.1';
  status: number;
  statusText: string;
  headers: Header[];
  /** Trailer fields after a chunked body; empty otherwise. */
  trailers: Header[];
  /** Status line and header fields, the empty line included. */
  head: Span;
  /** The body as sent: for chunked, size lines, data, CRLFs and trailers. */
  body: Span;
  /** For chunked bodies, where each chunk's data lies; empty otherwise. */
  chunks: Span[];
  /** A 1xx answer: another response to the same request follows. */
  interim: boolean;
  /** Whether the connection stays open for further responses. */
  keepAlive: boolean;
};

export type HttpErrorCode =
  | 'bad-status-line'
  | 'bad-header'
  | 'bad-length'
  | 'head-too-large'
  | 'bad-chunk'
  | 'body-too-large'
  | 'after-close'
  | 'after-error'
  | 'truncated';

export class HttpFramingError extends FramerError<HttpErrorCode> {
  readonly framing = 'http';
}

/** A body (de-chunked) is held whole until complete; beyond this it is refused. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A chunk-size line with its extensions. */
export const MAX_CHUNK_LINE_BYTES = 4096;

const LF = 0x0a;
const CR = 0x0d;

// States.
const IDLE = 0; // between responses
const HEAD = 1;
const LENGTH_BODY = 2;
const CHUNK_SIZE = 3;
const CHUNK_DATA = 4;
const CHUNK_CR = 5; // after a chunk's data: CR LF (or a bare LF)
const CHUNK_LF = 6;
const TRAILERS = 7;
const EOF_BODY = 8;
const CLOSED = 9; // after a response that closes the connection
const FAILED = 10;

const STATUS_LINE = /^HTTP\/1\.([01]) ([0-9]{3})(?: ([\t\x20-\x7e\x80-\xff]*))?$/;
const CHUNK_LINE = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/;

type Event = HttpResponse | HttpFramingError;

type Head = {
  version: '1.0' | '1.1';
  status: number;
  statusText: string;
  headers: Header[];
  keepAlive: boolean;
  interim: boolean;
};

export class HttpResponseReader implements Framer<HttpResponse, HttpFramingError> {
  private state = IDLE;
  private consumed = 0;
  /** Methods of requests sent and not yet answered, oldest first (a HEAD answer has no body). */
  private readonly methods: string[] = [];
  private readonly collector = new HeadCollector();
  /** The message's wire bytes so far, capped: what an error carries. */
  private readonly wire = new HeldBytes();
  /** Local index in the current chunk from which its bytes are not yet in `wire`. */
  private wireFrom = 0;
  private readonly payload = new HeldBytes();
  private readonly line = new HeldBytes();
  private messageStart = 0;
  private head: Head | null = null;
  private headEnd = 0;
  private left = 0;
  private chunkStart = 0;
  private chunks: Span[] = [];
  private failedAt = 0;

  get offset(): number {
    return this.consumed;
  }

  /** Records a request written on this connection, so its response is read right (H4). */
  requestSent(method: string): void {
    this.methods.push(method.toUpperCase());
  }

  push(chunk: Uint8Array): Event[] {
    const out: Event[] = [];
    const base = this.consumed;
    const n = chunk.length;
    this.wireFrom = 0;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case IDLE: {
          const byte = chunk[i] as number;
          if (byte === CR || byte === LF) {
            i++; // stray line ends between responses are tolerated (RFC 9112 §2.2)
            continue;
          }
          this.messageStart = base + i;
          this.wireFrom = i;
          this.state = HEAD;
          continue;
        }
        case HEAD: {
          const stop = this.collector.scan(chunk, i);
          if (stop < 0) {
            i = n;
            if (this.collector.length > MAX_HEAD_BYTES) {
              this.collector.take();
              const why = `no empty line within ${MAX_HEAD_BYTES} bytes of response head`;
              out.push(this.fail('head-too-large', chunk, base, n, why));
            }
            continue;
          }
          i = stop;
          const event = this.headEnded(chunk, base, stop);
          if (event) out.push(event);
          continue;
        }
        case LENGTH_BODY:
        case CHUNK_DATA:
        case EOF_BODY: {
          const take = this.state === EOF_BODY ? n - i : Math.min(this.left, n - i);
          this.payload.add(chunk.subarray(i, i + take));
          i += take;
          this.left -= take;
          if (this.state === EOF_BODY && this.payload.length > MAX_BODY_BYTES) {
            const why = `body read to the end of the stream is over the limit of ${MAX_BODY_BYTES} bytes`;
            out.push(this.fail('body-too-large', chunk, base, i, why));
            continue;
          }
          if (this.state === EOF_BODY || this.left > 0) continue;
          if (this.state === LENGTH_BODY) {
            out.push(this.complete(base, i));
          } else {
            this.chunks.push({ start: this.chunkStart, end: base + i });
            this.state = CHUNK_CR;
          }
          continue;
        }
        case CHUNK_SIZE: {
          const stop = this.readLine(chunk, i);
          if (stop < 0) {
            i = n;
            if (this.line.length > MAX_CHUNK_LINE_BYTES) {
              const why = `chunk-size line longer than ${MAX_CHUNK_LINE_BYTES} bytes`;
              out.push(this.fail('bad-chunk', chunk, base, n, why));
            }
            continue;
          }
          i = stop;
          const event = this.chunkLine(chunk, base, stop);
          if (event) out.push(event);
          continue;
        }
        case CHUNK_CR:
        case CHUNK_LF: {
          const byte = chunk[i] as number;
          if (byte === CR && this.state === CHUNK_CR) {
            this.state = CHUNK_LF;
            i++;
            continue;
          }
          if (byte === LF) {
            this.state = CHUNK_SIZE;
            i++;
            continue;
          }
          const why = `unexpected byte ${describeByte(byte)} at offset ${base + i} (expected CRLF after chunk data)`;
          out.push(this.fail('bad-chunk', chunk, base, i + 1, why));
          i++;
          continue;
        }
        case TRAILERS: {
          const stop = this.collector.scan(chunk, i);
          if (stop < 0) {
            i = n;
            if (this.collector.length > MAX_HEAD_BYTES) {
              this.collector.take();
              const why = `no empty line within ${MAX_HEAD_BYTES} bytes of trailers`;
              out.push(this.fail('head-too-large', chunk, base, n, why));
            }
            continue;
          }
          i = stop;
          const parsed = parseHeaders(headLines(this.collector.take()));
          if ('problem' in parsed) {
            out.push(this.fail('bad-header', chunk, base, stop, `trailer: ${parsed.problem}`));
            continue;
          }
          out.push(this.complete(base, stop, parsed.headers));
          continue;
        }
        case CLOSED: {
          this.messageStart = base + i;
          this.wireFrom = i;
          const why = `bytes at offset ${base + i} after a response that closed the connection`;
          out.push(this.fail('after-close', chunk, base, n, why));
          i = n;
          continue;
        }
        default: {
          // FAILED: each later chunk is reported, whole, as what could not be framed.
          const why = `bytes after the framing error at offset ${this.failedAt}; the stream cannot be framed again`;
          out.push(
            new HttpFramingError(
              'after-error',
              base + i,
              base + n,
              chunk.slice(i, Math.min(n, i + MAX_SKIPPED_BYTES_KEPT)),
              why,
            ),
          );
          i = n;
        }
      }
    }
    if (this.state !== IDLE && this.state !== CLOSED && this.state !== FAILED) {
      this.wire.addCapped(chunk.subarray(this.wireFrom), MAX_SKIPPED_BYTES_KEPT - this.wire.length);
    }
    this.consumed += n;
    return out;
  }

  /** H6: a body read to the end completes here; anything else in progress was cut. */
  end(): Event | null {
    const state = this.state;
    const at = this.consumed;
    if (state === IDLE || state === CLOSED || state === FAILED) return null;
    if (state === EOF_BODY) {
      this.state = CLOSED;
      return this.message(at, []);
    }
    const where =
      state === HEAD
        ? 'inside the response head'
        : state === LENGTH_BODY
          ? `with ${this.left} of the body's Content-Length bytes missing`
          : 'inside a chunked body';
    this.collector.take();
    this.state = FAILED;
    this.failedAt = at;
    const bytes = this.wire.take();
    this.payload.clear();
    return new HttpFramingError(
      'truncated',
      this.messageStart,
      at,
      bytes,
      `stream ended at offset ${at} ${where} (truncated response)`,
    );
  }

  /** H2–H5: the head is complete; decide how the body is delimited. */
  private headEnded(chunk: Uint8Array, base: number, stop: number): Event | null {
    const lines = headLines(this.collector.take());
    const statusLine = lines.shift() ?? '';
    const status = STATUS_LINE.exec(statusLine);
    if (!status) {
      const why = `malformed status line ${JSON.stringify(statusLine.slice(0, 200))} (expected "HTTP/1.1 200 OK")`;
      return this.fail('bad-status-line', chunk, base, stop, why);
    }
    const parsed = parseHeaders(lines);
    if ('problem' in parsed) return this.fail('bad-header', chunk, base, stop, parsed.problem);
    const { headers } = parsed;
    const version = status[1] === '1' ? '1.1' : '1.0';
    const code = Number(status[2]);
    const interim = code >= 100 && code < 200 && code !== 101;
    const method = interim ? undefined : this.methods.shift();
    const connection = headerValues(headers, 'connection')
      .flatMap((value) => value.split(','))
      .map((token) => token.trim().toLowerCase());
    let keepAlive =
      version === '1.1' ? !connection.includes('close') : connection.includes('keep-alive');
    this.head = { version, status: code, statusText: status[3] ?? '', headers, keepAlive, interim };
    this.headEnd = base + stop;
    this.chunks = [];
    if (method === 'HEAD' || (code >= 100 && code < 200) || code === 204 || code === 304) {
      return this.complete(base, stop);
    }
    const codings = headerValues(headers, 'transfer-encoding')
      .flatMap((value) => value.split(','))
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== '');
    if (codings.length > 0) {
      // Transfer-Encoding overrides Content-Length; without chunked last, the body runs to the end.
      if (codings[codings.length - 1] === 'chunked') {
        this.state = CHUNK_SIZE;
        return null;
      }
      keepAlive = false;
    } else {
      const length = contentLength(headers, MAX_BODY_BYTES);
      if (length !== null && 'problem' in length) {
        const code = length.tooLarge ? 'body-too-large' : 'bad-length';
        return this.fail(code, chunk, base, stop, length.problem);
      }
      if (length !== null) {
        if (length.length === 0) return this.complete(base, stop);
        this.left = length.length;
        this.state = LENGTH_BODY;
        return null;
      }
      keepAlive = false;
    }
    this.head.keepAlive = keepAlive;
    this.state = EOF_BODY;
    return null;
  }

  /** A chunk-size line ended just before local index `stop`. */
  private chunkLine(chunk: Uint8Array, base: number, stop: number): Event | null {
    const text = latin1(this.line.take()).replace(/\r?\n$/, '');
    const match = CHUNK_LINE.exec(text);
    if (!match) {
      const why = `malformed chunk-size line ${JSON.stringify(text.slice(0, 200))} ending at offset ${base + stop}`;
      return this.fail('bad-chunk', chunk, base, stop, why);
    }
    const size = Number.parseInt(match[1] as string, 16);
    if (this.payload.length + size > MAX_BODY_BYTES) {
      const why = `chunked body over the limit of ${MAX_BODY_BYTES} bytes`;
      return this.fail('body-too-large', chunk, base, stop, why);
    }
    if (size === 0) {
      this.state = TRAILERS;
      return null;
    }
    this.left = size;
    this.chunkStart = base + stop;
    this.state = CHUNK_DATA;
    return null;
  }

  /** Holds a line's bytes up to its LF; returns the index after the LF, or -1. */
  private readLine(chunk: Uint8Array, from: number): number {
    const newline = chunk.indexOf(LF, from);
    const stop = newline < 0 ? chunk.length : newline + 1;
    this.line.addCapped(chunk.subarray(from, stop), MAX_CHUNK_LINE_BYTES + 1 - this.line.length);
    return newline < 0 ? -1 : stop;
  }

  private complete(base: number, stop: number, trailers: Header[] = []): Event {
    this.wire.clear();
    this.wireFrom = stop;
    this.state = this.head?.keepAlive ? IDLE : CLOSED;
    return this.message(base + stop, trailers);
  }

  private message(end: number, trailers: Header[]): HttpResponse {
    const head = this.head as Head;
    const bytes = this.payload.take();
    return {
      kind: 'message',
      start: this.messageStart,
      end,
      bytes,
      text: bytes.length === 0 ? '' : decodeUtf8(bytes),
      version: head.version,
      status: head.status,
      statusText: head.statusText,
      headers: head.headers,
      trailers,
      head: { start: this.messageStart, end: this.headEnd },
      body: { start: this.headEnd, end },
      chunks: this.chunks,
      interim: head.interim,
      keepAlive: head.keepAlive,
    };
  }

  /** H8: the first error is final; it covers the message from its start through `stop`. */
  private fail(
    code: HttpErrorCode,
    chunk: Uint8Array,
    base: number,
    stop: number,
    why: string,
  ): HttpFramingError {
    this.wire.addCapped(
      chunk.subarray(this.wireFrom, stop),
      MAX_SKIPPED_BYTES_KEPT - this.wire.length,
    );
    this.wireFrom = stop;
    this.payload.clear();
    this.line.clear();
    this.collector.take();
    this.state = FAILED;
    this.failedAt = base + stop;
    return new HttpFramingError(code, this.messageStart, base + stop, this.wire.take(), why);
  }
}
