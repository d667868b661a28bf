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

function updateCalls(
  calls: Call[],
  keys: ReadonlySet<string>,
  change: (call: Call) => Call,
): Call[] {
  let changed = false;
  const next = calls.map((call) => {
    if (!keys.has(call.key)) return call;
    changed = true;
    return change(call);
  });
  return changed ? next : calls;
}

export function createCallsStore() {
  return createStore<CallsState>()((set) => ({
    calls: [],
    selectedKey: null,
    strays: [],

    add: (added) =>
      set((state) => ({
        calls: [
          ...state.calls,
          ...added.map(
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
        ],
        selectedKey: added.at(-1)?.key ?? state.selectedKey,
      })),
    written: (keys, at) =>
      set((state) => ({
        calls: updateCalls(state.calls, new Set(keys), (call) => ({ ...call, writtenAt: at })),
      })),
    answer: (key, answer) =>
      set((state) => ({
        calls: updateCalls(state.calls, new Set([key]), (call) => ({
          ...call,
          ...answer,
          status: answer.error === null ? 'answered' : 'error',
          durationMs: answer.answeredAt - call.sentAt,
        })),
      })),
    fail: (keys, reason) =>
      set((state) => ({
        calls: updateCalls(state.calls, new Set(keys), (call) =>
          call.status === 'pending' ? { ...call, status: 'failed', failure: reason } : call,
        ),
      })),
    stray: (reply) => set((state) => ({ strays: [...state.strays, reply] })),
    select: (selectedKey) => set({ selectedKey }),
  }));
}
