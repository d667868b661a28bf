import { describe, expect, it } from 'vitest';
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
});
