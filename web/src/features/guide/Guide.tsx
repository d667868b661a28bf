import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import { useSharedCallTally } from '../call-list/use-call-tally';
import { GUIDE_TASKS, guideProgress } from './guide-tasks';
import './guide.css';

/**
 * The guided first run: one line above the Steps view saying what to do next,
 * which moves on as the person does it. On for a first visit; "Hide guide"
 * (or the header's Guide toggle) leaves the page to engineers who need none.
 */
export function Guide() {
  const t = useMessages();
  const { calls, connection, guide, playback } = useApp();
  const shown = useStore(guide, (s) => s.shown);
  const seen = useStore(guide, (s) => s.seen);
  const connected = useStore(connection, (s) => s.targetStatus === 'connected');
  const step = useStore(playback, (s) => s.step);
  const selected = useStore(calls, (s) => s.selectedKey !== null);
  const list = useStore(calls, (s) => s.calls);
  const { sent, outOfOrder } = useSharedCallTally()(list);

  useEffect(() => {
    if (selected && step === 12) guide.getState().mark('stepped-through');
  }, [guide, selected, step]);

  if (!shown) return null;
  const { current } = guideProgress({ connected, sent, outOfOrder, seen });
  return (
    <section className="guide" aria-label={t.guide}>
      <p>
        {current === null ? (
          t.guideDone
        ) : (
          <>
            <strong>{t.guideOf(GUIDE_TASKS.indexOf(current) + 1, GUIDE_TASKS.length)}</strong>{' '}
            {t.guideTask[current]}
          </>
        )}
      </p>
      <button type="button" className="button" onClick={() => guide.getState().setShown(false)}>
        {t.hideGuide}
      </button>
    </section>
  );
}

/** Shows or hides the guide; the header keeps it for whoever hid the guide and wants it back. */
export function GuideToggle() {
  const t = useMessages();
  const { guide } = useApp();
  const shown = useStore(guide, (s) => s.shown);
  return (
    <button
      type="button"
      className="button"
      aria-pressed={shown}
      onClick={() => guide.getState().setShown(!shown)}
    >
      {t.guide}
    </button>
  );
}
