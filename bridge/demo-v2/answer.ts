/**
 * One JSON-RPC 2.0 message in, the reply text out (jsonrpc.org specification):
 * a single request, a notification (no reply, even when it fails), or a batch
 * (each element answered on its own, notifications left out, one array back;
 * nothing at all when every element is a notification). Ids are echoed
 * exactly as sent. Pure but for awaiting the services.
 */
import {
  isJsonObject,
  isLosslessNumber,
  type JsonValue,
  LosslessNumber,
  parseExact,
  stringifyExact,
} from '../../shared/json/exact-json';
import type { V2ErrorObject } from '../../shared/jsonrpc/v2';
import type { V2Services } from './methods';

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INTERNAL_ERROR = -32603;

function reply(id: JsonValue, member: 'result' | 'error', value: JsonValue): string {
  return stringifyExact({ jsonrpc: '2.0', [member]: value, id });
}

function errorValue(error: V2ErrorObject): JsonValue {
  const code = new LosslessNumber(String(error.code));
  const { message, data } = error;
  return data === undefined ? { code, message } : { code, message, data };
}

function errorReply(id: JsonValue, code: number, message: string, data?: string): string {
  return reply(
    id,
    'error',
    errorValue(data === undefined ? { code, message } : { code, message, data }),
  );
}

/** The reply to bytes that are not one JSON value (the id cannot be known). */
export function parseErrorReply(reason: string): string {
  return errorReply(null, PARSE_ERROR, 'Parse error', reason);
}

function validId(value: JsonValue): boolean {
  return value === null || typeof value === 'string' || isLosslessNumber(value);
}

/** One request object (or what claims to be one); null for a notification. */
async function answerOne(value: JsonValue, services: V2Services): Promise<string | null> {
  if (!isJsonObject(value)) {
    return errorReply(null, INVALID_REQUEST, 'Invalid Request', 'a request must be an object');
  }
  const hasId = Object.hasOwn(value, 'id');
  const id = hasId ? (value.id as JsonValue) : null;
  if (hasId && !validId(id)) {
    return errorReply(
      null,
      INVALID_REQUEST,
      'Invalid Request',
      'id must be a string, a number or null',
    );
  }
  const invalid = (data: string) => errorReply(id, INVALID_REQUEST, 'Invalid Request', data);
  if (value.jsonrpc !== '2.0') return invalid('"jsonrpc" must be exactly "2.0"');
  const { method, params } = value;
  if (typeof method !== 'string') return invalid('"method" must be a string');
  if (params !== undefined && !Array.isArray(params) && !isJsonObject(params)) {
    return invalid('"params" must be an array or an object when present');
  }
  const run = services.get(method);
  let answer: string;
  if (run === undefined) {
    answer = errorReply(id, METHOD_NOT_FOUND, 'Method not found', `no method ${method}`);
  } else {
    try {
      const outcome = await run(params);
      answer =
        'result' in outcome
          ? reply(id, 'result', outcome.result)
          : reply(id, 'error', errorValue(outcome.error));
    } catch (error) {
      // Only an aborted Demo.Sleep throws: the server is closing and the reply has nowhere to go.
      if (error instanceof Error && error.name === 'AbortError') throw error;
      answer = errorReply(id, INTERNAL_ERROR, 'Internal error', String(error));
    }
  }
  return hasId ? answer : null;
}

/** The reply line (without its LF) for one framed message, or null when none is due. */
export async function answerMessage(text: string, services: V2Services): Promise<string | null> {
  let value: JsonValue;
  try {
    value = parseExact(text);
  } catch (error) {
    return parseErrorReply(error instanceof Error ? error.message : String(error));
  }
  if (!Array.isArray(value)) return answerOne(value, services);
  if (value.length === 0) {
    return errorReply(null, INVALID_REQUEST, 'Invalid Request', 'an empty batch');
  }
  const answers = await Promise.all(value.map((item) => answerOne(item, services)));
  const due = answers.filter((answer): answer is string => answer !== null);
  return due.length === 0 ? null : `[${due.join(',')}]`;
}
