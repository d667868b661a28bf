import { describe, expect, it } from 'vitest';
import { expandBurstTemplate } from './burst-template';

describe('expandBurstTemplate', () => {
  it('BT4: replaces "{{expr}}" string values per call and keeps everything else exactly', () => {
    const template =
      '{ "method": "Demo.Sleep", "params": [{"Ms": "{{(N-i)*40}}", "Tag": "{{i}}x", "Big": 9007199254740993, "E": "\\u00e9"}], "id": "{{i}}" }';
    expect(expandBurstTemplate(template, 0, 3)).toBe(
      '{ "method": "Demo.Sleep", "params": [{"Ms": 120, "Tag": "{{i}}x", "Big": 9007199254740993, "E": "\\u00e9"}], "id": 0 }',
    );
    expect(expandBurstTemplate(template, 2, 3)).toBe(
      '{ "method": "Demo.Sleep", "params": [{"Ms": 40, "Tag": "{{i}}x", "Big": 9007199254740993, "E": "\\u00e9"}], "id": 2 }',
    );
  });

  it('BT5: keys are never replaced and text without placeholders is unchanged', () => {
    expect(expandBurstTemplate('{"{{i}}" : "{{i}}"}', 4, 5)).toBe('{"{{i}}" : 4}');
    const plain = '{"method":"A.B","params":[{"X":1.5e3}]}';
    expect(expandBurstTemplate(plain, 0, 1)).toBe(plain);
  });

  it('BT3: a bad placeholder is reported as a problem', () => {
    expect(expandBurstTemplate('{"params":["{{i/0}}"]}', 0, 2)).toEqual({
      problem: 'Burst template: division by zero at character 3 of "i/0".',
    });
  });

  it('BT4: templates used in turn each expand as their own', () => {
    const a = '{"X":"{{i}}","Y":"{{3*i+1}}"}';
    const b = '{"X":"{{N-i}}","s":"{{i}}x"}';
    expect([a, b, a, b].map((template, i) => expandBurstTemplate(template, i, 10))).toEqual([
      '{"X":0,"Y":1}',
      '{"X":9,"s":"{{i}}x"}',
      '{"X":2,"Y":7}',
      '{"X":7,"s":"{{i}}x"}',
    ]);
    expect(expandBurstTemplate('{"X":"{{100/(3-i)}}"}', 2, 5)).toBe('{"X":100}');
    expect(expandBurstTemplate('{"X":"{{100/(3-i)}}"}', 3, 5)).toEqual({
      problem: 'Burst template: division by zero at character 9 of "100/(3-i)".',
    });
  });
});
