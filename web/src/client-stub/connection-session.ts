import { Correlator } from '../../../shared/correlation/correlator';
import { JsonStreamFramer } from '../../../shared/framing/json-stream';
import {
  classifyGoError,
  decodeGoReply,
  marshalGoRequest,
} from '../../../shared/jsonrpc/go-dialect';
import type { CallStamps } from '../../../shared/steps/call-stamps';
import type { ErrorClass, StrayReply } from '../stores/calls-store';

export type MarshalledCall = {
  text: string;
  bytes: Uint8Array;
  method: string;
  idText: string;
  canonicalId: string;
  /** Keys of calls in flight that already use this id (Go echoes ids without checking). */
  duplicates: string[];
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
      errorClass: ErrorClass | null;
    }
  | { kind: 'stray'; stray: Omit<StrayReply, 'conn' | 'at'> };

/** One TCP chunk as the bridge read it: where it sits in the stream and when it was read. */
type ChunkRead = { start: number; end: number; at: number };

/** Told where the framer found a message or error: stream offsets [start, end) and the call it answered. */
export type FramedListener = (start: number, end: number, callKey: string | null) => void;

/** Where a reply sits in the stream, so its first and last byte can be traced to their chunks. */
type ReplySpan = { start: number; end: number };

/**
 * The client stub's state for one TCP connection (steps 2, 10 and 11): the
 * auto id counter (Go's client numbers calls 0, 1, 2… per connection), the
 * reply framer, the pending-call correlator, and the read times of the chunks
 * a reply may still span. Pure but for the injected page clock: bytes in,
 * outcomes out.
 */
export class ConnectionSession {
  readonly conn: number;
  private readonly framer = new JsonStreamFramer();
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

  /** `now` is the page clock, for step 11; `onFramed` hears where each message or error sits. */
  constructor(conn: number, now: () => number, onFramed?: FramedListener) {
    this.conn = conn;
    this.now = now;
    this.onFramed = onFramed;
  }

  /** Marshals the editor text and registers the call under key; a problem leaves no trace. */
  marshal(editorText: string, key: string): MarshalledCall | { problem: string } {
    const result = marshalGoRequest(editorText, () => String(this.nextAutoId++));
    if (!result.ok) return { problem: result.problem };
    const { duplicates } = this.correlator.register(result.canonicalId, key);
    return {
      text: result.text,
      bytes: result.bytes,
      method: result.method,
      idText: result.idText,
      canonicalId: result.canonicalId,
      duplicates,
    };
  }

  /**
   * Feeds one TCP chunk as the bridge read it at `at` (bridge clock); returns
   * what each complete value in it means.
   */
  receive(chunk: Uint8Array, at: number): ReplyOutcome[] {
    if (chunk.length > 0) {
      this.chunks.push({ start: this.streamOffset, end: this.streamOffset + chunk.length, at });
      this.streamOffset += chunk.length;
    }
    const outcomes = this.framer.push(chunk).map((item): ReplyOutcome => {
      this.reportedEnd = item.end;
      if (item.kind === 'error') {
        const stray = {
          kind: 'framing-error' as const,
          text: decodeLoose(item.bytes),
          reason: item.reason,
        };
        this.onFramed?.(item.start, item.end, null);
        return { kind: 'stray', stray };
      }
      const outcome = this.decode(item.text, item);
      this.onFramed?.(item.start, item.end, outcome.kind === 'answer' ? outcome.key : null);
      return outcome;
    });
    // Every later reply starts after the last one reported: older chunks can go.
    this.forgetChunksBefore(this.reportedEnd);
    return outcomes;
  }

  /** The server closed: a value only the end could complete, or bytes of a truncated reply. */
  end(): ReplyOutcome | null {
    const leftover = this.framer.end();
    // Decoded before the chunks are forgotten: it needs their read times.
    const outcome: ReplyOutcome | null =
      leftover === null
        ? null
        : leftover.kind === 'message'
          ? this.decode(leftover.text, leftover)
          : {
              kind: 'stray',
              stray: {
                kind: 'framing-error',
                text: decodeLoose(leftover.bytes),
                reason: leftover.reason,
              },
            };
    if (leftover) {
      const key = outcome?.kind === 'answer' ? outcome.key : null;
      this.onFramed?.(leftover.start, leftover.end, key);
    }
    this.chunks = [];
    return outcome;
  }

  /** Every call still pending; the correlator forgets them. */
  failAll(): string[] {
    return this.correlator.failAll();
  }

  /** Gives up on these calls if still pending (a timeout): a later answer to one is reported late. */
  retire(keys: readonly string[]): void {
    for (const key of keys) this.correlator.retire(key, 'timed-out');
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

  private decode(text: string, span: ReplySpan): ReplyOutcome {
    const decoded = decodeGoReply(text);
    if (!decoded.ok)
      return { kind: 'stray', stray: { kind: 'undecodable', text, reason: decoded.problem } };
    const { reply } = decoded;
    const match = this.correlator.match(reply.canonicalId);
    if (match.kind === 'unmatched') {
      return {
        kind: 'stray',
        stray: { kind: 'unmatched', text, reason: `no call in flight has id ${reply.idText}` },
      };
    }
    if (match.kind === 'late') {
      const reason = `id ${reply.idText} answers a call already given up (${match.reason})`;
      return { kind: 'stray', stray: { kind: 'late', text, reason } };
    }
    this.repliesMatched += 1;
    return {
      kind: 'answer',
      key: match.key,
      stamps: {
        ...this.readTimes(span),
        replyBytes: span.end - span.start,
        decodedAt: this.now(),
      },
      replyOrder: this.repliesMatched,
      resultText: reply.error === null ? reply.resultText : null,
      error: reply.error,
      errorClass: reply.error === null ? null : classifyGoError(reply.error),
    };
  }
}

const looseDecoder = new TextDecoder('utf-8', { fatal: false });

function decodeLoose(bytes: Uint8Array): string {
  return looseDecoder.decode(bytes);
}
