/**
 * The Go types the client stub sends: what a JSON value becomes in gob
 * (infer-type.ts) before the encoder defines and writes it.
 */

export type ScalarKind = 'bool' | 'int' | 'uint' | 'float' | 'bytes' | 'string';

export type GobField = { name: string; type: GobType };

export type GobType =
  | { kind: ScalarKind }
  /** time.Time: a GobEncoder, its bytes time.MarshalBinary's (go-time.ts). */
  | { kind: 'time' }
  | { kind: 'slice'; elem: GobType }
  /** A Go array, `[3]int`: its length is part of its type, so a slice will not do. */
  | { kind: 'array'; elem: GobType; length: number }
  | { kind: 'map'; key: GobType; elem: GobType }
  | { kind: 'struct'; name: string; fields: GobField[] };

const SCALAR_NAMES: Record<ScalarKind, string> = {
  bool: 'bool',
  int: 'int',
  uint: 'uint',
  float: 'float64',
  bytes: '[]byte',
  string: 'string',
};

/** The type as Go would write it: `Args`, `[]int`, `[3]int`, `map[string]float64`. */
export function goTypeName(type: GobType): string {
  switch (type.kind) {
    case 'slice':
      return `[]${goTypeName(type.elem)}`;
    case 'array':
      return `[${type.length}]${goTypeName(type.elem)}`;
    case 'map':
      return `map[${goTypeName(type.key)}]${goTypeName(type.elem)}`;
    case 'struct':
      return type.name;
    case 'time':
      return 'time.Time';
    default:
      return SCALAR_NAMES[type.kind];
  }
}

/** Equal for types with the same structure (and struct names): one definition serves both. */
export function typeKey(type: GobType): string {
  switch (type.kind) {
    case 'slice':
      return `[${typeKey(type.elem)}]`;
    case 'array':
      return `[${type.length}:${typeKey(type.elem)}]`;
    case 'map':
      return `map(${typeKey(type.key)},${typeKey(type.elem)})`;
    case 'struct':
      return `${type.name}{${type.fields.map((f) => `${f.name}:${typeKey(f.type)}`).join(',')}}`;
    default:
      return type.kind;
  }
}
