import { Correlator } from '../../../shared/correlation/correlator';
import type { FramedMessage, FramerError, FramingName } from '../../../shared/framing/framer';
import { GO_RPC_CONNECTED, goRpcConnect, isGobHandshake } from '../../../shared/framing/gob';
import type { HttpResponse } from '../../../shared/framing/http-response';
import { classifyGoError, type GoErrorClass } from '../../../shared/jsonrpc/go-errors';
import { type GobReplyEvent, GobRpcCodec } from '../../../shared/jsonrpc/go-gob';
import type { CallStamps } from '../../../shared/steps/call-stamps';
import type { StrayReply } from '../stores/calls-store';
import {
  type DecodedReply,
  type DialectName,
  decodeReply,
  type ErrorObject,
  idsInCutReply,
  type MarshalledRequest,
  marshalRequest,
} from './dialects';
import {
  createWireFraming,
  type HttpTarget,
  isHttpResponse,
  type WireFraming,
} from './wire-framing';

/** How one connection speaks: chosen at Connect, fixed for the connection's life. */
export type SessionProtocol = { framing: FramingName; dialect: DialectName; target: HttpTarget };

/** Go's net/rpc/jsonrpc on a raw stream: what the page spoke before there was a choice. */
export const GO_JSON_STREAM: SessionProtocol = {
  framing: 'json-stream',
  dialect: 'go',
  target: { host: '127.0.0.1', port: 0, path: '/' },
};

/** What the calls store shows for a notification's id: it has none. */
export const NO_ID = 'none';

export type MarshalledCall = {
  key: string;
  method: string;
  idText: string;
  canonicalId: string;
  paramsText: string | null;
  /** No id: the server sends no answer, and none is awaited. */
  notification: boolean;
  /** Keys of calls in flight that already use this id (Go echoes ids without checking). */
  duplicates: string[];
};

/** One write to the bridge: a request, or a whole batch, framed for the wire. */
export type MarshalledWrite = {
  /** The bytes as text (for HTTP with its head), what "Request as sent" shows. */
  text: string;
  bytes: Uint8Array;
  calls: MarshalledCall[];
};

export type ReplyOutcome =
  | {
      kind: 'answer';
      key: string;
      /** Steps 10 and 11; step 12 is stamped when the answer reaches the calls store. */
      stamps: Pick<CallStamps, 'firstReadAt' | 'lastReadAt' | 'replyBytes' | 'decodedAt'>;
      replyOrder: number;
      resultText: string | null;
      error: string | null;
      errorClass: GoErrorClass | null;
      errorObject: ErrorObject | null;
    }
  | { kind: 'stray'; stray: Omit<StrayReply, 'conn' | 'at'> }
  /** The answer to CONNECT (gob over HTTP): calls may go once `connected`, never otherwise. */
  | { kind: 'handshake'; connected: boolean; reason: string }
  /** Calls that can no longer be answered, though the connection lives on. */
  | { kind: 'failed'; keys: string[]; reason: string };

type FailedOutcome = Extract<ReplyOutcome, { kind: 'failed' }>;

/** One TCP chunk as the bridge read it: where it sits in the stream and when it was read. */
type ChunkRead = { start: number; end: number; at: number };

/** Told where the framer found a message or error: stream offsets [start, end) and the call it answered. */
export type FramedListener = (start: number, end: number, callKey: string | null) => void;

/** Where a reply sits in the stream, so its first and last byte can be traced to their chunks. */
type ReplySpan = { start: number; end: number };

const looseDecoder = new TextDecoder('utf-8', { fatal: false });

function decodeLoose(bytes: Uint8Array): string {
  return looseDecoder.decode(bytes);
}

const NOTIFICATION_ANSWERED =
  'id null matches no call: it may answer a notification, which must get no answer (servers also use null for a request they could not read)';

/**
 * The client stub's state for one TCP connection (steps 2, 10 and 11): the
 * auto id counter (Go's client numbers calls 0, 1, 2… per connection), the
 * framing and dialect chosen at Connect, the pending-call correlator, and the
 * read times of the chunks a reply may still span. Over HTTP every request
 * gets exactly one response, in order, so the session also knows which calls
 * a response was for. Pure but for the injected page clock: bytes in,
 * outcomes out.
 */
