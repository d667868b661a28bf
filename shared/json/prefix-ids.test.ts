import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalId } from './exact-json';
import { topLevelMembers } from './json-text';
import { idsInPrefix } from './prefix-ids';
import { padded, replyText, space, valueText } from './test-kit';

const goKey = (key: string) => key.toLowerCase() === 'id';
const exactKey = (key: string) => key === 'id';

/**
 * What a reader of `text` cut at `cut` can know: the last id member whose
 * value and the delimiter after it lie before the cut. The oracle reads the
 * whole text (topLevelMembers) and only then applies the cut.
 */
function expectedId(text: string, cut: number, isIdKey: (key: string) => boolean): string[] {
  let id: string[] = [];
  for (const member of topLevelMembers(text)) {
    let delimiter = member.valueEnd;
    while (/\s/.test(text[delimiter] ?? '')) delimiter++;
    if (delimiter >= cut) break;
    if (isIdKey(member.key)) id = [canonicalId(text.slice(member.valueStart, member.valueEnd))];
  }
  return id;
}

const cutOf = (text: string, at: number) => at % (text.length + 1);

describe('idsInPrefix', () => {
  it('PI1: an object cut anywhere gives its id once the member and its delimiter are in, never another', () => {
    fc.assert(
      fc.property(replyText, fc.nat(), fc.boolean(), (reply, at, go) => {
        const text = reply.trimEnd();
        const cut = cutOf(text, at);
        const isIdKey = go ? goKey : exactKey;
        expect(idsInPrefix(text.slice(0, cut), isIdKey)).toEqual(expectedId(text, cut, isIdKey));
      }),
      { seed: 5, numRuns: 3000 },
    );
  });

  it('PI2: an array (a batch answer) gives the id of each object element as far as the cut', () => {
    const element = fc.oneof(
      replyText.map((t) => t.trim()),
      valueText,
    );
    fc.assert(
      fc.property(
        fc.array(padded(element), { maxLength: 5 }),
        space,
        fc.nat(),
        (items, inside, at) => {
          const text = `[${items.length === 0 ? inside : items.join(',')}]`;
          const cut = cutOf(text, at);
          const expected: string[] = [];
          let offset = 1;
          for (const item of items) {
            const trimmed = item.trimStart();
            const start = offset + item.length - trimmed.length;
            if (start >= cut) break;
            if (trimmed.startsWith('{')) {
              const body = trimmed.trimEnd();
              expected.push(...expectedId(body, Math.min(cut - start, body.length), goKey));
            }
            offset += item.length + 1;
          }
          expect(idsInPrefix(text.slice(0, cut), goKey)).toEqual(expected);
        },
      ),
      { seed: 6, numRuns: 3000 },
    );
  });

  it('PI3: a member is not complete before its delimiter: an id of 12 may be 123, cut', () => {
    expect(idsInPrefix('{"id":12', goKey)).toEqual([]);
    expect(idsInPrefix('{"id":12 ', goKey)).toEqual([]);
    expect(idsInPrefix('{"id":12,', goKey)).toEqual(['12']);
    expect(idsInPrefix('{"id":"a\\"b', goKey)).toEqual([]);
    expect(idsInPrefix('{"result":"AAAA', goKey)).toEqual([]);
    expect(idsInPrefix('{"jsonrpc":"2.0","id":7,"result":[1,2', exactKey)).toEqual(['7']);
    expect(idsInPrefix('{"ID":7,"result":', goKey)).toEqual(['7']);
    expect(idsInPrefix('{"ID":7,"result":', exactKey)).toEqual([]);
    expect(idsInPrefix('{"\\u0069d":"\\u003cb\\u003e",', exactKey)).toEqual(['"<b>"']);
    expect(idsInPrefix('[{"id":1,"result":2},{"id":2,"res', exactKey)).toEqual(['1', '2']);
  });

  it('PI4: anything else names no id and throws nothing', () => {
    for (const text of [
      '',
      'AAAA',
      '"id"',
      '1',
      '{"id"',
      '{id:1,',
      '[1,',
      '{"id":tru,',
      '{"a":1 "id":2,',
    ]) {
      expect(idsInPrefix(text, goKey)).toEqual([]);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(Array.isArray(idsInPrefix(text, goKey))).toBe(true);
      }),
      { seed: 7, numRuns: 2000 },
    );
    // Deep nesting is counted, not recursed into.
    const deep = `{"result":${'['.repeat(200_000)}`;
    expect(idsInPrefix(`{"id":1,${deep.slice(1)}`, goKey)).toEqual(['1']);
  });
});
