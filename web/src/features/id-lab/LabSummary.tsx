import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import type { StrayKind } from '../../stores/calls-store';
import { labCounts } from '../call-list/call-summary';
import { useSharedCallTally } from '../call-list/use-call-tally';
import './lab.css';

/**
 * The id-matching lab's counts, above the call list so they stay in view
 * while a burst scrolls its rows away: sent, answered, out of order,
 * unmatched (with each reason), failed.
 */
export function LabSummary() {
  const t = useMessages();
  const { calls } = useApp();
  const list = useStore(calls, (s) => s.calls);
  const strayCounts = useStore(calls, (s) => s.strayCounts);
  // Counts only what changed since the last render: a burst re-renders this every frame.
  const tally = useSharedCallTally();
  const counts = useMemo(() => labCounts(list, strayCounts, tally), [list, strayCounts, tally]);
  const reasons = (Object.entries(counts.unmatchedByKind) as Array<[StrayKind, number]>)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${t.strayReason[kind]}`)
    .join(', ');
  return (
    <ul className="lab-strip lab-counts" aria-label={t.labCounts}>
      <li>{t.labCount(counts.sent, t.labSent)}</li>
      <li>{t.labCount(counts.answered, t.labAnswered)}</li>
      <li>{t.labCount(counts.outOfOrder, t.labOutOfOrder)}</li>
      <li>
        {t.labCount(counts.unmatched, t.labUnmatched)}
        {reasons === '' ? '' : `: ${reasons}`}
      </li>
      <li>{t.labCount(counts.failed, t.labFailed)}</li>
    </ul>
  );
}
