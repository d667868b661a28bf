/**
 * What Go type a JSON value becomes in gob (GO-NETRPC §4.5): a whole number
 * is an int (a uint past int64), a fraction or exponent a float64, a string,
 * a bool, an array a slice, an object a struct whose fields are its keys.
 * Go rejects int↔uint and int↔float mismatches, so a one-key object
 * overrides the guess: {"$uint": 7}, {"$float": 2}, {"$int": 7},
 * {"$bytes": [1, 2]} or {"$bytes": "text"}, {"$map": {"k": 1}},
 * {"$time": "2024-02-29T13:45:30Z"} (a time.Time), {"$array": [1, 2, 3]} (a [3]int, not a slice).
 * A null or an empty array in an object is left out (Go leaves zero values out).
 */
import { isJsonObject, isLosslessNumber, type JsonValue } from '../json/exact-json';
import { goTimeBinary } from './go-time';
import { type GobField, type GobType, goTypeName } from './gob-type';

export type Inferred = { ok: true; type: GobType } | { ok: false; problem: string };

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
const WHOLE = /^-?\d+$/;
const OVERRIDES = ['$int', '$uint', '$float', '$bytes', '$map', '$time', '$array'] as const;

class InferProblem extends Error {}

function fail(path: string, why: string): never {
  throw new InferProblem(`${path}: ${why}`);
}

