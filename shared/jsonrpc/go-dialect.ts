import { encodeUtf8 } from '../framing/encode-utf8';
import {
  canonicalId,
  ExactJsonError,
  isJsonObject,
  isLosslessNumber,
  type JsonObject,
  type JsonValue,
  parseExact,
} from '../json/exact-json';
import {
  appendMember,
  compactJsonText,
  prettyJsonText,
  type TopLevelMember,
  topLevelMembers,
} from '../json/json-text';
import { scalarOf, scanObject, stringOf } from '../json/object-scan';
import type { Language } from '../language';

/**
 * Go's net/rpc/jsonrpc as it really behaves on the wire (GO-NETRPC §1, §2, §5):
 * JSON-RPC 1.0-ish, keys matched case-insensitively, errors as plain strings.
 * Rules GO1–GO8 in README.
 */

export type MarshalResult =
  | {
      ok: true;
      text: string;
      bytes: Uint8Array;
      method: string;
      idText: string;
      canonicalId: string;
      autoId: boolean;
      /** The "params" Go's server reads (keys match in any case, the last wins), as sent; null without one. */
      paramsText: string | null;
    }
  | { ok: false; problem: string };

export type Diagnostic = {
  severity: 'error' | 'warning';
  message: string;
  start: number;
  end: number;
};

export type GoReply = {
  /** The id exactly as it came, compacted. */
  idText: string;
  canonicalId: string;
  result: JsonValue;
  /** The result pretty-printed with its digits and escapes as sent; "null" when absent. */
  resultText: string;
  error: string | null;
};

type Located = { object: JsonObject; members: TopLevelMember[] };

type NotAnObject = { problem: string; position: number | null };

/** The request or reply object, or a sentence saying why the text is not one. */
function parseObjectText(text: string, what: string, notObject: string): Located | NotAnObject {
  let value: JsonValue;
  try {
    value = parseExact(text);
  } catch (error) {
    if (!(error instanceof ExactJsonError)) throw error;
    return {
      problem: `The ${what} is not valid JSON: ${error.message}.`,
      position: error.position,
    };
  }
  if (!isJsonObject(value)) return { problem: notObject, position: null };
  return { object: value, members: topLevelMembers(text) };
}

/**
 * The member Go would decode for `name`. Go assigns members in text order,
 * matching keys case-insensitively, so the last matching member in the text
 * wins, whatever the case of earlier ones (`{"ID":1,"id":2,"ID":3}` has id 3).
 */
function memberOf(members: TopLevelMember[], name: string): TopLevelMember | undefined {
  const wanted = name.toLowerCase();
  let found: TopLevelMember | undefined;
  for (const member of members) if (member.key.toLowerCase() === wanted) found = member;
  return found;
}

/** The parsed value of a member found by memberOf: its exact key's last value is this member's. */
function memberValue(located: Located, member: TopLevelMember | undefined): JsonValue | undefined {
  return member === undefined ? undefined : located.object[member.key];
}

const NOT_AN_OBJECT_REQUEST =
  "Go's server closes the connection on anything but a JSON object, without a reply.";

/** Why Go cannot take this method value, or null if it is a string. */
function methodProblem(method: JsonValue | undefined): string | null {
  if (typeof method === 'string') return null;
  if (method === undefined || method === null) {
    return 'The request has no "method": Go answers "rpc: service/method request ill-formed: " and runs nothing.';
  }
  return '"method" must be a string: Go\'s server closes the connection on any other value, without a reply.';
}

const QUOTE = 0x22;

/** A member's value text: compact already when its object's span is. */
function valueText(text: string, member: TopLevelMember, compact: boolean): string {
  const raw = text.slice(member.valueStart, member.valueEnd);
  return compact ? raw : compactJsonText(raw);
}

/**
 * Step 2: the client stub marshals the editor's request the way Go's client
 * writes it — one compact JSON value plus a newline. The user's id is sent as
 * typed, since showing how ids find their requests is the point; only a
 * missing id is filled in.
 */
export function marshalGoRequest(editorText: string, nextAutoId: () => string): MarshalResult {
  return marshalScanned(editorText, nextAutoId) ?? marshalGoRequestExactly(editorText, nextAutoId);
}

/**
 * The fast path of marshalGoRequest, taken by every burst call: a valid object
 * with a string method, checked and located in one scan, without building its
 * values. Null when the text needs the exact path, to be refused in its words.
 */
function marshalScanned(editorText: string, nextAutoId: () => string): MarshalResult | null {
  const scanned = scanObject(editorText);
  if (scanned === null) return null;
  const methodMember = memberOf(scanned.members, 'method');
  if (methodMember === undefined || editorText.charCodeAt(methodMember.valueStart) !== QUOTE) {
    return null;
  }
  const method = stringOf(valueText(editorText, methodMember, true));
  const compact = scanned.compact
    ? editorText.slice(scanned.start, scanned.end)
    : compactJsonText(editorText);
  const paramsMember = memberOf(scanned.members, 'params');
  const call = {
    method,
    paramsText: paramsMember ? valueText(editorText, paramsMember, scanned.compact) : null,
  };
  const idMember = memberOf(scanned.members, 'id');
  if (idMember) {
    const idText = valueText(editorText, idMember, scanned.compact);
    return sendable(`${compact}\n`, call, idText, false);
  }
  const idText = nextAutoId();
  return sendable(`${appendMember(compact, 'id', idText)}\n`, call, idText, true);
}

