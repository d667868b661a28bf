import { describe, expect, it } from 'vitest';
import { callStepTimes } from '../playback/call-timeline';
import { type Call, createCallsStore, type NewCall } from './calls-store';
import { UNLOADED_IN_FLIGHT_REASON } from './failure-sentences';
import {
  HISTORY_KEY,
  type HistoryStorage,
  loadHistory,
  MAX_PERSISTED_CALLS,
  PERSIST_MAX_WAIT_MS,
  PERSIST_QUIET_MS,
  persistHistory,
  type Schedule,
  saveHistory,
} from './persist-history';

/** The test page's bridge clock estimate: bridge time = page time + offsetMs. */
const CLOCK = { offsetMs: 1_764_600_000_003, uncertaintyMs: 0.2, samples: 8, measuredAt: 40 };

function memoryStorage(): HistoryStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      map.set(key, value);
    },
  };
}

/** A storage whose quota fits `maxChars` characters. */
function smallStorage(maxChars: number): HistoryStorage & { map: Map<string, string> } {
  const storage = memoryStorage();
  return {
    ...storage,
    setItem: (key, value) => {
      if (value.length > maxChars) throw new DOMException('full', 'QuotaExceededError');
      storage.map.set(key, value);
    },
  };
}

const throwingStorage: HistoryStorage = {
  getItem: () => {
    throw new Error('storage disabled');
  },
  setItem: () => {
    throw new Error('storage disabled');
  },
};

function newCall(n: number): NewCall {
  return {
    key: `c${n}`,
    conn: 1,
    method: 'ServiceA.Add',
    idText: String(n),
    canonicalId: String(n),
    requestText: `{"method":"ServiceA.Add","params":[{"X":${n},"Y":1}],"id":${n}}`,
    paramsText: `[{"X":${n},"Y":1}]`,
    duplicateWarning: null,
    stamps: { invokedAt: n, marshalledAt: n + 0.5, requestBytes: 60 },
  };
}

/** A store with calls c1…cN, c1 answered and c2 failed; the rest still pending. */
function storeWith(n: number) {
  const store = createCallsStore();
  store.getState().add(Array.from({ length: n }, (_, i) => newCall(i + 1)));
  store.getState().answerAll([
    [
      'c1',
      {
        stamps: { firstReadAt: 5, lastReadAt: 5, replyBytes: 30, decodedAt: 6, deliveredAt: 7 },
        replyOrder: 1,
        resultText: '2',
        error: null,
        errorClass: null,
      },
    ],
  ]);
  store.getState().fail(['c2'], 'the server closed the connection (FIN)', 'server-closed');
  return store;
}

/** A hand-driven clock for the batched writes. */
function manualSchedule(): {
  schedule: Schedule;
  run(): void;
  waiting(): number;
  delays(): number[];
} {
  let queue: Array<{ fn: () => void; ms: number }> = [];
  return {
    schedule: (fn, ms) => {
      const entry = { fn, ms };
      queue.push(entry);
      return () => {
        queue = queue.filter((e) => e !== entry);
      };
    },
    run: () => {
      const due = queue;
      queue = [];
      for (const entry of due) entry.fn();
    },
    waiting: () => queue.length,
    delays: () => queue.map((entry) => entry.ms),
  };
}

