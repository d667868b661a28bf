import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Call, type FailureCause, pendingCall } from '../../stores/calls-store';
import { createCallTally, tallyCalls } from './call-tally';

const call = (key: string, conn: number): Call =>
  pendingCall({
    key,
    conn,
    method: 'ServiceA.Add',
    idText: key,
    canonicalId: key,
    requestText: '',
    paramsText: null,
    stamps: { invokedAt: 0, marshalledAt: 0, requestBytes: 1 },
    duplicateWarning: null,
  });

/** What can happen to the list between two renders, as calls-store.ts does it: by copies. */
type Change =
  | { kind: 'add'; count: number; conn: number; earlier: boolean }
  | { kind: 'answer' | 'error' | 'fail'; pick: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    count: fc.integer({ min: 1, max: 4 }),
    conn: fc.integer({ min: 1, max: 2 }),
    earlier: fc.boolean(),
  }),
  fc.record({
    kind: fc.constantFrom('answer' as const, 'error' as const, 'fail' as const),
    pick: fc.nat(),
  }),
);

function applyChange(calls: Call[], c: Change, replies: Map<number, number>): Call[] {
  if (c.kind === 'add') {
    const added = Array.from({ length: c.count }, (_, i) => {
      const made = call(`${c.earlier ? 'h' : 'c'}${calls.length + i}`, c.conn);
      // Some ids were already in flight when sent.
      return (calls.length + i) % 3 === 0 ? { ...made, duplicateWarning: 'in flight' } : made;
    });
    // Calls of an earlier page load only ever come first (calls-store restore).
    return c.earlier ? added.concat(calls) : calls.concat(added);
  }
  const pending = calls.flatMap((x, i) => (x.status === 'pending' ? [i] : []));
  if (pending.length === 0) return calls;
  const index = pending[c.pick % pending.length] as number;
  const target = calls[index] as Call;
  const next = calls.slice();
  if (c.kind === 'fail') {
    // A call recorded before causes were kept has none.
    const cause = c.pick % 3 === 0 ? {} : { failureCause: c.pick % 3 === 1 ? 'timeout' : 'reset' };
    next[index] = { ...target, status: 'failed', failure: 'gone', ...cause } as Call;
  } else {
    const order = (replies.get(target.conn) ?? 0) + 1;
    replies.set(target.conn, order);
    next[index] = {
      ...target,
      status: c.kind === 'answer' ? 'answered' : 'error',
      replyOrder: order,
    };
  }
  return next;
}

describe('call tally', () => {
  it('counts statuses, answers and answers out of order in one pass', () => {
    const answered = (c: Call, replyOrder: number): Call => ({
      ...c,
      status: 'answered',
      replyOrder,
    });
    const calls = [answered(call('c0', 1), 2), answered(call('c1', 1), 1), call('c2', 1)];
    const tally = tallyCalls(calls);
    expect(tally).toMatchObject({ sent: 3, answered: 2, outOfOrder: 1 });
    expect([...tally.byStatus]).toEqual([
      ['answered', 2],
      ['pending', 1],
    ]);
  });

  it('counts failed calls by cause and calls sent with an id in flight, each with the newest', () => {
    const failed = (c: Call, failureCause?: FailureCause): Call => ({
      ...c,
      status: 'failed',
      failure: 'why',
      ...(failureCause ? { failureCause } : {}),
    });
    const tally = tallyCalls([
      failed(call('c0', 1), 'timeout'),
      { ...failed(call('c1', 1), 'timeout'), duplicateWarning: 'id 1 is already in flight' },
      failed(call('c2', 1)),
      { ...call('c3', 1), duplicateWarning: 'id 3 is already in flight' },
    ]);
    expect([...tally.failed]).toEqual([
      ['timeout', { count: 2, lastKey: 'c1' }],
      ['unknown', { count: 1, lastKey: 'c2' }],
    ]);
    expect(tally.duplicates).toEqual({ count: 2, lastKey: 'c3' });
  });

  it('kept between lists, always counts what one pass over the whole list counts', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
        const tally = createCallTally();
        const replies = new Map<number, number>();
        let calls: Call[] = [];
        for (const c of changes) {
          calls = applyChange(calls, c, replies);
          const fresh = tallyCalls(calls);
          const kept = tally(calls);
          expect(kept.sent).toBe(fresh.sent);
          expect(kept.answered).toBe(fresh.answered);
          expect(kept.outOfOrder).toBe(fresh.outOfOrder);
          expect([...kept.byStatus]).toEqual([...fresh.byStatus]);
          expect([...kept.failed]).toEqual([...fresh.failed]);
          expect(kept.duplicates).toEqual(fresh.duplicates);
        }
      }),
    );
  });

  it('resumes from the first call still pending instead of counting again', () => {
    const tally = createCallTally();
    let statusReads = 0;
    const done = Array.from({ length: 1000 }, (_, i): Call => {
      const answered = { ...call(`c${i}`, 1), replyOrder: i + 1 };
      // Counting a call reads its status; comparing the kept calls by reference does not.
      return Object.defineProperty(answered, 'status', {
        get: () => {
          statusReads += 1;
          return 'answered';
        },
      });
    });
    tally(done);
    expect(statusReads).toBeGreaterThanOrEqual(1000);
    statusReads = 0;
    expect(tally(done.concat(call('c1000', 1)))).toMatchObject({ sent: 1001, answered: 1000 });
    expect(statusReads).toBe(0);
  });
});
