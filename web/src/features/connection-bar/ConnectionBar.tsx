import type { FormEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import { describeStatus } from './status-text';

export function ConnectionBar() {
  const t = useMessages();
  const { connection, stub } = useApp();
  const targetText = useStore(connection, (s) => s.targetText);
  const editTarget = useStore(connection, (s) => s.editTarget);
  const status = useStore(
    connection,
    useShallow((s) => ({
      bridgeStatus: s.bridgeStatus,
      bridgeMessage: s.bridgeMessage,
      targetStatus: s.targetStatus,
      targetMessage: s.targetMessage,
    })),
  );
  const text = describeStatus(status);
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
      <button type="submit" className="button primary" disabled={status.bridgeStatus !== 'open'}>
        {t.connect}
      </button>
      <button type="button" className="button" disabled={!busy} onClick={() => stub.disconnect()}>
        {t.disconnect}
      </button>
      <div role="status" className={`status status-${status.targetStatus}`}>
        <span className={`status-bridge bridge-${status.bridgeStatus}`}>{text.bridge}</span>
        <span className="status-target">{text.target}</span>
      </div>
    </form>
  );
}
