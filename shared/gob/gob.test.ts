import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isJsonObject,
  type JsonValue,
  LosslessNumber,
  parseExact,
  stringifyExact,
} from '../json/exact-json';
import { GobRpcCodec } from '../jsonrpc/go-gob';
import { toBase64 } from '../wire/base64';
import { GobError, GobReader, GobWriter } from './gob-bytes';
import { GobDecoder } from './gob-decoder';
import { GobEncoder } from './gob-encoder';
import { inferGobType } from './infer-type';

const hex = (text: string) =>
  Uint8Array.from(text.replace(/[^0-9a-f]/g, '').match(/../g) ?? [], (pair) =>
    Number.parseInt(pair, 16),
  );
const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const ascii = (text: string) => toHex(Uint8Array.from(text, (c) => c.charCodeAt(0)));

/** Splits a stream into message payloads by its counts (the framer does this on the page). */
function payloads(stream: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const reader = new GobReader(stream);
  // A message is a count and that many bytes: the shape of a byte string.
  while (reader.remaining > 0) out.push(reader.byteString());
  return out;
}

// Captured from Go 1.19's encoding/gob writing net/rpc replies (GO-NETRPC §4.3).
const RESPONSE_DEF =
  '3aff8103010108526573706f6e736501ff82000103010d536572766963654d6574686f64010c00010353657101060001054572726f72010c000000';
const GOLDEN = {
  add: `${RESPONSE_DEF}11ff82010c53657276696365412e416464000304000613ff82010c53657276696365412e4164640101000304000e`,
  divide: `${RESPONSE_DEF}26ff82010f53657276696365412e4469766964650103010e646976696465206279207a65726f000aff83030102ff8400000003ff8400`,
  user: `${RESPONSE_DEF}1bff82010f55736572536572766963652e47657401fb02dfdc1c350031ff85030101055265706c7901ff860001030104436f646501040001074d657373616765010c00010444617461010c0000001aff8601fe019001026f6b010d7573657220313a20616c69636500`,
  big: `${RESPONSE_DEF}12ff820103582e5901f8ffffffffffffffff0054ff870301010342696701ff8800010a010155010600010149010400010146010800010153010c00010142010a0001024f6b0102000102496e01ff8a0001015001ff8a0001014c01ff90000103416e79011000000021ff8903010105496e6e657201ff8a00010201014101ff8c0001014d01ff8e00000013ff8b020101055b5d696e7401ff8c000104000022ff8d040101126d61705b737472696e675d666c6f6174363401ff8e00010c010800001bff8f0201010c5b5d6d61696e2e496e6e657201ff900001ff8a0000ff86ff8801f8ffffffffffffffff01f8ffffffffffffffff01f81f85eb51b81e0940010a68c3a96c6c6f20e29c9301030001ff01010101030203fe02580101016bfef83f00020101010a00010a6d61696e2e5265706c79ff85030101055265706c7901ff860001030104436f646501040001074d657373616765010c00010444617461010c00000007ff8603010e0000`,
  zero: `${RESPONSE_DEF}0aff820103582e5901020031ff85030101055265706c7901ff860001030104436f646501040001074d657373616765010c00010444617461010c00000003ff8600`,
  slice: `${RESPONSE_DEF}0aff820103582e590104000cff91020102ff9200010c000008ff92000201610162`,
};

function readAll(stream: string) {
  const codec = new GobRpcCodec();
  return payloads(hex(stream))
    .map((payload) => codec.read(payload))
    .filter((event) => event.kind !== 'pending');
}

