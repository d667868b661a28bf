/**
 * The demo's services spoken as JSON-RPC 2.0: the methods and results of
 * bridge/demo/services.ts (and e2e/go-server) but ServiceA.Sum and
 * UserService.Joined, whose Go array and time.Time are lessons of Go's codecs,
 * with the 2.0 way of failing: error objects with a code, a message and data
 * saying what was wrong.
 */

import {
  isJsonObject,
  isLosslessNumber,
  type JsonValue,
  LosslessNumber,
} from '../../shared/json/exact-json';
import type { V2ErrorObject } from '../../shared/jsonrpc/v2';
import type { Sleep } from '../demo/listen-demo';

export type V2Outcome = { result: JsonValue } | { error: V2ErrorObject };
export type V2Method = (
  params: JsonValue[] | { [key: string]: JsonValue } | undefined,
) => Promise<V2Outcome>;
/** Keyed by the full method name, `Service.Method`. */
export type V2Services = ReadonlyMap<string, V2Method>;

export const INVALID_PARAMS = -32602;
/** Demo.Fail's failure is the application's own, so its code is outside the reserved range. */
export const DEMO_FAILURE_CODE = 1;
const MAX_SLEEP_MS = 60000n;
const INT = /^-?(0|[1-9][0-9]*)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Field = { name: string; type: 'int' | 'string' };
type Args = Map<string, bigint | string>;

function invalidParams(data: string): { error: V2ErrorObject } {
  return { error: { code: INVALID_PARAMS, message: 'Invalid params', data } };
}

function convert(field: Field, value: JsonValue): bigint | string | null {
  if (field.type === 'string') return typeof value === 'string' ? value : null;
  if (!isLosslessNumber(value) || !INT.test(value.value)) return null;
  const n = BigInt(value.value);
  return n < INT64_MIN || n > INT64_MAX ? null : n;
}

/**
 * Params by name (`{"X":1,"Y":2}`), by position (`[1,2]`), or Go's habit of
 * one object in an array (`[{"X":1,"Y":2}]`). Every field is required and
 * nothing else is accepted, so a mistake comes back as Invalid params.
 */
export function readArgs(params: Parameters<V2Method>[0], fields: Field[]): Args | string {
  const expected = fields.map((f) => `${f.name} (${f.type === 'int' ? 'integer' : 'string'})`);
  const wanted = `params must be ${fields.length === 1 ? '' : 'all of '}${expected.join(', ')}, by name or by position`;
  let named: { [key: string]: JsonValue };
  if (params === undefined) return wanted;
  if (Array.isArray(params)) {
    const [only] = params;
    if (params.length === 1 && only !== undefined && isJsonObject(only)) named = only;
    else if (params.length !== fields.length) return wanted;
    else named = Object.fromEntries(fields.map((field, k) => [field.name, params[k] as JsonValue]));
  } else {
    named = params;
  }
  const args: Args = new Map();
  for (const field of fields) {
    if (!Object.hasOwn(named, field.name)) return `missing param ${field.name}: ${wanted}`;
    const value = convert(field, named[field.name] as JsonValue);
    if (value === null) {
      const kind = field.type === 'int' ? 'a 64-bit integer' : 'a string';
      return `param ${field.name} must be ${kind}`;
    }
    args.set(field.name, value);
  }
  const extra = Object.keys(named).find((key) => !fields.some((field) => field.name === key));
  return extra === undefined ? args : `unknown param ${extra}: ${wanted}`;
}

function method(fields: Field[], run: (args: Args) => Promise<V2Outcome>): V2Method {
  return async (params) => {
    const args = readArgs(params, fields);
    return typeof args === 'string' ? invalidParams(args) : run(args);
  };
}

const int = (n: bigint) => new LosslessNumber(String(n));

export function createV2Services(sleep: Sleep): V2Services {
  return new Map<string, V2Method>([
    [
      'ServiceA.Add',
      method(
        [
          { name: 'X', type: 'int' },
          { name: 'Y', type: 'int' },
        ],
        async (args) => ({
          // Go's int is 64 bits and wraps; so does the demo, like the Go dialect's.
          result: int(BigInt.asIntN(64, (args.get('X') as bigint) + (args.get('Y') as bigint))),
        }),
      ),
    ],
    [
      'UserService.Get',
      method([{ name: 'userid', type: 'int' }], async (args) => ({
        result: {
          code: int(1n),
          message: 'success',
          data: `userid = ${args.get('userid') as bigint}`,
        },
      })),
    ],
    [
      'Demo.Sleep',
      method([{ name: 'Ms', type: 'int' }], async (args) => {
        const ms = args.get('Ms') as bigint;
        if (ms < 0n || ms > MAX_SLEEP_MS) return invalidParams('Ms must be between 0 and 60000');
        await sleep(Number(ms));
        return { result: int(ms) };
      }),
    ],
    [
      'Demo.Fail',
      method([{ name: 'Message', type: 'string' }], async (args) => ({
        error: {
          code: DEMO_FAILURE_CODE,
          message: (args.get('Message') as string) || 'demo failure',
        },
      })),
    ],
  ]);
}
