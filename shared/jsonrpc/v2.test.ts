import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalId, stringifyExact } from '../json/exact-json';
import { compactJsonText } from '../json/json-text';
import {
  broken,
  keyText,
  memberText,
  objectOf,
  padded,
  stringText,
  valueText,
} from '../json/test-kit';
import {
  decodeV2Response,
  decodeV2ResponseExactly,
  marshalV2Request,
  marshalV2RequestExactly,
} from './v2';

const version = memberText(
  fc.constant('"jsonrpc"'),
  fc.constantFrom('"2.0"', '"2.0"', '"\\u0032.0"', '"1.0"', '2.0'),
);

/** Responses and requests: the members the specification names, usually right, in any order. */
const responseText = fc.oneof(
  fc
    .tuple(valueText, fc.oneof(fc.integer().map(String), stringText, valueText))
    .map(([result, id]) => `{"jsonrpc":"2.0","result":${result},"id":${id}}`),
  padded(
    objectOf(
      fc.oneof(
        version,
        memberText(fc.constant('"id"'), valueText),
        memberText(fc.constantFrom('"result"', '"Result"'), valueText),
        memberText(fc.constant('"error"'), valueText),
        memberText(keyText, valueText),
      ),
    ),
  ),
);

const requestText = padded(
  objectOf(
    fc.oneof(
      version,
      memberText(fc.constantFrom('"method"', '"Method"'), fc.oneof(stringText, valueText)),
      memberText(fc.constant('"id"'), valueText),
      memberText(fc.constant('"params"'), valueText),
      memberText(keyText, valueText),
    ),
  ),
);

function counter(): () => string {
  let next = 1;
  return () => String(next++);
}

describe('decodeV2Response', () => {
  it('V2: a success keeps id and result exact', () => {
    const decoded = decodeV2Response(
      '{"jsonrpc":"2.0","result":{"n":9007199254740993},"id":"\\u0041"}',
    );
    expect(decoded).toMatchObject({
      ok: true,
      kind: 'single',
      response: {
        kind: 'success',
        idText: '"A"',
        canonicalId: canonicalId('"A"'),
        resultText: '{\n  "n": 9007199254740993\n}',
      },
    });
    if (decoded.ok && decoded.kind === 'single' && decoded.response.kind === 'success') {
      expect(stringifyExact(decoded.response.result)).toBe('{"n":9007199254740993}');
    }
  });

  it('V3: an error response carries code, message, data and the code meaning', () => {
    expect(
      decodeV2Response(
        '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found","data":[1]},"id":12345678901234567890}',
      ),
    ).toMatchObject({
      ok: true,
      kind: 'single',
      response: {
        kind: 'error',
        idText: '12345678901234567890',
        error: { code: -32601, message: 'Method not found', data: expect.anything() },
        meaning: expect.stringMatching(/^-32601 Method not found/),
      },
    });
  });

  it('V4: violations of the specification are problems', () => {
    const problem = (text: string) => {
      const decoded = decodeV2Response(text);
      return decoded.ok ? 'ok' : decoded.problem;
    };
    expect(problem('{"jsonrpc":"2.0","result":1')).toMatch(/^The response is not valid JSON/);
    expect(problem('{"result":1,"id":1}')).toMatch(/lacks "jsonrpc": "2.0"/);
    expect(problem('{"jsonrpc":"1.0","result":1,"id":1}')).toMatch(/lacks "jsonrpc": "2.0"/);
    expect(problem('{"jsonrpc":"2.0","result":1}')).toMatch(/no "id"/);
    expect(problem('{"jsonrpc":"2.0","result":1,"id":[1]}')).toMatch(
      /"id" must be a string, a number or null/,
    );
    expect(problem('{"jsonrpc":"2.0","result":1,"error":null,"id":1}')).toMatch(
      /both "result" and "error"/,
    );
    expect(problem('{"jsonrpc":"2.0","id":1}')).toMatch(/neither "result" nor "error"/);
    expect(problem('{"jsonrpc":"2.0","error":"boom","id":1}')).toMatch(/"error" must be an object/);
    expect(problem('{"jsonrpc":"2.0","error":{"code":1.5,"message":"x"},"id":1}')).toMatch(
      /integer/,
    );
    expect(problem('{"jsonrpc":"2.0","error":{"message":"x"},"id":1}')).toMatch(/integer/);
    expect(problem('{"jsonrpc":"2.0","error":{"code":1},"id":1}')).toMatch(
      /"error.message" must be a string/,
    );
    expect(problem('[]')).toMatch(/empty batch/);
    expect(problem('5')).toMatch(/must be a JSON object/);
  });

  it('V5: a batch decodes element by element, bad elements reported alongside good ones', () => {
    const decoded = decodeV2Response(
      '[{"jsonrpc":"2.0","result":7,"id":2},{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request"},"id":null},{"id":3}]',
    );
    expect(decoded).toMatchObject({
      ok: true,
      kind: 'batch',
      items: [
        { ok: true, response: { kind: 'success', idText: '2', resultText: '7' } },
        { ok: true, response: { kind: 'error', idText: 'null', canonicalId: 'null' } },
        { ok: false, problem: expect.stringMatching(/jsonrpc/), text: '{"id":3}' },
      ],
    });
  });
});

