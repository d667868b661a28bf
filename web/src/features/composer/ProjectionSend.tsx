import { useId } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import { useSend } from './use-send';

/**
 * Projection mode hides the composer, and a class still needs the next call:
 * Send and Send burst of the request in the editor, with the reason when they
 * cannot, in the Steps view's head beside the prediction they answer.
 */
export function ProjectionSend() {
  const { settings } = useApp();
  const projection = useStore(settings, (s) => s.projection);
  return projection ? <SendButtons /> : null;
}

function SendButtons() {
  const t = useMessages();
  const { composer, stub } = useApp();
  const burstSize = useStore(composer, (s) => s.burstSize);
  const burstRunning = useStore(composer, (s) => s.burstRun !== null);
  const { blocker, reason, send, sendBurst } = useSend();
  const reasonId = useId();

  return (
    <fieldset className="projection-send" aria-label={t.sendFromProjection}>
      <button
        type="button"
        className="button primary"
        disabled={blocker !== null}
        aria-describedby={reasonId}
        onClick={send}
      >
        {t.send}
      </button>
      {burstRunning ? (
        <button type="button" className="button" onClick={() => stub.stopBurst()}>
          {t.stopBurst}
        </button>
      ) : (
        <button
          type="button"
          className="button"
          disabled={blocker !== null}
          aria-describedby={reasonId}
          onClick={() => sendBurst(burstSize)}
        >
          {t.sendBurstOf(burstSize)}
        </button>
      )}
      <span id={reasonId} className="panel-note projection-send-reason">
        {reason}
      </span>
    </fieldset>
  );
}
