import { describe, expect, it } from 'vitest';
import { NO_TOKEN_REASON, WRONG_TOKEN_REASON } from '../../../shared/protocol/access-token';
import type { BridgeNote } from '../bridge-client/bridge-client';
import { bridgeNoteEn, bridgeNoteZh } from './bridge-notes';

describe('the bridge’s status notes', () => {
  it('in English, as the bridge client has always said them', () => {
    expect(bridgeNoteEn({ kind: 'lost', reason: null, retryMs: 500 })).toBe(
      'bridge unreachable; retrying in 0.5 s',
    );
    expect(bridgeNoteEn({ kind: 'lost', reason: 'going away', retryMs: 2000 })).toBe(
      'the bridge closed the connection: going away; retrying in 2.0 s',
    );
    expect(bridgeNoteEn({ kind: 'refused', reason: NO_TOKEN_REASON, retryMs: 5000 })).toBe(
      `${NO_TOKEN_REASON} (retrying in 5.0 s)`,
    );
    expect(bridgeNoteEn({ kind: 'protocol', bridge: 7, page: 6 })).toBe(
      'the bridge speaks protocol v7, this page v6; reload the page',
    );
    expect(bridgeNoteEn({ kind: 'ignored', what: 'frame', detail: 'too short' })).toBe(
      'ignored a bad frame from the bridge: too short',
    );
    expect(bridgeNoteEn({ kind: 'said', text: 'too many pages' })).toBe('too many pages');
  });

  it('in Chinese, the refusals it knows in its words, the rest quoted as the original', () => {
    expect(bridgeNoteZh({ kind: 'refused', reason: NO_TOKEN_REASON, retryMs: 5000 })).toBe(
      '这个页面没有出示访问令牌；请打开网桥打印的网址（以 #token=… 结尾）（5.0 秒后重试）',
    );
    expect(bridgeNoteZh({ kind: 'refused', reason: WRONG_TOKEN_REASON, retryMs: 250 })).toMatch(
      /^这个页面的访问令牌被拒绝/,
    );
    expect(bridgeNoteZh({ kind: 'refused', reason: 'origin not allowed', retryMs: 250 })).toBe(
      '（英文原文）origin not allowed（0.3 秒后重试）',
    );
    expect(bridgeNoteZh({ kind: 'lost', reason: null, retryMs: 500 })).toBe(
      '连不上网桥；0.5 秒后重试',
    );
    const notes: BridgeNote[] = [
      { kind: 'lost', reason: 'going away', retryMs: 2000 },
      { kind: 'protocol', bridge: 7, page: 6 },
      { kind: 'ignored', what: 'message', detail: 'x' },
      { kind: 'said', text: 'too many pages' },
    ];
    for (const note of notes) expect(bridgeNoteZh(note)).toMatch(/[\u4e00-\u9fff]/);
  });
});
