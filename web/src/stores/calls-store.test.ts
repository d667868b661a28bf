import { describe, expect, it } from 'vitest';
import { createCallsStore, type NewCall } from './calls-store';

const call = (key: string, sentAt = 100): NewCall => ({
  key,
  conn: 1,
  method: 'ServiceA.Add',
  idText: key,
  canonicalId: key,
  requestText: `{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":${key}}`,
  sentAt,
  duplicateWarning: null,
});

describe('calls store', () => {
  it('keeps calls in send order, pending, and selects the newest', () => {
    const store = createCallsStore();
    store.getState().add([call('0'), call('1')]);
    const { calls, selectedKey } = store.getState();
    expect(calls.map((c) => [c.key, c.status])).toEqual([
      ['0', 'pending'],
      ['1', 'pending'],
    ]);
    expect(selectedKey).toBe('1');
  });

  it('records bridge times, answers and errors with durations on the page clock', () => {
    const store = createCallsStore();
    store.getState().add([call('0', 100), call('1', 100)]);
    store.getState().written(['0', '1'], 5000);
    store.getState().answer('1', {
      answeredAt: 130,
      readAt: 5020,
      replyOrder: 1,
      resultText: '9007199254740993',
      error: null,
      errorClass: null,
    });
    store.getState().answer('0', {
      answeredAt: 150,
      readAt: 5040,
      replyOrder: 2,
      resultText: null,
      error: 'boom',
      errorClass: null,
    });
    const [first, second] = store.getState().calls;
    expect(first).toMatchObject({
      status: 'error',
      error: 'boom',
      durationMs: 50,
      writtenAt: 5000,
    });
    expect(second).toMatchObject({
      status: 'answered',
      resultText: '9007199254740993',
      durationMs: 30,
      readAt: 5020,
      replyOrder: 1,
    });
  });

  it('fails only calls still pending, with the reason', () => {
    const store = createCallsStore();
    store.getState().add([call('0'), call('1')]);
    store.getState().answer('0', {
      answeredAt: 110,
      readAt: 1,
      replyOrder: 1,
      resultText: '3',
      error: null,
      errorClass: null,
    });
    store.getState().fail(['0', '1'], 'the server closed the connection (FIN)');
    expect(store.getState().calls.map((c) => [c.status, c.failure])).toEqual([
      ['answered', null],
      ['failed', 'the server closed the connection (FIN)'],
    ]);
  });

  it('finds the selected call across adds, and changes only the calls named', () => {
    const store = createCallsStore();
    store.getState().add([call('0'), call('1')]);
    store.getState().add([call('2')]);
    store.getState().select('1');
    const before = store.getState().calls;
    store.getState().fail(['1', 'unknown'], 'gone');
    const after = store.getState().calls;
    expect(store.selectedCall(store.getState())).toMatchObject({ key: '1', status: 'failed' });
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    store.getState().fail(['unknown'], 'gone');
    expect(store.getState().calls).toBe(after);
    store.getState().select(null);
    expect(store.selectedCall(store.getState())).toBeNull();
  });

  it('keeps stray replies apart from calls', () => {
    const store = createCallsStore();
    store
      .getState()
      .stray({ conn: 1, kind: 'unmatched', text: '{"id":9}', reason: 'no call', at: 1 });
    expect(store.getState().strays).toHaveLength(1);
    expect(store.getState().calls).toHaveLength(0);
  });
});
