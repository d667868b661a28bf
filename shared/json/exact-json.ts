import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import { prettyJsonText } from './json-text';

/**
 * JSON with exact numbers. `JSON.parse` rounds 9007199254740993 to …992 and
 * rewrites 1.5e3 as 1500, which would break id matching and misreport what the
 * server sent; here every number keeps its source text (rules EJ1–EJ5 in README).
 */

export { isLosslessNumber, LosslessNumber };

export type JsonValue =
  | null
  | boolean
  | string
  | LosslessNumber
  | JsonValue[]
  | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

export class ExactJsonError extends Error {
  /** Character index of the problem in the parsed text, when known. */
  readonly position: number | null;

  constructor(message: string, position: number | null) {
    super(message);
    this.name = 'ExactJsonError';
    this.position = position;
  }
}

const POSITION = /at position (\d+)/;

/** Parses JSON keeping numbers exact. Duplicate keys: the last one wins, as in Go and JSON.parse. */
export function parseExact(text: string): JsonValue {
  try {
    // lossless-json defines `__proto__` as a plain own property, never a prototype (EJ4).
    return parse(text, null, { onDuplicateKey: ({ newValue }) => newValue }) as JsonValue;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = POSITION.exec(message);
    throw new ExactJsonError(message, match ? Number(match[1]) : null);
  }
}

/** Compact by default; `indent` spaces per level otherwise. Numbers are written as their source text. */
export function stringifyExact(value: JsonValue, indent?: number): string {
  return stringify(value, null, indent) ?? 'null';
}

/** Pretty-prints (2 spaces) keeping digits, escapes and key order exactly as written. Throws ExactJsonError on invalid JSON. */
export function prettyExact(text: string): string {
  parseExact(text);
  return prettyJsonText(text, 2);
}

/**
 * Id texts that are their own canonical form, so the common ids skip a parse:
 * a number (kept as its source text), a literal, or a string with nothing to
 * unescape and nothing JSON.stringify would escape (no lone surrogates).
 */
const SELF_CANONICAL =
  /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|null|true|false|"[\u0020\u0021\u0023-\u005b\u005d-\ud7ff\ue000-\uffff]*")$/;

/**
 * The form ids are matched on (GO-NETRPC fact 3): Go echoes an id compacted and
 * HTML-escaped, so parse it (decoding every escape) and write it back compactly
 * with one escaping convention. Numbers compare by source text, which Go keeps.
 */
export function canonicalId(rawIdJson: string): string {
  return SELF_CANONICAL.test(rawIdJson) ? rawIdJson : stringifyExact(parseExact(rawIdJson));
}

export function isJsonObject(value: JsonValue): value is JsonObject {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value)
  );
}
