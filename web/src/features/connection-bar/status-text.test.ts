import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import { describeStatus } from './status-text';

describe('describeStatus', () => {
  it('says what the bridge and the target are doing, and why', () => {
    expect(
      describeStatus({
        bridgeStatus: 'open',
        bridgeMessage: null,
        targetStatus: 'failed',
        targetMessage: '10.0.0.1:80 is not an allowed target',
      }),
    ).toEqual({
      bridge: 'Bridge: open',
      target: 'Target: failed — 10.0.0.1:80 is not an allowed target',
    });
    expect(
      describeStatus({
        bridgeStatus: 'reconnecting',
        bridgeMessage: 'retrying in 0.5 s',
        targetStatus: 'disconnected',
        targetMessage: null,
      }).bridge,
    ).toBe('Bridge: reconnecting — retrying in 0.5 s');
  });
  it('speaks the page language when given its words', () => {
    expect(
      describeStatus(
        {
          bridgeStatus: 'open',
          bridgeMessage: null,
          targetStatus: 'connected',
          targetMessage: 'x',
        },
        MESSAGES.zh,
      ),
    ).toEqual({
      bridge: MESSAGES.zh.bridgeStatus.open,
      target: `${MESSAGES.zh.targetStatus.connected} — x`,
    });
  });
});