describe('gob primitives (GO-NETRPC §4.2)', () => {
  it('GB1 writes uints, ints and floats as the table says', () => {
    const w = new GobWriter();
    for (const n of [0, 127, 129, 400]) w.uint(n);
    for (const n of [1, 200, -65, -128]) w.int(n);
    w.float(3.14);
    w.float(1.5);
    w.string('ok');
    expect(toHex(w.take())).toBe(
      '007fff81fe0190' + '02fe0190ff81ffff' + 'f81f85eb51b81e0940' + 'fef83f' + '026f6b',
    );
  });

  it('GB1 reads back 64-bit extremes exactly', () => {
    const w = new GobWriter();
    w.uint((1n << 64n) - 1n);
    w.int(-(1n << 63n));
    w.int((1n << 63n) - 1n);
    const r = new GobReader(w.take());
    expect(r.uintBig()).toBe((1n << 64n) - 1n);
    expect(r.intBig()).toBe(-(1n << 63n));
    expect(r.intBig()).toBe((1n << 63n) - 1n);
    expect(() => new GobWriter().uint(1n << 64n)).toThrow(GobError);
    expect(() => new GobWriter().int(1n << 63n)).toThrow(GobError);
  });

  it('GB1 a count past the end or of nine bytes is a GobError', () => {
    expect(() => new GobReader(hex('05 61')).string()).toThrow(GobError);
    expect(() => new GobReader(hex('f7 01 02 03 04 05 06 07 08 09')).uintBig()).toThrow(GobError);
    expect(() => new GobReader(new Uint8Array(0)).uint()).toThrow(GobError);
  });

  it('base64 matches the platform for every length mod 3', () => {
    const cases: Array<[number[], string]> = [
      [[], ''],
      [[0], 'AA=='],
      [[0, 1], 'AAE='],
      [[0, 1, 255], 'AAH/'],
      [[250, 251, 252, 253], '+vv8/Q=='],
    ];
    for (const [bytes, text] of cases) expect(toBase64(Uint8Array.from(bytes))).toBe(text);
  });
});

describe('net/rpc calls in gob (GO-NETRPC §4.3)', () => {
  it("GB2 the first call is byte-identical to Go's rpc.Client (105 bytes), the second reuses its types (28)", () => {
    const codec = new GobRpcCodec();
    let auto = 0;
    const first = codec.marshal('{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}', () =>
      String(auto++),
    );
    const second = codec.marshal('{"method":"ServiceA.Add","params":[{"X":3,"Y":4}]}', () =>
      String(auto++),
    );
    if (!first.ok || !second.ok) throw new Error('marshal failed');
    expect(toHex(first.bytes)).toBe(
      `2fff81030101${ascii('\x07Request')}01ff8200010201${ascii('\x0dServiceMethod')}010c0001${ascii('\x03Seq')}01060000` +
        `0011ff8201${ascii('\x0cServiceA.Add')}00` +
        `1eff83030101${ascii('\x04Args')}01ff8400010201${ascii('\x01X')}01040001${ascii('\x01Y')}0104000000${'07ff840102010400'}`,
    );
    expect(first.bytes.length).toBe(105);
    expect(toHex(second.bytes)).toBe(
      `13ff8201${ascii('\x0cServiceA.Add')}010100${'07ff840106010800'}`,
    );
    expect(first).toMatchObject({
      method: 'ServiceA.Add',
      idText: '0',
      canonicalId: '0',
      paramsText: '[{"X":1,"Y":2}]',
      text: 'Request{ServiceMethod: "ServiceA.Add", Seq: 0}\nArgs{X: 1, Y: 2}\n',
    });
  });

  it('GB2 a typed id is the Seq; anything but a uint64 is refused with the reason, leaving no trace', () => {
    const codec = new GobRpcCodec();
    const typed = codec.marshal('{"method":"A.B","params":[5],"id":12345678901}', () => 'x');
    expect(typed).toMatchObject({
      ok: true,
      idText: '12345678901',
      text: 'Request{ServiceMethod: "A.B", Seq: 12345678901}\n5\n',
    });
    for (const bad of ['"7"', '-1', '1.5', '18446744073709551616']) {
      const refused = codec.marshal(`{"method":"A.B","params":[5],"id":${bad}}`, () => 'x');
      expect(refused).toMatchObject({ ok: false });
      if (!refused.ok) expect(refused.problem).toContain('Seq');
    }
    expect(codec.marshal('{"method":"A.B","params":[1,2]}', () => '0')).toMatchObject({
      ok: false,
    });
    expect(codec.marshal('{"params":[1]}', () => '0')).toMatchObject({ ok: false });
    expect(codec.marshal('[1]', () => '0')).toMatchObject({ ok: false });
    expect(codec.marshal('{"method":"A.B","params":[null]}', () => '0')).toMatchObject({
      ok: false,
    });
    // Nothing refused was defined on the stream: the next call still sends Request's definition.
    const fresh = new GobRpcCodec();
    fresh.marshal('{"method":"A.B","params":[{"$nope":1}]}', () => '0');
    const after = fresh.marshal('{"method":"A.B","params":[1]}', () => '0');
    expect(after.ok && after.bytes[0]).toBe(0x2f);
  });

  it('GB3 overrides choose uint, float, bytes and maps; other kinds are inferred', () => {
    const codec = new GobRpcCodec();
    const call = codec.marshal(
      '{"method":"A.B","params":[{"U":{"$uint":7},"F":{"$float":2},"R":2.5,"B":{"$bytes":[0,255]},"M":{"$map":{"k":1}},"L":[1,2.5],"S":"s","T":true,"N":null,"E":[]}],"id":0}',
      () => '0',
    );
    if (!call.ok) throw new Error(call.problem);
    expect(call.text.split('\n')[1]).toBe(
      'Args{U: 7, F: 2, R: 2.5, B: []byte{0, 255}, M: map[string]int{"k": 1}, L: []float64{1, 2.5}, S: "s", T: true}',
    );
    const inferred = inferGobType(parseExact('{"X":[1,"a"]}'), 'Args');
    expect(inferred).toEqual({
      ok: false,
      problem: 'params[0].X[1]: a string among int elements: Go slices hold one type',
    });
  });
});

