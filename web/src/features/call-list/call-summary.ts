import { MESSAGES, type Messages } from '../../i18n/messages';
import {
  type Call,
  type CallStatus,
  pageDurationMs,
  type StrayKind,
  strayTotal,
} from '../../stores/calls-store';
import { type TallyCalls, tallyCalls } from './call-tally';

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
  | 'forgottenCount'
  | 'shownCount'
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

/**
 * "12 sent · 3 pending · 1 failed": how a burst is doing, even when its rows are scrolled away.
 * Calls the page has forgotten count as sent and are named apart, so the parts still add up.
 * `tally` may be one that keeps its work between lists (createCallTally).
 */
export function summariseCalls(
  calls: readonly Call[],
  /** `shown`: how many the list shows through its filter; absent when it shows every call. */
  others: { strays: number; forgotten: number; shown?: number },
  t: CallWords = MESSAGES.en,
  tally: TallyCalls = tallyCalls,
): string {
  const counts = tally(calls);
  const parts = [t.sentCount(counts.sent + others.forgotten)];
  for (const [status, n] of [...counts.byStatus].sort(
    ([a], [b]) => statusRank(a) - statusRank(b),
  )) {
    parts.push(t.statusCount(n, t.callStatus[status]));
  }
  if (others.forgotten > 0) parts.push(t.forgottenCount(others.forgotten));
  if (others.strays > 0) parts.push(t.strayCount(others.strays));
  if (others.shown !== undefined) parts.push(t.shownCount(others.shown));
  return parts.join(' · ');
}

/** Statuses in the order the list header names them; any other comes last. */
const STATUS_ORDER: readonly string[] = ['pending', 'answered', 'error', 'failed'];

function statusRank(status: CallStatus): number {
  const rank = STATUS_ORDER.indexOf(status);
  return rank === -1 ? STATUS_ORDER.length : rank;
}

/** The id-matching lab's counts, over every call in the list and every stray reply. */
export type LabCounts = {
  sent: number;
  /** Calls with a reply from the server, a result or an error. */
  answered: number;
  /** Answers that came before an earlier-sent call's answer on the same connection. */
  outOfOrder: number;
  /** Replies no call could take (the stray list), per reason. */
  unmatched: number;
  unmatchedByKind: Readonly<Record<StrayKind, number>>;
  /** Calls that got no reply: timed out, connection lost, bridge gone. */
  failed: number;
  pending: number;
};

/**
 * Over the list (call-tally.ts says when an answer is out of order) and the
 * stray replies counted. `tally` may be one that keeps its work between lists.
 */
export function labCounts(
  calls: readonly Call[],
  strayCounts: Readonly<Record<StrayKind, number>>,
  tally: TallyCalls = tallyCalls,
): LabCounts {
  const counts = tally(calls);
  return {
    sent: counts.sent,
    answered: counts.answered,
    outOfOrder: counts.outOfOrder,
    unmatched: strayTotal(strayCounts),
    unmatchedByKind: strayCounts,
    failed: counts.byStatus.get('failed') ?? 0,
    pending: counts.byStatus.get('pending') ?? 0,
  };
}
