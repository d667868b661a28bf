/**
 * Reads one gob stream's messages (GO-NETRPC §4): type definitions go into
 * the stream's type table, values come out as exact JSON. Replies describe
 * their own types, so no schema is needed. One decoder per connection: its
 * table lives as long as the stream.
 */
import { type JsonObject, type JsonValue, LosslessNumber } from '../json/exact-json';
import { toBase64 } from '../wire/base64';
import { GO_TIME_TYPE_NAME, GO_ZERO_TIME_JSON, goTimeJson } from './go-time';
import { GobError, GobReader } from './gob-bytes';
import { BUILTIN_IDS, BUILTIN_NAMES, readFields, readWireType, type WireType } from './wire-types';

export type GobMessage =
  | { kind: 'type'; id: number; type: WireType }
  /** An interface's type was defined inline and its value comes in the next message. */
  | { kind: 'incomplete' }
  | { kind: 'value'; typeId: number; typeName: string; value: JsonValue };

/** A value split over messages (interfaceValue) longer than this is refused. */
export const MAX_SPLIT_VALUE_BYTES = 64 * 1024 * 1024;

/** Nesting past this is refused: a hostile stream must not exhaust the stack. */
export const MAX_GOB_DEPTH = 64;

/** time.Time: it encodes itself (GobEncoder, or BinaryMarshaler) under its bare name. */
const isGoTime = (type: WireType): boolean =>
  type.name === GO_TIME_TYPE_NAME &&
  (type.kind === 'gob-encoder' || type.kind === 'binary-marshaler');

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function floatJson(value: number): JsonValue {
  if (Number.isFinite(value)) return new LosslessNumber(String(value));
  // JSON has no NaN or infinities: they are shown as Go prints them.
  return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
}

