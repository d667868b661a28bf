import { type FormEvent, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import { predictionOutcome } from './prediction';

/**
 * Something to do, not only to watch: say which id the next reply will
 * carry, then send, and see whether it did. With a Demo.Sleep burst the
 * first reply is the last call sent, which is the point. It sits in the
 * Steps view's head (App.tsx), so it costs the page no line of its own.
 */
export function PredictReply() {
  const t = useMessages();
  const { calls, prediction } = useApp();
  const current = useStore(prediction, (s) => s.prediction);
  const list = useStore(calls, (s) => s.calls);
  const [typed, setTyped] = useState('');
  const outcome = useMemo(
    () => (current === null ? null : predictionOutcome(current, list)),
    [current, list],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    prediction.getState().predict(typed, calls.getState().calls);
  };

  return (
    <section className="predict" aria-label={t.prediction}>
      {current === null || outcome === null ? (
        <form className="predict-form" onSubmit={submit}>
          <label className="field">
            <span className="field-label">{t.predictLabel}</span>
            <input
              className="predict-input"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              spellCheck={false}
            />
          </label>
          <button type="submit" className="button" disabled={typed.trim() === ''}>
            {t.predict}
          </button>
        </form>
      ) : (
        <div
          className={`predict-outcome predict-${outcome.kind === 'waiting' ? 'waiting' : outcome.right ? 'right' : 'wrong'}`}
        >
          <p>
            {outcome.kind === 'waiting'
              ? t.predictionWaiting(current.idText)
              : outcome.right
                ? t.predictionRight(outcome.call.idText, outcome.call.method)
                : t.predictionWrong(current.idText, outcome.call.idText, outcome.call.method)}
          </p>
          <button type="button" className="button" onClick={() => prediction.getState().clear()}>
            {outcome.kind === 'waiting' ? t.cancelPrediction : t.predictAgain}
          </button>
        </div>
      )}
    </section>
  );
}