describe('net/rpc replies in gob, as Go 1.19 wrote them', () => {
  it('GB4 decodes Add replies with Seq 0 and 1', () => {
    expect(readAll(GOLDEN.add)).toEqual([
      expect.objectContaining({
        kind: 'reply',
        idText: '0',
        serviceMethod: 'ServiceA.Add',
        resultText: '3',
        error: null,
      }),
      expect.objectContaining({ kind: 'reply', idText: '1', resultText: '7', error: null }),
    ]);
  });

  it('GB4 an error reply carries Error and an empty struct body', () => {
    expect(readAll(GOLDEN.divide)).toEqual([
      expect.objectContaining({
        kind: 'reply',
        idText: '3',
        error: 'divide by zero',
        resultText: null,
      }),
    ]);
  });

  it('GB4 a struct reply names its fields; a big Seq is exact', () => {
    const [reply] = readAll(GOLDEN.user);
    expect(reply).toMatchObject({ kind: 'reply', idText: '12345678901' });
    expect(reply?.kind === 'reply' && JSON.parse(reply.resultText ?? '')).toEqual({
      Code: 200,
      Message: 'ok',
      Data: 'user 1: alice',
    });
  });

  it('GB4 every kind: uint64 max, int64 min, floats, UTF-8, bytes, nested and pointer structs, slices, maps, interface', () => {
    const [reply] = readAll(GOLDEN.big);
    if (reply?.kind !== 'reply' || reply.resultText === null) throw new Error('no reply');
    expect(reply.idText).toBe('18446744073709551615');
    expect(stringifyExact(parseExact(reply.resultText))).toBe(
      '{"U":18446744073709551615,"I":-9223372036854775808,"F":3.14,"S":"héllo ✓","B":"AAH/","Ok":true,' +
        '"In":{"A":[1,-2,300],"M":{"k":1.5}},"P":null,"L":[{"A":[5],"M":null}],"Any":{"Code":7,"Message":"","Data":""}}',
    );
  });

  it('GB4 fields left out hold zero values; a slice reply is a singleton', () => {
    const [zero] = readAll(GOLDEN.zero);
    expect(zero?.kind === 'reply' && JSON.parse(zero.resultText ?? '')).toEqual({
      Code: 0,
      Message: '',
      Data: '',
    });
    const [slice] = readAll(GOLDEN.slice);
    expect(slice?.kind === 'reply' && JSON.parse(slice.resultText ?? '')).toEqual(['a', 'b']);
  });

  it('GB6 a time.Time reads as encoding/json writes it; the zero time, which gob leaves out, too', () => {
    // Go 1.19: gob.NewEncoder(w).Encode(Reply{UserId: 7, At: t}), type Reply struct { UserId int; At time.Time }.
    const REPLY_DEF =
      '26ff81030101055265706c7901ff8200010201065573657249640104000102417401ff8400000010ff830501010454696d6501ff84000000';
    const cases: [string, string][] = [
      ['16ff82010e010f010000000edd7210fa075bcd1501e000', '2024-02-29T13:45:30.123456789+08:00'],
      ['05ff82010e00', '0001-01-01T00:00:00Z'],
      ['16ff82010e010f010000000e779228371dcd6500ff2e00', '1969-12-31T23:59:59.5-03:30'],
      ['16ff82010e010f010000000eafff3a8000000000000000', '2000-01-01T00:00:00Z'],
      ['17ff82010e0110020000000eaffeed19000003e8014a0f00', '2000-01-01T00:00:00.000001+05:30'],
    ];
    for (const [value, json] of cases) {
      const decoder = new GobDecoder();
      const last = payloads(hex(REPLY_DEF + value))
        .map((payload) => decoder.message(payload))
        .at(-1);
      expect(last?.kind === 'value' && stringifyExact(last.value)).toBe(
        `{"UserId":7,"At":"${json}"}`,
      );
    }
  });

  it('GB6 {"$time": …} is written as Go writes a time.Time field, and the zero time is left out', () => {
    const REPLY_DEF =
      '26ff81030101055265706c7901ff8200010201065573657249640104000102417401ff8400000010ff830501010454696d6501ff84000000';
    const written = (at: string) => {
      const value = parseExact(`{"UserId":7,"At":{"$time":"${at}"}}`);
      const inferred = inferGobType(value, 'Reply');
      if (!inferred.ok) throw new Error(inferred.problem);
      return toHex(new GobEncoder().encode([{ type: inferred.type, value }]));
    };
    expect(written('2024-02-29T13:45:30.123456789+08:00')).toBe(
      `${REPLY_DEF}16ff82010e010f010000000edd7210fa075bcd1501e000`,
    );
    expect(written('0001-01-01T00:00:00Z')).toBe(`${REPLY_DEF}05ff82010e00`);
    expect(inferGobType(parseExact('{"At":{"$time":"yesterday"}}'), 'Args')).toEqual({
      ok: false,
      problem:
        'params[0].At.$time: "yesterday" is not an RFC 3339 time such as 2024-02-29T13:45:30Z',
    });
  });

  it('GB7 {"$array": …} is written as Go writes an array field: its type, then every element, a zero array too', () => {
    // Go 1.19, each in a fresh process (gob's type ids are per process): SumArgs{V: [3]int{…}} and Tagged{Name, Tags [2]string}.
    const SUM_DEF =
      '1cff810301010753756d4172677301ff8200010101015601ff8400000016ff83010101065b335d696e7401ff840001040106000';
    const written = (json: string, name: string) => {
      const value = parseExact(json);
      const inferred = inferGobType(value, name);
      if (!inferred.ok) throw new Error(inferred.problem);
      return toHex(new GobEncoder().encode([{ type: inferred.type, value }]));
    };
    expect(written('{"V":{"$array":[1,2,3]}}', 'SumArgs')).toBe(`${SUM_DEF}008ff82010302040600`);
    expect(written('{"V":{"$array":[0,0,0]}}', 'SumArgs')).toBe(`${SUM_DEF}008ff82010300000000`);
    expect(written('{"Name":"a","Tags":{"$array":["x",""]}}', 'Tagged')).toBe(
      '27ff810301010654616767656401ff8200010201044e616d65010c0001045461677301ff8400000019ff83010101095b325d737472696e6701ff8400010c010400000bff82010161010201780000',
    );
    // A top-level array is a singleton, as Go's value message shows (its type's name is informational).
    expect(written('{"$array":[1,2,3]}', 'Args').endsWith('07ff820003020406')).toBe(true);

    const codec = new GobRpcCodec();
    const call = codec.marshal(
      '{"method":"A.B","params":[{"V":{"$array":[1,2,3]}}],"id":0}',
      () => '0',
    );
    if (!call.ok) throw new Error(call.problem);
    expect(call.text.split('\n')[1]).toBe('Args{V: [3]int{1, 2, 3}}');
    const decoder = new GobDecoder();
    const stream = hex(`${SUM_DEF}008ff82010302040600`);
    const last = payloads(stream)
      .map((payload) => decoder.message(payload))
      .at(-1);
    expect(last?.kind === 'value' && stringifyExact(last.value)).toBe('{"V":[1,2,3]}');

    const problem = (json: string) => {
      const inferred = inferGobType(parseExact(json), 'Args');
      return inferred.ok ? null : inferred.problem;
    };
    expect(problem('{"V":{"$array":[]}}')).toBe(
      'params[0].V.$array: an empty array has no element type: give its elements',
    );
    expect(problem('{"V":{"$array":3}}')).toBe(
      'params[0].V.$array: an array is written as a JSON array of its elements',
    );
    expect(problem('{"V":[{"$array":[1,2]},{"$array":[1,2,3]}]}')).toBe(
      'params[0].V[1]: a [3]int among [2]int elements: Go slices hold one type',
    );
    expect(problem('{"V":{"$array":[1,null]}}')).toBe(
      'params[0].V.$array[1]: Array elements cannot be nil in gob',
    );
  });

  it('GB4 bad gob in a body is a problem naming its call; the next reply is read', () => {
    const codec = new GobRpcCodec();
    const [def, header] = payloads(hex(GOLDEN.add));
    codec.read(def as Uint8Array);
    codec.read(header as Uint8Array);
    expect(codec.read(hex('ff ff'))).toMatchObject({ kind: 'problem', idText: '0' });
    expect(codec.read(hex('ff 82 01 0c'))).toMatchObject({ kind: 'problem', idText: null });
  });
});

