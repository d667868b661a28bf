import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalId, stringifyExact } from '../json/exact-json';
import { compactJsonText } from '../json/json-text';
import { broken, replyText, requestText } from '../json/test-kit';
import {
  decodeGoReply,
  decodeGoReplyExactly,
  lintGoRequest,
  marshalGoRequest,
  marshalGoRequestExactly,
} from './go-dialect';

function counter(): () => string {
  let next = 0;
  return () => String(next++);
}

describe('marshalGoRequest', () => {
  it('GO1: sends the user object compact, keys in order, numbers exact, plus a newline and an auto id', () => {
    const result = marshalGoRequest(
      '{\n  "method": "ServiceA.Add",\n  "params": [{ "X": 9007199254740993, "Y": 1.5e3 }]\n}',
      counter(),
    );
    expect(result).toMatchObject({
      ok: true,
      text: '{"method":"ServiceA.Add","params":[{"X":9007199254740993,"Y":1.5e3}],"id":0}\n',
      method: 'ServiceA.Add',
      idText: '0',
      canonicalId: '0',
      autoId: true,
      paramsText: '[{"X":9007199254740993,"Y":1.5e3}]',
    });
    if (result.ok) expect(new TextDecoder().decode(result.bytes)).toBe(result.text);
  });

  it('GO1: the call keeps the params Go reads: the last member of any case, compact; none is null', () => {
    const next = counter();
    expect(
      marshalGoRequest('{"Params":[1],"method":"A.B","params": [ 2 ],"id":1}', next),
    ).toMatchObject({ paramsText: '[2]' });
    expect(marshalGoRequest('{"method":"A.B"}', next)).toMatchObject({ paramsText: null });
    expect(marshalGoRequestExactly('{"method":"A.B","PARAMS":{ "x" : 1 }}', next)).toMatchObject({
      paramsText: '{"x":1}',
    });
  });

  it('GO2: an id the user typed is sent as typed, whatever its case and type', () => {
    const next = counter();
    const typed = marshalGoRequest('{"ID": {"a" : [1, 2]}, "method":"A.B","params":[1]}', next);
    expect(typed).toMatchObject({
      ok: true,
      text: '{"ID":{"a":[1,2]},"method":"A.B","params":[1]}\n',
      idText: '{"a":[1,2]}',
      canonicalId: canonicalId('{"a":[1,2]}'),
      autoId: false,
    });
    expect(marshalGoRequest('{"method":"A.B","params":[1],"Id":"<b>&"}', next)).toMatchObject({
      idText: '"<b>&"',
      canonicalId: canonicalId('"\\u003cb\\u003e\\u0026"'),
    });
    expect(marshalGoRequest('{"method":"A.B","params":[1],"id":null}', next)).toMatchObject({
      idText: 'null',
      autoId: false,
    });
    expect(marshalGoRequest('{"method":"A.B","params":[1]}', next)).toMatchObject({ idText: '0' });
  });

  it('GO2: with the same key in several cases, the last one in the text is the id Go echoes', () => {
    expect(
      marshalGoRequest(
        '{"ID":1,"id":2,"ID":3,"Method":"X.Y","method":"A.B","params":[1]}',
        counter(),
      ),
    ).toMatchObject({ ok: true, idText: '3', canonicalId: '3', method: 'A.B' });
  });

  it('GO3: refuses what would close the connection, with one plain sentence', () => {
    const problems = [
      '{"method":"A.B",,}',
      '[{"method":"A.B"}]',
      '{"method":5}',
      '{"params":[1]}',
    ].map((text) => {
      const result = marshalGoRequest(text, counter());
      return result.ok ? 'sent' : result.problem;
    });
    expect(problems[0]).toMatch(/^The request is not valid JSON: .*position 16/);
    expect(problems[1]).toBe(
      "Go's server closes the connection on anything but a JSON object, without a reply.",
    );
    expect(problems[2]).toMatch(/"method" must be a string: Go's server closes the connection/);
    expect(problems[3]).toMatch(/no "method".*ill-formed/);
  });

  it('GO3: params shapes Go tolerates are still sent', () => {
    for (const params of ['{"X":1}', '[]', '[null]', '"probe"', '[1,2]']) {
      expect(marshalGoRequest(`{"method":"A.B","params":${params}}`, counter()).ok).toBe(true);
    }
    expect(marshalGoRequest('{"method":"A.B"}', counter()).ok).toBe(true);
  });
});

describe('marshalGoRequest fast path', () => {
  it('GO9: gives what the exact path gives, problems included, and numbers ids alike', () => {
    const texts = fc.oneof(requestText, requestText.map(compactJsonText), broken(requestText));
    fc.assert(
      fc.property(texts, (text) => {
        const fast = counter();
        const exact = counter();
        expect(marshalGoRequest(text, fast)).toStrictEqual(marshalGoRequestExactly(text, exact));
        expect(fast()).toBe(exact());
      }),
      { seed: 9, numRuns: 2000 },
    );
  });

  it('GO9: a burst call, an escaped method and a spaced request', () => {
    for (const text of [
      '{"method":"ServiceA.Add","params":[{"X":7,"Y":22}]}',
      '{"method":"A.\u0042","params":[1],"id":"\u003cb\u003e"}',
      ' {\n "ID" : [ 1 , 2 ] ,"method" : "A.B"}\n',
    ]) {
      expect(marshalGoRequest(text, counter())).toStrictEqual(
        marshalGoRequestExactly(text, counter()),
      );
    }
  });
});

describe('lintGoRequest', () => {
  it('GO4: a clean request has no diagnostics', () => {
    expect(lintGoRequest('{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":0}')).toEqual([]);
  });

  it('GO4: errors carry the offending span', () => {
    expect(lintGoRequest('{"method":"A.B",,}')).toEqual([
      expect.objectContaining({ severity: 'error', start: 16, end: 17 }),
    ]);
    const text = '{"method": 5, "params":[1]}';
    const [diagnostic] = lintGoRequest(text);
    expect(diagnostic?.severity).toBe('error');
    expect(text.slice(diagnostic?.start, diagnostic?.end)).toBe('5');
    expect(lintGoRequest('[1]')).toEqual([
      expect.objectContaining({ severity: 'error', start: 0, end: 3 }),
    ]);
  });

  it('GO5: warnings say what Go will do, on the right span', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        '{"method":"A.B","params":{"X":1}}',
        '{"X":1}',
        /cannot unmarshal object into Go value of type \[1\]interface \{\}/,
      ],
      ['{"method":"A.B","params":"probe"}', '"probe"', /cannot unmarshal string/],
      ['{"method":"A.B","params":[]}', '[]', /zero-value arguments/],
      ['{"method":"A.B","params":[null]}', '[null]', /zero-value arguments/],
      [
        '{"method":"A.B","params":[1,2,3]}',
        '[1,2,3]',
        /uses only the first and ignores the other 2/,
      ],
      ['{"method":"A.B","params":null}', 'null', /request body missing params/],
      ['{"method":"A.B"}', '{', /request body missing params/],
      ['{"method":"Add","params":[1]}', '"Add"', /ill-formed: Add/],
      ['{"jsonrpc":"2.0","method":"A.B","params":[1]}', '"jsonrpc":"2.0"', /ignores "jsonrpc"/],
    ];
    for (const [text, span, message] of cases) {
      const diagnostics = lintGoRequest(text);
      expect(diagnostics).toHaveLength(1);
      const [warning] = diagnostics;
      expect(warning?.severity).toBe('warning');
      expect(text.slice(warning?.start, warning?.end)).toBe(span);
      expect(warning?.message).toMatch(message);
      // In Chinese: the same warning on the same span, Go's own texts and the numbers as in English.
      const [zh] = lintGoRequest(text, 'zh');
      expect(zh).toMatchObject({ severity: 'warning', start: warning?.start, end: warning?.end });
      expect(zh?.message).toMatch(/[\u4e00-\u9fff]/);
      const quoted = (words = '') => words.match(/"[^"]*"|\d+/g) ?? [];
      expect(quoted(zh?.message)).toEqual(quoted(warning?.message));
    }
  });
});

