import { encodeUtf8 } from '../framing/encode-utf8';
import {
  canonicalId,
  ExactJsonError,
  isJsonObject,
  isLosslessNumber,
  type JsonObject,
  type JsonValue,
  type LosslessNumber,
  parseExact,
  stringifyExact,
} from '../json/exact-json';
import {
  appendMember,
  compactArrayElements,
  compactJsonText,
  prependMember,
  prettyJsonText,
  type TopLevelMember,
  topLevelMembers,
} from '../json/json-text';
import { scalarOf, scanObject } from '../json/object-scan';
import { explainV2ErrorCode } from './v2-error-codes';

/**
 * JSON-RPC 2.0 (jsonrpc.org specification, 2010-03-26): requests,
 * notifications, responses, batches and the standard error codes. Unlike Go's
 * dialect, member names are case-sensitive. Rules V1–V7 in README.
 */

export type V2Id = string | LosslessNumber | null;

export type V2Request = {
  jsonrpc: '2.0';
  method: string;
  params?: JsonValue[] | JsonObject;
  id: V2Id;
};
export type V2Notification = Omit<V2Request, 'id'>;
export type V2Batch = Array<V2Request | V2Notification>;

export type V2ErrorObject = { code: number; message: string; data?: JsonValue };

export type V2SuccessResponse = {
  kind: 'success';
  idText: string;
  canonicalId: string;
  result: JsonValue;
  resultText: string;
};

export type V2ErrorResponse = {
  kind: 'error';
  idText: string;
  canonicalId: string;
  error: V2ErrorObject;
  /** One sentence on what the code means. */
  meaning: string;
};

export type V2Response = V2SuccessResponse | V2ErrorResponse;

export type V2BatchItem =
  | { ok: true; response: V2Response }
  | { ok: false; problem: string; text: string };

export type V2Decoded =
  | { ok: true; kind: 'single'; response: V2Response }
  | { ok: true; kind: 'batch'; items: V2BatchItem[] }
  | { ok: false; problem: string };

const INTEGER = /^-?\d+$/;

function isV2Id(value: JsonValue | undefined): boolean {
  return value === null || typeof value === 'string' || isLosslessNumber(value);
}

function parseProblem(error: unknown, what: string): string {
  if (!(error instanceof ExactJsonError)) throw error;
  return `The ${what} is not valid JSON: ${error.message}.`;
}

/** Checks one response object against the specification. */
function decodeResponseObject(value: JsonValue): V2Response | string {
  if (!isJsonObject(value)) return 'A response must be a JSON object.';
  if (value.jsonrpc !== '2.0') return 'The response lacks "jsonrpc": "2.0".';
  if (!Object.hasOwn(value, 'id'))
    return 'The response has no "id" (it must be present, null if unknown).';
  const id = value.id;
  if (!isV2Id(id)) return '"id" must be a string, a number or null.';
  const hasResult = Object.hasOwn(value, 'result');
  const hasError = Object.hasOwn(value, 'error');
  if (hasResult && hasError)
    return 'The response has both "result" and "error"; exactly one is allowed.';
  if (!hasResult && !hasError) return 'The response has neither "result" nor "error".';
  const idText = stringifyExact(id ?? null);
  if (hasResult) {
    const result = value.result ?? null;
    return {
      kind: 'success',
      idText,
      canonicalId: canonicalId(idText),
      result,
      resultText: prettyJsonText(stringifyExact(result)),
    };
  }
  const error = value.error ?? null;
  if (!isJsonObject(error)) return '"error" must be an object with "code" and "message".';
  const code = error.code;
  if (!code || !isLosslessNumber(code) || !INTEGER.test(code.value)) {
    return '"error.code" must be an integer.';
  }
  if (typeof error.message !== 'string') return '"error.message" must be a string.';
  const numeric = Number(code.value);
  const errorObject: V2ErrorObject = { code: numeric, message: error.message };
  if (Object.hasOwn(error, 'data')) errorObject.data = error.data ?? null;
  return {
    kind: 'error',
    idText,
    canonicalId: canonicalId(idText),
    error: errorObject,
    meaning: explainV2ErrorCode(numeric),
  };
}

