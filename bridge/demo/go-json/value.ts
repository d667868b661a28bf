/**
 * Navigates JSON bytes already validated by the scanner: finds where a value
 * ends, lists object entries and array items. Iterative, so values nested
 * 10000 deep (which Go accepts) cannot overflow the stack.
 */
import { unquote } from './unquote';

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'bool' | 'null';

/** A value inside `bytes`: [start, end). */
export type JsonSpan = { kind: JsonKind; start: number; end: number };

export type JsonEntry = { key: Uint8Array; value: JsonSpan };

const isSpace = (c: number | undefined): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

function skipSpace(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (isSpace(bytes[i])) i++;
  return i;
}

function kindOf(c: number | undefined): JsonKind {
  switch (c) {
    case 0x7b:
      return 'object';
    case 0x5b:
      return 'array';
    case 0x22:
      return 'string';
    case 0x74:
    case 0x66:
      return 'bool';
    case 0x6e:
      return 'null';
    default:
      return 'number';
  }
}

/** The value starting at `offset` (after optional whitespace). */
export function readValue(bytes: Uint8Array, offset: number): JsonSpan {
  const start = skipSpace(bytes, offset);
  const kind = kindOf(bytes[start]);
  return { kind, start, end: valueEnd(bytes, start, kind) };
}

function valueEnd(bytes: Uint8Array, start: number, kind: JsonKind): number {
  if (kind === 'string') return stringEnd(bytes, start);
  if (kind === 'object' || kind === 'array') return containerEnd(bytes, start);
  let i = start + 1;
  while (i < bytes.length && isLiteralByte(bytes[i] ?? 0)) i++;
  return i;
}

const isLiteralByte = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x61 && c <= 0x7a) ||
  c === 0x2e ||
  c === 0x2b ||
  c === 0x2d ||
  c === 0x45;

function stringEnd(bytes: Uint8Array, start: number): number {
  let i = start + 1;
  while (bytes[i] !== 0x22) i += bytes[i] === 0x5c ? 2 : 1;
  return i + 1;
}

function containerEnd(bytes: Uint8Array, start: number): number {
  let depth = 0;
  let i = start;
  do {
    const c = bytes[i];
    if (c === 0x22) {
      i = stringEnd(bytes, i);
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    i++;
  } while (depth > 0);
  return i;
}

export function objectEntries(bytes: Uint8Array, object: JsonSpan): JsonEntry[] {
  const entries: JsonEntry[] = [];
  let i = skipSpace(bytes, object.start + 1);
  while (bytes[i] === 0x22) {
    const keyEnd = stringEnd(bytes, i);
    const key = unquote(bytes.subarray(i, keyEnd));
    const colon = skipSpace(bytes, keyEnd);
    const value = readValue(bytes, colon + 1);
    entries.push({ key, value });
    i = skipSpace(bytes, value.end);
    if (bytes[i] === 0x2c) i = skipSpace(bytes, i + 1);
  }
  return entries;
}

export function arrayItems(bytes: Uint8Array, array: JsonSpan): JsonSpan[] {
  const items: JsonSpan[] = [];
  let i = skipSpace(bytes, array.start + 1);
  while (bytes[i] !== 0x5d) {
    const item = readValue(bytes, i);
    items.push(item);
    i = skipSpace(bytes, item.end);
    if (bytes[i] === 0x2c) i = skipSpace(bytes, i + 1);
  }
  return items;
}
