/**
 * Go's net/rpc with its default codec, gob (GO-NETRPC §4): a call is
 * `rpc.Request{ServiceMethod, Seq}` then the args, a reply is
 * `rpc.Response{ServiceMethod, Seq, Error}` then the reply value, each an
 * encoded gob value preceded by any type it is the first to use. The editor
 * keeps the JSON shape of Go's jsonrpc (`{"method", "params": [args], "id"}`),
 * so switching codec keeps the request; the id is the call's Seq, a uint64.
 * One GobRpcCodec per connection: both directions' type state lives with it.
 */

import { goLiteral } from '../gob/go-literal';
import { GobError } from '../gob/gob-bytes';
import { GobDecoder } from '../gob/gob-decoder';
import { GobEncoder } from '../gob/gob-encoder';
import type { GobType } from '../gob/gob-type';
import { inferGobType } from '../gob/infer-type';
import {
  ExactJsonError,
  isJsonObject,
  isLosslessNumber,
  type JsonValue,
  LosslessNumber,
  parseExact,
  stringifyExact,
} from '../json/exact-json';
import { prettyJsonText } from '../json/json-text';

/** net/rpc's call header, `rpc.Request`, as Go's client defines it on the wire. */
export const REQUEST_TYPE: GobType = {
  kind: 'struct',
  name: 'Request',
  fields: [
    { name: 'ServiceMethod', type: { kind: 'string' } },
    { name: 'Seq', type: { kind: 'uint' } },
  ],
};

/** net/rpc's reply header, `rpc.Response`, as Go's server defines it on the wire. */
export const RESPONSE_TYPE: GobType = {
  kind: 'struct',
  name: 'Response',
  fields: [
    { name: 'ServiceMethod', type: { kind: 'string' } },
    { name: 'Seq', type: { kind: 'uint' } },
    { name: 'Error', type: { kind: 'string' } },
  ],
};

const UINT64_MAX = (1n << 64n) - 1n;

export type GobMarshalled =
  | {
      ok: true;
      /** The call as Go values, for "Request as sent"; the bytes are in the Wire view. */
      text: string;
      bytes: Uint8Array;
      method: string;
      idText: string;
      canonicalId: string;
      paramsText: string;
    }
  | { ok: false; problem: string };

export type GobReplyEvent =
  /** A type definition, or a reply's header: the reply is not complete yet. */
  | { kind: 'pending' }
  | {
      kind: 'reply';
      /** The reply as Go values: the header, then the body as JSON. */
      text: string;
      idText: string;
      canonicalId: string;
      serviceMethod: string;
      /** The body as pretty JSON; null when Error is set (the body is then an empty struct). */
      resultText: string | null;
      error: string | null;
    }
  /** A message that could not be read; `idText` when a header named the call it was for. */
  | { kind: 'problem'; problem: string; idText: string | null };

function seqText(value: JsonValue): string | null {
  if (!isLosslessNumber(value)) return null;
  const text = value.toString();
  if (!/^\d+$/.test(text) || BigInt(text) > UINT64_MAX) return null;
  return BigInt(text).toString();
}

