/**
 * Gob type definitions (GO-NETRPC §4.1–4.2). A stream defines each type once,
 * as a `wireType` struct naming its kind, before the first value that uses
 * it; ids below 65 are gob's own. Names are informational: Go matches struct
 * fields by name and everything else by id.
 */
import { GobError, type GobReader, type GobWriter } from './gob-bytes';

export const BUILTIN_IDS = {
  bool: 1,
  int: 2,
  uint: 3,
  float: 4,
  bytes: 5,
  string: 6,
  complex: 7,
  interface: 8,
} as const;

export type BuiltinName = keyof typeof BUILTIN_IDS;

export const BUILTIN_NAMES: ReadonlyMap<number, BuiltinName> = new Map(
  Object.entries(BUILTIN_IDS).map(([name, id]) => [id, name as BuiltinName]),
);

/** The first id a stream may define; Go hands them out from here. */
export const FIRST_USER_ID = 65;

export type WireField = { name: string; id: number };

/** A type defined on the wire, its parts referred to by id. */
export type WireType =
  | { kind: 'array'; name: string; elem: number; length: number }
  | { kind: 'slice'; name: string; elem: number }
  | { kind: 'struct'; name: string; fields: WireField[] }
  | { kind: 'map'; name: string; key: number; elem: number }
  /** Types that encode themselves (time.Time is a GobEncoder): opaque bytes, or text. */
  | { kind: 'gob-encoder' | 'binary-marshaler' | 'text-marshaler'; name: string };

const WIRE_KINDS = [
  'array',
  'slice',
  'struct',
  'map',
  'gob-encoder',
  'binary-marshaler',
  'text-marshaler',
] as const;

/** A struct's fields in order: each delta moves to the next field sent; 0 ends it. */
export function readFields(reader: GobReader, onField: (field: number) => void): void {
  let field = -1;
  for (;;) {
    const at = reader.offset;
    const delta = reader.uint();
    if (delta === 0) return;
    field += delta;
    if (field > 1_000_000) throw new GobError(`field number ${field} is not plausible`, at);
    onField(field);
  }
}

function readCommon(reader: GobReader): { name: string; id: number } {
  let name = '';
  let id = 0;
  readFields(reader, (field) => {
    if (field === 0) name = reader.string();
    else if (field === 1) id = reader.int();
    else throw new GobError(`CommonType has no field ${field}`, reader.offset);
  });
  return { name, id };
}

function readFieldList(reader: GobReader): WireField[] {
  const count = reader.count('a struct type field list');
  const fields: WireField[] = [];
  for (let i = 0; i < count; i++) {
    let name = '';
    let id = 0;
    readFields(reader, (field) => {
      if (field === 0) name = reader.string();
      else if (field === 1) id = reader.int();
      else throw new GobError(`fieldType has no field ${field}`, reader.offset);
    });
    fields.push({ name, id });
  }
  return fields;
}

/** Reads one wireType value; returns the type and the id its CommonType claims. */
export function readWireType(reader: GobReader): { id: number; type: WireType } {
  let result: { id: number; type: WireType } | null = null;
  readFields(reader, (field) => {
    const kind = WIRE_KINDS[field];
    if (kind === undefined || result !== null) {
      throw new GobError(`a type definition with kind field ${field + 1}`, reader.offset);
    }
    let common = { name: '', id: 0 };
    let elem = 0;
    let key = 0;
    let length = 0;
    let fields: WireField[] = [];
    readFields(reader, (inner) => {
      if (inner === 0) common = readCommon(reader);
      else if (kind === 'array' && inner === 1) elem = reader.int();
      else if (kind === 'array' && inner === 2) length = reader.int();
      else if (kind === 'slice' && inner === 1) elem = reader.int();
      else if (kind === 'struct' && inner === 1) fields = readFieldList(reader);
      else if (kind === 'map' && inner === 1) key = reader.int();
      else if (kind === 'map' && inner === 2) elem = reader.int();
      else throw new GobError(`a ${kind} type has no field ${inner}`, reader.offset);
    });
    const { name, id } = common;
    switch (kind) {
      case 'array':
        result = { id, type: { kind, name, elem, length } };
        return;
      case 'slice':
        result = { id, type: { kind, name, elem } };
        return;
      case 'struct':
        result = { id, type: { kind, name, fields } };
        return;
      case 'map':
        result = { id, type: { kind, name, key, elem } };
        return;
      default:
        result = { id, type: { kind, name } };
    }
  });
  if (result === null) throw new GobError('an empty type definition', reader.offset);
  return result;
}

function writeCommon(writer: GobWriter, name: string, id: number): void {
  writer.uint(1);
  if (name !== '') {
    writer.uint(1);
    writer.string(name);
    writer.uint(1);
  } else {
    writer.uint(2);
  }
  writer.int(id);
  writer.uint(0);
}

/** Writes a wireType value exactly as Go's encoder does (zero members omitted). */
export function writeWireType(writer: GobWriter, id: number, type: WireType): void {
  writer.uint(WIRE_KINDS.indexOf(type.kind) + 1);
  writeCommon(writer, type.name, id);
  switch (type.kind) {
    case 'array':
      writer.uint(1);
      writer.int(type.elem);
      if (type.length !== 0) {
        writer.uint(1);
        writer.int(type.length);
      }
      break;
    case 'slice':
      writer.uint(1);
      writer.int(type.elem);
      break;
    case 'struct':
      if (type.fields.length > 0) {
        writer.uint(1);
        writer.uint(type.fields.length);
        for (const field of type.fields) {
          writer.uint(1);
          writer.string(field.name);
          writer.uint(1);
          writer.int(field.id);
          writer.uint(0);
        }
      }
      break;
    case 'map':
      writer.uint(1);
      writer.int(type.key);
      writer.uint(1);
      writer.int(type.elem);
      break;
    default:
      break;
  }
  writer.uint(0);
  writer.uint(0);
}
