/**
 * What Go's gob decoder does with a call's args for the demo's methods
 * (encoding/gob compileDec, as Go 1.19 answers; measured against
 * e2e/go-server -codec gob): the value must be a struct; its fields match the
 * method's argument type by Go name, exactly; a matched field of another kind
 * is refused naming the sender's struct; a struct sharing no field with a
 * non-empty one is refused naming ours. Unmatched fields are skipped. An
 * array field takes only an array of its length and element kind.
 */

import type { WireType } from '../../shared/gob/wire-types';
import { BUILTIN_IDS } from '../../shared/gob/wire-types';
import type { JsonValue } from '../../shared/json/exact-json';
import { isJsonObject } from '../../shared/json/exact-json';
import {
  type Decoded,
  type GoStruct,
  type GoStructType,
  type GoType,
  type GoValue,
  typeString,
  zeroValue,
} from '../demo/go-json/decode';

/** The stream's type definitions by id, as the decoder has read them. */
export type WireTypes = (id: number) => WireType | undefined;

/** Whether a field of type `local` may be filled from values of wire type `id` (gob's compatibleType). */
function compatible(local: GoType, id: number, wireTypes: WireTypes): boolean {
  switch (local.kind) {
    case 'int':
      return id === BUILTIN_IDS.int;
    case 'string':
      return id === BUILTIN_IDS.string;
    case 'array': {
      const wire = wireTypes(id);
      return (
        wire?.kind === 'array' &&
        wire.length === local.length &&
        compatible(local.elem, wire.elem, wireTypes)
      );
    }
    default:
      return false;
  }
}

/** A value the decoder read for a compatible field, as the demo's methods take it. */
function goValue(local: GoType, sent: JsonValue): GoValue {
  switch (local.kind) {
    case 'int':
      return BigInt(String(sent));
    case 'array':
      return Array.isArray(sent) ? sent.map((item) => goValue(local.elem, item)) : zeroValue(local);
    default:
      return String(sent);
  }
}

function simpleName(type: GoStructType): string {
  return type.qualifiedName.slice(type.qualifiedName.lastIndexOf('.') + 1);
}

/** `wire` is the args' type as the stream defined it (undefined for a built-in), `value` as decoded. */
export function decodeGobArgs(
  wire: WireType | undefined,
  value: JsonValue,
  argType: GoStructType,
  wireTypes: WireTypes,
): Decoded<GoStruct> {
  const args: GoStruct = new Map(argType.fields.map((f) => [f.json, zeroValue(f.type)]));
  if (wire?.kind !== 'struct' || !isJsonObject(value)) {
    return {
      value: args,
      error: `gob: type mismatch in decoder: want struct type ${argType.qualifiedName}; got non-struct`,
    };
  }
  let matched = 0;
  for (const wireField of wire.fields) {
    const local = argType.fields.find((f) => (f.go ?? f.json) === wireField.name);
    if (local === undefined) continue;
    if (!compatible(local.type, wireField.id, wireTypes)) {
      return {
        value: args,
        error: `gob: wrong type (${typeString(local.type)}) for received field ${wire.name}.${wireField.name}`,
      };
    }
    matched += 1;
    const sent = value[wireField.name];
    if (sent !== undefined) args.set(local.json, goValue(local.type, sent));
  }
  if (matched === 0 && argType.fields.length > 0 && wire.fields.length > 0) {
    return {
      value: args,
      error: `gob: type mismatch: no fields matched compiling decoder for ${simpleName(argType)}`,
    };
  }
  return { value: args, error: null };
}