function memberOf(object: { [key: string]: JsonValue }, name: string): JsonValue | undefined {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

export class GobRpcCodec {
  private readonly encoder = new GobEncoder();
  private readonly decoder = new GobDecoder();
  /** The header read, waiting for its body. */
  private header: { seq: string; serviceMethod: string; error: string } | null = null;

  /** Step 2: the editor's request as net/rpc's client writes it, header and args in one write. */
  marshal(editorText: string, nextAutoId: () => string): GobMarshalled {
    let request: JsonValue;
    try {
      request = parseExact(editorText);
    } catch (error) {
      if (!(error instanceof ExactJsonError)) throw error;
      return { ok: false, problem: `The request is not valid JSON: ${error.message}.` };
    }
    if (!isJsonObject(request)) {
      return {
        ok: false,
        problem: 'The request is a JSON object: {"method": …, "params": [args], "id": …}.',
      };
    }
    const method = memberOf(request, 'method');
    if (typeof method !== 'string' || method === '') {
      return { ok: false, problem: 'The request needs "method", a string such as "ServiceA.Add".' };
    }
    const params = memberOf(request, 'params');
    if (!Array.isArray(params) || params.length !== 1) {
      return {
        ok: false,
        problem:
          'net/rpc passes exactly one argument: write "params" as an array of one value, [args].',
      };
    }
    const args = params[0] ?? null;
    const inferred = inferGobType(args, 'Args');
    if (!inferred.ok)
      return { ok: false, problem: `The args cannot be sent in gob: ${inferred.problem}.` };
    const idValue = memberOf(request, 'id');
    const typedSeq = idValue === undefined ? null : seqText(idValue);
    if (idValue !== undefined && typedSeq === null) {
      return {
        ok: false,
        problem: `With gob the id is the call's Seq, a whole number from 0 to ${UINT64_MAX}: ${stringifyExact(idValue)} is not one. Leave "id" out to number calls as Go's client does.`,
      };
    }
    const seq = typedSeq ?? nextAutoId();
    const header = { ServiceMethod: method, Seq: new LosslessNumber(seq) };
    let bytes: Uint8Array;
    try {
      bytes = this.encoder.encode([
        { type: REQUEST_TYPE, value: header },
        { type: inferred.type, value: args },
      ]);
    } catch (error) {
      if (!(error instanceof GobError)) throw error;
      return { ok: false, problem: `The args cannot be sent in gob: ${error.message}.` };
    }
    return {
      ok: true,
      text: `${goLiteral(REQUEST_TYPE, header)}\n${goLiteral(inferred.type, args)}\n`,
      bytes,
      method,
      idText: seq,
      canonicalId: seq,
      paramsText: stringifyExact(params),
    };
  }

  /**
   * The framing lost a message: the reply being read cannot be completed.
   * Returns the Seq its header named, if one was read.
   */
  abandonReply(): string | null {
    const seq = this.header?.seq ?? null;
    this.header = null;
    this.decoder.abandonValue();
    return seq;
  }

  /** Steps 10–11: one gob message (its payload) of the server's reply stream. */
  read(payload: Uint8Array): GobReplyEvent {
    const header = this.header;
    let message: ReturnType<GobDecoder['message']>;
    try {
      message = this.decoder.message(payload);
    } catch (error) {
      if (!(error instanceof GobError)) throw error;
      this.header = null;
      return {
        kind: 'problem',
        problem: `bad gob ${header === null ? 'in a reply header' : 'in the reply body'}: ${error.message}`,
        idText: header?.seq ?? null,
      };
    }
    if (message.kind !== 'value') return { kind: 'pending' };
    if (header === null) return this.readHeader(message.value);
    this.header = null;
    const error = header.error === '' ? null : header.error;
    const resultText = error === null ? prettyJsonText(stringifyExact(message.value), 2) : null;
    const errorPart = error === null ? '' : `, Error: ${JSON.stringify(error)}`;
    return {
      kind: 'reply',
      text: `Response{ServiceMethod: ${JSON.stringify(header.serviceMethod)}, Seq: ${header.seq}${errorPart}}\n${error === null ? `${message.typeName} ${stringifyExact(message.value)}` : 'struct{}{}'}\n`,
      idText: header.seq,
      canonicalId: header.seq,
      serviceMethod: header.serviceMethod,
      resultText,
      error,
    };
  }

  private readHeader(value: JsonValue): GobReplyEvent {
    const seq = isJsonObject(value)
      ? seqText(memberOf(value, 'Seq') ?? new LosslessNumber('0'))
      : null;
    const serviceMethod = isJsonObject(value) ? memberOf(value, 'ServiceMethod') : undefined;
    const error = isJsonObject(value) ? memberOf(value, 'Error') : undefined;
    if (seq === null || typeof serviceMethod !== 'string' || typeof error !== 'string') {
      return {
        kind: 'problem',
        problem: `a reply header must be rpc.Response{ServiceMethod string; Seq uint64; Error string}, not ${stringifyExact(value)}`,
        idText: null,
      };
    }
    this.header = { seq, serviceMethod, error };
    return { kind: 'pending' };
  }
}