export class ConnectionSession {
  readonly conn: number;
  readonly protocol: SessionProtocol;
  private readonly wire: WireFraming;
  private readonly correlator = new Correlator<string>();
  private readonly now: () => number;
  private readonly onFramed: FramedListener | undefined;
  /** Chunks from the one holding the oldest byte not yet reported, in stream order. */
  private chunks: ChunkRead[] = [];
  private streamOffset = 0;
  /** End offset of the last message or error the framer reported. */
  private reportedEnd = 0;
  private nextAutoId = 0;
  private repliesMatched = 0;
  /** HTTP only: per request written and not yet answered, the keys of its calls that expect an answer. */
  private readonly httpAwaiting: string[][] = [];
  private httpBroken = false;
  private notificationsSent = 0;
  private requestsMarshalled = 0;
  /** Content-Length: why the last head's body was refused as too large, until its bytes come. */
  private refusedBody: string | null = null;
  /** Gob only: the stream's types both ways, and where the reply being read began. */
  private gob: GobRpcCodec | null;
  private gobReplyStart: number | null = null;
  private handshakeRefused = false;

  /** `now` is the page clock, for step 11; `onFramed` hears where each message or error sits. */
  constructor(
    conn: number,
    now: () => number,
    onFramed?: FramedListener,
    protocol: SessionProtocol = GO_JSON_STREAM,
  ) {
    this.conn = conn;
    this.now = now;
    this.onFramed = onFramed;
    this.protocol = protocol;
    this.wire = createWireFraming(protocol.framing, protocol.target);
    this.gob = protocol.dialect === 'gob' ? new GobRpcCodec() : null;
  }

  /** Whether the server has been sent a request and has answered nothing, not a byte. */
  get silent(): boolean {
    return this.requestsMarshalled > 0 && this.streamOffset === 0;
  }

  /** What to write before any call: over HTTP, Go's client CONNECTs first (GO-NETRPC §3). */
  opening(): Uint8Array | null {
    return this.protocol.framing === 'gob-http' ? goRpcConnect(this.protocol.target.path) : null;
  }

  /**
   * Marshals the editor text into one write and registers each call in it
   * under a key from `nextKey`; a problem leaves no trace.
   */
  marshal(editorText: string, nextKey: () => string): MarshalledWrite | { problem: string } {
    const autoIdBefore = this.nextAutoId;
    const request = this.marshalRequest(editorText);
    if (!request.ok) {
      this.nextAutoId = autoIdBefore;
      return { problem: request.problem };
    }
    const framed = this.wire.encode(request.text, request.bytes);
    if (!framed.ok) {
      this.nextAutoId = autoIdBefore;
      return { problem: framed.problem };
    }
    const calls = request.calls.map((call): MarshalledCall => {
      const key = nextKey();
      if (call.canonicalId === null || call.idText === null) {
        this.notificationsSent += 1;
        return {
          key,
          method: call.method,
          idText: NO_ID,
          canonicalId: '',
          paramsText: call.paramsText,
          notification: true,
          duplicates: [],
        };
      }
      const { duplicates } = this.correlator.register(call.canonicalId, key);
      return {
        key,
        method: call.method,
        idText: call.idText,
        canonicalId: call.canonicalId,
        paramsText: call.paramsText,
        notification: false,
        duplicates,
      };
    });
    if (this.wire.name === 'http') {
      this.httpAwaiting.push(calls.filter((call) => !call.notification).map((call) => call.key));
    }
    this.requestsMarshalled += 1;
    // Gob is binary: "Request as sent" shows the Go values it encodes (the Wire view has the bytes).
    const text = this.gob === null ? decodeLoose(framed.bytes) : request.text;
    return { text, bytes: framed.bytes, calls };
  }

  private marshalRequest(editorText: string): MarshalledRequest {
    const nextAutoId = () => String(this.nextAutoId++);
    const { dialect } = this.protocol;
    if (dialect !== 'gob') return marshalRequest(dialect, editorText, nextAutoId);
    // The constructor made it for a gob session; `??=` only lets TypeScript see that.
    this.gob ??= new GobRpcCodec();
    const gob = this.gob.marshal(editorText, nextAutoId);
    if (!gob.ok) return gob;
    const { method, idText, canonicalId, paramsText } = gob;
    return {
      ok: true,
      text: gob.text,
      bytes: gob.bytes,
      calls: [{ method, idText, canonicalId, paramsText }],
    };
  }