/** The Go type for `value`, named `name` when it is a struct (the names are informational). */
export function inferGobType(value: JsonValue, name: string, path = 'params[0]'): Inferred {
  try {
    const type = infer(value, name, path);
    if (type === null) fail(path, 'gob cannot send nil or an empty array without a type');
    return { ok: true, type };
  } catch (error) {
    if (error instanceof InferProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

function checkWhole(text: string, path: string, kind: 'int' | 'uint'): void {
  if (!WHOLE.test(text)) fail(path, `${text} is not a whole number, so it cannot be a Go ${kind}`);
  const big = BigInt(text);
  if (kind === 'int' && (big < INT64_MIN || big > INT64_MAX))
    fail(path, `${text} does not fit a Go int64`);
  if (kind === 'uint' && (big < 0n || big > UINT64_MAX))
    fail(path, `${text} does not fit a Go uint64`);
}

function number(text: string, path: string): GobType {
  if (!WHOLE.test(text)) {
    if (!Number.isFinite(Number(text))) fail(path, `${text} is too large for a Go float64`);
    return { kind: 'float' };
  }
  const big = BigInt(text);
  if (big >= INT64_MIN && big <= INT64_MAX) return { kind: 'int' };
  if (big > 0n && big <= UINT64_MAX) return { kind: 'uint' };
  return fail(path, `${text} fits neither a Go int64 nor a uint64`);
}

/** null: nothing to send and no type to send it as (left out of a struct). */
function infer(value: JsonValue, name: string, path: string): GobType | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return { kind: 'bool' };
  if (typeof value === 'string') return { kind: 'string' };
  if (isLosslessNumber(value)) return number(value.toString(), path);
  if (Array.isArray(value)) {
    const elem = elementType(value, name, path, 'Slice');
    return elem === null ? null : { kind: 'slice', elem };
  }
  const keys = Object.keys(value);
  const only = keys[0];
  if (keys.length === 1 && only?.startsWith('$'))
    return override(only, value[only] ?? null, name, path);
  const fields: GobField[] = [];
  for (const key of keys) {
    const fieldType = infer(value[key] ?? null, key, `${path}.${key}`);
    if (fieldType !== null) fields.push({ name: key, type: fieldType });
  }
  return { kind: 'struct', name, fields };
}

/** One type for all of a slice's or array's elements; null when there are none. */
function elementType(
  items: readonly JsonValue[],
  name: string,
  path: string,
  what: 'Slice' | 'Array',
): GobType | null {
  let elem: GobType | null = null;
  items.forEach((item, index) => {
    const itemType = infer(item, name, `${path}[${index}]`);
    if (itemType === null) fail(`${path}[${index}]`, `${what} elements cannot be nil in gob`);
    elem = elem === null ? itemType : unify(elem, itemType, `${path}[${index}]`);
  });
  return elem;
}

function override(key: string, inner: JsonValue, name: string, path: string): GobType {
  const at = `${path}.${key}`;
  switch (key) {
    case '$int':
    case '$uint': {
      const kind = key === '$int' ? 'int' : 'uint';
      if (!isLosslessNumber(inner)) fail(at, `a Go ${kind} is a number`);
      checkWhole(inner.toString(), at, kind);
      return { kind };
    }
    case '$float':
      if (!isLosslessNumber(inner)) fail(at, 'a Go float64 is a number');
      if (!Number.isFinite(Number(inner.toString())))
        fail(at, `${inner} is too large for a Go float64`);
      return { kind: 'float' };
    case '$bytes':
      if (typeof inner === 'string') return { kind: 'bytes' };
      if (
        !Array.isArray(inner) ||
        !inner.every(
          (item) =>
            isLosslessNumber(item) &&
            /^\d+$/.test(item.toString()) &&
            Number(item.toString()) < 256,
        )
      ) {
        fail(at, 'bytes are a string or an array of numbers 0–255');
      }
      return { kind: 'bytes' };
    case '$time': {
      if (typeof inner !== 'string') fail(at, 'a time.Time is an RFC 3339 string');
      const bytes = goTimeBinary(inner);
      if (typeof bytes === 'string') fail(at, bytes);
      return { kind: 'time' };
    }
    case '$array': {
      if (!Array.isArray(inner)) fail(at, 'an array is written as a JSON array of its elements');
      const elem = elementType(inner, name, at, 'Array');
      if (elem === null) fail(at, 'an empty array has no element type: give its elements');
      return { kind: 'array', elem, length: inner.length };
    }
    case '$map': {
      if (!isJsonObject(inner)) fail(at, 'a map is written as a JSON object');
      let elem: GobType | null = null;
      for (const [mapKey, item] of Object.entries(inner)) {
        const itemType = infer(item, name, `${at}.${mapKey}`);
        if (itemType === null) fail(`${at}.${mapKey}`, 'a map value cannot be nil in gob');
        elem = elem === null ? itemType : unify(elem, itemType, `${at}.${mapKey}`);
      }
      if (elem === null) fail(at, 'an empty map has no value type: give one entry');
      return { kind: 'map', key: { kind: 'string' }, elem };
    }
    default:
      return fail(path, `${key} is not a gob type override (use one of ${OVERRIDES.join(', ')})`);
  }
}

/** One type for both, as a slice's elements need: ints widen to float64, structs join their fields. */
function unify(a: GobType, b: GobType, path: string): GobType {
  if (a.kind === b.kind) {
    if (a.kind === 'slice' && b.kind === 'slice')
      return { kind: 'slice', elem: unify(a.elem, b.elem, path) };
    if (a.kind === 'array' && b.kind === 'array') {
      if (a.length !== b.length)
        fail(path, `a ${goTypeName(b)} among ${goTypeName(a)} elements: Go slices hold one type`);
      return { ...a, elem: unify(a.elem, b.elem, path) };
    }
    if (a.kind === 'map' && b.kind === 'map') return { ...a, elem: unify(a.elem, b.elem, path) };
    if (a.kind === 'struct' && b.kind === 'struct') {
      const fields = a.fields.map((field) => {
        const other = b.fields.find((f) => f.name === field.name);
        return other
          ? { name: field.name, type: unify(field.type, other.type, `${path}.${field.name}`) }
          : field;
      });
      for (const field of b.fields)
        if (!a.fields.some((f) => f.name === field.name)) fields.push(field);
      return { ...a, fields };
    }
    return a;
  }
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has('float') && (kinds.has('int') || kinds.has('uint'))) return { kind: 'float' };
  if (kinds.has('int') && kinds.has('uint')) return { kind: 'uint' };
  return fail(path, `a ${goTypeName(b)} among ${goTypeName(a)} elements: Go slices hold one type`);
}
