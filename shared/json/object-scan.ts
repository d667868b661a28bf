import { type JsonValue, LosslessNumber } from './exact-json';
import { BACKSLASH, isSpace, QUOTE } from './json-chars';
import type { TopLevelMember } from './json-text';

/**
 * One pass over a JSON object text that both checks it and finds its
 * top-level members: the fast path for requests and replies, which would
 * otherwise be parsed whole (lossless-json) and then scanned again
 * (topLevelMembers). It accepts only strict RFC 8259 JSON, a subset of what
 * parseExact accepts, so a text it takes parses the same there; whenever it
 * is unsure (invalid text, deep nesting) it returns null and the caller takes
 * the exact path, which also words the error.
 */

export type ScannedObject = {
  /** The object's span, without the whitespace around it. */
  start: number;
  end: number;
  /** No whitespace between the braces outside strings: the span is already compact. */
  compact: boolean;
  members: TopLevelMember[];
};

/** Deeper than this, give up: parseExact recurses and must be left to fail as it always has. */
const MAX_DEPTH = 64;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHex(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** Escapes JSON allows after a backslash, besides \u. */
function isShortEscape(code: number): boolean {
  return (
    code === QUOTE ||
    code === BACKSLASH ||
    code === 0x2f ||
    code === 0x62 ||
    code === 0x66 ||
    code === 0x6e ||
    code === 0x72 ||
    code === 0x74
  );
}

class Scanner {
  at = 0;
  spaced = false;
  /** Whether the last string scanned held a backslash. */
  escaped = false;

  constructor(readonly text: string) {}

  skipSpace(): void {
    const { text } = this;
    const from = this.at;
    while (isSpace(text.charCodeAt(this.at))) this.at++;
    if (this.at > from) this.spaced = true;
  }

  /** At an opening quote: past the closing one, or false. */
  string(): boolean {
    const { text } = this;
    let at = this.at + 1;
    this.escaped = false;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      // NaN (past the end) fails here too.
      if (!(code >= 0x20)) return false;
      if (code === BACKSLASH) {
        this.escaped = true;
        const next = text.charCodeAt(at + 1);
        if (isShortEscape(next)) at += 2;
        else if (
          next === 0x75 &&
          isHex(text.charCodeAt(at + 2)) &&
          isHex(text.charCodeAt(at + 3)) &&
          isHex(text.charCodeAt(at + 4)) &&
          isHex(text.charCodeAt(at + 5))
        )
          at += 6;
        else return false;
      } else at++;
    }
    this.at = at + 1;
    return true;
  }

  number(): boolean {
    const { text } = this;
    let at = this.at;
    if (text.charCodeAt(at) === 0x2d) at++;
    if (text.charCodeAt(at) === 0x30) at++;
    else if (isDigit(text.charCodeAt(at))) while (isDigit(text.charCodeAt(at))) at++;
    else return false;
    if (text.charCodeAt(at) === 0x2e) {
      at++;
      if (!isDigit(text.charCodeAt(at))) return false;
      while (isDigit(text.charCodeAt(at))) at++;
    }
    const e = text.charCodeAt(at);
    if (e === 0x65 || e === 0x45) {
      at++;
      const sign = text.charCodeAt(at);
      if (sign === 0x2b || sign === 0x2d) at++;
      if (!isDigit(text.charCodeAt(at))) return false;
      while (isDigit(text.charCodeAt(at))) at++;
    }
    this.at = at;
    return true;
  }

  literal(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  /** One value at `at` (no whitespace before it), leaving `at` just past it. */
  value(depth: number): boolean {
    const code = this.text.charCodeAt(this.at);
    if (code === QUOTE) return this.string();
    if (code === 0x7b) return this.container(depth + 1, 0x7d, true);
    if (code === 0x5b) return this.container(depth + 1, 0x5d, false);
    if (code === 0x74) return this.literal('true');
    if (code === 0x66) return this.literal('false');
    if (code === 0x6e) return this.literal('null');
    return this.number();
  }

  /** An object or array below the top level. */
  container(depth: number, close: number, keyed: boolean): boolean {
    if (depth > MAX_DEPTH) return false;
    const { text } = this;
    this.at++;
    this.skipSpace();
    if (text.charCodeAt(this.at) === close) {
      this.at++;
      return true;
    }
    for (;;) {
      if (keyed) {
        if (text.charCodeAt(this.at) !== QUOTE || !this.string()) return false;
        this.skipSpace();
        if (text.charCodeAt(this.at) !== 0x3a) return false;
        this.at++;
        this.skipSpace();
      }
      if (!this.value(depth)) return false;
      this.skipSpace();
      const next = text.charCodeAt(this.at);
      this.at++;
      if (next === close) return true;
      if (next !== 0x2c) return false;
      this.skipSpace();
    }
  }
}

/** The top-level object's members with their spans, or null (see above). */
export function scanObject(text: string): ScannedObject | null {
  const scanner = new Scanner(text);
  scanner.skipSpace();
  const start = scanner.at;
  if (text.charCodeAt(start) !== 0x7b) return null;
  scanner.at++;
  scanner.spaced = false;
  scanner.skipSpace();
  const members: TopLevelMember[] = [];
  if (text.charCodeAt(scanner.at) === 0x7d) scanner.at++;
  else {
    for (;;) {
      const keyStart = scanner.at;
      if (text.charCodeAt(keyStart) !== QUOTE || !scanner.string()) return null;
      const keyEnd = scanner.at;
      const key = scanner.escaped
        ? (JSON.parse(text.slice(keyStart, keyEnd)) as string)
        : text.slice(keyStart + 1, keyEnd - 1);
      scanner.skipSpace();
      if (text.charCodeAt(scanner.at) !== 0x3a) return null;
      scanner.at++;
      scanner.skipSpace();
      const valueStart = scanner.at;
      if (!scanner.value(1)) return null;
      members.push({ key, keyStart, keyEnd, valueStart, valueEnd: scanner.at });
      scanner.skipSpace();
      const next = text.charCodeAt(scanner.at);
      scanner.at++;
      if (next === 0x7d) break;
      if (next !== 0x2c) return null;
      scanner.skipSpace();
    }
  }
  const end = scanner.at;
  const compact = !scanner.spaced;
  scanner.skipSpace();
  if (scanner.at !== text.length) return null;
  return { start, end, compact, members };
}

/** The string a valid JSON string text stands for, parsed only when it holds escapes. */
export function stringOf(raw: string): string {
  return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}

/** The value parseExact gives for a valid JSON scalar text, or undefined for an object or array. */
export function scalarOf(raw: string): JsonValue | undefined {
  const first = raw.charCodeAt(0);
  if (first === QUOTE) return stringOf(raw);
  if (first === 0x7b || first === 0x5b) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  return new LosslessNumber(raw);
}
