/**
 * Writes one gob stream's messages as Go's encoder does (GO-NETRPC §4): each
 * type it has not yet defined on this stream, outer before inner, then the
 * value. Struct fields holding their zero value are left out, except arrays,
 * which Go always sends whole; a top-level non-struct is a singleton (a 0
 * delta, then the value, even when zero).
 * Values are exact JSON, read as the type says (infer-type.ts chose it).
 */
import { isJsonObject, isLosslessNumber, type JsonValue } from '../json/exact-json';
import { GO_TIME_TYPE_NAME, goTimeBinary, isZeroGoTime } from './go-time';
import { GobError, GobWriter } from './gob-bytes';
import { type GobType, goTypeName, typeKey } from './gob-type';
import { BUILTIN_IDS, FIRST_USER_ID, type WireType, writeWireType } from './wire-types';

const SCALAR_IDS = {
  bool: BUILTIN_IDS.bool,
  int: BUILTIN_IDS.int,
  uint: BUILTIN_IDS.uint,
  float: BUILTIN_IDS.float,
  bytes: BUILTIN_IDS.bytes,
  string: BUILTIN_IDS.string,
} as const;

/** A `{"$uint": 7}`-style override holds its value under its one key. */
export function unwrapOverride(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  const only = keys[0];
  return keys.length === 1 && only?.startsWith('$') ? (value[only] ?? null) : value;
}

function numberText(value: JsonValue): string {
  const inner = unwrapOverride(value);
  if (!isLosslessNumber(inner)) throw new GobError(`${JSON.stringify(inner)} is not a number`);
  return inner.toString();
}

function bytesOf(value: JsonValue): Uint8Array {
  const inner = unwrapOverride(value);
  if (typeof inner === 'string') return new TextEncoder().encode(inner);
  if (!Array.isArray(inner)) throw new GobError('bytes are an array of numbers 0–255 or a string');
  return Uint8Array.from(inner, (item) => Number(numberText(item)));
}

function timeOf(value: JsonValue): Uint8Array {
  const inner = unwrapOverride(value);
  if (typeof inner !== 'string') throw new GobError('a time.Time is an RFC 3339 string');
  const bytes = goTimeBinary(inner);
  if (typeof bytes === 'string') throw new GobError(bytes);
  return bytes;
}

function entriesOf(value: JsonValue): Array<[string, JsonValue]> {
  const inner = unwrapOverride(value);
  if (!isJsonObject(inner)) throw new GobError('a map is a JSON object');
  return Object.entries(inner);
}

function itemsOf(value: JsonValue): JsonValue[] {
  const inner = unwrapOverride(value);
  if (!Array.isArray(inner)) throw new GobError('a slice or an array is a JSON array');
  return inner;
}

/** Up to 15 digits a Number holds exactly, and is far cheaper to write than a BigInt. */
function wholeNumber(text: string): number | bigint {
  return text.length <= 15 ? Number(text) : BigInt(text);
}

/** Go leaves these out of a struct: zero numbers, false, "", empty bytes, slices and maps, nil. */
function isOmitted(type: GobType, value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  switch (type.kind) {
    case 'int':
    case 'uint':
      return /^-?0$/.test(numberText(value));
    case 'float':
      return Number(numberText(value)) === 0;
    case 'bool':
      return unwrapOverride(value) === false;
    case 'string':
      return unwrapOverride(value) === '';
    case 'bytes':
      return bytesOf(value).length === 0;
    case 'slice':
      return itemsOf(value).length === 0;
    case 'array':
      return false;
    case 'map':
      return entriesOf(value).length === 0;
    case 'time':
      return isZeroGoTime(timeOf(value));
    case 'struct':
      return false;
  }
}

export class GobEncoder {
  /** Types defined on this stream so far, by structure. */
  private defined = new Map<string, number>();
  private nextId = FIRST_USER_ID;