/** marshalGoRequest from the parsed request: the reference its fast path is tested against. */
export function marshalGoRequestExactly(
  editorText: string,
  nextAutoId: () => string,
): MarshalResult {
  const located = parseObjectText(editorText, 'request', NOT_AN_OBJECT_REQUEST);
  if ('problem' in located) return { ok: false, problem: located.problem };
  const method = memberValue(located, memberOf(located.members, 'method'));
  const problem = methodProblem(method);
  if (problem !== null || typeof method !== 'string') return { ok: false, problem: problem ?? '' };

  const compact = compactJsonText(editorText);
  const paramsMember = memberOf(located.members, 'params');
  const call = {
    method,
    paramsText: paramsMember ? valueText(editorText, paramsMember, false) : null,
  };
  const idMember = memberOf(located.members, 'id');
  if (idMember) {
    const idText = valueText(editorText, idMember, false);
    return sendable(`${compact}\n`, call, idText, false);
  }
  const idText = nextAutoId();
  return sendable(`${appendMember(compact, 'id', idText)}\n`, call, idText, true);
}

function sendable(
  text: string,
  call: { method: string; paramsText: string | null },
  idText: string,
  autoId: boolean,
): MarshalResult {
  return {
    ok: true,
    text,
    bytes: encodeUtf8(text),
    ...call,
    idText,
    canonicalId: canonicalId(idText),
    autoId,
  };
}

/** The lint's warnings: what Go will do with a request it accepts. Go's own error texts stay as Go writes them. */
const LINT_WORDS = {
  en: {
    noDot: (method: string) =>
      `"${method}" has no dot: Go answers "rpc: service/method request ill-formed: ${method}" and runs nothing. Write Service.Method.`,
    noParams:
      'No params: Go answers "jsonrpc: request body missing params" and runs nothing. Send "params":[{…}].',
    notArray: (kind: string) =>
      `params is not an array: Go answers "json: cannot unmarshal ${kind} into Go value of type [1]interface {}" and runs nothing.`,
    noArgument:
      'params holds no argument: Go still runs the method, with zero-value arguments (every field 0 or "").',
    tooMany: (count: number) =>
      `params has ${count} elements: Go uses only the first and ignores the other ${count - 1}.`,
    version:
      'Go ignores "jsonrpc" and never sends it back; it always answers in its own 1.0 style.',
  },
  zh: {
    noDot: (method: string) =>
      `"${method}" 里没有点：Go 会回答 "rpc: service/method request ill-formed: ${method}"，什么也不运行。请写成 Service.Method。`,
    noParams:
      '没有 params：Go 会回答 "jsonrpc: request body missing params"，什么也不运行。请发送 "params":[{…}]。',
    notArray: (kind: string) =>
      `params 不是数组：Go 会回答 "json: cannot unmarshal ${kind} into Go value of type [1]interface {}"，什么也不运行。`,
    noArgument: 'params 里没有参数：Go 仍会运行方法，参数取零值（每个字段为 0 或 ""）。',
    tooMany: (count: number) =>
      `params 有 ${count} 个元素：Go 只用第一个，忽略其余 ${count - 1} 个。`,
    version: 'Go 忽略 "jsonrpc"，也从不把它发回；它总是用自己的 1.0 风格回答。',
  },
} satisfies Record<Language, unknown>;

function kindOfJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (isLosslessNumber(value)) return 'number';
  return Array.isArray(value) ? 'array' : 'object';
}

/**
 * Editor diagnostics: errors are what marshalGoRequest refuses, in its words;
 * warnings are what Go accepts but surprises, in the page's language.
 */
