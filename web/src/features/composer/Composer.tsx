import { useId, useMemo } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { sendWarning } from '../../client-stub/send-readiness';
import { useLanguage, useMessages } from '../../i18n/use-messages';
import {
  BURST_MAX,
  BURST_MIN,
  BURST_MODES,
  TIMEOUT_MAX_S,
  TIMEOUT_MIN_S,
} from '../../stores/composer-store';
import { NumberField } from './NumberField';
import { RequestEditor } from './RequestEditor';
import { TEMPLATES } from './templates';
import { useSend } from './use-send';

export function Composer() {
  const t = useMessages();
  const language = useLanguage();
  const { composer, stub } = useApp();
  const text = useStore(composer, (s) => s.text);
  const setText = useStore(composer, (s) => s.setText);
  const burstSize = useStore(composer, (s) => s.burstSize);
  const setBurstSize = useStore(composer, (s) => s.setBurstSize);
  const burstMode = useStore(composer, (s) => s.burstMode);
  const setBurstMode = useStore(composer, (s) => s.setBurstMode);
  const burstRun = useStore(composer, (s) => s.burstRun);
  const timeoutSeconds = useStore(composer, (s) => s.timeoutSeconds);
  const setTimeoutSeconds = useStore(composer, (s) => s.setTimeoutSeconds);
  const { dialect, blocker, reason, send, sendBurst, forgetProblem } = useSend();
  const reasonId = useId();

  // Parsed once per text, not on every render a running burst's progress causes.
  const lintWarning = useMemo(
    () => sendWarning(text, dialect, language),
    [text, dialect, language],
  );
  const warning = reason === null ? lintWarning : null;

  const onTemplate = (name: string) => {
    const chosen = TEMPLATES[dialect].find((t) => t.name === name);
    if (!chosen) return;
    forgetProblem();
    setText(chosen.text);
  };

  return (
    <section className="panel composer" aria-label={t.composer}>
      <div className="panel-head">
        <h2 className="panel-title">{t.request}</h2>
        <label className="field inline">
          <span className="field-label">{t.template}</span>
          {/* A menu, not a setting: it stays on its prompt so the same template can be loaded again. */}
          <select value="" onChange={(event) => onTemplate(event.target.value)}>
            <option value="">{t.loadTemplate}</option>
            {TEMPLATES[dialect].map((template) => (
              <option key={template.name} value={template.name}>
                {t.templateName(template)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="editor-frame">
        <RequestEditor
          text={text}
          label={t.request}
          dialect={dialect}
          language={language}
          onChange={(value) => {
            forgetProblem();
            setText(value);
          }}
          onSubmit={send}
        />
      </div>
      <div className="composer-actions">
        <button
          type="button"
          className="button primary"
          disabled={blocker !== null}
          aria-describedby={reasonId}
          onClick={send}
        >
          {t.send}
        </button>
        <NumberField
          label={t.burstSize}
          value={burstSize}
          min={BURST_MIN}
          max={BURST_MAX}
          onChange={setBurstSize}
        />
        <button
          type="button"
          className="button"
          disabled={blocker !== null}
          aria-describedby={reasonId}
          onClick={() => sendBurst(burstSize)}
        >
          {t.sendBurst}
        </button>
        <label className="field inline">
          <span className="field-label">{t.burstMode}</span>
          <select
            value={burstMode}
            onChange={(event) => {
              const mode = BURST_MODES.find((m) => m === event.target.value);
              if (mode) setBurstMode(mode);
            }}
          >
            {BURST_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {mode === 'go' ? t.burstModeGo : t.burstModeCall}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label={t.timeout}
          value={timeoutSeconds}
          min={TIMEOUT_MIN_S}
          max={TIMEOUT_MAX_S}
          onChange={setTimeoutSeconds}
          unit={t.secondsUnit}
        />
        {burstRun && (
          <>
            <button type="button" className="button" onClick={() => stub.stopBurst()}>
              {t.stopBurst}
            </button>
            <span className="panel-note">{t.burstProgress(burstRun.sent, burstRun.total)}</span>
          </>
        )}
        <p
          id={reasonId}
          className={
            reason ? 'send-reason problem' : warning ? 'send-reason warning' : 'send-reason'
          }
        >
          {reason ?? (warning === null ? t.ctrlEnterSends : t.sendWarning(warning))}
        </p>
      </div>
    </section>
  );
}
