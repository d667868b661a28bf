import { describe, expect, it } from 'vitest';
import { classifyGoError, explainGoError } from './go-errors';

const CASES: Array<[string, string, boolean]> = [
  ["rpc: can't find service Nope.Add", 'service-not-found', false],
  ["rpc: can't find method ServiceA.Nope", 'method-not-found', false],
  ['rpc: service/method request ill-formed: Add', 'ill-formed', false],
  ['jsonrpc: request body missing params', 'missing-params', false],
  ['json: cannot unmarshal string into Go value of type [1]interface {}', 'bad-params', false],
  [
    'json: cannot unmarshal number 1.5 into Go struct field Args.X of type int',
    'bad-params',
    false,
  ],
  ['gob: wrong type (int) for received field Foo.X', 'bad-params', false],
  ['divide by zero', 'application', true],
];

const CJK = /[\u4e00-\u9fff]/;

describe('classifyGoError', () => {
  it('GO8: header and params errors did not run the method; anything else did', () => {
    for (const [message, kind, ran] of CASES) {
      const result = classifyGoError(message);
      expect([result.kind, result.ran]).toEqual([kind, ran]);
      expect(result.explanation).toBe(explainGoError(message, 'en'));
    }
  });

  it('GO11: every class is explained in both languages, with the same codes and Go syntax', () => {
    const explained = new Set<string>();
    for (const [message] of CASES) {
      const en = explainGoError(message, 'en');
      const zh = explainGoError(message, 'zh');
      explained.add(en);
      expect(zh).toMatch(CJK);
      expect(en).not.toMatch(CJK);
      const quoted = (text: string) => text.match(/-32\d{3}|"[^"]*"|\$\w+|[A-Z]\w+\.\w+/g) ?? [];
      expect(quoted(zh)).toEqual(quoted(en));
    }
    // The two params classes (json and gob) are told apart.
    expect(explained.size).toBe(CASES.length - 1);
  });
});
