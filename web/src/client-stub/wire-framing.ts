import {
  ContentLengthFramer,
  encodeContentLengthMessage,
} from '../../../shared/framing/content-length';
import type { FramedMessage, Framer, FramingName } from '../../../shared/framing/framer';
import { GobFramer } from '../../../shared/framing/gob';
import { encodeHttpRequest } from '../../../shared/framing/http-request';
import { type HttpResponse, HttpResponseReader } from '../../../shared/framing/http-response';
import { JsonStreamFramer } from '../../../shared/framing/json-stream';
import { NdjsonFramer } from '../../../shared/framing/ndjson';

export const FRAMING_NAMES: readonly FramingName[] = [
  'json-stream',
  'ndjson',
  'content-length',
  'http',
  'gob',
  'gob-http',
];

/** Where the HTTP framing sends its POSTs: the Host header and the request target. */
export type HttpTarget = { host: string; port: number; path: string };

/**
 * One connection's framing both ways: how a marshalled request (compact JSON
 * ending in "\n", or gob messages) goes on the wire, and the framer that reads the answers.
 */
export type WireFraming = {
  readonly name: FramingName;
  readonly framer: Framer;
  /** The bytes to write for one request; HTTP also tells its reader a response is due. */
  encode(
    text: string,
    bytes: Uint8Array,
  ): { ok: true; bytes: Uint8Array } | { ok: false; problem: string };
};

const encoder = new TextEncoder();

/** The JSON alone: a length or an HTTP body counts exactly the value, no newline after it. */
function withoutNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

export function createWireFraming(name: FramingName, target: HttpTarget): WireFraming {
  switch (name) {
    case 'json-stream':
      // Go's client writes each value followed by "\n"; the stream framer needs no more.
      return {
        name,
        framer: new JsonStreamFramer(),
        encode: (_text, bytes) => ({ ok: true, bytes }),
      };
    case 'ndjson':
      // Compact JSON never holds a raw newline, so the dialect's "\n" is the line's end.
      return { name, framer: new NdjsonFramer(), encode: (_text, bytes) => ({ ok: true, bytes }) };
    case 'content-length':
      return {
        name,
        framer: new ContentLengthFramer(),
        encode: (text) => ({ ok: true, bytes: encodeContentLengthMessage(withoutNewline(text)) }),
      };
    case 'gob':
    case 'gob-http':
      // The gob codec writes its own counts; over HTTP the CONNECT goes first (ConnectionSession.opening).
      return {
        name,
        framer: new GobFramer(name === 'gob-http'),
        encode: (_text, bytes) => ({ ok: true, bytes }),
      };
    case 'http': {
      const reader = new HttpResponseReader();
      return {
        name,
        framer: reader,
        encode: (text) => {
          const request = encodeHttpRequest({
            host: `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`,
            path: target.path,
            body: encoder.encode(withoutNewline(text)),
          });
          if (!request.ok) return request;
          reader.requestSent(request.method);
          return { ok: true, bytes: request.bytes };
        },
      };
    }
  }
}

export function isHttpResponse(message: FramedMessage): message is HttpResponse {
  return 'status' in message && 'interim' in message;
}
