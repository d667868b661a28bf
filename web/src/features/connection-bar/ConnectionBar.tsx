import type { FormEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { DEMO_NAMES } from '../../../../shared/protocol/bridge-protocol';
import { useApp } from '../../app/app-context';
import { DIALECT_NAMES } from '../../client-stub/dialects';
import { chosenProtocol } from '../../client-stub/protocol-guess';
import { FRAMING_NAMES } from '../../client-stub/wire-framing';
import { useMessages } from '../../i18n/use-messages';
import { describeStatus } from './status-text';
import './connection-bar.css';

export function ConnectionBar() {
  const t = useMessages();
  const { connection, stub } = useApp();
  const targetText = useStore(connection, (s) => s.targetText);
  const editTarget = useStore(connection, (s) => s.editTarget);
  const status = useStore(
    connection,
    useShallow((s) => ({
      bridgeStatus: s.bridgeStatus,
      bridgeNote: s.bridgeNote,
      targetStatus: s.targetStatus,
      targetReason: s.targetReason,
    })),
  );
  const protocol = useStore(
    connection,
    useShallow((s) => {
      const chosen = chosenProtocol(s);
      return {
        framing: chosen.framing,
        dialect: chosen.dialect,
        reason: chosen.guess.reason,
        chose: s.framingChoice !== null || s.dialectChoice !== null,
      };
    }),
  );
  const chooseFraming = useStore(connection, (s) => s.chooseFraming);
  const chooseDialect = useStore(connection, (s) => s.chooseDialect);
  // HTTP POSTs to one path, gob over HTTP CONNECTs to another: one field, the framing's own.
  const gobHttp = protocol.framing === 'gob-http';
  const path = useStore(connection, (s) => (gobHttp ? s.connectPath : s.httpPath));
  const setPath = useStore(connection, (s) => (gobHttp ? s.setConnectPath : s.setHttpPath));
  const demoRunning = useStore(connection, (s) => s.demoRunning);
  // The target is a demo server: the class may stop it mid-call to see what that does.
  const demoName = DEMO_NAMES.find((name) => name === protocol.reason) ?? null;
  const text = describeStatus(status, t);
  const busy = status.targetStatus === 'connecting' || status.targetStatus === 'connected';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    stub.connect();
  };

  return (
    <form className="connection-bar" onSubmit={onSubmit}>
      <label className="field">
        <span className="field-label">{t.target}</span>
        <input
          className="target-input"
          type="text"
          value={targetText}
          onChange={(event) => editTarget(event.target.value)}
          placeholder="127.0.0.1:9000"
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label className="field">
        <span className="field-label">{t.framing}</span>
        {/* Chosen per connection at Connect: fixed while one is open. */}
        <select
          value={protocol.framing}
          disabled={busy}
          onChange={(event) => {
            const framing = FRAMING_NAMES.find((name) => name === event.target.value);
            if (framing) chooseFraming(framing);
          }}
        >
          {FRAMING_NAMES.map((name) => (
            <option key={name} value={name}>
              {t.framingNames[name]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t.dialect}</span>
        <select
          value={protocol.dialect}
          disabled={busy}
          onChange={(event) => {
            const dialect = DIALECT_NAMES.find((name) => name === event.target.value);
            if (dialect) chooseDialect(dialect);
          }}
        >
          {DIALECT_NAMES.map((name) => (
            <option key={name} value={name}>
              {t.dialectNames[name]}
            </option>
          ))}
        </select>
      </label>
      {(protocol.framing === 'http' || gobHttp) && (
        <label className="field">
          <span className="field-label">{t.httpPath}</span>
          <input
            className="path-input"
            type="text"
            value={path}
            disabled={busy}
            onChange={(event) => setPath(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      )}
      <p className="protocol-guess">
        {t.guessed(t.guessReasons[protocol.reason])}
        {protocol.chose && (
          <>
            {` · ${t.chosenByYou} `}
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                chooseFraming(null);
                chooseDialect(null);
              }}
            >
              {t.useGuess}
            </button>
          </>
        )}
      </p>
      <button type="submit" className="button primary" disabled={status.bridgeStatus !== 'open'}>
        {t.connect}
      </button>
      <button type="button" className="button" disabled={!busy} onClick={() => stub.disconnect()}>
        {t.disconnect}
      </button>
      {demoName !== null && demoRunning !== null && (
        <button
          type="button"
          className="button"
          onClick={() => stub.setDemo(demoName, !demoRunning[demoName])}
        >
          {demoRunning[demoName] ? t.stopDemo : t.startDemo}
        </button>
      )}
      <div role="status" className={`status status-${status.targetStatus}`}>
        <span className={`status-bridge bridge-${status.bridgeStatus}`}>{text.bridge}</span>
        <span className="status-target">{text.target}</span>
      </div>
    </form>
  );
}