  /**
   * The messages for these values, in order. All or nothing: a value that
   * cannot be written throws GobError and leaves the stream's state as it was.
   */
  encode(values: ReadonlyArray<{ type: GobType; value: JsonValue }>): Uint8Array {
    const defined = new Map(this.defined);
    let nextId = this.nextId;
    const out = new GobWriter();
    const message = (payload: GobWriter) => {
      out.uint(payload.size);
      out.raw(payload.take());
    };
    const idOf = (type: GobType): number => {
      if (type.kind in SCALAR_IDS) return SCALAR_IDS[type.kind as keyof typeof SCALAR_IDS];
      return defined.get(typeKey(type)) ?? 0;
    };
    // Pre-order: an outer type takes its id and goes out before the types inside it.
    const define = (type: GobType, pending: Array<{ id: number; type: GobType }>) => {
      if (type.kind in SCALAR_IDS || defined.has(typeKey(type))) return;
      const id = nextId++;
      defined.set(typeKey(type), id);
      pending.push({ id, type });
      if (type.kind === 'slice' || type.kind === 'array') define(type.elem, pending);
      if (type.kind === 'map') {
        define(type.key, pending);
        define(type.elem, pending);
      }
      if (type.kind === 'struct') for (const field of type.fields) define(field.type, pending);
    };
    const wireTypeOf = (type: GobType): WireType => {
      switch (type.kind) {
        case 'slice':
          return { kind: 'slice', name: goTypeName(type), elem: idOf(type.elem) };
        case 'array':
          return {
            kind: 'array',
            name: goTypeName(type),
            elem: idOf(type.elem),
            length: type.length,
          };
        case 'map':
          return {
            kind: 'map',
            name: goTypeName(type),
            key: idOf(type.key),
            elem: idOf(type.elem),
          };
        case 'struct':
          return {
            kind: 'struct',
            name: type.name,
            fields: type.fields.map((field) => ({ name: field.name, id: idOf(field.type) })),
          };
        case 'time':
          return { kind: 'gob-encoder', name: GO_TIME_TYPE_NAME };
        default:
          throw new GobError(`${type.kind} needs no definition`);
      }
    };
    for (const { type, value } of values) {
      const pending: Array<{ id: number; type: GobType }> = [];
      define(type, pending);
      for (const definition of pending) {
        const payload = new GobWriter();
        payload.int(-definition.id);
        writeWireType(payload, definition.id, wireTypeOf(definition.type));
        message(payload);
      }
      const payload = new GobWriter();
      payload.int(idOf(type));
      if (type.kind !== 'struct') payload.uint(0);
      writeValue(payload, type, value);
      message(payload);
    }
    this.defined = defined;
    this.nextId = nextId;
    return out.take();
  }
}

function writeValue(writer: GobWriter, type: GobType, value: JsonValue): void {
  switch (type.kind) {
    case 'bool': {
      const inner = unwrapOverride(value);
      if (typeof inner !== 'boolean') throw new GobError('a bool is true or false');
      writer.bool(inner);
      return;
    }
    case 'int':
      writer.int(wholeNumber(numberText(value)));
      return;
    case 'uint':
      writer.uint(wholeNumber(numberText(value)));
      return;
    case 'float':
      writer.float(Number(numberText(value)));
      return;
    case 'string': {
      const inner = unwrapOverride(value);
      if (typeof inner !== 'string') throw new GobError('a string is a JSON string');
      writer.string(inner);
      return;
    }
    case 'bytes':
      writer.byteString(bytesOf(value));
      return;
    case 'time':
      writer.byteString(timeOf(value));
      return;
    case 'array':
    case 'slice': {
      const items = itemsOf(value);
      if (type.kind === 'array' && items.length !== type.length)
        throw new GobError(
          `a ${goTypeName(type)} has ${type.length} elements, not ${items.length}`,
        );
      writer.uint(items.length);
      for (const item of items) writeValue(writer, type.elem, item);
      return;
    }
    case 'map': {
      const entries = entriesOf(value);
      writer.uint(entries.length);
      for (const [key, item] of entries) {
        writer.string(key);
        writeValue(writer, type.elem, item);
      }
      return;
    }
    case 'struct': {
      const inner = unwrapOverride(value);
      if (!isJsonObject(inner)) throw new GobError(`${type.name} is a JSON object`);
      let last = -1;
      type.fields.forEach((field, index) => {
        const member = Object.hasOwn(inner, field.name) ? inner[field.name] : undefined;
        if (member === undefined || isOmitted(field.type, member)) return;
        writer.uint(index - last);
        last = index;
        writeValue(writer, field.type, member);
      });
      writer.uint(0);
      return;
    }
  }
}
