/**
 * encoding/json's decode-into-type rules (Go 1.19) for the few Go types the
 * demo needs: int, string, *json.RawMessage, arrays of those (`[3]int`), flat
 * structs of those, and `[1]interface{}` holding a pointer to a struct (how
 * jsonrpc reads params).
 * Like Go, it keeps the first type error, goes on decoding, and leaves a field
 * unchanged when the value is null.
 */
import { foldFunc } from './fold';
import { unquote } from './unquote';
import { goString } from './utf8';
import { arrayItems, type JsonKind, type JsonSpan, objectEntries } from './value';

/** A struct field by its JSON name; `go` is its Go name where a json tag differs (gob uses Go names). */
export type GoField = { json: string; go?: string; type: GoType };

export type GoStructType = {
  kind: 'struct';
  /** Qualified as reflect prints it: `servicea.Args`. */
  qualifiedName: string;
  fields: readonly GoField[];
};

export type GoType =
  | { kind: 'int' }
  | { kind: 'string' }
  /** *json.RawMessage: the value's bytes as sent, or null for nil. */
  | { kind: 'raw' }
  | GoStructType
  /** A Go array, `[3]int`: a JSON array fills it from the start, the rest zero, extra items skipped. */
  | { kind: 'array'; elem: GoType; length: number }
  /** [1]interface{} whose element 0 points at a value of `elem`. */
  | { kind: 'array1'; elem: GoStructType };

export type GoValue = bigint | string | Uint8Array | null | GoStruct | GoValue[];
export type GoStruct = Map<string, GoValue>;

export type Decoded<T> = { value: T; error: string | null };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const utf8Decoder = new TextDecoder();

export function zeroValue(type: GoType): GoValue {
  switch (type.kind) {
    case 'int':
      return 0n;
    case 'string':
      return '';
    case 'struct':
      return new Map(type.fields.map((f) => [f.json, zeroValue(f.type)]));
    case 'array':
      return Array.from({ length: type.length }, () => zeroValue(type.elem));
    default:
      return null;
  }
}

/** Decodes `span` of `bytes` into a zero value of a struct type. */
export function decodeStruct(
  bytes: Uint8Array,
  span: JsonSpan,
  type: GoStructType,
): Decoded<GoStruct> {
  const decoder = new TypedDecoder(bytes);
  const value = decoder.value(span, type, zeroValue(type));
  return { value: value as GoStruct, error: decoder.savedError };
}

/** json.Unmarshal(params, &[1]any{&args}): `args` is the zero value if nothing is stored. */
export function decodeFirstElement(
  bytes: Uint8Array,
  span: JsonSpan,
  elem: GoStructType,
): Decoded<GoStruct> {
  const decoder = new TypedDecoder(bytes);
  const args = zeroValue(elem) as GoStruct;
  const value = decoder.value(span, { kind: 'array1', elem }, args);
  return { value: value instanceof Map ? value : args, error: decoder.savedError };
}

export function typeString(type: GoType): string {
  switch (type.kind) {
    case 'struct':
      return type.qualifiedName;
    case 'array1':
      return '[1]interface {}';
    case 'array':
      return `[${type.length}]${typeString(type.elem)}`;
    case 'raw':
      return '*json.RawMessage';
    default:
      return type.kind;
  }
}

function structName(type: GoStructType): string {
  return type.qualifiedName.slice(type.qualifiedName.lastIndexOf('.') + 1);
}

class TypedDecoder {
  savedError: string | null = null;
  /** Go's errorContext: the struct and JSON field names leading to the value. */
  private context: { struct: GoStructType | null; fields: string[] } = {
    struct: null,
    fields: [],
  };

  constructor(private readonly bytes: Uint8Array) {}