describe('persisted call history', () => {
  it('round-trips calls whole, answered and failed ones as they were', () => {
    const storage = memoryStorage();
    const store = storeWith(3);
    expect(saveHistory(storage, store.getState().calls, CLOCK)).toBe(true);
    const loaded = loadHistory(storage);
    expect(loaded.map((c) => c.status)).toEqual(['answered', 'failed', 'failed']);
    expect(loaded[0]).toEqual({ ...store.getState().calls[0], key: 'h1', clock: CLOCK });
    expect(loaded[1]?.failure).toBe('the server closed the connection (FIN)');
    expect(loaded[1]?.failureCause).toBe('server-closed');
  });

  it('brings a call that was in flight back failed, with the reason', () => {
    const storage = memoryStorage();
    saveHistory(storage, storeWith(3).getState().calls, CLOCK);
    const third = loadHistory(storage)[2];
    expect(third?.status).toBe('failed');
    expect(third?.failure).toBe(UNLOADED_IN_FLIGHT_REASON);
    expect(third?.failureCause).toBe('page-gone');
    expect(third?.requestText).toContain('"X":3');
  });

  it('keeps the newest calls only, at most MAX_PERSISTED_CALLS', () => {
    const storage = memoryStorage();
    const store = storeWith(MAX_PERSISTED_CALLS + 5);
    saveHistory(storage, store.getState().calls, CLOCK);
    const loaded = loadHistory(storage);
    expect(loaded).toHaveLength(MAX_PERSISTED_CALLS);
    expect(loaded[0]?.idText).toBe('6');
    expect(loaded.at(-1)?.idText).toBe(String(MAX_PERSISTED_CALLS + 5));
  });

  it('falls back to fewer calls when the quota is small, and never throws', () => {
    const store = storeWith(1000);
    const small = smallStorage(150_000);
    expect(saveHistory(small, store.getState().calls, CLOCK)).toBe(true);
    expect(loadHistory(small).length).toBeLessThan(1000);
    expect(loadHistory(small).at(-1)?.idText).toBe('1000');
    expect(saveHistory(smallStorage(10), store.getState().calls, CLOCK)).toBe(false);
    expect(saveHistory(throwingStorage, store.getState().calls, CLOCK)).toBe(false);
    expect(saveHistory(null, store.getState().calls, CLOCK)).toBe(false);
    expect(loadHistory(throwingStorage)).toEqual([]);
    expect(loadHistory(null)).toEqual([]);
  });

  it('ignores garbage, another version, and entries that are not calls', () => {
    const storage = memoryStorage();
    for (const text of [
      '{',
      'null',
      '[]',
      '{"version":3,"calls":[]}',
      '{"version":2,"calls":[]}',
      '{"version":1}',
    ]) {
      storage.map.set(HISTORY_KEY, text);
      expect(loadHistory(storage)).toEqual([]);
    }
    const call = storeWith(1).getState().calls[0];
    storage.map.set(
      HISTORY_KEY,
      JSON.stringify({ version: 1, calls: [42, { key: 'x' }, { ...call, status: 'odd' }, call] }),
    );
    expect(loadHistory(storage).map((c) => c.requestText)).toEqual([call?.requestText]);
  });

  it('keeps each call’s own params; a call stored before they were kept gets them from its request; params of another type are not a call', () => {
    const storage = memoryStorage();
    const [first, second] = storeWith(2).getState().calls;
    const { paramsText: _dropped, ...older } = {
      ...second,
      requestText: ' {"method":"A.B","Params":[1],"params":[ 2 ]}\n',
    };
    const noParams = { ...older, requestText: '{"method":"A.B"}' };
    const framed = {
      ...older,
      requestText: 'Content-Length: 29\r\n\r\n{"method":"A.B","params":[3]}',
    };
    storage.map.set(
      HISTORY_KEY,
      JSON.stringify({
        version: 1,
        calls: [first, older, noParams, framed, { ...first, paramsText: 42 }],
      }),
    );
    expect(loadHistory(storage).map((c) => c.paramsText)).toEqual([
      '[{"X":1,"Y":1}]',
      '[ 2 ]',
      null,
      null,
    ]);
  });

  it('restores before this page’s calls with keys that cannot collide', () => {
    const storage = memoryStorage();
    saveHistory(storage, storeWith(2).getState().calls, CLOCK);
    const store = createCallsStore();
    store.getState().restore(loadHistory(storage));
    store.getState().add([newCall(1)]);
    const { calls } = store.getState();
    expect(calls.map((c) => c.key)).toEqual(['h1', 'h2', 'c1']);
    store.getState().fail(['c1'], 'gone', 'server-closed');
    expect(store.getState().calls[2]?.failure).toBe('gone');
    expect(store.getState().calls[1]?.failure).toBe('the server closed the connection (FIN)');
    store.getState().select('h1');
    expect(store.selectedCall(store.getState())?.resultText).toBe('2');
  });

  it('writes once the calls are quiet and the page is idle, and flushes at once when asked', () => {
    const storage = memoryStorage();
    const clock = manualSchedule();
    const idle = manualSchedule();
    const store = createCallsStore();
    const persistence = persistHistory(
      store,
      storage,
      clock.schedule,
      (fn) => idle.schedule(fn, 0),
      () => CLOCK,
    );
    for (let n = 1; n <= 50; n++) store.getState().add([newCall(n)]);
    // One quiet timer, set by the first change, and the max-wait timer.
    expect(clock.waiting()).toBe(2);
    expect(clock.delays()).toEqual([PERSIST_QUIET_MS, PERSIST_MAX_WAIT_MS]);
    clock.run();
    expect(storage.map.has(HISTORY_KEY)).toBe(false);
    expect(idle.waiting()).toBe(1);
    // Calls changing while the write waits for idle time are in it, and ask for nothing more.
    store.getState().add([newCall(51)]);
    expect(clock.waiting()).toBe(0);
    idle.run();
    expect(loadHistory(storage)).toHaveLength(51);

    store.getState().fail(['c7'], 'the connection to the bridge was lost', 'bridge-lost');
    persistence.flush();
    expect(clock.waiting()).toBe(0);
    expect(loadHistory(storage)[6]?.failure).toBe('the connection to the bridge was lost');
    persistence.dispose();
    store.getState().add([newCall(52)]);
    expect(clock.waiting()).toBe(0);
    expect(PERSIST_QUIET_MS).toBeLessThan(PERSIST_MAX_WAIT_MS);
  });

  it('leaves its timers alone on every change: a quiet timer that fires after changes waits once more', () => {
    const storage = memoryStorage();
    const quiet = manualSchedule();
    const maxWait = manualSchedule();
    const idle = manualSchedule();
    const store = createCallsStore();
    let timersSet = 0;
    persistHistory(
      store,
      storage,
      (fn, ms) => {
        timersSet += 1;
        return (ms === PERSIST_QUIET_MS ? quiet : maxWait).schedule(fn, ms);
      },
      (fn) => idle.schedule(fn, 0),
      () => CLOCK,
    );
    for (let n = 1; n <= 500; n++) store.getState().add([newCall(n)]);
    expect([quiet.waiting(), maxWait.waiting(), timersSet]).toEqual([1, 1, 2]);
    // Changes came after it was set: not quiet yet, one more period.
    quiet.run();
    expect([quiet.waiting(), idle.waiting()]).toEqual([1, 0]);
    // A whole period without a change: written when the page is idle.
    quiet.run();
    expect([quiet.waiting(), maxWait.waiting(), idle.waiting()]).toEqual([0, 0, 1]);
    idle.run();
    expect(loadHistory(storage)).toHaveLength(500);
  });
});

