import { createStore } from 'zustand/vanilla';
import type { GoErrorClass } from '../../../shared/jsonrpc/go-errors';
import type { CallStamps, ClockEstimate, ServerStamps } from '../../../shared/steps/call-stamps';
import type { DialectHint, ErrorObject } from '../client-stub/dialects';

/** `notified`: a notification the bridge wrote; no answer is expected. */
export const CALL_STATUSES = ['pending', 'answered', 'error', 'failed', 'notified'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/**
 * Why a call failed, as a fact the page can weigh and word (anomaly hints):
 * `server-closed`, `reset`, `connection-error`: the TCP connection ended
 * under it (FIN, RST, another socket error); `bridge-lost`: the page lost the
 * bridge; `page-closed`: the person closed the connection; `page-gone`: the
 * page was reloaded or its session exported while it was in flight;
 * `unreadable`: its reply came but could not be read; `timeout`: no answer
 * in time; `not-sent`: the bridge was not there to write it.
 */
export const FAILURE_CAUSES = [
  'server-closed',
  'reset',
  'connection-error',
  'bridge-lost',
  'page-closed',
  'page-gone',
  'unreadable',
  'timeout',
  'not-sent',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];
export type ErrorClass = GoErrorClass;

export type Call = {
  key: string;
  conn: number;
  method: string;
  idText: string;
  canonicalId: string;
  /** The request as written to the wire: a whole batch, with any framing's headers. */
  requestText: string;
  /** This call's own "params" as sent, which the caller passed (step 1); null without one. */
  paramsText: string | null;
  status: CallStatus;
  /** Every time recorded for this call, each on its own clock; shared/steps/step-timeline.ts reads them. */
  stamps: CallStamps;
  /** 1 for the first call answered on its connection, 2 for the next… shows out-of-order replies. */
  replyOrder: number | null;
  resultText: string | null;
  error: string | null;
  errorClass: ErrorClass | null;
  /** A JSON-RPC 2.0 error object (code, message, data, the code explained); absent for Go's dialect. */
  errorObject?: ErrorObject | null;
  failure: string | null;
  /** Why it failed; absent for calls recorded before causes were kept. */
  failureCause?: FailureCause;
  /** The dialect its silence suggests trying (a protocol mismatch never gets a reply). */
  failureHint?: DialectHint;
  /** Set when another call with the same id was in flight when this one was sent. */
  duplicateWarning: string | null;
  /** A JSON-RPC 2.0 notification: it has no id and the server sends no answer. */
  notification?: boolean;
  /**
   * The bridge clock estimate of the page that recorded this call, against
   * that page's clock, which its page stamps are on too (call-clock.ts);
   * absent for this page's own calls, which use the page's current estimate.
   */
  clock?: ClockEstimate;
};

export type NewCall = Pick<
  Call,
  | 'key'
  | 'conn'
  | 'method'
  | 'idText'
  | 'canonicalId'
  | 'requestText'
  | 'paramsText'
  | 'duplicateWarning'
  | 'notification'
> & { stamps: Pick<CallStamps, 'invokedAt' | 'marshalledAt' | 'requestBytes'> };

/** Bytes from the server that no pending call can own: an unknown id, a late reply, or a framing error. */
export type StrayReply = {
  conn: number;
  /** `notification-answer`: a reply to a JSON-RPC 2.0 notification, which must get none. */
  kind: 'unmatched' | 'notification-answer' | 'late' | 'undecodable' | 'framing-error';
  text: string;
  reason: string;
  at: number;
};

export type StrayKind = StrayReply['kind'];
export const STRAY_KINDS: readonly StrayKind[] = [
  'unmatched',
  'notification-answer',
  'late',
  'undecodable',
  'framing-error',
];

/**
 * The newest stray replies the page keeps. They come from the server, not the
 * person: one that pushes lines nobody asked for would otherwise grow the
 * page without end. `strayCounts` still counts every one.
 */
export const MAX_KEPT_STRAYS = 1_000;

/**
 * The most calls the page holds. Bursts of 10,000 add up: every call costs a
 * few KB, and the list, the diagram and the tallies walk them all on every
 * update, so each burst on a fuller page took longer tasks (docs/benchmarks.md).
 * Past the cap the oldest settled calls are forgotten and counted; a pending
 * call stays, as its answer may still come. What is left after forgetting
 * still holds the largest burst whole (BURST_MAX, composer-store.ts), unless
 * older calls are still pending.
 */
export const MAX_KEPT_CALLS = 12_000;
/** Past the cap, forget down to this share of it at once, so forgetting (and re-indexing) is rare. */
export const KEEP_AFTER_FORGET = 0.9;

const noStrays = (): Record<StrayKind, number> =>
  Object.fromEntries(STRAY_KINDS.map((kind) => [kind, 0])) as Record<StrayKind, number>;

export type Answer = {
  /** Steps 10–12 of the reply. */
  stamps: Pick<
    CallStamps,
    'firstReadAt' | 'lastReadAt' | 'replyBytes' | 'decodedAt' | 'deliveredAt'
  >;
  replyOrder: number;
  resultText: string | null;
  error: string | null;
  errorClass: ErrorClass | null;
  errorObject?: ErrorObject | null;
};

/** Which calls the list shows: `text` found in the method or the id (any case), and the status. */
export type CallFilter = { text: string; status: CallStatus | 'all' };

export const NO_CALL_FILTER: CallFilter = { text: '', status: 'all' };

export type CallsState = {
  /** Oldest first; new calls are appended, the oldest settled ones forgotten past MAX_KEPT_CALLS. */
  calls: Call[];
  /** Settled calls forgotten since the page loaded, to hold at most MAX_KEPT_CALLS. */
  forgottenCalls: number;
  selectedKey: string | null;
  /** The newest MAX_KEPT_STRAYS stray replies, oldest first. */
  strays: StrayReply[];
  /** Every stray reply since the page loaded, kept or not, by kind. */
  strayCounts: Readonly<Record<StrayKind, number>>;
  /** The call list's filter; every other view shows every call. */
  filter: CallFilter;

  /** Selects the newest added call unless `select` is false (a burst's slices before its last). */
  add(calls: NewCall[], select?: boolean): void;
  /** Step 3: the bridge acknowledged writing the request (bridge clock); a notification is then done. */
  written(keys: string[], at: number): void;
  /** Steps 4–9 as the glass-box demo server reported them, many calls in one update. */
  serverSteps(reports: ReadonlyArray<readonly [key: string, stamps: ServerStamps]>): void;
  /** Answers in one update: a read chunk can carry hundreds, and each update copies the list. */
  answerAll(answers: ReadonlyArray<readonly [key: string, answer: Answer]>): void;
  fail(keys: string[], reason: string, cause: FailureCause, hint?: DialectHint | null): void;
  /** Stray replies in one update: a read chunk of a flooding server carries thousands. */
  strayAll(replies: readonly StrayReply[]): void;
  select(key: string | null): void;
  setFilter(filter: CallFilter): void;
  /** Puts calls of earlier page loads (persist-history.ts) before this page's own, at start-up. */
  restore(calls: Call[]): void;
  /** Replaces everything recorded with a session's record (session/open-session.ts), its newest call selected. */
  replaceRecord(record: CallsRecord): void;
};

/** What the calls store records, as a session file carries it. */
export type CallsRecord = Pick<CallsState, 'calls' | 'forgottenCalls' | 'strays' | 'strayCounts'>;

export type CallsStore = ReturnType<typeof createCallsStore>;

/** Every stray reply the page has counted, kept in the list or not. */
export function strayTotal(counts: Readonly<Record<StrayKind, number>>): number {
  return STRAY_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
}

/** Step 1 → step 12 on the page clock, or null until the result was delivered. */
export function pageDurationMs(call: Call): number | null {
  const { invokedAt, deliveredAt } = call.stamps;
  return deliveredAt === null ? null : deliveredAt - invokedAt;
}

/** Step 3 → the last byte of the reply read, both at the bridge; null until both happened. */
export function bridgeDurationMs(call: Call): number | null {
  const { writtenAt, lastReadAt } = call.stamps;
  return writtenAt === null || lastReadAt === null ? null : lastReadAt - writtenAt;
}

/** A call as `add` stores it: pending, with nothing recorded past its page stamps. */
export function pendingCall(call: NewCall): Call {
  return {
    ...call,
    stamps: {
      ...call.stamps,
      writtenAt: null,
      server: null,
      firstReadAt: null,
      lastReadAt: null,
      replyBytes: null,
      decodedAt: null,
      deliveredAt: null,
    },
    status: 'pending',
    replyOrder: null,
    resultText: null,
    error: null,
    errorClass: null,
    failure: null,
  };
}

/** The calls left after forgetting the oldest settled ones down to KEEP_AFTER_FORGET of the cap. */
function forgetOldest(calls: Call[]): Call[] {
  const excess = calls.length - Math.floor(MAX_KEPT_CALLS * KEEP_AFTER_FORGET);
  let forgotten = 0;
  return calls.filter((call) => {
    if (forgotten >= excess || call.status === 'pending') return true;
    forgotten += 1;
    return false;
  });
}

export function createCallsStore() {
  // A burst of 1000 brings 2000 events (acks and replies); each must cost a
  // lookup and one array copy, not a scan of every call ever sent.
  const indexByKey = new Map<string, number>();
  const reindex = (calls: readonly Call[]) => {
    indexByKey.clear();
    for (const [i, call] of calls.entries()) indexByKey.set(call.key, i);
  };

  const updateCalls = (calls: Call[], keys: Iterable<string>, change: (call: Call) => Call) => {
    let next: Call[] | null = null;
    for (const key of keys) {
      const index = indexByKey.get(key);
      const call = index === undefined ? undefined : calls[index];
      if (index === undefined || !call) continue;
      next ??= calls.slice();
      next[index] = change(call);
    }
    return next ?? calls;
  };

  const store = createStore<CallsState>()((set) => ({
    calls: [],
    forgottenCalls: 0,
    selectedKey: null,
    strays: [],
    strayCounts: noStrays(),
    filter: NO_CALL_FILTER,

    add: (added, select = true) =>
      set((state) => {
        const all = state.calls.concat(added.map(pendingCall));
        const selectedKey = (select ? added.at(-1)?.key : undefined) ?? state.selectedKey;
        const calls = all.length > MAX_KEPT_CALLS ? forgetOldest(all) : all;
        if (calls.length === all.length) {
          for (const [i, call] of added.entries()) indexByKey.set(call.key, state.calls.length + i);
          return { calls: all, selectedKey };
        }
        reindex(calls);
        return {
          calls,
          forgottenCalls: state.forgottenCalls + all.length - calls.length,
          selectedKey: selectedKey !== null && indexByKey.has(selectedKey) ? selectedKey : null,
        };
      }),
    written: (keys, at) =>
      set((state) => ({
        calls: updateCalls(state.calls, keys, (call) => ({
          ...call,
          stamps: { ...call.stamps, writtenAt: at },
          ...(call.notification && call.status === 'pending'
            ? { status: 'notified' as const }
            : {}),
        })),
      })),
    serverSteps: (reports) => {
      if (reports.length === 0) return;
      const byKey = new Map(reports);
      set((state) => ({
        calls: updateCalls(state.calls, byKey.keys(), (call) => ({
          ...call,
          stamps: { ...call.stamps, server: byKey.get(call.key) as ServerStamps },
        })),
      }));
    },
    answerAll: (answers) => {
      if (answers.length === 0) return;
      const byKey = new Map(answers);
      set((state) => ({
        calls: updateCalls(state.calls, byKey.keys(), (call) => {
          const answer = byKey.get(call.key) as Answer;
          return {
            ...call,
            ...answer,
            stamps: { ...call.stamps, ...answer.stamps },
            status: answer.error === null ? 'answered' : 'error',
          };
        }),
      }));
    },
    fail: (keys, reason, cause, hint) =>
      set((state) => ({
        calls: updateCalls(state.calls, keys, (call) =>
          call.status === 'pending'
            ? {
                ...call,
                status: 'failed',
                failure: reason,
                failureCause: cause,
                ...(hint ? { failureHint: hint } : {}),
              }
            : call,
        ),
      })),
    strayAll: (replies) => {
      if (replies.length === 0) return;
      set((state) => {
        const strayCounts = { ...state.strayCounts };
        for (const reply of replies) strayCounts[reply.kind] += 1;
        const kept = state.strays.concat(replies);
        return {
          strays: kept.length > MAX_KEPT_STRAYS ? kept.slice(-MAX_KEPT_STRAYS) : kept,
          strayCounts,
        };
      });
    },
    select: (selectedKey) => set({ selectedKey }),
    setFilter: (filter) => set({ filter }),
    restore: (restored) =>
      set((state) => {
        const calls = restored.concat(state.calls);
        reindex(calls);
        return { calls, selectedKey: state.selectedKey ?? restored.at(-1)?.key ?? null };
      }),
    replaceRecord: (record) =>
      set(() => {
        reindex(record.calls);
        return {
          ...record,
          selectedKey: record.calls.at(-1)?.key ?? null,
          filter: NO_CALL_FILTER,
        };
      }),
  }));

  return Object.assign(store, {
    /** The selected call without a scan, for a selector that runs on every change. */
    selectedCall: (state: CallsState): Call | null => {
      const index = state.selectedKey === null ? undefined : indexByKey.get(state.selectedKey);
      return index === undefined ? null : (state.calls[index] ?? null);
    },
  });
}
