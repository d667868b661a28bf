import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { expandCall, sendBlocker } from './send-readiness';

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
      /^请求无法发送\(英文原文\):The request is not valid JSON/,
    );
  });

  it('accepts a burst template, whose single send is call 0 of 1', () => {
    const template = '{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*40}}"}]}';
    expect(sendBlocker(template, 'open', 'connected')).toBeNull();
    expect(expandCall(template, 0, 1)).toBe('{"method":"Demo.Sleep","params":[{"Ms":40}]}');
  });
});
