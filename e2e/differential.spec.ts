import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { type DemoServer, startDemoServer } from '../bridge/demo/demo-server';
import { type GoServer, startGoServer } from './fixtures/go-server';

/**
 * The demo server must answer whatever bytes arrive exactly as Go's
 * net/rpc/jsonrpc does: the same reply bytes and the same close. Each case is
 * sent on a fresh connection to both servers at once.
 */

/** How long the server may stay silent before we call the connection "still open". */
const QUIET_MS = 250;
/** Upper bound for a server to answer and close after our FIN. */
const CLOSE_TIMEOUT_MS = 5_000;

type Part = string | readonly number[];
type Case = {
  name: string;
  /** Each entry is one write; a string is sent as UTF-8, a number array as raw bytes. */
  writes: readonly (readonly Part[])[];
  /** 'fin': half-close after writing; 'wait': keep writing side open, wait for quiet or close. */
  end: 'fin' | 'wait';
  /** Several calls in flight: Go's reply order is not deterministic, so compare lines as a set. */
  unordered?: boolean;
  /** Longer quiet period for cases with slow calls. */
  quietMs?: number;
};

type Exchange = { bytes: Buffer; closed: boolean };

function toBytes(parts: readonly Part[]): Buffer {
  return Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
  );
}

/** Writes the chunks one write each, then collects replies until close or a quiet period. */
function exchange(
  port: number,
  writes: readonly Buffer[],
  end: 'fin' | 'wait',
  quietMs = QUIET_MS,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const received: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let connected = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(received), closed });
    };
    const armQuiet = () => {
      clearTimeout(timer);
      if (end === 'wait') timer = setTimeout(() => finish(false), quietMs);
      else
        timer = setTimeout(() => {
          socket.destroy();
          reject(new Error('server did not close after FIN'));
        }, CLOSE_TIMEOUT_MS);
    };
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      armQuiet();
    });
    // Go closes with unread bytes pending as RST, Node as FIN: both mean "closed".
    socket.on('end', () => finish(true));
    socket.on('error', (error) => (connected ? finish(true) : reject(error)));
    socket.on('connect', async () => {
      connected = true;
      for (const chunk of writes) {
        await new Promise<void>((done) => socket.write(chunk, () => done()));
      }
      if (end === 'fin') socket.end();
      armQuiet();
    });
  });
}

function lines(bytes: Buffer): string[] {
  return bytes
    .toString('latin1')
    .split('\n')
    .filter((line) => line !== '')
    .sort();
}

const add = (x: number, y: number, id: Part = '1') => [
  `{"method":"ServiceA.Add","params":[{"X":${x},"Y":${y}}],"id":`,
  id,
  '}',
];
const call = (method: string, params: string, id = '1') =>
  `{"method":${JSON.stringify(method)},"params":${params},"id":${id}}`;
const one = (name: string, parts: readonly Part[], end: 'fin' | 'wait' = 'wait'): Case => ({
  name,
  writes: [parts],
  end,
});