  /**
   * Feeds one TCP chunk as the bridge read it at `at` (bridge clock); returns
   * what each complete message in it means.
   */
  receive(chunk: Uint8Array, at: number): ReplyOutcome[] {
    // The page closes a connection whose CONNECT was refused: what follows is not gob to read.
    if (this.handshakeRefused) return [];
    if (chunk.length > 0) {
      this.chunks.push({ start: this.streamOffset, end: this.streamOffset + chunk.length, at });
      this.streamOffset += chunk.length;
    }
    const outcomes: ReplyOutcome[] = [];
    for (const item of this.wire.framer.push(chunk)) {
      this.reportedEnd = item.end;
      outcomes.push(...this.interpret(item));
      if (this.handshakeRefused) break;
    }
    // Every later reply starts after the last one reported: older chunks can go.
    this.forgetChunksBefore(this.reportedEnd);
    return outcomes;
  }

  /** The server closed: a message only the end could complete, or bytes of a truncated one. */
  end(): ReplyOutcome[] {
    if (this.handshakeRefused) return [];
    const leftover = this.wire.framer.end();
    // Interpreted before the chunks are forgotten: it needs their read times.
    const outcomes = leftover === null ? [] : this.interpret(leftover);
    this.chunks = [];
    return outcomes;
  }

  /** Calls still awaiting their answer. */
  get pendingCount(): number {
    return this.correlator.pendingCount;
  }

  /** Every call still pending; the correlator forgets them. */
  failAll(): string[] {
    this.httpAwaiting.length = 0;
    return this.correlator.failAll();
  }

  /** Gives up on these calls if still pending (a timeout): a later answer to one is reported late. */
  retire(keys: readonly string[]): void {
    for (const key of keys) this.correlator.retire(key, 'timed-out');
  }

  private interpret(item: FramedMessage | FramerError): ReplyOutcome[] {
    if (item.kind === 'error') {
      const text = decodeLoose(item.bytes);
      const named = this.failRefused(item, text);
      this.onFramed?.(item.start, item.end, named?.keys[0] ?? null);
      const stray: ReplyOutcome = {
        kind: 'stray',
        stray: { kind: 'framing-error', text, reason: item.reason },
      };
      return [stray, ...(named ? [named] : []), ...this.afterFramingError(item)];
    }
    this.refusedBody = null;
    if (isGobHandshake(item)) {
      this.onFramed?.(item.start, item.end, null);
      this.handshakeRefused = !item.connected;
      const reason = item.connected
        ? `${item.statusLine}: calls may go`
        : `the server answered "${item.statusLine}" to CONNECT ${this.protocol.target.path}, not "${GO_RPC_CONNECTED}": it is not Go's net/rpc over HTTP there`;
      return [{ kind: 'handshake', connected: item.connected, reason }];
    }
    if (this.gob !== null) return this.gobMessage(this.gob, item);
    if (isHttpResponse(item)) return this.httpResponse(item);
    const outcomes = this.decode(item.text, item);
    this.onFramed?.(item.start, item.end, firstAnswered(outcomes));
    return outcomes;
  }

  /**
   * A reply too large to read still names its call in the first bytes kept
   * (PI1, PI2): that call fails now with the cause, not at its timeout. With
   * Content-Length the head is refused first and the body's bytes follow as
   * skipped garbage (CL6), so they are read then. A garbled reply's ids are
   * not trusted: its calls stay pending.
   */
  private failRefused(error: FramerError, keptText: string): FailedOutcome | null {
    const refusedBody = this.refusedBody;
    this.refusedBody = null;
    if (error.framing !== 'content-length') {
      return error.code === 'too-large' ? this.failNamed(keptText, error.reason) : null;
    }
    if (error.code === 'too-large') this.refusedBody = error.reason;
    if (error.code !== 'garbage' || refusedBody === null) return null;
    return this.failNamed(keptText, refusedBody);
  }

