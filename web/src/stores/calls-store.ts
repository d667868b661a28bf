import { createStore } from 'zustand/vanilla';
import type { GoErrorClass } from '../../../shared/jsonrpc/go-dialect';

export type CallStatus = 'pending' | 'answered' | 'error' | 'failed';
export type ErrorClass = GoErrorClass;

export type Call = {
  key: string;
  conn: number;
  method: string;
  idText: string;
  canonicalId: string;
  requestText: string;
  status: CallStatus;
  /** Page clock (performance.now), when the stub handed the bytes to the bridge client. */
  sentAt: number;
  answeredAt: number | null;
  /** Bridge clock (epoch ms): the bridge wrote the request to TCP (step 3). */
  writtenAt: number | null;
  /** Bridge clock (epoch ms): the TCP chunk that completed the reply was read (step 10). */
  readAt: number | null;
  durationMs: number | null;
  /** 1 for the first call answered on its connection, 2 for the next… shows out-of-order replies. */
  replyOrder: number | null;
  resultText: string | null;
  error: string | null;
  errorClass: ErrorClass | null;
  failure: string | null;
  /** Set when another call with the same id was in flight when this one was sent. */
  duplicateWarning: string | null;
};

export type NewCall = Pick<
  Call,
  | 'key'
  | 'conn'
  | 'method'
  | 'idText'
  | 'canonicalId'
  | 'requestText'
  | 'sentAt'
  | 'duplicateWarning'
>;

/** Bytes from the server that no pending call can own: an unknown id, a late reply, or a framing error. */
export type StrayReply = {
  conn: number;
  kind: 'unmatched' | 'late' | 'undecodable' | 'framing-error';
  text: string;
  reason: string;
  at: number;
};

export type Answer = {
  answeredAt: number;
  readAt: number;
  replyOrder: number;
  resultText: string | null;
  error: string | null;
  errorClass: ErrorClass | null;
};

export type CallsState = {
  /** Append-only: a call keeps its index for the life of the page. */
  calls: Call[];
  selectedKey: string | null;
  strays: StrayReply[];

  add(calls: NewCall[]): void;
  written(keys: string[], at: number): void;
  answer(key: string, answer: Answer): void;
  fail(keys: string[], reason: string): void;
  stray(reply: StrayReply): void;
  select(key: string | null): void;
};

export type CallsStore = ReturnType<typeof createCallsStore>;

export function createCallsStore() {
  // A burst of 1000 brings 2000 events (acks and replies); each must cost a
  // lookup and one array copy, not a scan of every call ever sent.
  const indexByKey = new Map<string, number>();

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
    selectedKey: null,
    strays: [],

    add: (added) =>
      set((state) => {
        const calls = state.calls.concat(
          added.map(
            (call): Call => ({
              ...call,
              status: 'pending',
              answeredAt: null,
              writtenAt: null,
              readAt: null,
              durationMs: null,
              replyOrder: null,
              resultText: null,
              error: null,
              errorClass: null,
              failure: null,
            }),
          ),
        );
        for (const [i, call] of added.entries()) indexByKey.set(call.key, state.calls.length + i);
        return { calls, selectedKey: added.at(-1)?.key ?? state.selectedKey };
      }),
    written: (keys, at) =>
      set((state) => ({
        calls: updateCalls(state.calls, keys, (call) => ({ ...call, writtenAt: at })),
      })),
    answer: (key, answer) =>
      set((state) => ({
        calls: updateCalls(state.calls, [key], (call) => ({
          ...call,
          ...answer,
          status: answer.error === null ? 'answered' : 'error',
          durationMs: answer.answeredAt - call.sentAt,
        })),
      })),
    fail: (keys, reason) =>
      set((state) => ({
        calls: updateCalls(state.calls, keys, (call) =>
          call.status === 'pending' ? { ...call, status: 'failed', failure: reason } : call,
        ),
      })),
    stray: (reply) => set((state) => ({ strays: [...state.strays, reply] })),
    select: (selectedKey) => set({ selectedKey }),
  }));

  return Object.assign(store, {
    /** The selected call without a scan, for a selector that runs on every change. */
    selectedCall: (state: CallsState): Call | null => {
      const index = state.selectedKey === null ? undefined : indexByKey.get(state.selectedKey);
      return index === undefined ? null : (state.calls[index] ?? null);
    },
  });
}
