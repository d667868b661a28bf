import { describe, expect, it } from 'vitest';
import { decodeFirstElement, decodeStruct, type GoStructType } from './decode';
import { readValue } from './value';

const ARGS: GoStructType = {
  kind: 'struct',
  qualifiedName: 'servicea.Args',
  fields: [
    { json: 'X', type: { kind: 'int' } },
    { json: 'Y', type: { kind: 'int' } },
  ],
};
const FAIL: GoStructType = {
  kind: 'struct',
  qualifiedName: 'demo.FailArgs',
  fields: [{ json: 'Message', type: { kind: 'string' } }],
};

function params(json: string, type: GoStructType = ARGS) {
  const bytes = new TextEncoder().encode(json);
  const { value, error } = decodeFirstElement(bytes, readValue(bytes, 0), type);
  return { value: Object.fromEntries(value), error };
}

describe('decodeFirstElement (json.Unmarshal into [1]any{&args})', () => {
  it('decodes element 0 and ignores the rest', () => {
    expect(params('[{"X":1,"Y":2},{"X":5}]')).toEqual({ value: { X: 1n, Y: 2n }, error: null });
  });

  it('leaves zero args for [], [null] and null fields', () => {
    expect(params('[]').value).toEqual({ X: 0n, Y: 0n });
    expect(params('[null]').value).toEqual({ X: 0n, Y: 0n });
    expect(params('[{"X":null,"Y":3}]').value).toEqual({ X: 0n, Y: 3n });
  });

  it('names [1]interface {} when params is not an array', () => {
    expect(params('{"X":1}').error).toBe(
      'json: cannot unmarshal object into Go value of type [1]interface {}',
    );
    expect(params('"abc"').error).toBe(
      'json: cannot unmarshal string into Go value of type [1]interface {}',
    );
  });

  it('names the args type when element 0 has the wrong kind', () => {
    expect(params('[5]').error).toBe(
      'json: cannot unmarshal number into Go value of type servicea.Args',
    );
    expect(params('[[1]]').error).toBe(
      'json: cannot unmarshal array into Go value of type servicea.Args',
    );
  });

  it('names the struct field by JSON name and keeps the literal for bad ints', () => {
    expect(params('[{"X":"a"}]').error).toBe(
      'json: cannot unmarshal string into Go struct field Args.X of type int',
    );
    expect(params('[{"X":1.5}]').error).toBe(
      'json: cannot unmarshal number 1.5 into Go struct field Args.X of type int',
    );
    expect(params('[{"Y":9223372036854775808}]').error).toBe(
      'json: cannot unmarshal number 9223372036854775808 into Go struct field Args.Y of type int',
    );
  });

  it('keeps the first error but goes on decoding later fields', () => {
    const result = params('[{"X":true,"Y":"b","x":{}}]');
    expect(result.error).toBe(
      'json: cannot unmarshal bool into Go struct field Args.X of type int',
    );
    expect(params('[{"X":"a","Y":7}]').value.Y).toBe(7n);
  });

  it('matches keys exactly first, then case-insensitively; the last duplicate wins', () => {
    expect(params('[{"x":1,"y":2,"X":3}]').value).toEqual({ X: 3n, Y: 2n });
  });

  it('decodes string fields with Go unquoting and names "number" without the literal', () => {
    expect(params('[{"message":"a\\u00e9\\ud800"}]', FAIL).value.Message).toBe('aé\ufffd');
    expect(params('[{"Message":5}]', FAIL).error).toBe(
      'json: cannot unmarshal number into Go struct field FailArgs.Message of type string',
    );
  });
});

const TRIPLE: GoStructType = {
  kind: 'struct',
  qualifiedName: 'servicea.Triple',
  fields: [{ json: 'V', type: { kind: 'array', elem: { kind: 'int' }, length: 3 } }],
};

describe('a Go array field ([3]int), as Go 1.19 decodes it', () => {
  // Each expectation is what json.Unmarshal(params, &[1]any{&Triple{}}) gave in Go 1.19.8.
  const cases: [string, bigint[], string | null][] = [
    ['[{"V":[1,2,3]}]', [1n, 2n, 3n], null],
    ['[{"V":[1,2]}]', [1n, 2n, 0n], null],
    ['[{"V":[1,2,3,4,"x"]}]', [1n, 2n, 3n], null],
    ['[{"V":null}]', [0n, 0n, 0n], null],
    ['[{"V":[null,2,3]}]', [0n, 2n, 3n], null],
    ['[{"v":[4,5,6]}]', [4n, 5n, 6n], null],
    [
      '[{"V":"x"}]',
      [0n, 0n, 0n],
      'json: cannot unmarshal string into Go struct field Triple.V of type [3]int',
    ],
    [
      '[{"V":5}]',
      [0n, 0n, 0n],
      'json: cannot unmarshal number into Go struct field Triple.V of type [3]int',
    ],
    [
      '[{"V":{}}]',
      [0n, 0n, 0n],
      'json: cannot unmarshal object into Go struct field Triple.V of type [3]int',
    ],
    [
      '[{"V":[1,"a",3]}]',
      [1n, 0n, 3n],
      'json: cannot unmarshal string into Go struct field Triple.V of type int',
    ],
    [
      '[{"V":[1.5,2,3]}]',
      [0n, 2n, 3n],
      'json: cannot unmarshal number 1.5 into Go struct field Triple.V of type int',
    ],
    [
      '[{"V":[9223372036854775808,1,1]}]',
      [0n, 1n, 1n],
      'json: cannot unmarshal number 9223372036854775808 into Go struct field Triple.V of type int',
    ],
    [
      '[{"V":[true]}]',
      [0n, 0n, 0n],
      'json: cannot unmarshal bool into Go struct field Triple.V of type int',
    ],
  ];
  for (const [json, v, error] of cases) {
    it(`${json} → [${v.join(' ')}]${error ? ', with the error' : ''}`, () => {
      expect(params(json, TRIPLE)).toEqual({ value: { V: v }, error });
    });
  }
});

describe('decodeStruct', () => {
  const REQUEST: GoStructType = {
    kind: 'struct',
    qualifiedName: 'jsonrpc.serverRequest',
    fields: [
      { json: 'method', type: { kind: 'string' } },
      { json: 'id', type: { kind: 'raw' } },
    ],
  };
  const decode = (json: string) => {
    const bytes = new TextEncoder().encode(json);
    return decodeStruct(bytes, readValue(bytes, 0), REQUEST);
  };

  it('keeps raw values as sent and sets them to nil on null', () => {
    const { value } = decode('{"id" : [1, 2]}');
    expect(new TextDecoder().decode(value.get('id') as Uint8Array)).toBe('[1, 2]');
    expect(decode('{"id":1,"id":null}').value.get('id')).toBeNull();
  });

  it('fails for a top-level value of the wrong kind', () => {
    expect(decode('[]').error).toBe(
      'json: cannot unmarshal array into Go value of type jsonrpc.serverRequest',
    );
  });
});