const CASES: Case[] = [
  // GO-NETRPC §1.1 and §1.2, row by row.
  one('Add', add(1, 2)),
  one('J5 params object', [call('ServiceA.Add', '{"X":1,"Y":2}')]),
  one('J6 params []', [call('ServiceA.Add', '[]')]),
  one('J7 extra params ignored', [call('ServiceA.Add', '[{"X":1,"Y":2},{"X":5,"Y":5}]')]),
  one('J8 params missing', ['{"method":"ServiceA.Add","id":1}']),
  one('J9 params null', [call('ServiceA.Add', 'null')]),
  one('J10 params [null]', [call('ServiceA.Add', '[null]')]),
  one('J11 params [5]', [call('ServiceA.Add', '[5]')]),
  one('J12 params string', [call('ServiceA.Add', '"abc"')]),
  one('J13 field string', [call('ServiceA.Add', '[{"X":"a"}]')]),
  one('J13 field 1.5', [call('ServiceA.Add', '[{"X":1.5}]')]),
  one('J15 id null', [call('ServiceA.Add', '[{"X":1,"Y":2}]', 'null')]),
  one('J16 no id', ['{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}']),
  one('J17 id string', add(1, 2, '"abc"')),
  one('J18 id big number', add(1, 2, '123456789012345678901234567890')),
  one('J19 id 1.5e3', add(1, 2, '1.5e3')),
  one('J19 id -7', add(1, 2, '-7')),
  one('J19 id object with spaces', add(1, 2, '{"a" : [1, 2]}')),
  one('J21 unknown service', [call('Nope.Add', '[{}]')]),
  one('J22 unknown method', [call('ServiceA.Nope', '[{}]')]),
  one('J23 no dot', [call('Add', '[{}]')]),
  one('J23 empty method', [call('', '[{}]')]),
  one('J23 method missing', ['{"params":[{}],"id":1}']),
  one('J23 case-sensitive service', [call('servicea.add', '[{}]')]),
  one('J25 method number', ['{"method":5,"params":[],"id":1}']),
  one('J26 syntax error then valid', ['{"method":"ServiceA.Add",,}\n', ...add(1, 2), '\n']),
  one('J27 batch array', ['[', ...add(1, 2), ']']),
  {
    name: 'J29 sleep then garbage',
    writes: [[call('Demo.Sleep', '[{"Ms":150}]'), '\ngarbage\n']],
    end: 'wait',
    quietMs: 600,
  },
  one('J33 request then FIN', add(1, 2), 'fin'),
  one('J35 truncated then FIN', ['{"method":"ServiceA.Add","params":[{"X":1'], 'fin'),
  // Services with good and bad args.
  one('Get', [call('UserService.Get', '[{"userid":42}]')]),
  one('Get UserId key', [call('UserService.Get', '[{"UserId":2}]')]),
  one('Get wrong kind by value', [call('UserService.Get', '[true]')]),
  one('Get field string', [call('UserService.Get', '[{"userid":"7"}]')]),
  one('Get field 1e2', [call('UserService.Get', '[{"userid":1e2}]')]),
  one('Joined, a time.Time in the reply', [call('UserService.Joined', '[{"userid":7}]')]),
  one('Joined field string', [call('UserService.Joined', '[{"userid":"7"}]')]),
  one('Add int64 overflow', [call('ServiceA.Add', '[{"X":9223372036854775808}]')]),
  one('Add wraps like int64', [call('ServiceA.Add', '[{"X":9223372036854775807,"Y":1}]')]),
  one('Add first error kept', [call('ServiceA.Add', '[{"X":{"a":1},"Y":"b"}]')]),
  one('Add array arg', [call('ServiceA.Add', '[[1,2]]')]),
  one('Add null field unchanged', [call('ServiceA.Add', '[{"X":null,"Y":4}]')]),
  one('Add negative zero', [call('ServiceA.Add', '[{"X":-0,"Y":-5}]')]),
  // A Go array, [3]int: filled from the start, the rest zero, extra items skipped.
  one('Sum', [call('ServiceA.Sum', '[{"V":[1,2,3]}]')]),
  one('Sum short array', [call('ServiceA.Sum', '[{"V":[1,2]}]')]),
  one('Sum long array, bad extra item', [call('ServiceA.Sum', '[{"V":[1,2,3,4,"x"]}]')]),
  one('Sum not an array', [call('ServiceA.Sum', '[{"V":"x"}]')]),
  one('Sum object', [call('ServiceA.Sum', '[{"V":{"0":1}}]')]),
  one('Sum bad item', [call('ServiceA.Sum', '[{"V":[1,"a",3]}]')]),
  one('Sum item 1.5', [call('ServiceA.Sum', '[{"V":[1.5,2,3]}]')]),
  one('Sum null items', [call('ServiceA.Sum', '[{"V":[null,2,null]}]')]),
  one('Sum wraps like int64', [call('ServiceA.Sum', '[{"v":[9223372036854775807,1,0]}]')]),
  one('Fail default', [call('Demo.Fail', '[{}]')]),
  one('Fail message with escapes', [
    call('Demo.Fail', '[{"Message":"<a&b> \\"q\\" \\\\ \\n\\r\\t\\b\\f\\u0001\\u007f"}]'),
  ]),
  one('Fail message number', [call('Demo.Fail', '[{"Message":5}]')]),
  one('Fail message invalid UTF-8', [
    '{"method":"Demo.Fail","params":[{"Message":"',
    [0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82],
    '"}],"id":1}',
  ]),
  one('Fail message lone surrogates', [
    call('Demo.Fail', '[{"Message":"\\ud800x\\udc00\\ud83d\\ude00\\ud800\\u0041"}]'),
  ]),
  one('Fail message U+2028', [call('Demo.Fail', '[{"Message":"a\u2028b\u2029c é 日本"}]')]),
  one('Sleep out of range', [call('Demo.Sleep', '[{"Ms":60001}]')]),
  one('Sleep negative', [call('Demo.Sleep', '[{"Ms":-1}]')]),
  one('Sleep 0', [call('Demo.Sleep', '[{"Ms":0}]')]),
  // Key matching.
  one('key case variants', ['{"METHOD":"ServiceA.Add","Params":[{"x":3,"y":4}],"iD":9}']),
  one('params with long s', ['{"method":"ServiceA.Add","param\u017f":[{"X":3,"Y":4}],"id":1}']),
  one('escaped long s key', ['{"method":"ServiceA.Add","param\\u017f":[{"X":3,"Y":4}],"id":1}']),
  one('Kelvin sign not a k-less fold', [
    '{"method":"ServiceA.Add","params":[{"\u212a":1}],"id":1}',
  ]),
  one('Ms with long s', [call('Demo.Sleep', '[{"M\u017f":3}]')]),
  one('userid with long s', [call('UserService.Get', '[{"u\u017ferid":3}]')]),
  one('unknown keys ignored', [
    '{"jsonrpc":"2.0","method":"ServiceA.Add","params":[{"X":1,"Z":9}],"extra":{},"id":1}',
  ]),
  one('duplicate params, last null', [
    '{"method":"ServiceA.Add","params":[{"X":1}],"params":null,"id":1}',
  ]),
  one('duplicate id', ['{"id":1,"method":"ServiceA.Add","params":[{"X":1}],"id":2}']),
  one('duplicate method, later null', [
    '{"method":"ServiceA.Add","method":null,"params":[{"X":1}],"id":1}',
  ]),
  // Ids of every JSON type.
  one('id true', add(1, 1, 'true')),
  one('id array nested', add(1, 1, '[ {"b" : null} , [ ] , "x" ]')),
  one('id HTML escapes', add(1, 1, '"<b>&amp;</b>"')),
  one('id unicode escapes kept', add(1, 1, '"\\u00e9\\u003c\\ud83d\\ude00"')),
  one('id raw U+2028', add(1, 1, '"a\u2028b\u2029"')),
  one('id invalid UTF-8', add(1, 1, [0x22, 0xfe, 0x41, 0x22])),
  one('id -1.25E-7', add(1, 1, '-1.25E-7')),
  // Framing.
  one('whitespace everywhere', [
    ' \t\r\n{ "method" : "ServiceA.Add" ,\n "params" : [ { "X" : 1 } ] , "id" : 3 } \n',
  ]),
  {
    name: 'split across writes',
    writes: [['{"meth'], ['od":"ServiceA.A'], ['dd","params":[{"X":'], ['1}],"id":7}']],
    end: 'wait',
  },
  {
    name: 'several requests in one write',
    writes: [[...add(1, 2, '1'), ...add(3, 4, '2'), '\n', ...add(5, 6, '3')]],
    end: 'wait',
    unordered: true,
  },
  one('request then garbage', [...add(1, 2), 'garbage']),
  one('request then stray close brace', [...add(1, 2), '}']),
  one('top-level null', ['null ']),
  one('top-level null then request', ['null', ...add(1, 2)]),
  one('top-level null, no delimiter', ['null']),
  one('top-level number', ['5 ']),
  one('top-level number then FIN', ['5'], 'fin'),
  one('top-level string', ['"abc" ']),
  one('top-level true', ['true ']),
  one('empty object', ['{}']),
  one('empty then FIN', [''], 'fin'),
  one('only whitespace then FIN', [' \n\t '], 'fin'),
  one('control char in string', ['{"method":"Service\tA.Add","params":[],"id":1}']),
  one('invalid escape', ['{"method":"\\x","params":[],"id":1}']),
  one('method object', ['{"method":{"a":1},"params":[],"id":1}']),
  one('method array after valid keys', ['{"params":[],"id":1,"method":["x"]}']),
  one('deep nesting in id', add(1, 1, `${'['.repeat(500)}${']'.repeat(500)}`)),
  one('too deep nesting', [`{"id":${'['.repeat(10001)}`]),
  one('single quote key', ["{'method':'ServiceA.Add'}"]),
  one('unicode method name', [call('Serviçe.Ädd\u2028<', '[{}]')]),
  one('escaped method name', ['{"method":"\\u0053erviceA\\u002eAdd","params":[{"X":2}],"id":1}']),
  one('method with last dot split', [call('ServiceA.Add.Add', '[{}]')]),
  {
    name: 'Sleep overtaken by Add',
    writes: [
      [
        call('Demo.Sleep', '[{"Ms":200}]', '1'),
        call('Demo.Sleep', '[{"Ms":100}]', '2'),
        ...add(1, 2, '3'),
      ],
    ],
    end: 'fin',
    unordered: true,
  },
  {
    name: 'Sleep then decode error flushes reply',
    writes: [[call('Demo.Sleep', '[{"Ms":100}]'), '{"method":true}']],
    end: 'wait',
    quietMs: 500,
  },
];

