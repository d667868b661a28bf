import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import type { Call } from '../../stores/calls-store';
import { formatDuration, labCounts, summariseCall, summariseCalls } from './call-summary';

const base: Call = {
  key: 'c1',
  conn: 1,
  method: 'Demo.Sleep',
  idText: '3',
  canonicalId: '3',
  requestText: '',
  paramsText: null,
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
    expect(summariseCalls(calls, { strays: 0, forgotten: 0 })).toBe(
      '4 sent · 2 pending · 1 answered · 1 failed',
    );
    expect(summariseCalls([], { strays: 1, forgotten: 0 })).toBe('0 sent · 1 stray reply');
  });

  it('counts forgotten calls as sent and names them, so the parts add up', () => {
    expect(summariseCalls([base], { strays: 2, forgotten: 18_000 })).toBe(
      '18001 sent · 1 answered · 18000 oldest forgotten · 2 stray replies',
    );
  });

  it('says how many a filtered list shows, after the counts of every call', () => {
    expect(summariseCalls([base], { strays: 0, forgotten: 0, shown: 0 })).toBe(
      '1 sent · 1 answered · 0 shown',
    );
  });

  it('speaks the page language when given its words', () => {
    const zh = MESSAGES.zh;
    expect(summariseCall(base, zh)).toEqual({
      method: 'Demo.Sleep',
      id: 'id 3',
      status: zh.callStatus.answered,
      detail: `120 ms · ${zh.replyOrder(2)}`,
    });
    const others = { strays: 1, forgotten: 0 };
    expect(summariseCalls([base, { ...base, key: 'c2', status: 'failed' }], others, zh)).toBe(
      [
        zh.sentCount(2),
        zh.statusCount(1, zh.callStatus.answered),
        zh.statusCount(1, zh.callStatus.failed),
        zh.strayCount(1),
      ].join(' · '),
    );
  });
});

describe('lab counts', () => {
  /** Calls sent in this order on `conn`, answered in the order given by `replyOrder` (null: no answer). */
  const sent = (conn: number, orders: Array<number | null>, status?: Call['status']): Call[] =>
    orders.map((replyOrder, i) => ({
      ...base,
      key: `c${conn}-${i}`,
      conn,
      replyOrder,
      status: status ?? (replyOrder === null ? 'pending' : 'answered'),
    }));
  const none = {
    unmatched: 0,
    'notification-answer': 0,
    late: 0,
    undecodable: 0,
    'framing-error': 0,
  };

  it('answers in send order are never out of order (Call mode)', () => {
    const counts = labCounts(sent(1, [1, 2, 3, 4, 5]), none);
    expect(counts).toMatchObject({ sent: 5, answered: 5, outOfOrder: 0, unmatched: 0, failed: 0 });
  });

  it('a reversed burst has N-1 answers out of order (Go mode, reverse sleeps)', () => {
    expect(labCounts(sent(1, [5, 4, 3, 2, 1]), none).outOfOrder).toBe(4);
  });

  it('an answer that overtook a call still waiting is out of order; one after a failure is not', () => {
    expect(labCounts(sent(1, [null, 1]), none).outOfOrder).toBe(1);
    const failedFirst = [
      ...sent(1, [null], 'failed'),
      ...sent(1, [1]).map((c) => ({ ...c, key: 'x' })),
    ];
    expect(labCounts(failedFirst, none)).toMatchObject({ outOfOrder: 0, failed: 1, answered: 1 });
  });

  it('keeps connections apart, including the same number from an earlier page load', () => {
    const earlier = sent(1, [2, 1]).map((c, i) => ({ ...c, key: `h${i + 1}` }));
    expect(labCounts([...earlier, ...sent(1, [1, 2]), ...sent(2, [1])], none).outOfOrder).toBe(1);
  });

  it('error replies count as answered; strays count as unmatched by reason', () => {
    const calls = [{ ...base, status: 'error' as const, replyOrder: 1 }];
    const counts = labCounts(calls, { ...none, late: 2, 'notification-answer': 1 });
    expect(counts.answered).toBe(1);
    expect(counts.unmatched).toBe(3);
    expect(counts.unmatchedByKind).toEqual({
      unmatched: 0,
      'notification-answer': 1,
      late: 2,
      undecodable: 0,
      'framing-error': 0,
    });
  });
});
