import { describe, expect, it } from 'vitest';
import { CLOSE_REASONS } from '../../../shared/protocol/bridge-protocol';
import { BRIDGE_LOST_REASON } from '../bridge-client/bridge-client';
import {
  EXPORTED_IN_FLIGHT_REASON,
  NOT_SENT_REASON,
  timeoutReason,
  UNLOADED_IN_FLIGHT_REASON,
} from '../stores/failure-sentences';
import { failureDetailZh } from './failure-details';

describe('a failure detail in Chinese', () => {
  it('words every sentence the page or the bridge writes for a failure', () => {
    for (const detail of [
      ...Object.values(CLOSE_REASONS),
      BRIDGE_LOST_REASON,
      NOT_SENT_REASON,
      UNLOADED_IN_FLIGHT_REASON,
      EXPORTED_IN_FLIGHT_REASON,
    ]) {
      expect(failureDetailZh(detail), detail).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
    }
    expect(failureDetailZh(CLOSE_REASONS.fin)).toContain('（FIN）');
  });

  it('keeps the timeout’s seconds', () => {
    expect(failureDetailZh(timeoutReason(30))).toBe('30 秒内没有回复');
    expect(failureDetailZh(timeoutReason(0.5))).toBe('0.5 秒内没有回复');
  });

  it('leaves any other words to be quoted as they came', () => {
    for (const detail of [
      'connection error: connect EHOSTUNREACH',
      'its reply could not be read: not JSON',
      `${timeoutReason(3)}; more`,
      '',
    ]) {
      expect(failureDetailZh(detail)).toBeNull();
    }
  });
});
