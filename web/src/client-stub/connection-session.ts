import { Correlator } from '../../../shared/correlation/correlator';
import { JsonStreamFramer } from '../../../shared/framing/json-stream';
import {
  classifyGoError,
  decodeGoReply,
  marshalGoRequest,
} from '../../../shared/jsonrpc/go-dialect';
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
      replyOrder: number;
      resultText: string | null;
      error: string | null;
      errorClass: ErrorClass | null;
    }
  | { kind: 'stray'; stray: Omit<StrayReply, 'conn' | 'at'> };

/**
 * The client stub's state for one TCP connection (steps 2 and 11): the auto id
 * counter (Go's client numbers calls 0, 1, 2… per connection), the reply
 * framer and the pending-call correlator. Pure: bytes in, outcomes out.
 */
export class ConnectionSession {
  readonly conn: number;
  private readonly framer = new JsonStreamFramer();
  private readonly correlator = new Correlator<string>();
  private nextAutoId = 0;
  private repliesMatched = 0;

  constructor(conn: number) {
    this.conn = conn;
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

  /** Feeds one TCP chunk as the bridge read it; returns what each complete value in it means. */
  receive(chunk: Uint8Array): ReplyOutcome[] {
    return this.framer.push(chunk).map((item) => {
      if (item.kind === 'error') {
        const stray = {
          kind: 'framing-error' as const,
          text: decodeLoose(item.bytes),
          reason: item.reason,
        };
        return { kind: 'stray', stray };
      }
      return this.decode(item.text);
    });
  }

  /** The server closed: a value only the end could complete, or bytes of a truncated reply. */
  end(): ReplyOutcome | null {
    const leftover = this.framer.end();
    if (leftover === null) return null;
    if (leftover.kind === 'message') return this.decode(leftover.text);
    return {
      kind: 'stray',
      stray: { kind: 'framing-error', text: decodeLoose(leftover.bytes), reason: leftover.reason },
    };
  }

  /** Every call still pending; the correlator forgets them. */
  failAll(): string[] {
    return this.correlator.failAll();
  }

  private decode(text: string): ReplyOutcome {
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
