import { useId, useMemo } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import { useSharedCallTally } from '../call-list/use-call-tally';
import { anomalyHints, type Hint } from './anomaly-hints';
import '../id-lab/lab.css';
import './hints.css';

/**
 * Anomalies as hints with a severity, under the lab's counts: unmatched,
 * duplicate or late ids, frames that cannot be read, timeouts, a server or
 * bridge gone. Each hint about calls selects the newest of them.
 */
export function Hints() {
  const t = useMessages();
  const { calls } = useApp();
  const list = useStore(calls, (s) => s.calls);
  const strayCounts = useStore(calls, (s) => s.strayCounts);
  const tally = useSharedCallTally();
  const hints = useMemo(() => anomalyHints(tally(list), strayCounts), [list, strayCounts, tally]);
  if (hints.length === 0) return null;
  return (
    <ul className="lab-strip hints" aria-label={t.hints}>
      {hints.map((hint) => (
        <HintItem key={hint.kind} hint={hint} />
      ))}
    </ul>
  );
}

function HintItem({ hint }: { hint: Hint }) {
  const t = useMessages();
  const { calls } = useApp();
  const textId = useId();
  const { callKey } = hint;
  return (
    <li className={`hint hint-${hint.severity}`}>
      <span className="hint-severity">{t.severityName[hint.severity]}</span>{' '}
      <span id={textId}>
        {t.hintText[hint.kind](hint.count)}
        {callKey === null ? ` (${t.hintSeeStrays})` : ''}
      </span>{' '}
      {callKey !== null && (
        <button
          type="button"
          className="hint-show"
          aria-describedby={textId}
          onClick={() => calls.getState().select(callKey)}
        >
          {t.showLatest}
        </button>
      )}
    </li>
  );
}
