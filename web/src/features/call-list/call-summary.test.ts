import { describe, expect, it } from 'vitest';
import type { Call } from '../../stores/calls-store';
import { formatDuration, summariseCall, summariseCalls } from './call-summary';

const base: Call = {
  key: 'c1',
  conn: 1,
  method: 'Demo.Sleep',
  idText: '3',
  canonicalId: '3',
  requestText: '',
  status: 'answered',
  stamps: {
    invokedAt: 0,
    marshalledAt: 0.1,
    requestBytes: 50,
    writtenAt: null,
    server: null,
    firstReadAt: null,
    lastReadAt: null,
    replyBytes: 30,
    decodedAt: 120.2,
    deliveredAt: 120.4,
  },
  replyOrder: 2,
  resultText: '120',
  error: null,
  errorClass: null,
  failure: null,
  duplicateWarning: null,
};

describe('call summary', () => {
  it('says method, id, status, duration and reply order', () => {
    expect(summariseCall(base)).toEqual({
      method: 'Demo.Sleep',
      id: 'id 3',
      status: 'answered',
      detail: '120 ms · reply #2',
    });
  });

  it('flags duplicate ids and leaves out what is not known yet', () => {
    const pending = {
      ...base,
      status: 'pending' as const,
      stamps: { ...base.stamps, decodedAt: null, deliveredAt: null },
      replyOrder: null,
    };
    expect(summariseCall({ ...pending, duplicateWarning: 'dup' }).detail).toBe('duplicate id');
  });

  it('keeps a decimal only for short durations', () => {
    expect(formatDuration(3.26)).toBe('3.3 ms');
    expect(formatDuration(42.6)).toBe('43 ms');
    expect(formatDuration(null)).toBe('');
  });

  it('counts calls by status for the list header', () => {
    const calls: Call[] = [
      base,
      { ...base, key: 'c2', status: 'pending' },
      { ...base, key: 'c3', status: 'pending' },
      { ...base, key: 'c4', status: 'failed' },
    ];
    expect(summariseCalls(calls, 0)).toBe('4 sent · 2 pending · 1 answered · 1 failed');
    expect(summariseCalls([], 1)).toBe('0 sent · 1 stray reply');
  });
});
