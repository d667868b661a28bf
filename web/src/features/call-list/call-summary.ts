import { MESSAGES, type Messages } from '../../i18n/messages';
import {
  type Call,
  type CallStatus,
  pageDurationMs,
  type StrayReply,
} from '../../stores/calls-store';

/** The words a call's summary uses, in the page's language (English when not given). */
export type CallWords = Pick<
  Messages,
  | 'callStatus'
  | 'callId'
  | 'replyOrder'
  | 'duplicateId'
  | 'notificationNote'
  | 'sentCount'
  | 'statusCount'
  | 'strayCount'
>;

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** One line per call: what a listitem's text says, so a screen reader hears the same as the eye. */
export function summariseCall(
  call: Call,
  t: CallWords = MESSAGES.en,
): {
  method: string;
  id: string;
  status: string;
  detail: string;
} {
  const detail = [
    formatDuration(pageDurationMs(call)),
    call.replyOrder === null ? '' : t.replyOrder(call.replyOrder),
    call.duplicateWarning ? t.duplicateId : '',
    call.notification ? t.notificationNote : '',
  ]
    .filter((part) => part !== '')
    .join(' · ');
  return {
    method: call.method,
    id: t.callId(call.idText),
    status: t.callStatus[call.status],
    detail,
  };
}

/** "12 sent · 3 pending · 1 failed": how a burst is doing, even when its rows are scrolled away. */
export function summariseCalls(
  calls: readonly Call[],
  strayCount: number,
  t: CallWords = MESSAGES.en,
): string {
  const counts = new Map<CallStatus, number>();
  for (const call of calls) counts.set(call.status, (counts.get(call.status) ?? 0) + 1);
  const parts = [t.sentCount(calls.length)];
  for (const [status, n] of [...counts].sort(([a], [b]) => statusRank(a) - statusRank(b))) {
    parts.push(t.statusCount(n, t.callStatus[status]));
  }
  if (strayCount > 0) parts.push(t.strayCount(strayCount));
  return parts.join(' · ');
}

/** Statuses in the order the list header names them; any other comes last. */
const STATUS_ORDER: readonly string[] = ['pending', 'answered', 'error', 'failed'];

function statusRank(status: CallStatus): number {
  const rank = STATUS_ORDER.indexOf(status);
  return rank === -1 ? STATUS_ORDER.length : rank;
}

export type StrayKind = StrayReply['kind'];

/** The id-matching lab's counts, over every call in the list and every stray reply. */
export type LabCounts = {
  sent: number;
  /** Calls with a reply from the server, a result or an error. */
  answered: number;
  /** Answers that came before an earlier-sent call's answer on the same connection. */
  outOfOrder: number;
  /** Replies no call could take (the stray list), per reason. */
  unmatched: number;
  unmatchedByKind: Record<StrayKind, number>;
  /** Calls that got no reply: timed out, connection lost, bridge gone. */
  failed: number;
  pending: number;
};

const STRAY_KINDS: readonly StrayKind[] = [
  'unmatched',
  'notification-answer',
  'late',
  'undecodable',
  'framing-error',
];

/**
 * One pass over the list. An answer is out of order when an earlier call on
 * its connection was answered after it, or is still waiting (it has been
 * overtaken either way; the sequence diagram counts the same). A call that
 * failed without an answer overtakes nothing.
 */
export function labCounts(calls: readonly Call[], strays: readonly StrayReply[]): LabCounts {
  let answered = 0;
  let failed = 0;
  let pending = 0;
  let outOfOrder = 0;
  /** Per connection, the latest reply order and whether a call is still waiting, among calls sent so far. */
  const seen = new Map<string, { latestReply: number; waiting: boolean }>();
  for (const call of calls) {
    if (call.status === 'failed') failed += 1;
    if (call.status === 'pending') pending += 1;
    const group = connectionOf(call);
    const before = seen.get(group) ?? { latestReply: 0, waiting: false };
    if (call.replyOrder !== null) {
      answered += 1;
      if (before.waiting || before.latestReply > call.replyOrder) outOfOrder += 1;
    }
    seen.set(group, {
      latestReply: Math.max(before.latestReply, call.replyOrder ?? 0),
      waiting: before.waiting || call.status === 'pending',
    });
  }
  const unmatchedByKind = Object.fromEntries(STRAY_KINDS.map((kind) => [kind, 0])) as Record<
    StrayKind,
    number
  >;
  for (const stray of strays) unmatchedByKind[stray.kind] += 1;
  return {
    sent: calls.length,
    answered,
    outOfOrder,
    unmatched: strays.length,
    unmatchedByKind,
    failed,
    pending,
  };
}

/**
 * Connection numbers restart with each page load, and calls restored from an
 * earlier load carry keys `h…` (persist-history.ts): keep their connections apart.
 */
function connectionOf(call: Call): string {
  return `${call.key.startsWith('h') ? 'earlier' : 'now'}:${call.conn}`;
}