/** The member a parsed object would keep for `name`: the last one so named (names are case-sensitive). */
function memberNamed(members: TopLevelMember[], name: string): TopLevelMember | undefined {
  let found: TopLevelMember | undefined;
  for (const member of members) if (member.key === name) found = member;
  return found;
}

/** How stringifyExact writes a valid JSON scalar text's value; undefined for an object or array. */
function scalarText(raw: string): string | undefined {
  const value = scalarOf(raw);
  return value === undefined ? undefined : stringifyExact(value);
}

/** Decodes one response or a batch of responses, checking each against the specification. */
export function decodeV2Response(text: string): V2Decoded {
  return decodeScanned(text) ?? decodeV2ResponseExactly(text);
}

/**
 * The fast path of decodeV2Response, for the common answer: one success
 * response, checked and located in one scan, its result parsed alone. Null
 * for batches, error responses and anything the exact path must word.
 */
function decodeScanned(text: string): V2Decoded | null {
  const scanned = scanObject(text);
  if (scanned === null) return null;
  const { members } = scanned;
  const version = memberNamed(members, 'jsonrpc');
  const idMember = memberNamed(members, 'id');
  const resultMember = memberNamed(members, 'result');
  if (!version || !idMember || !resultMember || memberNamed(members, 'error')) return null;
  const slice = (member: TopLevelMember) => text.slice(member.valueStart, member.valueEnd);
  if (scalarOf(slice(version)) !== '2.0') return null;
  const idRaw = slice(idMember);
  const idText = idRaw === 'true' || idRaw === 'false' ? undefined : scalarText(idRaw);
  if (idText === undefined) return null;
  const raw = slice(resultMember);
  const scalar = scalarOf(raw);
  const result = scalar === undefined ? parseExact(raw) : scalar;
  const response: V2SuccessResponse = {
    kind: 'success',
    idText,
    canonicalId: canonicalId(idText),
    result,
    resultText: prettyJsonText(stringifyExact(result)),
  };
  return { ok: true, kind: 'single', response };
}

/** decodeV2Response from the parsed response: the reference its fast path is tested against. */
export function decodeV2ResponseExactly(text: string): V2Decoded {
  let value: JsonValue;
  try {
    value = parseExact(text);
  } catch (error) {
    return { ok: false, problem: parseProblem(error, 'response') };
  }
  if (!Array.isArray(value)) {
    const response = decodeResponseObject(value);
    return typeof response === 'string'
      ? { ok: false, problem: response }
      : { ok: true, kind: 'single', response };
  }
  if (value.length === 0) {
    return {
      ok: false,
      problem: 'An empty batch response is not allowed: the server must send nothing instead.',
    };
  }
  const items = value.map((element): V2BatchItem => {
    const response = decodeResponseObject(element);
    return typeof response === 'string'
      ? { ok: false, problem: response, text: stringifyExact(element) }
      : { ok: true, response };
  });
  return { ok: true, kind: 'batch', items };
}

export type V2Call = {
  method: string;
  /** null for a notification, which gets no response. */
  idText: string | null;
  canonicalId: string | null;
  autoId: boolean;
  /** The call's own "params" as sent (compact), for a batch element too; null without one. */
  paramsText: string | null;
};

export type V2MarshalResult =
  | { ok: true; text: string; bytes: Uint8Array; batch: boolean; calls: V2Call[] }
  | { ok: false; problem: string };

/**
 * Marshals the editor's request (an object) or batch (an array of objects):
 * adds "jsonrpc":"2.0" where missing and an id where missing, unless a
 * notification is asked for. Ids the user wrote are sent as typed.
 */
export function marshalV2Request(
  editorText: string,
  nextAutoId: () => string,
  options: { notification: boolean } = { notification: false },
): V2MarshalResult {
  return (
    marshalScanned(editorText, nextAutoId, options) ??
    marshalV2RequestExactly(editorText, nextAutoId, options)
  );
}

/**
 * The fast path of marshalV2Request, taken by every burst call: one request
 * object with a string method and no id or a scalar one, checked and located
 * in one scan. Null for batches and anything the exact path must word.
 */