  private failNamed(keptText: string, why: string): FailedOutcome | null {
    const keys: string[] = [];
    for (const id of idsInCutReply(this.protocol.dialect, keptText)) {
      const key = this.correlator.retireById(id, 'failed');
      if (key !== undefined) keys.push(key);
    }
    if (keys.length === 0) return null;
    return { kind: 'failed', keys, reason: `its reply could not be read: ${why}` };
  }

  /**
   * HTTP cannot find its way back into step after a malformed response, so
   * no call in flight can be answered any more. The other framings resume at
   * the next message: their calls stay pending.
   */
  private afterFramingError(error: FramerError): ReplyOutcome[] {
    if (this.gob !== null) return this.gobReplyLost(this.gob, error);
    if (error.framing !== 'http' || this.httpBroken) return [];
    this.httpBroken = true;
    const keys = this.failAll();
    if (keys.length === 0) return [];
    return [
      {
        kind: 'failed',
        keys,
        reason: `the HTTP response stream broke at byte ${error.start}: no later response can be read`,
      },
    ];
  }

  private httpResponse(response: HttpResponse): ReplyOutcome[] {
    // A 1xx is interim: the real response to the same request follows.
    if (response.interim) {
      this.onFramed?.(response.start, response.end, null);
      return [];
    }
    const awaiting = this.httpAwaiting.shift() ?? [];
    const statusLine = `HTTP/${response.version} ${response.status} ${response.statusText}`;
    if (response.text.trim() === '') {
      this.onFramed?.(response.start, response.end, null);
      // A request of notifications only is answered with no body (often 204): nothing is missing.
      if (awaiting.length === 0) return [];
      const reason = `${statusLine} has no body: no answer for ${awaiting.length === 1 ? 'its call' : `its ${awaiting.length} calls`}`;
      return [
        { kind: 'stray', stray: { kind: 'undecodable', text: httpText(response), reason } },
        this.give(awaiting, reason),
      ];
    }
    const outcomes = this.decode(response.text, response, statusLine);
    this.onFramed?.(response.start, response.end, firstAnswered(outcomes));
    const answered = new Set(outcomes.flatMap((o) => (o.kind === 'answer' ? [o.key] : [])));
    const unanswered = awaiting.filter((key) => !answered.has(key));
    if (unanswered.length > 0) {
      outcomes.push(
        this.give(unanswered, `the ${statusLine} response to its request held no answer for it`),
      );
    }
    return outcomes;
  }

  /** A gob reply whose header was read and whose body was lost to a framing error fails its call. */
  private gobReplyLost(gob: GobRpcCodec, error: FramerError): ReplyOutcome[] {
    this.gobReplyStart = null;
    const seq = gob.abandonReply();
    const key = seq === null ? undefined : this.correlator.retireById(seq, 'failed');
    if (key === undefined) return [];
    return [
      { kind: 'failed', keys: [key], reason: `its reply could not be read: ${error.reason}` },
    ];
  }

  /** A reply is its header and body, and any types they are the first to use: several messages. */
  private gobMessage(gob: GobRpcCodec, item: FramedMessage): ReplyOutcome[] {
    const start = this.gobReplyStart ?? item.start;
    const event: GobReplyEvent = gob.read(item.bytes);
    if (event.kind === 'pending') {
      this.gobReplyStart = start;
      return [];
    }
    this.gobReplyStart = null;
    const span = { start, end: item.end };
    if (event.kind === 'problem') {
      const key =
        event.idText === null ? undefined : this.correlator.retireById(event.idText, 'failed');
      this.onFramed?.(start, item.end, key ?? null);
      const stray: ReplyOutcome = {
        kind: 'stray',
        stray: { kind: 'undecodable', text: decodeLoose(item.bytes), reason: event.problem },
      };
      if (key === undefined) return [stray];
      return [
        stray,
        { kind: 'failed', keys: [key], reason: `its reply could not be read: ${event.problem}` },
      ];
    }
    const reply: DecodedReply = {
      kind: 'reply',
      text: event.text,
      idText: event.idText,
      canonicalId: event.canonicalId,
      resultText: event.resultText,
      error: event.error,
      errorClass: event.error === null ? null : classifyGoError(event.error),
      errorObject: null,
    };
    const outcome = this.match(reply, span, this.readTimes(span), this.now(), undefined);
    this.onFramed?.(start, item.end, outcome.kind === 'answer' ? outcome.key : null);
    return [outcome];
  }

