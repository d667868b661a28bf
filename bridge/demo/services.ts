/**
 * The demo's services, as e2e/go-server has them (all but UserService.When,
 * whose time.Time argument would need Go's time parsing and its error texts):
 * names, Go types (for Go's error texts) and behaviour.
 */

import type { GoStruct, GoStructType } from './go-json/decode';
import type { Outcome } from './jsonrpc-codec';
import type { Sleep } from './listen-demo';

export type Method = { argType: GoStructType; call(args: GoStruct): Promise<Outcome> };
export type Services = ReadonlyMap<string, ReadonlyMap<string, Method>>;

const MAX_SLEEP_MS = 60000n;

const intArg = (args: GoStruct, name: string): bigint => args.get(name) as bigint;
const toGoInt = (n: bigint): bigint => BigInt.asIntN(64, n);

const SERVICEA_ARGS: GoStructType = {
  kind: 'struct',
  qualifiedName: 'servicea.Args',
  fields: [
    { json: 'X', type: { kind: 'int' } },
    { json: 'Y', type: { kind: 'int' } },
  ],
};

/** servicea.Triple{V [3]int}: a Go array, which gob fills only from an array of its length. */
const TRIPLE_ARGS: GoStructType = {
  kind: 'struct',
  qualifiedName: 'servicea.Triple',
  fields: [{ json: 'V', type: { kind: 'array', elem: { kind: 'int' }, length: 3 } }],
};

const USERSERVICE_ARGS: GoStructType = {
  kind: 'struct',
  qualifiedName: 'userservice.Args',
  fields: [{ json: 'userid', go: 'UserId', type: { kind: 'int' } }],
};

/** When UserService.Joined says every user joined: nanoseconds and a +08:00 zone, as e2e/go-server. */
const JOINED_AT = '2024-02-29T13:45:30.123456789+08:00';

const SLEEP_ARGS: GoStructType = {
  kind: 'struct',
  qualifiedName: 'demo.SleepArgs',
  fields: [{ json: 'Ms', type: { kind: 'int' } }],
};

const FAIL_ARGS: GoStructType = {
  kind: 'struct',
  qualifiedName: 'demo.FailArgs',
  fields: [{ json: 'Message', type: { kind: 'string' } }],
};

export function createServices(sleep: Sleep): Services {
  return new Map([
    [
      'ServiceA',
      new Map([
        [
          'Add',
          {
            argType: SERVICEA_ARGS,
            call: async (args) => ({
              result: { type: 'int', value: toGoInt(intArg(args, 'X') + intArg(args, 'Y')) },
            }),
          },
        ],
        [
          'Sum',
          {
            argType: TRIPLE_ARGS,
            call: async (args) => {
              const v = args.get('V') as bigint[];
              return { result: { type: 'int', value: toGoInt(v.reduce((a, b) => a + b, 0n)) } };
            },
          },
        ],
      ]),
    ],
    [
      'UserService',
      new Map([
        [
          'Get',
          {
            argType: USERSERVICE_ARGS,
            call: async (args) => ({
              result: {
                type: 'struct',
                name: 'Reply',
                fields: [
                  ['code', { type: 'int', value: 1n }, 'Code'],
                  ['message', { type: 'string', value: 'success' }, 'Message'],
                  ['data', { type: 'string', value: `userid = ${intArg(args, 'userid')}` }, 'Data'],
                ],
              },
            }),
          },
        ],
        [
          'Joined',
          {
            argType: USERSERVICE_ARGS,
            call: async (args) => ({
              result: {
                type: 'struct',
                name: 'Joined',
                fields: [
                  ['userid', { type: 'int', value: intArg(args, 'userid') }, 'UserId'],
                  ['at', { type: 'time', value: JOINED_AT }, 'At'],
                ],
              },
            }),
          },
        ],
      ]),
    ],
    [
      'Demo',
      new Map<string, Method>([
        [
          'Sleep',
          {
            argType: SLEEP_ARGS,
            call: async (args) => {
              const ms = intArg(args, 'Ms');
              if (ms < 0n || ms > MAX_SLEEP_MS) return { error: 'Ms must be between 0 and 60000' };
              await sleep(Number(ms));
              return { result: { type: 'int', value: ms } };
            },
          },
        ],
        [
          'Fail',
          {
            argType: FAIL_ARGS,
            call: async (args) => ({ error: (args.get('Message') as string) || 'demo failure' }),
          },
        ],
      ]),
    ],
  ]);
}