let goServer: GoServer;
let demoServer: DemoServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [goServer, demoServer] = await Promise.all([
    startGoServer(),
    startDemoServer({ host: '127.0.0.1', port: 0 }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([goServer?.stop(), demoServer?.close()]);
});

async function compare(
  writes: readonly Buffer[],
  end: 'fin' | 'wait',
  unordered: boolean,
  quietMs?: number,
) {
  const [go, demo] = await Promise.all([
    exchange(goServer.port, writes, end, quietMs),
    exchange(demoServer.port, writes, end, quietMs),
  ]);
  if (unordered) expect(lines(demo.bytes)).toEqual(lines(go.bytes));
  else expect(demo.bytes.toString('latin1')).toBe(go.bytes.toString('latin1'));
  expect(demo.closed, 'closed like Go').toBe(go.closed);
  return { go, demo };
}

test('the table has at least 60 cases', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
});

for (const c of CASES) {
  test(`same bytes as Go: ${c.name}`, async () => {
    await compare(c.writes.map(toBytes), c.end, c.unordered ?? false, c.quietMs);
  });
}

test('Sleep calls overtake each other on both servers', async () => {
  const writes = [
    Buffer.from(
      call('Demo.Sleep', '[{"Ms":300}]', '"slow"') + call('Demo.Sleep', '[{"Ms":0}]', '"fast"'),
    ),
  ];
  const { go, demo } = await compare(writes, 'fin', true);
  expect(go.bytes.toString().split('\n')[0]).toContain('"fast"');
  expect(demo.bytes.toString().split('\n')[0]).toContain('"fast"');
});