  value(span: JsonSpan, type: GoType, current: GoValue): GoValue {
    if (span.kind === 'null') return type.kind === 'raw' ? null : current;
    switch (type.kind) {
      case 'raw':
        return this.bytes.slice(span.start, span.end);
      case 'int':
        return span.kind === 'number'
          ? this.int(span, current)
          : this.mismatch(span.kind, type, current);
      case 'string':
        return span.kind === 'string'
          ? utf8Decoder.decode(unquote(this.bytes.subarray(span.start, span.end)))
          : this.mismatch(span.kind, type, current);
      case 'struct':
        return span.kind === 'object'
          ? this.struct(span, type, current as GoStruct)
          : this.mismatch(span.kind, type, current);
      case 'array':
        return span.kind === 'array'
          ? this.array(span, type, current)
          : this.mismatch(span.kind, type, current);
      case 'array1':
        return span.kind === 'array'
          ? this.firstElement(span, type.elem, current)
          : this.mismatch(span.kind, type, current);
    }
  }

  private int(span: JsonSpan, current: GoValue): GoValue {
    const literal = utf8Decoder.decode(this.bytes.subarray(span.start, span.end));
    if (/^-?\d+$/.test(literal)) {
      const n = BigInt(literal);
      if (n >= INT64_MIN && n <= INT64_MAX) return n;
    }
    this.saveError(`number ${literal}`, { kind: 'int' });
    return current;
  }

  private struct(span: JsonSpan, type: GoStructType, current: GoStruct): GoStruct {
    const saved = { struct: this.context.struct, depth: this.context.fields.length };
    for (const entry of objectEntries(this.bytes, span)) {
      const field = findField(type, entry.key);
      if (!field) continue;
      this.context.fields.push(field.json);
      this.context.struct = type;
      current.set(field.json, this.value(entry.value, field.type, current.get(field.json) ?? null));
      this.context.fields.length = saved.depth;
      this.context.struct = saved.struct;
    }
    return current;
  }

  /** An element's type error names the array's field, as Go's does: no index in its context. */
  private array(span: JsonSpan, type: GoType & { kind: 'array' }, current: GoValue): GoValue[] {
    const items = arrayItems(this.bytes, span);
    const held = Array.isArray(current) ? current : [];
    return Array.from({ length: type.length }, (_, i) => {
      const item = items[i];
      return item === undefined
        ? zeroValue(type.elem)
        : this.value(item, type.elem, held[i] ?? zeroValue(type.elem));
    });
  }

  private firstElement(span: JsonSpan, elem: GoStructType, current: GoValue): GoValue {
    const [first] = arrayItems(this.bytes, span);
    // An absent or null element 0 leaves the pointed-to args untouched: zero args.
    if (!first || first.kind === 'null') return null;
    return this.value(first, elem, current instanceof Map ? current : zeroValue(elem));
  }

  private mismatch(kind: JsonKind, type: GoType, current: GoValue): GoValue {
    this.saveError(kind, type);
    return current;
  }

  private saveError(what: string, type: GoType): void {
    if (this.savedError !== null) return;
    const { struct, fields } = this.context;
    this.savedError =
      struct || fields.length > 0
        ? `json: cannot unmarshal ${what} into Go struct field ${struct ? structName(struct) : ''}.${fields.join('.')} of type ${typeString(type)}`
        : `json: cannot unmarshal ${what} into Go value of type ${typeString(type)}`;
  }
}

const foldCache = new WeakMap<GoField, { name: Uint8Array; fold: ReturnType<typeof foldFunc> }>();

/** Exact name first, else the first field whose fold matches (Go's field lookup). */
function findField(type: GoStructType, key: Uint8Array): GoField | undefined {
  const exact = type.fields.find((f) => sameBytes(goString(f.json), key));
  if (exact) return exact;
  return type.fields.find((f) => {
    let entry = foldCache.get(f);
    if (!entry) {
      const name = goString(f.json);
      entry = { name, fold: foldFunc(name) };
      foldCache.set(f, entry);
    }
    return entry.fold(entry.name, key);
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
