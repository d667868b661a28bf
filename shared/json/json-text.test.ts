import { describe, expect, it } from 'vitest';
import { compactJsonText, prettyJsonText, topLevelMembers } from './json-text';

describe('compactJsonText', () => {
  it('JT1: removes whitespace outside strings only', () => {
    expect(compactJsonText(' { "a b" : [ 1 , "x\\" y" ] ,\n\t"c":1.5e3 } ')).toBe(
      '{"a b":[1,"x\\" y"],"c":1.5e3}',
    );
    expect(compactJsonText('"\\\\" ')).toBe('"\\\\"');
  });
});

describe('prettyJsonText', () => {
  it('JT2: indents containers, keeps empty ones inline', () => {
    expect(prettyJsonText('{"a":[],"b":{"c":[1,2]}}')).toBe(
      '{\n  "a": [],\n  "b": {\n    "c": [\n      1,\n      2\n    ]\n  }\n}',
    );
    expect(prettyJsonText('"a,b:{"')).toBe('"a,b:{"');
  });
});

describe('topLevelMembers', () => {
  it('JT3: gives key and value spans in written order', () => {
    const text = '{ "method" : "A.B", "params": [ {"X": "}"} ], "id": 1.5e3 ,"x\\"":null}';
    const members = topLevelMembers(text);
    expect(members.map((m) => m.key)).toEqual(['method', 'params', 'id', 'x"']);
    expect(members.map((m) => text.slice(m.keyStart, m.keyEnd))).toEqual([
      '"method"',
      '"params"',
      '"id"',
      '"x\\""',
    ]);
    expect(members.map((m) => text.slice(m.valueStart, m.valueEnd))).toEqual([
      '"A.B"',
      '[ {"X": "}"} ]',
      '1.5e3',
      'null',
    ]);
  });

  it('JT3: an empty object has no members', () => {
    expect(topLevelMembers('{ }')).toEqual([]);
  });
});
