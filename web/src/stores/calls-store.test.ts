import { describe, expect, it } from 'vitest';
import {
  type Answer,
  bridgeDurationMs,
  createCallsStore,
  KEEP_AFTER_FORGET,
  MAX_KEPT_CALLS,
  MAX_KEPT_STRAYS,
  type NewCall,
  pageDurationMs,
  type StrayReply,
} from './calls-store';
import { BURST_MAX } from './composer-store';

const call = (key: string, invokedAt = 100): NewCall => ({
  key,
  conn: 1,
  method: 'ServiceA.Add',
  idText: key,
  canonicalId: key,
  requestText: `{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":${key}}`,
  paramsText: '[{"X":1,"Y":2}]',
  stamps: { invokedAt, marshalledAt: invokedAt + 0.1, requestBytes: 60 },
  duplicateWarning: null,
});

/** A reply read at the bridge from `readAt`, decoded and delivered on the page at `deliveredAt`. */
const reply = (readAt: number, deliveredAt: number): Answer['stamps'] => ({
  firstReadAt: readAt,
  lastReadAt: readAt + 0.5,
  replyBytes: 34,
  decodedAt: deliveredAt - 0.1,
  deliveredAt,
});

const answer: Answer = {
  stamps: reply(300, 310),
  replyOrder: 1,
  resultText: '3',
  error: null,
  errorClass: null,
};

