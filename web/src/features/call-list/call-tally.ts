import type { Call, CallStatus, FailureCause } from '../../stores/calls-store';

/** How many calls share something, and the newest of them (the one a hint shows). */
export type Instances = { count: number; lastKey: string };

/** What the list header and the id-matching lab count over every call. */
export type CallTally = {
  sent: number;
  /** In the order statuses first appear in the list. */
  byStatus: Map<CallStatus, number>;
  /** Calls with a reply from the server, a result or an error. */
  answered: number;
  /** Answers that came before an earlier-sent call's answer on the same connection. */
  outOfOrder: number;
  /** Per connection, the latest reply order and whether a call is still waiting, among calls counted so far. */
  seen: Map<string, { latestReply: number; waiting: boolean }>;
  /** Failed calls by cause; `unknown` for calls recorded before causes were kept. */
  failed: Map<FailureCause | 'unknown', Instances>;
  /** Calls sent while another call with the same id was in flight. */
  duplicates: Instances | null;
};

export type TallyCalls = (calls: readonly Call[]) => CallTally;

const emptyTally = (): CallTally => ({
  sent: 0,
  byStatus: new Map(),
  answered: 0,
  outOfOrder: 0,
  seen: new Map(),
  failed: new Map(),
  duplicates: null,
});

const copyTally = (tally: CallTally): CallTally => ({
  ...tally,
  byStatus: new Map(tally.byStatus),
  seen: new Map([...tally.seen].map(([group, state]) => [group, { ...state }])),
  failed: new Map([...tally.failed].map(([cause, instances]) => [cause, { ...instances }])),
  duplicates: tally.duplicates && { ...tally.duplicates },
});

const oneMore = (instances: Instances | undefined | null, key: string): Instances => ({
  count: (instances?.count ?? 0) + 1,
  lastKey: key,
});

/**
 * Counts one more call, the next in send order. An answer is out of order
 * when an earlier call on its connection was answered after it, or is still
 * waiting (it has been overtaken either way; the sequence diagram counts the
 * same). A call that failed without an answer overtakes nothing.
 */
function countCall(tally: CallTally, call: Call): void {
  tally.sent += 1;
  tally.byStatus.set(call.status, (tally.byStatus.get(call.status) ?? 0) + 1);
  const group = connectionOf(call);
  let before = tally.seen.get(group);
  if (!before) {
    before = { latestReply: 0, waiting: false };
    tally.seen.set(group, before);
  }
  if (call.replyOrder !== null) {
    tally.answered += 1;
    if (before.waiting || before.latestReply > call.replyOrder) tally.outOfOrder += 1;
    before.latestReply = Math.max(before.latestReply, call.replyOrder);
  }
  if (call.status === 'pending') before.waiting = true;
  if (call.status === 'failed') {
    const cause = call.failureCause ?? 'unknown';
    tally.failed.set(cause, oneMore(tally.failed.get(cause), call.key));
  }
  if (call.duplicateWarning !== null) tally.duplicates = oneMore(tally.duplicates, call.key);
}

/** One pass over the list. */
export function tallyCalls(calls: readonly Call[]): CallTally {
  const tally = emptyTally();
  for (const call of calls) countCall(tally, call);
  return tally;
}

/**
 * tallyCalls for a list that changes by copies (calls-store.ts): a call's
 * counts depend only on it and the calls before it, so the tally up to the
 * first call still pending is kept, and the next list resumes from there
 * when it still holds the very same call objects up to that point (a check
 * by reference, far cheaper than counting). During a burst the pending calls
 * are the newest few hundred, so each count covers those, not all 10,000.
 */
export function createCallTally(): TallyCalls {
  let kept: { calls: readonly Call[]; upTo: number; tally: CallTally } | null = null;
  let last: { calls: readonly Call[]; tally: CallTally } | null = null;
  return (calls) => {
    if (last?.calls === calls) return last.tally;
    let from = 0;
    let tally = emptyTally();
    if (kept && kept.upTo <= calls.length && samePrefix(kept.calls, calls, kept.upTo)) {
      from = kept.upTo;
      tally = copyTally(kept.tally);
    }
    let keep: typeof kept = null;
    for (let i = from; i < calls.length; i++) {
      const call = calls[i] as Call;
      if (keep === null && call.status === 'pending')
        keep = { calls, upTo: i, tally: copyTally(tally) };
      countCall(tally, call);
    }
    kept = keep ?? { calls, upTo: calls.length, tally: copyTally(tally) };
    last = { calls, tally };
    return tally;
  };
}

function samePrefix(a: readonly Call[], b: readonly Call[], length: number): boolean {
  if (a === b) return true;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Connection numbers restart with each page load, and calls restored from an
 * earlier load carry keys `h…` (persist-history.ts): keep their connections apart.
 */
function connectionOf(call: Call): string {
  return `${call.key.startsWith('h') ? 'earlier' : 'now'}:${call.conn}`;
}
