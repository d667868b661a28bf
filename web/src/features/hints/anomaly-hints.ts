import type { FailureCause, StrayKind } from '../../stores/calls-store';
import type { CallTally } from '../call-list/call-tally';

/**
 * What went wrong on the wire, weighed: one hint per kind of anomaly with how
 * often it happened and the newest call it touched, so a flood of thousands
 * is one line, not thousands. `error`: something broke (the server went away,
 * bytes that cannot be read); `warning`: the protocol was bent or a call went
 * unanswered (an unknown, late or duplicate id, a timeout); `note`: the person
 * or the page ended it.
 */
export type Severity = 'error' | 'warning' | 'note';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

export type HintKind = FailureCause | 'unknown-failure' | 'duplicate-id' | StrayKind;

export type Hint = {
  kind: HintKind;
  severity: Severity;
  count: number;
  /** The newest call this hint is about; null for replies that no call owns (see Stray replies). */
  callKey: string | null;
};

export const SEVERITY_OF: Readonly<Record<HintKind, Severity>> = {
  'server-closed': 'error',
  reset: 'error',
  'connection-error': 'error',
  'bridge-lost': 'error',
  unreadable: 'error',
  undecodable: 'error',
  'framing-error': 'error',
  timeout: 'warning',
  'not-sent': 'warning',
  'unknown-failure': 'warning',
  'duplicate-id': 'warning',
  unmatched: 'warning',
  late: 'warning',
  'notification-answer': 'warning',
  'page-closed': 'note',
  'page-gone': 'note',
};

/** Every anomaly the tally and the stray counts show: errors first, then the most frequent. */
export function anomalyHints(
  tally: Pick<CallTally, 'failed' | 'duplicates'>,
  strayCounts: Readonly<Record<StrayKind, number>>,
): Hint[] {
  const hints: Hint[] = [];
  const add = (kind: HintKind, count: number, callKey: string | null) => {
    if (count > 0) hints.push({ kind, severity: SEVERITY_OF[kind], count, callKey });
  };
  for (const [cause, { count, lastKey }] of tally.failed)
    add(cause === 'unknown' ? 'unknown-failure' : cause, count, lastKey);
  if (tally.duplicates) add('duplicate-id', tally.duplicates.count, tally.duplicates.lastKey);
  for (const [kind, count] of Object.entries(strayCounts) as Array<[StrayKind, number]>)
    add(kind, count, null);
  const rank = (hint: Hint) => SEVERITIES.indexOf(hint.severity);
  return hints.sort((a, b) => rank(a) - rank(b) || b.count - a.count);
}
