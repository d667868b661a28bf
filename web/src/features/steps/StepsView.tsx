import { type ReactNode, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { STEP_NUMBERS } from '../../../../shared/steps/call-stamps';
import { describeStep, describeSteps } from '../../../../shared/steps/step-catalogue';
import { inferredSpanMs, isGlassBox } from '../../../../shared/steps/step-timeline';
import { useApp } from '../../app/app-context';
import { useLanguage, useMessages } from '../../i18n/use-messages';
import { callStepTimes } from '../../playback/call-timeline';
import { toPlaybackTimeline } from '../../playback/playhead';
import { callFacts } from './call-facts';
import { PlaybackControls } from './PlaybackControls';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StepDiagram } from './StepDiagram';
import { useReducedMotion } from './use-reduced-motion';
import { useShortcuts } from './use-shortcuts';
import './steps.css';

/**
 * The twelve steps of the selected call: the actors and the message moving
 * between them, the current step in words with its real values and times,
 * and the controls that set the pace.
 */
export function StepsView({ actions, aside }: { actions?: ReactNode; aside?: ReactNode }) {
  const t = useMessages();
  const language = useLanguage();
  const { calls, connection, playback, settings } = useApp();
  const projection = useStore(settings, (s) => s.projection);
  const call = useStore(calls, calls.selectedCall);
  const clock = useStore(connection, (s) => s.clock);
  const { step, position } = useStore(
    playback,
    useShallow((s) => ({ step: s.step, position: s.position })),
  );
  const reducedMotion = useReducedMotion();
  const [helpOpen, setHelpOpen] = useState(false);

  useShortcuts((action) => {
    if (action === 'help') {
      setHelpOpen(true);
      return;
    }
    if (!call) return;
    const state = playback.getState();
    if (action === 'toggle') state.toggle();
    else if (action === 'next') state.next();
    else state.previous();
  });

  const times = useMemo(() => (call ? callStepTimes(call, clock) : null), [call, clock]);
  const timeline = useMemo(
    () => (call && times ? toPlaybackTimeline(times, call.status !== 'pending') : null),
    [call, times],
  );
  const facts = useMemo(() => (call ? callFacts(call) : null), [call]);
  const all = useMemo(
    () => (facts && times ? describeSteps(facts, times, language) : null),
    [facts, times, language],
  );
  const now = facts && times ? describeStep(step, facts, times, language) : null;
  // Drawn once the span is measured: until the reply starts, a glass-box report may still come.
  const blackBox = times !== null && !isGlassBox(times) && inferredSpanMs(times) !== null;

  return (
    <section className="panel steps" aria-labelledby="steps-title">
      <div className="panel-head">
        <h2 className="panel-title" id="steps-title">
          {t.steps}
        </h2>
        {call && <span className="panel-note">{t.callLabel(call.method, call.idText)}</span>}
        {actions}
        {aside && <div className="steps-aside">{aside}</div>}
        <button
          type="button"
          className="button shortcuts-button"
          aria-keyshortcuts="?"
          onClick={() => setHelpOpen(true)}
        >
          {t.showShortcuts}
        </button>
      </div>
      {call === null || now === null || all === null ? (
        <p className="empty">{t.stepsEmpty}</p>
      ) : (
        <div className="steps-body">
          <StepDiagram
            position={reducedMotion ? step : position}
            step={step}
            language={language}
            blackBox={blackBox}
            label={t.diagram(`${step}. ${now.title}`)}
            blackBoxLabel={t.notObservedSpan}
            fit={projection}
          />
          <section className="step-now" aria-label={t.currentStep} aria-live="polite">
            <h3 className="step-title">
              <span className="step-number">{step}</span> {t.stepOf(step)} · {now.title}
            </h3>
            <p className="step-sentence">{now.sentence}</p>
            <p className="step-times">
              <span className={`source-badge source-${now.source}`}>
                <span className="visually-hidden">{t.timeSource}: </span>
                {now.sourceLabel}
              </span>
              {now.sinceStart && (
                <span>
                  {now.sinceStart} {t.fromStart}
                </span>
              )}
              {now.sincePrevious && (
                <span>
                  {now.sincePrevious} {t.fromPrevious}
                </span>
              )}
              {now.uncertainty && (
                <span>
                  {now.uncertainty} {t.clockUncertainty}
                </span>
              )}
              {now.clampedNote && <span>{now.clampedNote}</span>}
            </p>
          </section>
          <ol className="step-list" aria-label={t.allSteps}>
            {STEP_NUMBERS.map((n) => {
              const description = all[n - 1];
              return (
                <li key={n}>
                  <button
                    type="button"
                    className={`step-chip source-${description?.source ?? 'page'}${n === step ? ' current' : ''}${description?.happened ? '' : ' not-yet'}`}
                    aria-current={n === step ? 'step' : undefined}
                    aria-label={t.goToStep(n, description?.title ?? '')}
                    title={description?.title}
                    onClick={() => playback.getState().seek(n)}
                  >
                    {n}
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      )}
      <PlaybackControls timeline={timeline} />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </section>
  );
}