describe('decodeV2Response fast path', () => {
  it('V8: gives what the exact path gives, for any response', () => {
    const texts = fc.oneof(responseText, responseText.map(compactJsonText), broken(responseText));
    fc.assert(
      fc.property(texts, (text) => {
        expect(decodeV2Response(text)).toStrictEqual(decodeV2ResponseExactly(text));
      }),
      { seed: 8, numRuns: 2000 },
    );
  });
});

describe('marshalV2Request', () => {
  it('V6: adds "jsonrpc":"2.0" and an id when missing, compact, plus a newline', () => {
    expect(marshalV2Request('{ "method": "sum", "params": [1, 2.50] }', counter())).toMatchObject({
      ok: true,
      text: '{"jsonrpc":"2.0","method":"sum","params":[1,2.50],"id":1}\n',
      batch: false,
      calls: [
        { method: 'sum', idText: '1', canonicalId: '1', autoId: true, paramsText: '[1,2.50]' },
      ],
    });
    expect(marshalV2Request('{"jsonrpc":"2.0","method":"m","id":"x"}', counter())).toMatchObject({
      text: '{"jsonrpc":"2.0","method":"m","id":"x"}\n',
      calls: [{ idText: '"x"', autoId: false }],
    });
  });

  it('V6: a notification has no id and expects no response; a typed id is kept', () => {
    expect(marshalV2Request('{"method":"log"}', counter(), { notification: true })).toMatchObject({
      text: '{"jsonrpc":"2.0","method":"log"}\n',
      calls: [{ idText: null, canonicalId: null }],
    });
    expect(
      marshalV2Request('{"method":"log","id":9}', counter(), { notification: true }),
    ).toMatchObject({
      calls: [{ idText: '9' }],
    });
  });

  it('V7: a top-level array is a batch; each element gets an id unless it has one', () => {
    const result = marshalV2Request(
      '[{"method":"a"}, {"method":"b","id":"mine"}, {"method":"c","params":{"x":[1,2]}}]',
      counter(),
    );
    expect(result).toMatchObject({
      ok: true,
      batch: true,
      text: '[{"jsonrpc":"2.0","method":"a","id":1},{"jsonrpc":"2.0","method":"b","id":"mine"},{"jsonrpc":"2.0","method":"c","params":{"x":[1,2]},"id":2}]\n',
      calls: [
        { idText: '1', paramsText: null },
        { idText: '"mine"', paramsText: null },
        { idText: '2', paramsText: '{"x":[1,2]}' },
      ],
    });
    expect(marshalV2Request('[]', counter())).toMatchObject({ ok: true, text: '[]\n', calls: [] });
  });

  it('V7: problems name the bad element', () => {
    const problem = (text: string) => {
      const result = marshalV2Request(text, counter());
      return result.ok ? 'ok' : result.problem;
    };
    expect(problem('{"method":')).toMatch(/^The request is not valid JSON/);
    expect(problem('"x"')).toBe('The request is not a JSON object.');
    expect(problem('{"params":[]}')).toBe('The request needs a string "method".');
    expect(problem('[{"method":"a"},5]')).toBe('Batch element 1 is not a JSON object.');
  });
});

describe('marshalV2Request fast path', () => {
  it('V8: gives what the exact path gives, notifications and problems included', () => {
    const texts = fc.oneof(requestText, requestText.map(compactJsonText), broken(requestText));
    fc.assert(
      fc.property(texts, fc.boolean(), (text, notification) => {
        const fast = counter();
        const exact = counter();
        expect(marshalV2Request(text, fast, { notification })).toStrictEqual(
          marshalV2RequestExactly(text, exact, { notification }),
        );
        expect(fast()).toBe(exact());
      }),
      { seed: 8, numRuns: 2000 },
    );
  });
});
