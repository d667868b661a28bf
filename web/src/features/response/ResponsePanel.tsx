import { useStore } from 'zustand';
import { prettyExact } from '../../../../shared/json/exact-json';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import { bridgeDurationMs, type Call, pageDurationMs } from '../../stores/calls-store';
import { formatDuration } from '../call-list/call-summary';

/** Pretty-prints without losing digits; text that is not JSON is shown as it came. */
function prettyOrRaw(text: string): string {
  try {
    return prettyExact(text);
  } catch {
    return text;
  }
}

function ranText(ran: boolean): string {
  return ran
    ? 'yes: the method ran and returned this error'
    : 'no: the server refused the call before running the method';
}

function Outcome({ call }: { call: Call }) {
  const t = useMessages();
  if (call.status === 'pending') return <p className="outcome pending">{t.waiting}</p>;
  if (call.status === 'failed') {
    return (
      <section className="outcome failed" aria-label={t.failure}>
        <h3>{t.failed}</h3>
        <p>{call.failure}</p>
      </section>
    );
  }
  if (call.status === 'error') {
    return (
      <section className="outcome error" aria-label={t.error}>
        <h3>{t.error}</h3>
        <pre className="code">{call.error}</pre>
        {call.errorClass && (
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{call.errorClass.kind}</dd>
            <dt>Method ran</dt>
            <dd>{ranText(call.errorClass.ran)}</dd>
            <dt>Why</dt>
            <dd>{call.errorClass.explanation}</dd>
          </dl>
        )}
      </section>
    );
  }
  return (
    <section className="outcome answered" aria-label={t.result}>
      <h3>{t.result}</h3>
      <pre className="code">{prettyOrRaw(call.resultText ?? 'null')}</pre>
    </section>
  );
}

/** Both measured durations, each on one clock, so no offset is involved. */
function Durations({ call }: { call: Call }) {
  const page = pageDurationMs(call);
  const bridge = bridgeDurationMs(call);
  return (
    <>
      {page === null ? '—' : `${formatDuration(page)} in the page`}
      {bridge === null ? '' : `, ${formatDuration(bridge)} from write to reply at the bridge`}
    </>
  );
}

export function ResponsePanel() {
  const t = useMessages();
  const { calls } = useApp();
  const call = useStore(calls, calls.selectedCall);

  return (
    <section className="panel response" aria-label={t.response}>
      <div className="panel-head">
        <h2 className="panel-title">{t.response}</h2>
        {call && <span className="panel-note">{formatDuration(pageDurationMs(call))}</span>}
      </div>
      {call === null ? (
        <p className="empty">{t.responseEmpty}</p>
      ) : (
        <div className="response-body">
          <dl className="facts">
            <dt>{t.method}</dt>
            <dd>{call.method}</dd>
            <dt>{t.id}</dt>
            <dd>{call.idText}</dd>
            <dt>{t.status}</dt>
            <dd>{call.status}</dd>
            <dt>{t.duration}</dt>
            <dd>
              <Durations call={call} />
            </dd>
          </dl>
          {call.duplicateWarning && <p className="warning">{call.duplicateWarning}</p>}
          <Outcome call={call} />
          <h3>{t.requestAsSent}</h3>
          <pre className="code">{call.requestText}</pre>
        </div>
      )}
    </section>
  );
}