/** Exact numbers compared by value: decoding writes floats as JavaScript prints them. */
function normal(value: JsonValue): unknown {
  if (value instanceof LosslessNumber) {
    const text = value.toString();
    return /^-?\d+$/.test(text) ? BigInt(text).toString() : String(Number(text));
  }
  if (Array.isArray(value)) return value.map(normal);
  // An array override decodes as the plain array it holds.
  if (isJsonObject(value) && Object.keys(value).length === 1 && Array.isArray(value.$array))
    return normal(value.$array);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normal(v)]));
  }
  return value;
}

type Shape =
  | { kind: 'int' | 'float' | 'string' | 'bool' }
  | { kind: 'slice'; elem: Shape }
  | { kind: 'array'; elem: Shape; length: number }
  | { kind: 'struct'; fields: [string, Shape][] };

const shape: fc.Arbitrary<Shape> = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Shape>(
      { kind: 'int' },
      { kind: 'float' },
      { kind: 'string' },
      { kind: 'bool' },
    ),
    tie('shape').map((elem): Shape => ({ kind: 'slice', elem })),
    fc
      .tuple(tie('shape'), fc.integer({ min: 1, max: 3 }))
      .map(([elem, length]): Shape => ({ kind: 'array', elem, length })),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom('A', 'B', 'Name', 'X', '__proto__'), tie('shape')), {
        selector: ([name]) => name,
        maxLength: 4,
      })
      .map((fields): Shape => ({ kind: 'struct', fields })),
  ),
})).shape;

