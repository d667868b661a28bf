import { useStore } from 'zustand';
import { prettyExact } from '../../../../shared/json/exact-json';
import { useApp } from '../../app/app-context';
import type { Call } from '../../stores/calls-store';
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
  if (call.status === 'pending') return <p className="outcome pending">Waiting for the reply…</p>;
  if (call.status === 'failed') {
    return (
      <section className="outcome failed" aria-label="Failure">
        <h3>Failed</h3>
        <p>{call.failure}</p>
      </section>
    );
  }
  if (call.status === 'error') {
    return (
      <section className="outcome error" aria-label="Error">
        <h3>Error</h3>
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
    <section className="outcome answered" aria-label="Result">
      <h3>Result</h3>
      <pre className="code">{prettyOrRaw(call.resultText ?? 'null')}</pre>
    </section>
  );
}

export function ResponsePanel() {
  const { calls } = useApp();
  const call = useStore(calls, calls.selectedCall);

  return (
    <section className="panel response" aria-label="Response">
      <div className="panel-head">
        <h2 className="panel-title">Response</h2>
        {call && <span className="panel-note">{formatDuration(call.durationMs)}</span>}
      </div>
      {call === null ? (
        <p className="empty">Send a request to see its answer here.</p>
      ) : (
        <div className="response-body">
          <dl className="facts">
            <dt>Method</dt>
            <dd>{call.method}</dd>
            <dt>Id</dt>
            <dd>{call.idText}</dd>
            <dt>Status</dt>
            <dd>{call.status}</dd>
            <dt>Duration</dt>
            <dd>
              {call.durationMs === null ? '—' : `${formatDuration(call.durationMs)} in the page`}
              {call.writtenAt !== null && call.readAt !== null
                ? `, ${formatDuration(call.readAt - call.writtenAt)} from write to reply at the bridge`
                : ''}
            </dd>
          </dl>
          {call.duplicateWarning && <p className="warning">{call.duplicateWarning}</p>}
          <Outcome call={call} />
          <h3>Request as sent</h3>
          <pre className="code">{call.requestText}</pre>
        </div>
      )}
    </section>
  );
}