const SERVER = { received: 1, decoded: 2, invoked: 3, returned: 4, encoded: 5, written: 6 };

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

  it('keeps the selection when told not to select the added calls', () => {
    const store = createCallsStore();
    store.getState().add([call('0')]);
    store.getState().add([call('1')], false);
    expect(store.getState().selectedKey).toBe('0');
  });

  it('starts every call with its page stamps and nothing else recorded', () => {
    const store = createCallsStore();
    store.getState().add([call('0', 100)]);
    expect(store.getState().calls[0]?.stamps).toEqual({
      invokedAt: 100,
      marshalledAt: 100.1,
      requestBytes: 60,
      writtenAt: null,
      server: null,
      firstReadAt: null,
      lastReadAt: null,
      replyBytes: null,
      decodedAt: null,
      deliveredAt: null,
    });
    expect(pageDurationMs(store.getState().calls[0]!)).toBeNull();
  });

  it('records bridge times, answers and errors with durations on each clock', () => {
    const store = createCallsStore();
    store.getState().add([call('0', 100), call('1', 100)]);
    store.getState().written(['0', '1'], 5000);
    store.getState().answerAll([
      [
        '1',
        {
          stamps: reply(5020, 130),
          replyOrder: 1,
          resultText: '9007199254740993',
          error: null,
          errorClass: null,
        },
      ],
    ]);
    store.getState().answerAll([
      [
        '0',
        {
          stamps: reply(5040, 150),
          replyOrder: 2,
          resultText: null,
          error: 'boom',
          errorClass: null,
        },
      ],
    ]);
    const [first, second] = store.getState().calls;
    expect(first).toMatchObject({ status: 'error', error: 'boom' });
    expect(first?.stamps).toMatchObject({ writtenAt: 5000, firstReadAt: 5040, deliveredAt: 150 });
    expect(second).toMatchObject({
      status: 'answered',
      resultText: '9007199254740993',
      replyOrder: 1,
    });
    expect(second?.stamps).toMatchObject({ invokedAt: 100, lastReadAt: 5020.5, replyBytes: 34 });
    expect(pageDurationMs(first!)).toBe(50);
    expect(pageDurationMs(second!)).toBe(30);
    expect(bridgeDurationMs(second!)).toBe(20.5);
  });

  it('attaches server steps to the call named, before or after its answer', () => {
    const store = createCallsStore();
    store.getState().add([call('0'), call('1')]);
    store.getState().serverSteps([['0', SERVER]]);
    store.getState().answerAll([
      [
        '1',
        {
          stamps: reply(5020, 130),
          replyOrder: 1,
          resultText: '3',
          error: null,
          errorClass: null,
        },
      ],
    ]);
    store.getState().serverSteps([
      ['1', { ...SERVER, written: 7 }],
      ['nobody', SERVER],
    ]);
    const [first, second] = store.getState().calls;
    expect(first?.stamps.server).toEqual(SERVER);
    expect(first?.status).toBe('pending');
    expect(second?.stamps.server?.written).toBe(7);
    expect(second?.stamps.deliveredAt).toBe(130);
  });

  it('fails only calls still pending, with the reason', () => {
    const store = createCallsStore();
    store.getState().add([call('0'), call('1')]);
    store.getState().answerAll([
      [
        '0',
        {
          stamps: reply(1, 110),
          replyOrder: 1,
          resultText: '3',
          error: null,
          errorClass: null,
        },
      ],
    ]);
    store.getState().fail(['0', '1'], 'the server closed the connection (FIN)', 'server-closed');
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
    store.getState().fail(['1', 'unknown'], 'gone', 'server-closed');
    const after = store.getState().calls;
    expect(store.selectedCall(store.getState())).toMatchObject({ key: '1', status: 'failed' });
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    store.getState().fail(['unknown'], 'gone', 'server-closed');
    expect(store.getState().calls).toBe(after);
    store.getState().select(null);
    expect(store.selectedCall(store.getState())).toBeNull();
  });

  it('takes many answers in one update, each on its own call', () => {
    const store = createCallsStore();
    store.getState().add([call('0'), call('1'), call('2')]);
    let updates = 0;
    store.subscribe(() => {
      updates += 1;
    });
    const answer = (resultText: string, error: string | null = null): Answer => ({
      stamps: reply(200, 300),
      replyOrder: 1,
      resultText,
      error,
      errorClass: null,
    });
    store.getState().answerAll([
      ['2', answer('5')],
      ['0', answer('null', 'boom')],
    ]);
    expect(updates).toBe(1);
    expect(store.getState().calls.map((c) => [c.status, c.resultText])).toEqual([
      ['error', 'null'],
      ['pending', null],
      ['answered', '5'],
    ]);
    store.getState().answerAll([]);
    expect(updates).toBe(1);
  });

  it('past MAX_KEPT_CALLS forgets the oldest settled calls, never a pending one, and counts them', () => {
    const store = createCallsStore();
    const keys = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i}`);
    store.getState().add(keys(0, MAX_KEPT_CALLS).map((key) => call(key)));
    store.getState().select('5');
    // Call 0 is still pending; the rest are answered.
    store.getState().answerAll(keys(1, MAX_KEPT_CALLS - 1).map((key) => [key, answer] as const));
    expect(store.getState().forgottenCalls).toBe(0);

    store.getState().add([call('new')], false);
    const { calls, forgottenCalls, selectedKey } = store.getState();
    const kept = Math.floor(MAX_KEPT_CALLS * KEEP_AFTER_FORGET);
    expect(calls).toHaveLength(kept);
    expect(forgottenCalls).toBe(MAX_KEPT_CALLS + 1 - kept);
    expect(calls[0]?.key).toBe('0');
    expect(calls[1]?.key).toBe(`${forgottenCalls + 1}`);
    expect(calls.at(-1)?.key).toBe('new');
    // The selected call was forgotten; the pending one can still be answered, by key, as can the newest.
    expect(selectedKey).toBeNull();
    store.getState().answerAll([
      ['0', answer],
      ['new', answer],
    ]);
    expect(store.getState().calls[0]?.status).toBe('answered');
    expect(store.getState().calls.at(-1)?.status).toBe('answered');
    store.getState().select('new');
    expect(store.selectedCall(store.getState())?.key).toBe('new');
  });

  it('forgets no call of the largest burst: what is left after forgetting holds one whole', () => {
    expect(Math.floor(MAX_KEPT_CALLS * KEEP_AFTER_FORGET)).toBeGreaterThanOrEqual(BURST_MAX);
  });

  it('keeps stray replies apart from calls', () => {
    const store = createCallsStore();
    store
      .getState()
      .strayAll([{ conn: 1, kind: 'unmatched', text: '{"id":9}', reason: 'no call', at: 1 }]);
    expect(store.getState().strays).toHaveLength(1);
    expect(store.getState().calls).toHaveLength(0);
  });

  it('keeps the newest stray replies up to its cap and counts every one by kind', () => {
    const store = createCallsStore();
    let updates = 0;
    store.subscribe(() => {
      updates += 1;
    });
    const stray = (i: number): StrayReply => ({
      conn: 1,
      kind: i % 3 === 0 ? 'late' : 'unmatched',
      text: `{"id":${i}}`,
      reason: 'no call',
      at: i,
    });
    const flood = MAX_KEPT_STRAYS * 2 + 7;
    const batch = 500;
    for (let first = 0; first < flood; first += batch) {
      const size = Math.min(batch, flood - first);
      store.getState().strayAll(Array.from({ length: size }, (_, i) => stray(first + i)));
    }
    store.getState().strayAll([]);
    expect(updates).toBe(Math.ceil(flood / batch));
    const { strays, strayCounts } = store.getState();
    expect(strays).toHaveLength(MAX_KEPT_STRAYS);
    expect(strays[0]?.at).toBe(flood - MAX_KEPT_STRAYS);
    expect(strays.at(-1)?.at).toBe(flood - 1);
    const late = Math.ceil(flood / 3);
    expect(strayCounts).toEqual({
      unmatched: flood - late,
      'notification-answer': 0,
      late,
      undecodable: 0,
      'framing-error': 0,
    });
  });
});
