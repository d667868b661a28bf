import type { FramingName } from '../../../shared/framing/framer';
import { type JsonValue, parseExact, stringifyExact } from '../../../shared/json/exact-json';
import { idsInPrefix } from '../../../shared/json/prefix-ids';
import { decodeGoReply, marshalGoRequest } from '../../../shared/jsonrpc/go-dialect';
import { classifyGoError, type GoErrorClass } from '../../../shared/jsonrpc/go-errors';
import { decodeV2Response, marshalV2Request, type V2Response } from '../../../shared/jsonrpc/v2';

/** What the client stub speaks on a connection: Go's jsonrpc, JSON-RPC 2.0, or Go's default gob codec. */
export type DialectName = 'go' | 'v2' | 'gob';

export const DIALECT_NAMES: readonly DialectName[] = ['go', 'v2', 'gob'];

/** Gob has its own framing, and no other dialect fits it. */
export function isGobFraming(framing: FramingName): boolean {
  return framing === 'gob' || framing === 'gob-http';
}

/** Which side must change when this framing cannot carry this dialect: gob needs a gob framing, and a gob framing the gob dialect. */
export type ProtocolMismatch = 'needs-gob-framing' | 'needs-gob-dialect';

/** Why this framing cannot carry this dialect, or null when it can. */
export function protocolMismatch(
  framing: FramingName,
  dialect: DialectName,
): ProtocolMismatch | null {
  if (isGobFraming(framing) === (dialect === 'gob')) return null;
  return dialect === 'gob' ? 'needs-gob-framing' : 'needs-gob-dialect';
}

/** The dialect a failed call suggests trying instead; the page words it in its language. */
export const DIALECT_HINTS = ['try-gob', 'try-jsonrpc'] as const;
export type DialectHint = (typeof DIALECT_HINTS)[number];

/**
 * What a server that has sent nothing at all may mean (GO-NETRPC fact 10):
 * a protocol mismatch never produces a reply. JSON sent to a gob server
 * hangs, since "{" reads as a message length of 123; gob sent to a jsonrpc
 * server closes the connection at once. Null when silence says nothing.
 */
export function silenceHint(dialect: DialectName, how: 'timeout' | 'closed'): DialectHint | null {
  if (dialect === 'go' && how === 'timeout') return 'try-gob';
  if (dialect === 'gob' && how === 'closed') return 'try-jsonrpc';
  return null;
}

/** One call inside a marshalled request: a batch holds several; a notification has no id. */
export type OutgoingCall = {
  method: string;
  idText: string | null;
  canonicalId: string | null;
  /** This call's own "params" as sent: a batch element's, not the batch's. */
  paramsText: string | null;
};

export type MarshalledRequest =
  | { ok: true; text: string; bytes: Uint8Array; calls: OutgoingCall[] }
  | { ok: false; problem: string };

/** A JSON-RPC 2.0 error object as the page shows it, the standard code explained. */
export type ErrorObject = {
  code: number;
  message: string;
  dataText: string | null;
  meaning: string;
};

export type DecodedReply =
  | {
      kind: 'reply';
      /** This reply's own text: for an element of a batch answer, the element alone. */
      text: string;
      idText: string;
      canonicalId: string;
      resultText: string | null;
      /** Go's error string, or a 2.0 error object's message. */
      error: string | null;
      errorClass: GoErrorClass | null;
      errorObject: ErrorObject | null;
    }
  | { kind: 'problem'; text: string; problem: string };

/**
 * Step 2 in the chosen dialect. Go's: one object, a missing id numbered by
 * `nextAutoId` as Go's client does. JSON-RPC 2.0: an object or a batch (an
 * array), and an element without "id" is a notification, as the
 * specification says; ids the user wrote are sent as typed.
 */
export function marshalRequest(
  dialect: Exclude<DialectName, 'gob'>,
  editorText: string,
  nextAutoId: () => string,
): MarshalledRequest {
  if (dialect === 'go') {
    const go = marshalGoRequest(editorText, nextAutoId);
    if (!go.ok) return go;
    return {
      ok: true,
      text: go.text,
      bytes: go.bytes,
      calls: [
        {
          method: go.method,
          idText: go.idText,
          canonicalId: go.canonicalId,
          paramsText: go.paramsText,
        },
      ],
    };
  }
  const v2 = marshalV2Request(editorText, nextAutoId, { notification: true });
  if (!v2.ok) return v2;
  if (v2.batch && v2.calls.length === 0) {
    return { ok: false, problem: 'An empty batch is not a request: the server answers -32600.' };
  }
  return {
    ok: true,
    text: v2.text,
    bytes: v2.bytes,
    calls: v2.calls.map(({ method, idText, canonicalId, paramsText }) => ({
      method,
      idText,
      canonicalId,
      paramsText,
    })),
  };
}

/** Step 11 in the chosen dialect: one reply, or one per element of a batch answer. */
export function decodeReply(dialect: Exclude<DialectName, 'gob'>, text: string): DecodedReply[] {
  if (dialect === 'go') {
    const go = decodeGoReply(text);
    if (!go.ok) return [{ kind: 'problem', text, problem: go.problem }];
    const { reply } = go;
    return [
      {
        kind: 'reply',
        text,
        idText: reply.idText,
        canonicalId: reply.canonicalId,
        resultText: reply.error === null ? reply.resultText : null,
        error: reply.error,
        errorClass: reply.error === null ? null : classifyGoError(reply.error),
        errorObject: null,
      },
    ];
  }
  const v2 = decodeV2Response(text);
  if (!v2.ok) return [{ kind: 'problem', text, problem: v2.problem }];
  if (v2.kind === 'single') return [v2Reply(v2.response, text)];
  const elements = batchElementTexts(text);
  return v2.items.map((item, index) =>
    item.ok
      ? v2Reply(item.response, elements[index] ?? text)
      : { kind: 'problem', text: item.text, problem: `Batch element ${index}: ${item.problem}` },
  );
}

function v2Reply(response: V2Response, text: string): DecodedReply {
  const common = { kind: 'reply' as const, text, idText: response.idText };
  if (response.kind === 'success') {
    return {
      ...common,
      canonicalId: response.canonicalId,
      resultText: response.resultText,
      error: null,
      errorClass: null,
      errorObject: null,
    };
  }
  const { code, message, data } = response.error;
  return {
    ...common,
    canonicalId: response.canonicalId,
    resultText: null,
    error: message,
    errorClass: null,
    errorObject: {
      code,
      message,
      dataText: data === undefined ? null : stringifyExact(data),
      meaning: response.meaning,
    },
  };
}

/** Each element of a batch answer as compact text (already parsed once: cannot throw), so a stray element is shown alone. */
function batchElementTexts(text: string): string[] {
  const value: JsonValue = parseExact(text);
  return Array.isArray(value) ? value.map((element) => stringifyExact(element)) : [];
}

const isGoIdKey = (key: string) => key.toLowerCase() === 'id';
const isV2IdKey = (key: string) => key === 'id';

/**
 * The ids named by the first bytes of a reply that was cut short, keys read as
 * the dialect reads them. Go's client reads one object per reply, its keys in
 * any case (GO6): an array names nothing there.
 */
export function idsInCutReply(dialect: DialectName, text: string): string[] {
  if (dialect === 'v2') return idsInPrefix(text, isV2IdKey);
  // A gob reply's Seq is binary, inside a header that was cut: nothing to read.
  if (dialect === 'gob') return [];
  return text.trimStart().startsWith('{') ? idsInPrefix(text, isGoIdKey) : [];
}
