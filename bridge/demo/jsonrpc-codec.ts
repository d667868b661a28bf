/**
 * Go's net/rpc/jsonrpc server codec (Go 1.19 server.go), without the socket:
 * serverRequest in, serverResponse bytes out.
 */
import {
  type Decoded,
  decodeFirstElement,
  decodeStruct,
  type GoStruct,
  type GoStructType,
} from './go-json/decode';
import { encodeLine, type GoEncodable } from './go-json/encode';
import { readValue } from './go-json/value';

/** The request header and raw body; `params`/`id` are null when absent or JSON null. */
export type ServerRequest = { method: string; params: Uint8Array | null; id: Uint8Array | null };

export const MISSING_PARAMS = 'jsonrpc: request body missing params';

const SERVER_REQUEST: GoStructType = {
  kind: 'struct',
  qualifiedName: 'jsonrpc.serverRequest',
  fields: [
    { json: 'method', type: { kind: 'string' } },
    { json: 'params', type: { kind: 'raw' } },
    { json: 'id', type: { kind: 'raw' } },
  ],
};

/**
 * dec.Decode(&c.req) after c.req.reset() for one complete JSON value; null when Go
 * fails ("rpc: server cannot decode request"), which ends the connection.
 * Top-level null leaves the reset request: method "", no params, no id.
 */
export function decodeRequest(value: Uint8Array): ServerRequest | null {
  const span = readValue(value, 0);
  if (span.kind === 'null') return { method: '', params: null, id: null };
  const decoded = decodeStruct(value, span, SERVER_REQUEST);
  if (decoded.error !== null) return null;
  const get = (name: string) => decoded.value.get(name);
  return {
    method: get('method') as string,
    params: get('params') as Uint8Array | null,
    id: get('id') as Uint8Array | null,
  };
}

/** ReadRequestBody: json.Unmarshal(*params, &[1]any{&args}). */
export function decodeParams(params: Uint8Array | null, argType: GoStructType): Decoded<GoStruct> {
  if (params === null) return { value: new Map(), error: MISSING_PARAMS };
  return decodeFirstElement(params, readValue(params, 0), argType);
}

export type Outcome = { result: GoEncodable } | { error: string };

/** WriteResponse: the exact bytes of one reply, newline included. */
export function encodeResponse(id: Uint8Array | null, outcome: Outcome): Uint8Array {
  const isError = 'error' in outcome;
  return encodeLine({
    type: 'struct',
    fields: [
      ['id', id === null ? { type: 'null' } : { type: 'raw', value: id }],
      ['result', isError ? { type: 'null' } : outcome.result],
      ['error', isError ? { type: 'string', value: outcome.error } : { type: 'null' }],
    ],
  });
}