function valueFor(s: Shape): fc.Arbitrary<JsonValue> {
  switch (s.kind) {
    case 'int':
      return fc
        .bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n })
        .map((n) => new LosslessNumber(n.toString()));
    case 'float':
      return fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .map((d) => new LosslessNumber(String(d)));
    case 'string':
      return fc.string({ unit: 'grapheme' });
    case 'bool':
      return fc.boolean();
    case 'slice':
      return fc.array(valueFor(s.elem), { minLength: 1, maxLength: 3 });
    case 'array':
      return fc
        .array(valueFor(s.elem), { minLength: s.length, maxLength: s.length })
        .map((items) => ({ $array: items }));
    case 'struct':
      return fc.tuple(...s.fields.map(([, f]) => valueFor(f))).map((values) => {
        const object: { [key: string]: JsonValue } = {};
        s.fields.forEach(([name], i) => {
          Object.defineProperty(object, name, {
            value: values[i],
            enumerable: true,
            writable: true,
            configurable: true,
          });
        });
        return object;
      });
  }
}

describe('gob both ways', () => {
  it('GB5 whatever JSON the encoder takes, the decoder gives back (numbers by value)', () => {
    fc.assert(
      fc.property(shape.chain(valueFor), (value) => {
        const inferred = inferGobType(value, 'Args');
        if (!inferred.ok) return; // A float array holding an int-looking double still infers; nothing else fails.
        const stream = new GobEncoder().encode([{ type: inferred.type, value }]);
        const decoder = new GobDecoder();
        const messages = payloads(stream).map((payload) => decoder.message(payload));
        const last = messages.at(-1);
        expect(last?.kind).toBe('value');
        if (last?.kind === 'value') expect(normal(last.value)).toEqual(normal(value));
      }),
      { seed: 5150, numRuns: 300 },
    );
  });

  it('GB5 arbitrary bytes never throw anything but GobError', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }), (messages) => {
        const codec = new GobRpcCodec();
        for (const payload of messages) {
          expect(() => codec.read(payload)).not.toThrow();
        }
        const decoder = new GobDecoder();
        for (const payload of messages) {
          try {
            decoder.message(payload);
          } catch (error) {
            expect(error).toBeInstanceOf(GobError);
          }
        }
      }),
      { seed: 77, numRuns: 500 },
    );
  });
});
