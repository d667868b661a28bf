import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { expandCall, sendBlocker, sendWarning } from './send-readiness';

const ADD = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}';

describe('sendBlocker', () => {
  it('names the first thing in the way: the JSON, then the bridge, then the target', () => {
    expect(sendBlocker('{"method":', 'open', 'connected')).toMatch(/not valid JSON/);
    expect(sendBlocker(ADD, 'reconnecting', 'connected')).toBe('Not connected to the bridge.');
    expect(sendBlocker(ADD, 'open', 'connecting')).toBe('Connecting to the target…');
    expect(sendBlocker(ADD, 'open', 'failed')).toBe('Connect to a target first.');
    expect(sendBlocker(ADD, 'open', 'connected')).toBeNull();
  });

  it('says it in the page language when given its words', () => {
    expect(sendBlocker(ADD, 'open', 'failed', 'go', MESSAGES.zh)).toBe(MESSAGES.zh.connectFirst);
    // The marshaller's own sentence is quoted under a Chinese lead.
    expect(sendBlocker('{"method":', 'open', 'connected', 'go', MESSAGES.zh)).toMatch(
      /^请求无法发送（英文原文）：The request is not valid JSON/,
    );
  });

  it('accepts a burst template, whose single send is call 0 of 1', () => {
    const template = '{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*40}}"}]}';
    expect(sendBlocker(template, 'open', 'connected')).toBeNull();
    expect(expandCall(template, 0, 1)).toBe('{"method":"Demo.Sleep","params":[{"Ms":40}]}');
  });
});

describe('sendWarning', () => {
  it('says what Go will do with a request it accepts, in the page language', () => {
    expect(sendWarning(ADD, 'go', 'en')).toBeNull();
    expect(sendWarning('{"method":"A.B","params":[1,2]}', 'go', 'en')).toBe(
      'params has 2 elements: Go uses only the first and ignores the other 1.',
    );
    expect(sendWarning('{"method":"A.B","params":[1,2]}', 'go', 'zh')).toBe(
      'params 有 2 个元素：Go 只用第一个，忽略其余 1 个。',
    );
    // Other dialects have no Go server to predict; a refused request is sendBlocker's.
    expect(sendWarning('{"method":"A.B","params":[1,2]}', 'v2', 'en')).toBeNull();
    expect(sendWarning('{"method":', 'go', 'en')).toBeNull();
  });
});