/** Own property even for "__proto__": a server's field or map key never touches a prototype. */
function setMember(object: JsonObject, key: string, value: JsonValue): void {
  if (key !== '__proto__') object[key] = value;
  else
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/** Thrown where a value goes on in the next message; caught by `message`. */
class NextMessage extends Error {}

export class GobDecoder {
  private readonly types = new Map<number, WireType>();
  /** A value's first messages, while it waits for the rest (see interfaceValue). */
  private pending: Uint8Array | null = null;
  /** Where, in the bytes being read, each earlier message of the value ended. */
  private boundaries: number[] = [];
  /** Types defined inside the value being read: forgotten if it must be read again. */
  private definedInValue: number[] = [];

  /** One message's payload (its length prefix already taken by the framer). Throws GobError. */
  message(payload: Uint8Array): GobMessage {
    const joined = this.pending === null ? payload : concat(this.pending, payload);
    if (joined.length > MAX_SPLIT_VALUE_BYTES) {
      this.pending = null;
      throw new GobError(`a value still unfinished after ${joined.length} bytes`, null);
    }
    if (this.pending === null) this.boundaries = [];
    else this.boundaries.push(this.pending.length);
    this.pending = null;
    this.definedInValue = [];
    try {
      return this.read(joined);
    } catch (error) {
      if (!(error instanceof NextMessage)) throw error;
      for (const id of this.definedInValue) this.types.delete(id);
      this.pending = joined;
      return { kind: 'incomplete' };
    }
  }

  /** Forgets a value split over messages whose rest will not come. */
  abandonValue(): void {
    this.pending = null;
  }

  private read(payload: Uint8Array): GobMessage {
    const reader = new GobReader(payload);
    const id = reader.int();
    if (id < 0) {
      const { type } = readWireType(reader);
      this.expectEnd(reader);
      this.define(-id, type, 0);
      return { kind: 'type', id: -id, type };
    }
    if (id === 0) throw new GobError('a value of type id 0', 0);
    const value = this.topLevel(reader, id, 0);
    this.expectEnd(reader);
    return { kind: 'value', typeId: id, typeName: this.typeName(id), value };
  }

  private define(id: number, type: WireType, at: number): void {
    if (this.types.has(id) || BUILTIN_NAMES.has(id)) {
      throw new GobError(`type ${id} is defined twice on this stream`, at);
    }
    this.types.set(id, type);
  }

  /** The definition this stream gave type `id`, if any (built-ins have none). */
  wireType(id: number): WireType | undefined {
    return this.types.get(id);
  }

  /** Go's name for a type id: a built-in's or the name its definition gave. */
  typeName(id: number): string {
    const builtin = BUILTIN_NAMES.get(id);
    if (builtin !== undefined) return builtin;
    return this.types.get(id)?.name ?? `type ${id}`;
  }

  private expectEnd(reader: GobReader): void {
    if (reader.remaining > 0) {
      throw new GobError(`${reader.remaining} bytes follow the end of the value`, reader.offset);
    }
  }

  /** A struct is sent as itself; anything else as a singleton: a 0 delta, then the value. */
  private topLevel(reader: GobReader, id: number, depth: number): JsonValue {
    if (this.types.get(id)?.kind === 'struct') return this.value(reader, id, depth);
    const at = reader.offset;
    if (reader.uint() !== 0) throw new GobError('a non-struct value without its 0 marker', at);
    return this.value(reader, id, depth);
  }

  private value(reader: GobReader, id: number, depth: number): JsonValue {
    if (depth > MAX_GOB_DEPTH) {
      throw new GobError(`values nested deeper than ${MAX_GOB_DEPTH}`, reader.offset);
    }
    switch (id) {
      case BUILTIN_IDS.bool:
        return reader.bool();
      case BUILTIN_IDS.int:
        return new LosslessNumber(reader.intBig().toString());
      case BUILTIN_IDS.uint:
        return new LosslessNumber(reader.uintBig().toString());
      case BUILTIN_IDS.float:
        return floatJson(reader.float());
      // As encoding/json writes []byte.
      case BUILTIN_IDS.bytes:
        return toBase64(reader.byteString());
      case BUILTIN_IDS.string:
        return reader.string();
      case BUILTIN_IDS.complex:
        return { real: floatJson(reader.float()), imag: floatJson(reader.float()) };
      case BUILTIN_IDS.interface:
        return this.interfaceValue(reader, depth);
    }
    const type = this.types.get(id);
    if (type === undefined) throw new GobError(`type id ${id} was never defined`, reader.offset);
    switch (type.kind) {
      case 'struct':
        return this.struct(reader, type.fields, depth);
      case 'slice':
      case 'array': {
        const count = reader.count(`a ${type.kind}`);
        if (type.kind === 'array' && count !== type.length) {
          throw new GobError(
            `an array of ${type.length} sent with ${count} elements`,
            reader.offset,
          );
        }
        const items: JsonValue[] = [];
        for (let i = 0; i < count; i++) items.push(this.value(reader, type.elem, depth + 1));
        return items;
      }
      case 'map': {
        const count = reader.count('a map');
        const map: JsonObject = {};
        for (let i = 0; i < count; i++) {
          const key = this.value(reader, type.key, depth + 1);
          setMember(
            map,
            typeof key === 'string' ? key : String(key),
            this.value(reader, type.elem, depth + 1),
          );
        }
        return map;
      }
      case 'text-marshaler':
        return reader.string();
      default: {
        const bytes = reader.byteString();
        return (isGoTime(type) && goTimeJson(bytes)) || toBase64(bytes);
      }
    }
  }

  /** Fields in the order sent; the ones left out hold Go's zero value for their type. */
  private struct(
    reader: GobReader,
    fields: ReadonlyArray<{ name: string; id: number }>,
    depth: number,
  ): JsonObject {
    const sent = new Map<number, JsonValue>();
    readFields(reader, (field) => {
      const wire = fields[field];
      if (wire === undefined)
        throw new GobError(`field ${field} of a struct with ${fields.length}`, reader.offset);
      sent.set(field, this.value(reader, wire.id, depth + 1));
    });
    const object: JsonObject = {};
    fields.forEach((field, index) => {
      setMember(object, field.name, sent.get(index) ?? this.zero(field.id));
    });
    return object;
  }

  /** What Go's decoder leaves in a field that was not sent; a struct was a nil pointer. */
  private zero(id: number): JsonValue {
    switch (id) {
      case BUILTIN_IDS.bool:
        return false;
      case BUILTIN_IDS.int:
      case BUILTIN_IDS.uint:
      case BUILTIN_IDS.float:
        return new LosslessNumber('0');
      case BUILTIN_IDS.string:
        return '';
      case BUILTIN_IDS.complex:
        return { real: new LosslessNumber('0'), imag: new LosslessNumber('0') };
      default: {
        const type = this.types.get(id);
        if (type?.kind === 'text-marshaler') return '';
        return type && isGoTime(type) ? GO_ZERO_TIME_JSON : null;
      }
    }
  }

  /**
   * An interface value: the concrete type's name ("" is nil), any type it
   * defines inline, its id, then the value counted in bytes.
   */
  private interfaceValue(reader: GobReader, depth: number): JsonValue {
    const name = reader.string();
    if (name === '') return null;
    for (;;) {
      const id = reader.int();
      if (id >= 0) {
        const length = reader.uint();
        if (length > reader.remaining) {
          throw new GobError(
            `an interface value of ${length} bytes runs past the message`,
            reader.offset,
          );
        }
        const end = reader.offset + length;
        const value = this.topLevel(reader, id, depth + 1);
        if (reader.offset !== end)
          throw new GobError('an interface value of the wrong length', reader.offset);
        return value;
      }
      const { type } = readWireType(reader);
      this.define(-id, type, reader.offset);
      this.definedInValue.push(-id);
      // Go ends the message after an inline definition and goes on in the next one
      // (its decodeTypeSequence); nested deeper, a byte count follows in the same one.
      if (reader.remaining === 0) throw new NextMessage();
      if (!this.boundaries.includes(reader.offset)) reader.uint();
    }
  }
}