  /** Gives up on calls whose answer cannot come any more; an answer that still does is late. */
  private give(keys: string[], reason: string): ReplyOutcome {
    for (const key of keys) this.correlator.retire(key, 'failed');
    return { kind: 'failed', keys, reason };
  }

  private forgetChunksBefore(offset: number): void {
    let drop = 0;
    while (drop < this.chunks.length && (this.chunks[drop]?.end ?? 0) <= offset) drop += 1;
    if (drop > 0) this.chunks = this.chunks.slice(drop);
  }

  /** The read times of the chunks that held a reply's first and last byte. */
  private readTimes(span: ReplySpan): { firstReadAt: number | null; lastReadAt: number | null } {
    const holding = (offset: number) =>
      this.chunks.find((chunk) => chunk.start <= offset && offset < chunk.end)?.at ?? null;
    return { firstReadAt: holding(span.start), lastReadAt: holding(span.end - 1) };
  }

  /** One message's replies (several for a batch answer), each matched on its own id. */
  private decode(text: string, span: ReplySpan, context?: string): ReplyOutcome[] {
    const { dialect } = this.protocol;
    if (dialect === 'gob') return [];
    const replies = decodeReply(dialect, text);
    const readTimes = this.readTimes(span);
    const decodedAt = this.now();
    return replies.map((reply) => this.match(reply, span, readTimes, decodedAt, context));
  }

  private match(
    reply: DecodedReply,
    span: ReplySpan,
    readTimes: { firstReadAt: number | null; lastReadAt: number | null },
    decodedAt: number,
    context: string | undefined,
  ): ReplyOutcome {
    const where = context === undefined ? '' : ` (in an ${context} response)`;
    if (reply.kind === 'problem') {
      const stray = {
        kind: 'undecodable' as const,
        text: reply.text,
        reason: reply.problem + where,
      };
      return { kind: 'stray', stray };
    }
    const match = this.correlator.match(reply.canonicalId);
    if (match.kind === 'unmatched') {
      // A notification has no id, so an answer to one can only carry null (or nothing at all).
      const toNotification = reply.idText === 'null' && this.notificationsSent > 0;
      const why = toNotification
        ? NOTIFICATION_ANSWERED
        : `no call in flight has id ${reply.idText}`;
      const reason = `${why}${where}${saying(reply.errorObject)}`;
      const kind = toNotification ? ('notification-answer' as const) : ('unmatched' as const);
      return { kind: 'stray', stray: { kind, text: reply.text, reason } };
    }
    if (match.kind === 'late') {
      const reason = `id ${reply.idText} answers a call already given up (${match.reason})${where}`;
      return { kind: 'stray', stray: { kind: 'late', text: reply.text, reason } };
    }
    this.repliesMatched += 1;
    return {
      kind: 'answer',
      key: match.key,
      stamps: { ...readTimes, replyBytes: span.end - span.start, decodedAt },
      replyOrder: this.repliesMatched,
      resultText: reply.resultText,
      error: reply.error,
      errorClass: reply.errorClass,
      errorObject: reply.errorObject,
    };
  }
}

function saying(error: ErrorObject | null): string {
  if (error === null) return '';
  return `; it says ${error.meaning}${error.message === '' ? '' : ` ("${error.message}")`}`;
}

function firstAnswered(outcomes: readonly ReplyOutcome[]): string | null {
  for (const outcome of outcomes) if (outcome.kind === 'answer') return outcome.key;
  return null;
}

/** A response as it came, head and body, for the stray list (the Wire view has its exact bytes). */
function httpText(response: HttpResponse): string {
  const head = [
    `HTTP/${response.version} ${response.status} ${response.statusText}`,
    ...response.headers.map(([name, value]) => `${name}: ${value}`),
  ];
  return `${head.join('\r\n')}\r\n\r\n${response.text}`;
}
