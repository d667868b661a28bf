/**
 * A value as a Go composite literal (`Args{X: 1, Y: 2}`), so the page can
 * show what the JSON the person typed became before gob encoded it.
 */
import { isJsonObject, type JsonValue } from '../json/exact-json';
import { goTimeLiteral } from './go-time';
import { unwrapOverride } from './gob-encoder';
import { type GobType, goTypeName } from './gob-type';

export function goLiteral(type: GobType, value: JsonValue): string {
  const inner = unwrapOverride(value);
  switch (type.kind) {
    case 'string':
      return JSON.stringify(inner);
    case 'bytes':
      return typeof inner === 'string'
        ? `[]byte(${JSON.stringify(inner)})`
        : `[]byte{${Array.isArray(inner) ? inner.map(String).join(', ') : ''}}`;
    case 'slice':
    case 'array':
      return `${goTypeName(type)}{${(Array.isArray(inner) ? inner : []).map((item) => goLiteral(type.elem, item)).join(', ')}}`;
    case 'map': {
      const entries = isJsonObject(inner) ? Object.entries(inner) : [];
      return `${goTypeName(type)}{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${goLiteral(type.elem, item)}`).join(', ')}}`;
    }
    case 'struct': {
      const object = isJsonObject(inner) ? inner : {};
      const fields = type.fields
        .filter((field) => Object.hasOwn(object, field.name) && object[field.name] !== null)
        .map((field) => `${field.name}: ${goLiteral(field.type, object[field.name] ?? null)}`);
      return `${type.name}{${fields.join(', ')}}`;
    }
    case 'time':
      return goTimeLiteral(typeof inner === 'string' ? inner : '');
    default:
      return String(inner);
  }
}
