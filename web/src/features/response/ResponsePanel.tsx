import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import type { ErrorObject } from '../../client-stub/dialects';
import type { Messages } from '../../i18n/messages';
import { useMessages } from '../../i18n/use-messages';
import { bridgeDurationMs, type Call, pageDurationMs } from '../../stores/calls-store';
import { formatDuration } from '../call-list/call-summary';
import { LongText } from './LongText';

function Outcome({ call }: { call: Call }) {
  const t = useMessages();
  if (call.notification && call.status !== 'failed') {
    return <p className="outcome notified">{t.notificationNoAnswer}</p>;
  }
  if (call.status === 'pending') return <p className="outcome pending">{t.waiting}</p>;
  if (call.status === 'failed') {
    const cause = call.failureCause;
    return (
      <section className="outcome failed" aria-label={t.failure}>
        <h3>{t.failed}</h3>
        <dl className="facts">
          {cause && (
            <>
              <dt>{t.cause}</dt>
              <dd>{t.failureCauseName[cause]}</dd>
            </>
          )}
          {call.failureHint && (
            <>
              <dt>{t.hint}</dt>
              <dd>{t.dialectHint[call.failureHint]}</dd>
            </>
          )}
          <FailureDetail detail={call.failure ?? ''} t={t} />
        </dl>
      </section>
    );
  }
  if (call.status === 'error') {
    return (
      <section className="outcome error" aria-label={t.error}>
        <h3>{t.error}</h3>
        <LongText text={call.error ?? ''} />
        {call.errorClass && (
          <dl className="facts">
            <dt>{t.errorKind}</dt>
            <dd>{t.goErrorKindName[call.errorClass.kind]}</dd>
            <dt>{t.methodRan}</dt>
            <dd>{call.errorClass.ran ? t.ranYes : t.ranNo}</dd>
            <dt>{t.why}</dt>
            <dd>{t.goErrorWhy(call.error ?? '')}</dd>
          </dl>
        )}
        {call.errorObject && <ErrorObjectFacts error={call.errorObject} />}
      </section>
    );
  }
  return (
    <section className="outcome answered" aria-label={t.result}>
      <h3>{t.result}</h3>
      <LongText text={call.resultText ?? 'null'} pretty />
    </section>
  );
}

/** The detail in the page's language when it is a sentence the page knows; otherwise as it came. */
function FailureDetail({ detail, t }: { detail: string; t: Messages }) {
  const worded = t.failureDetail(detail);
  return (
    <>
      <dt>{worded === null ? t.detailAsItCame : t.detail}</dt>
      <dd>{worded ?? detail}</dd>
    </>
  );
}

/** A JSON-RPC 2.0 error object in full: code, message, data, and what the code means. */
function ErrorObjectFacts({ error }: { error: ErrorObject }) {
  const t = useMessages();
  return (
    <dl className="facts">
      <dt>{t.errorCode}</dt>
      <dd>{error.code}</dd>
      <dt>{t.errorMessage}</dt>
      <dd>{error.message}</dd>
      {error.dataText !== null && (
        <>
          <dt>{t.errorData}</dt>
          <dd>
            <LongText text={error.dataText} pretty />
          </dd>
        </>
      )}
      <dt>{t.errorMeaning}</dt>
      <dd>{t.v2CodeMeaning(error.code)}</dd>
    </dl>
  );
}

/** Both measured durations, each on one clock, so no offset is involved. */
function Durations({ call, t }: { call: Call; t: Messages }) {
  const page = pageDurationMs(call);
  const bridge = bridgeDurationMs(call);
  return (
    <>
      {page === null ? '—' : t.inThePage(formatDuration(page))}
      {bridge === null ? '' : `, ${t.atTheBridge(formatDuration(bridge))}`}
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
            <dd>{t.callStatus[call.status]}</dd>
            <dt>{t.duration}</dt>
            <dd>
              <Durations call={call} t={t} />
            </dd>
          </dl>
          {call.duplicateWarning && <p className="warning">{t.duplicateInFlight(call.idText)}</p>}
          <Outcome key={`outcome-${call.key}`} call={call} />
          <h3>{t.requestAsSent}</h3>
          <LongText key={`request-${call.key}`} text={call.requestText} />
        </div>
      )}
    </section>
  );
}