describe('persisted call history on the next page’s clock', () => {
  /** A glass-box call whose bridge and server stamps sit between its page stamps. */
  function recordedCall() {
    const store = createCallsStore();
    store.getState().add([newCall(1)]);
    const bridge = (pageMs: number) => pageMs + CLOCK.offsetMs;
    store.getState().written(['c1'], bridge(2));
    store.getState().serverSteps([
      [
        'c1',
        {
          received: bridge(2.5),
          decoded: bridge(2.6),
          invoked: bridge(2.7),
          returned: bridge(2.8),
          encoded: bridge(2.9),
          written: bridge(3),
        },
      ],
    ]);
    store.getState().answerAll([
      [
        'c1',
        {
          stamps: {
            firstReadAt: bridge(3.5),
            lastReadAt: bridge(3.6),
            replyBytes: 30,
            decodedAt: 4,
            deliveredAt: 4.5,
          },
          replyOrder: 1,
          resultText: '2',
          error: null,
          errorClass: null,
        },
      ],
    ]);
    return store.getState().calls[0] as Call;
  }

  it('shows a reloaded call’s twelve steps where they were, whatever the next page’s estimate', () => {
    const storage = memoryStorage();
    const call = recordedCall();
    saveHistory(storage, [call], CLOCK);
    const [loaded] = loadHistory(storage);
    const before = callStepTimes(call, CLOCK);
    // The next page's clock started 20 s later, or it has no bridge at all.
    for (const next of [{ ...CLOCK, offsetMs: CLOCK.offsetMs + 20_000 }, null]) {
      expect(callStepTimes(loaded as Call, next)).toEqual(before);
    }
    expect(before.every((time) => time.at !== null && !time.clamped)).toBe(true);
  });

  it('keeps a restored call’s own estimate when the next page saves it again', () => {
    const storage = memoryStorage();
    saveHistory(storage, [recordedCall()], CLOCK);
    saveHistory(storage, loadHistory(storage), { ...CLOCK, offsetMs: 1 });
    expect(loadHistory(storage)[0]?.clock).toEqual(CLOCK);
  });

  it('stores no estimate for a page that never had one', () => {
    const storage = memoryStorage();
    saveHistory(storage, [recordedCall()], null);
    expect(loadHistory(storage)[0]?.clock).toBeUndefined();
  });
});
