import { describe, expect, it } from 'vitest';
import type { GoStructType } from './go-json/decode';
import { decodeParams, decodeRequest, encodeResponse, MISSING_PARAMS } from './jsonrpc-codec';

const b = (text: string) => new TextEncoder().encode(text);
const s = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

describe('decodeRequest (serverRequest after reset)', () => {
  it('reads method, raw params and raw id with folded keys', () => {
    const request = decodeRequest(b('{"METHOD":"A.B","param\u017f":[1],"Id":{"a" : 1}}'));
    expect(request && { ...request, params: s(request.params), id: s(request.id) }).toEqual({
      method: 'A.B',
      params: '[1]',
      id: '{"a" : 1}',
    });
  });

  it('turns top-level null into the empty request', () => {
    expect(decodeRequest(b('null'))).toEqual({ method: '', params: null, id: null });
  });

  it('fails for non-objects and non-string methods', () => {
    for (const bad of ['[]', '5', '"x"', 'true', '{"method":5}', '{"method":["x"],"id":1}']) {
      expect(decodeRequest(b(bad)), bad).toBeNull();
    }
  });

  it('lets a later null reset params and keep method', () => {
    expect(decodeRequest(b('{"method":"A.B","method":null,"params":[],"params":null}'))).toEqual({
      method: 'A.B',
      params: null,
      id: null,
    });
  });
});

describe('decodeParams', () => {
  const EMPTY: GoStructType = { kind: 'struct', qualifiedName: 'p.T', fields: [] };
  it('reports missing params', () => {
    expect(decodeParams(null, EMPTY).error).toBe(MISSING_PARAMS);
    expect(decodeParams(b('[]'), EMPTY).error).toBeNull();
  });
});

describe('encodeResponse', () => {
  it('compacts and HTML-escapes the id, writes null result with an error', () => {
    expect(s(encodeResponse(b('[ "<&>" ]'), { error: 'bad <x>' }))).toBe(
      '{"id":["\\u003c\\u0026\\u003e"],"result":null,"error":"bad \\u003cx\\u003e"}\n',
    );
  });

  it('writes a null id when absent', () => {
    expect(s(encodeResponse(null, { result: { type: 'int', value: 3n } }))).toBe(
      '{"id":null,"result":3,"error":null}\n',
    );
  });
});