export function lintGoRequest(editorText: string, language: Language = 'en'): Diagnostic[] {
  const words = LINT_WORDS[language];
  const whole = { start: 0, end: editorText.length };
  const located = parseObjectText(editorText, 'request', NOT_AN_OBJECT_REQUEST);
  if ('problem' in located) {
    const at = located.position === null ? -1 : Math.min(located.position, editorText.length - 1);
    const span = at >= 0 ? { start: at, end: at + 1 } : whole;
    return [{ severity: 'error', message: located.problem, ...span }];
  }
  const diagnostics: Diagnostic[] = [];
  const objectStart = editorText.indexOf('{');
  const atObject = { start: objectStart, end: objectStart + 1 };
  const valueSpan = (member: TopLevelMember) => ({
    start: member.valueStart,
    end: member.valueEnd,
  });

  const methodMember = memberOf(located.members, 'method');
  const method = memberValue(located, methodMember);
  const methodError = methodProblem(method);
  if (methodError !== null) {
    const span = methodMember ? valueSpan(methodMember) : atObject;
    diagnostics.push({ severity: 'error', message: methodError, ...span });
  } else if (methodMember && typeof method === 'string' && !method.includes('.')) {
    diagnostics.push({
      severity: 'warning',
      message: words.noDot(method),
      ...valueSpan(methodMember),
    });
  }

  const paramsMember = memberOf(located.members, 'params');
  const params = memberValue(located, paramsMember);
  if (!paramsMember || params === null || params === undefined) {
    diagnostics.push({
      severity: 'warning',
      message: words.noParams,
      ...(paramsMember ? valueSpan(paramsMember) : atObject),
    });
  } else if (!Array.isArray(params)) {
    diagnostics.push({
      severity: 'warning',
      message: words.notArray(kindOfJson(params)),
      ...valueSpan(paramsMember),
    });
  } else if (params.length === 0 || (params.length === 1 && params[0] === null)) {
    diagnostics.push({
      severity: 'warning',
      message: words.noArgument,
      ...valueSpan(paramsMember),
    });
  } else if (params.length > 1) {
    diagnostics.push({
      severity: 'warning',
      message: words.tooMany(params.length),
      ...valueSpan(paramsMember),
    });
  }

  const versionMember = located.members.find((member) => member.key === 'jsonrpc');
  if (versionMember) {
    diagnostics.push({
      severity: 'warning',
      message: words.version,
      start: versionMember.keyStart,
      end: versionMember.valueEnd,
    });
  }
  return diagnostics;
}

export type GoReplyDecoded = { ok: true; reply: GoReply } | { ok: false; problem: string };

/**
 * Step 11: the client stub decodes a reply as Go's client would, keeping the
 * id and the result exactly as sent.
 */
export function decodeGoReply(text: string): GoReplyDecoded {
  return decodeScanned(text) ?? decodeGoReplyExactly(text);
}

/**
 * The fast path of decodeGoReply, taken by every reply Go writes: one scan
 * checks and locates the members, and only a result that is an object or an
 * array is parsed. Null when the reply is one the exact path must word.
 */
function decodeScanned(text: string): GoReplyDecoded | null {
  const scanned = scanObject(text);
  if (scanned === null) return null;
  const idMember = memberOf(scanned.members, 'id');
  if (idMember === undefined) return null;
  const errorMember = memberOf(scanned.members, 'error');
  let error: string | null = null;
  if (errorMember !== undefined) {
    const raw = valueText(text, errorMember, true);
    if (raw.charCodeAt(0) === QUOTE) error = stringOf(raw);
    else if (raw !== 'null') return null;
  }
  const resultMember = memberOf(scanned.members, 'result');
  if (resultMember === undefined && error === null) return null;
  const idText = valueText(text, idMember, scanned.compact);
  let result: JsonValue = null;
  let resultText = 'null';
  if (resultMember !== undefined) {
    // Whitespace around a scalar is outside the member's span, and a container is compacted by prettyJsonText.
    const raw = valueText(text, resultMember, true);
    const scalar = scalarOf(raw);
    result = scalar === undefined ? parseExact(raw) : scalar;
    resultText = scalar === undefined ? prettyJsonText(raw) : raw;
  }
  return {
    ok: true,
    reply: { idText, canonicalId: canonicalId(idText), result, resultText, error },
  };
}

/** decodeGoReply from the parsed reply: the reference its fast path is tested against. */
export function decodeGoReplyExactly(text: string): GoReplyDecoded {
  const located = parseObjectText(
    text,
    'reply',
    "The reply is not a JSON object; Go's client would fail and shut the connection down.",
  );
  if ('problem' in located) return { ok: false, problem: located.problem };
  const idMember = memberOf(located.members, 'id');
  if (!idMember)
    return { ok: false, problem: 'The reply has no "id", so it cannot be matched to a call.' };
  const idText = compactJsonText(text.slice(idMember.valueStart, idMember.valueEnd));

  const errorMember = memberOf(located.members, 'error');
  const error = memberValue(located, errorMember) ?? null;
  if (error !== null && typeof error !== 'string') {
    return {
      ok: false,
      problem: `"error" must be a string or null, not ${kindOfJson(error ?? null)}: Go's client treats that as fatal ("invalid error …") and shuts the connection down.`,
    };
  }
  const resultMember = memberOf(located.members, 'result');
  if (!resultMember && error === null) {
    return {
      ok: false,
      problem:
        'The reply has neither "result" nor "error": Go\'s client treats that as fatal ("invalid error <nil>") and shuts the connection down.',
    };
  }
  const resultText = resultMember
    ? prettyJsonText(text.slice(resultMember.valueStart, resultMember.valueEnd))
    : 'null';
  const result = memberValue(located, resultMember) ?? null;
  return {
    ok: true,
    reply: { idText, canonicalId: canonicalId(idText), result, resultText, error },
  };
}