function marshalScanned(
  editorText: string,
  nextAutoId: () => string,
  options: { notification: boolean },
): V2MarshalResult | null {
  const scanned = scanObject(editorText);
  if (scanned === null) return null;
  const { members } = scanned;
  const methodMember = memberNamed(members, 'method');
  const method = methodMember
    ? scalarOf(editorText.slice(methodMember.valueStart, methodMember.valueEnd))
    : undefined;
  if (typeof method !== 'string') return null;
  const compact = scanned.compact
    ? editorText.slice(scanned.start, scanned.end)
    : compactJsonText(editorText);
  const withVersion = memberNamed(members, 'jsonrpc')
    ? compact
    : prependMember(compact, 'jsonrpc', '"2.0"');
  const idMember = memberNamed(members, 'id');
  let idText: string | undefined;
  if (idMember) {
    idText = scalarText(editorText.slice(idMember.valueStart, idMember.valueEnd));
    if (idText === undefined) return null;
  }
  const paramsMember = memberNamed(members, 'params');
  const paramsRaw = paramsMember
    ? editorText.slice(paramsMember.valueStart, paramsMember.valueEnd)
    : null;
  const params = paramsRaw === null || scanned.compact ? paramsRaw : compactJsonText(paramsRaw);
  const { call, text } = identify(
    { method, paramsText: params },
    withVersion,
    idText,
    options.notification,
    nextAutoId,
  );
  const line = `${text}\n`;
  return { ok: true, text: line, bytes: encodeUtf8(line), batch: false, calls: [call] };
}

/** A request's call, its id as given or else (unless a notification) the next auto id appended. */
function identify(
  what: Pick<V2Call, 'method' | 'paramsText'>,
  text: string,
  idText: string | undefined,
  notification: boolean,
  nextAutoId: () => string,
): { call: V2Call; text: string } {
  if (idText !== undefined) {
    return { call: { ...what, idText, canonicalId: canonicalId(idText), autoId: false }, text };
  }
  if (notification)
    return { call: { ...what, idText: null, canonicalId: null, autoId: false }, text };
  const auto = nextAutoId();
  return {
    call: { ...what, idText: auto, canonicalId: canonicalId(auto), autoId: true },
    text: appendMember(text, 'id', auto),
  };
}

/** marshalV2Request from the parsed request: the reference its fast path is tested against. */
export function marshalV2RequestExactly(
  editorText: string,
  nextAutoId: () => string,
  options: { notification: boolean } = { notification: false },
): V2MarshalResult {
  let value: JsonValue;
  try {
    value = parseExact(editorText);
  } catch (error) {
    return { ok: false, problem: parseProblem(error, 'request') };
  }
  const compact = compactJsonText(editorText);
  const parsed = value;
  const batch = Array.isArray(parsed);
  const elements = Array.isArray(parsed)
    ? compactArrayElements(compact).map((span, index) => ({
        value: parsed[index] ?? null,
        text: compact.slice(span.start, span.end),
      }))
    : [{ value: parsed, text: compact }];

  const calls: V2Call[] = [];
  const texts: string[] = [];
  for (const [index, element] of elements.entries()) {
    const where = batch ? `Batch element ${index}` : 'The request';
    if (!isJsonObject(element.value))
      return { ok: false, problem: `${where} is not a JSON object.` };
    const method = element.value.method;
    if (typeof method !== 'string')
      return { ok: false, problem: `${where} needs a string "method".` };
    const withVersion =
      element.value.jsonrpc === undefined
        ? prependMember(element.text, 'jsonrpc', '"2.0"')
        : element.text;
    const idText = Object.hasOwn(element.value, 'id')
      ? stringifyExact(element.value.id ?? null)
      : undefined;
    const params = memberNamed(topLevelMembers(element.text), 'params');
    const paramsText = params ? element.text.slice(params.valueStart, params.valueEnd) : null;
    const { call, text } = identify(
      { method, paramsText },
      withVersion,
      idText,
      options.notification,
      nextAutoId,
    );
    calls.push(call);
    texts.push(text);
  }
  const text = `${batch ? `[${texts.join(',')}]` : (texts[0] ?? '')}\n`;
  return { ok: true, text, bytes: encodeUtf8(text), batch, calls };
}
