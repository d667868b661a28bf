import { canonicalId } from './exact-json';
import { BACKSLASH, isSpace, QUOTE } from './json-chars';

/**
 * The ids a JSON reply names in its first bytes, when only those were kept: a
 * reply too large to hold (framing, FR11 and ND5) still says in its opening
 * `{"id":3,…` which call it answers, so that call can fail with the cause
 * instead of waiting for its timeout. Rules PI1–PI4 in README.
 */

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Where a scan stops because the text ends (or stops being JSON) first. */
const CUT = -1;

function skipSpace(text: string, at: number): number {
  let i = at;
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** At an opening quote: the index past the closing one, or CUT. */
function skipString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i + 1;
    if (code === BACKSLASH) i++;
  }
  return CUT;
}

/**
 * Past one value starting at `at`; CUT when the text ends first. Nesting is
 * counted, not recursed into, so a deep value costs no stack.
 */
function skipValue(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return skipString(text, at);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        i = skipString(text, i) - 1;
        if (i < 0) return CUT;
      } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth++;
      else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return CUT;
  }
  // A number or literal runs to a delimiter; callers require that delimiter ("12" may be "123", cut).
  let i = at;
  while (i < text.length && !isDelimiter(text.charCodeAt(i))) i++;
  return i === at ? CUT : i;
}

function isDelimiter(code: number): boolean {
  return isSpace(code) || code === COMMA || code === CLOSE_OBJECT || code === CLOSE_ARRAY;
}

/**
 * The object at `at`: its id (the last id member complete in the text, as a
 * duplicate key keeps the last value) and where it ends (CUT if it does not).
 */
function scanObjectId(
  text: string,
  at: number,
  isIdKey: (key: string) => boolean,
): { id: string | null; end: number } {
  let id: string | null = null;
  let i = skipSpace(text, at + 1);
  if (text.charCodeAt(i) === CLOSE_OBJECT) return { id, end: i + 1 };
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return { id, end: CUT };
    const keyEnd = skipString(text, i);
    if (keyEnd === CUT) return { id, end: CUT };
    const key = keyOf(text.slice(i, keyEnd));
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return { id, end: CUT };
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd === CUT) return { id, end: CUT };
    i = skipSpace(text, valueEnd);
    const next = text.charCodeAt(i);
    // Complete only once its delimiter is in the text.
    if (next !== COMMA && next !== CLOSE_OBJECT) return { id, end: CUT };
    if (key !== null && isIdKey(key)) id = idOf(text.slice(valueStart, valueEnd)) ?? id;
    if (next === CLOSE_OBJECT) return { id, end: i + 1 };
    i = skipSpace(text, i + 1);
  }
}

function keyOf(quoted: string): string | null {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return null;
  }
}

function idOf(raw: string): string | null {
  try {
    return canonicalId(raw);
  } catch {
    return null;
  }
}

/**
 * Canonical ids (EJ5) named by the start of a reply text that may be cut
 * anywhere: an object's id member, or each object's in an array (a batch
 * answer). A member counts once its value and the delimiter after it are in
 * the text; nothing is guessed past the cut or past anything that is not JSON.
 */
export function idsInPrefix(text: string, isIdKey: (key: string) => boolean): string[] {
  const start = skipSpace(text, 0);
  const first = text.charCodeAt(start);
  if (first === OPEN_OBJECT) {
    const { id } = scanObjectId(text, start, isIdKey);
    return id === null ? [] : [id];
  }
  if (first !== OPEN_ARRAY) return [];
  const ids: string[] = [];
  let i = skipSpace(text, start + 1);
  while (i < text.length && text.charCodeAt(i) !== CLOSE_ARRAY) {
    let end: number;
    if (text.charCodeAt(i) === OPEN_OBJECT) {
      const element = scanObjectId(text, i, isIdKey);
      if (element.id !== null) ids.push(element.id);
      end = element.end;
    } else {
      end = skipValue(text, i);
    }
    if (end === CUT) break;
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== COMMA) break;
    i = skipSpace(text, i + 1);
  }
  return ids;
}