describe('decodeGoReply', () => {
  it('GO6: keeps the id and result exactly, error null', () => {
    const result = decodeGoReply(
      '{"id":"\\u003cb\\u003e","result":{"big":123456789012345678901234567890,"f":1.50},"error":null}',
    );
    expect(result).toEqual({
      ok: true,
      reply: {
        idText: '"\\u003cb\\u003e"',
        canonicalId: canonicalId('"<b>"'),
        result: expect.anything(),
        resultText: '{\n  "big": 123456789012345678901234567890,\n  "f": 1.50\n}',
        error: null,
      },
    });
    if (result.ok) {
      expect(stringifyExact(result.reply.result)).toBe(
        '{"big":123456789012345678901234567890,"f":1.50}',
      );
    }
  });

  it('GO6: an error string, keys matched case-insensitively', () => {
    expect(decodeGoReply('{"ID":4,"Result":null,"ERROR":"divide by zero"}')).toEqual({
      ok: true,
      reply: {
        idText: '4',
        canonicalId: '4',
        result: null,
        resultText: 'null',
        error: 'divide by zero',
      },
    });
  });

  it('GO6: with the same key in several cases, the last one in the text wins', () => {
    expect(
      decodeGoReply('{"Id":1,"id":2,"Id":3,"Error":"a","error":null,"result":5}'),
    ).toMatchObject({
      ok: true,
      reply: { idText: '3', error: null, resultText: '5' },
    });
  });

  it('GO7: problems for what Go cannot take', () => {
    const problem = (text: string) => {
      const result = decodeGoReply(text);
      return result.ok ? 'ok' : result.problem;
    };
    expect(problem('{"id":1,')).toMatch(/^The reply is not valid JSON/);
    expect(problem('[{"id":1}]')).toMatch(/not a JSON object/);
    expect(problem('{"result":1,"error":null}')).toMatch(/no "id"/);
    expect(problem('{"id":0,"result":null,"error":{"code":-32601,"message":"x"}}')).toMatch(
      /"error" must be a string or null, not object.*fatal/,
    );
    expect(problem('{"id":0}')).toMatch(/neither "result" nor "error".*fatal/);
  });
});

describe('decodeGoReply fast path', () => {
  it('GO10: gives what the exact path gives, for replies as Go writes them and any others', () => {
    const texts = fc.oneof(replyText, replyText.map(compactJsonText), broken(replyText));
    fc.assert(
      fc.property(texts, (text) => {
        expect(decodeGoReply(text)).toStrictEqual(decodeGoReplyExactly(text));
      }),
      { seed: 10, numRuns: 2000 },
    );
  });

  it("GO10: Go's own replies: numbers, big integers, escaped strings, errors, objects", () => {
    for (const text of [
      '{"id":123,"result":7,"error":null}\n',
      '{"id":"\u003cb\u003e","result":123456789012345678901234567890,"error":null}\n',
      '{"id":{"a":[1,2]},"result":null,"error":"divide by zero \u0026 more"}\n',
      '{"id":2,"result":{"code":200,"message":"ok","data":"user 1: alice"},"error":null}\n',
      '{"id":null,"result":"\ud800","error":null}',
    ]) {
      expect(decodeGoReply(text)).toStrictEqual(decodeGoReplyExactly(text));
    }
  });
});
