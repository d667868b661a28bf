import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonObject, parseExact } from './exact-json';
import { compactJsonText, topLevelMembers } from './json-text';
import { scanObject } from './object-scan';
import { broken, padded, requestText, valueText } from './test-kit';

function isObjectText(text: string): boolean {
  try {
    return isJsonObject(parseExact(text));
  } catch {
    return false;
  }
}

describe('scanObject', () => {
  it('OS1: takes exactly the object texts parseExact takes, with the members topLevelMembers finds', () => {
    const texts = fc.oneof(requestText, padded(valueText), broken(requestText), broken(valueText));
    fc.assert(
      fc.property(texts, (text) => {
        const scanned = scanObject(text);
        expect(scanned !== null).toBe(isObjectText(text));
        if (scanned === null) return;
        expect(scanned.members).toEqual(topLevelMembers(text));
        const span = text.slice(scanned.start, scanned.end);
        expect(scanned.compact).toBe(span === compactJsonText(text));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it('OS2: spans, compactness and decoded keys', () => {
    const text = ' { "a\\"b" : [1, {"x":"}"}], "\\u0069d":-1.5e3,"s":"\\u003c"}\n';
    const scanned = scanObject(text);
    expect(scanned?.compact).toBe(false);
    expect(text.slice(scanned?.start, scanned?.end)).toBe(text.trim());
    expect(scanned?.members.map((member) => member.key)).toEqual(['a"b', 'id', 's']);
    expect(scanObject('{"a":[1,2],"b":{}}')?.compact).toBe(true);
    expect(scanObject('{}')?.members).toEqual([]);
  });

  it('OS3: leaves anything unsure to the exact path', () => {
    for (const text of [
      '',
      '[]',
      '{"a":01}',
      '{"a":1,}',
      '{"a":"\u0001"}',
      '{"a":"\\x"}',
      '{"a":1}x',
    ]) {
      expect(scanObject(text)).toBeNull();
    }
    const deep = `{"a":${'['.repeat(100)}${']'.repeat(100)}}`;
    expect(scanObject(deep)).toBeNull();
    expect(isObjectText(deep)).toBe(true);
  });
});