/** Random request objects: key spellings, value kinds and whitespace Go must treat alike. */
const keyVariants = (name: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(name) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        name.toUpperCase(),
        name.toLowerCase(),
        name.replace(/s/g, '\u017f'),
        name.replace(/k/gi, '\u212a'),
        `${name}x`,
      ),
    },
  );
const intText = fc.oneof(
  fc.integer({ min: -5, max: 30 }).map(String),
  fc.constantFrom('1.5', '1e2', '-0', '9223372036854775807', '99999999999999999999', '2E0'),
);
const scalar = fc.oneof(
  intText,
  fc.constantFrom('null', 'true', '"a"', '"<&>"', '"\\u2028"', '{}', '[]', '"\\ud800"'),
);
const member = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string>) =>
  fc.tuple(key, value).map(([k, v]) => `${JSON.stringify(k)}:${v}`);
const argObject = fc
  .array(
    member(
      fc.oneof(
        keyVariants('X'),
        keyVariants('Y'),
        keyVariants('Ms'),
        keyVariants('userid'),
        keyVariants('Message'),
      ),
      scalar,
    ),
    { maxLength: 4 },
  )
  .map((members) => `{${members.join(',')}}`);
const params = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(argObject, fc.array(fc.oneof(argObject, scalar), { maxLength: 2 }))
      .map(([first, rest]) => `[${[first, ...rest].join(',')}]`),
  },
  {
    weight: 1,
    arbitrary: fc.array(scalar, { maxLength: 2 }).map((items) => `[${items.join(',')}]`),
  },
  { weight: 1, arbitrary: scalar },
);
const method = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .constantFrom(
        'ServiceA.Add',
        'ServiceA.Sum',
        'UserService.Get',
        'UserService.Joined',
        'Demo.Sleep',
        'Demo.Fail',
      )
      .map((m) => JSON.stringify(m)),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('ServiceA.add', 'Nope.Add', 'Add', '', 'Demo.Fail.x', 'Demo.Fail\u2028')
      .map((m) => JSON.stringify(m)),
  },
  { weight: 1, arbitrary: fc.constantFrom('null', '5', '["x"]') },
);
const id = fc.oneof(scalar, fc.constantFrom('"id<1>"', '[1, {"a" : 2}]', '12345678901234567890'));
const methodMember = member(keyVariants('method'), method);
const paramsMember = member(keyVariants('params'), params);
const idMember = member(keyVariants('id'), id);
/** Mostly well-formed requests in any key order, sometimes with a member missing or repeated. */
const requestText = fc
  .tuple(
    fc.oneof({ weight: 9, arbitrary: methodMember }, { weight: 1, arbitrary: fc.constant('') }),
    fc.oneof({ weight: 9, arbitrary: paramsMember }, { weight: 1, arbitrary: fc.constant('') }),
    fc.oneof({ weight: 4, arbitrary: idMember }, { weight: 1, arbitrary: fc.constant('') }),
    fc.array(fc.oneof(methodMember, paramsMember, idMember), { maxLength: 2 }),
  )
  .chain(([m, p, i, extra]) => {
    const members = [m, p, i, ...extra].filter((x) => x !== '');
    return fc.tuple(
      fc.shuffledSubarray(members, { minLength: members.length }),
      fc.constantFrom('', ' ', '\n', '\t '),
    );
  })
  .map(([members, ws]) => `{${ws}${members.join(`,${ws}`)}${ws}}`);

test('random request objects get the same answers (fast-check, fixed seed)', async () => {
  test.setTimeout(60_000);
  await fc.assert(
    fc.asyncProperty(requestText, async (text) => {
      await compare([Buffer.from(text, 'utf8')], 'fin', false);
    }),
    { seed: 20240607, numRuns: 200 },
  );
});
