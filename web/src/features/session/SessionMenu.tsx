import { type ChangeEvent, useState } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { useLanguage, useMessages } from '../../i18n/use-messages';
import { exportSession, openSession } from '../../session/open-session';
import { SessionFileError } from '../../session/read-fields';
import { saveFile } from '../../session/save-file';
import { MAX_SESSION_FILE_BYTES, readSession, type Session } from '../../session/session-file';
import type { Language } from '../../stores/settings-store';
import './session.css';

type Notice =
  | { kind: 'confirm'; name: string; session: Session }
  | { kind: 'opened'; name: string; session: Session }
  | { kind: 'refused'; name: string; problem: string }
  | { kind: 'exported'; name: string; calls: number };

const MB = 1024 * 1024;

/** When a session was recorded, in the reader's language; the text as written if it is no date. */
function recordedWhen(session: Session, language: Language): string {
  const date = new Date(session.exportedAt);
  if (Number.isNaN(date.getTime())) return session.exportedAt;
  return date.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/**
 * Export the page's record to a file, and open one to replay it here without
 * a server. A file is read and checked whole before anything changes; one
 * that cannot be opened says why and leaves the page as it was.
 */
export function SessionMenu() {
  const t = useMessages();
  const language = useLanguage();
  const app = useApp();
  const callCount = useStore(app.calls, (s) => s.calls.length);
  const [notice, setNotice] = useState<Notice | null>(null);

  const open = (name: string, session: Session) => {
    openSession(app, session);
    setNotice({ kind: 'opened', name, session });
  };

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // The same file chosen again is a change again.
    input.value = '';
    if (!file) return;
    if (file.size > MAX_SESSION_FILE_BYTES) {
      const size = Math.ceil(file.size / MB);
      setNotice({
        kind: 'refused',
        name: file.name,
        problem: t.sessionTooLarge(size, MAX_SESSION_FILE_BYTES / MB),
      });
      return;
    }
    let session: Session;
    try {
      session = readSession(await file.text());
    } catch (error) {
      const problem = error instanceof SessionFileError ? error.message : t.sessionUnreadable;
      setNotice({ kind: 'refused', name: file.name, problem });
      return;
    }
    if (app.calls.getState().calls.length === 0) open(file.name, session);
    else setNotice({ kind: 'confirm', name: file.name, session });
  };

  const exported = () => {
    const { name, text } = exportSession(app, new Date());
    saveFile(name, text);
    setNotice({ kind: 'exported', name, calls: app.calls.getState().calls.length });
  };

  const described = (session: Session) =>
    [
      session.calls.length,
      recordedWhen(session, language),
      session.targetText || t.noTarget,
    ] as const;

  return (
    <>
      <fieldset className="session-menu">
        <legend className="visually-hidden">{t.session}</legend>
        <button type="button" className="button" onClick={exported}>
          {t.exportSession}
        </button>
        <label className="button session-open">
          {t.openSession}
          <input
            type="file"
            className="visually-hidden"
            accept=".json,application/json"
            onChange={chosen}
          />
        </label>
      </fieldset>
      {/* Under the buttons, over the page: the question, or what came of the last export or open. */}
      <section className="session-notice" aria-label={t.sessionNotice} aria-live="polite">
        {notice?.kind === 'confirm' && (
          <>
            <p>{t.sessionConfirm(notice.name, ...described(notice.session), callCount)}</p>
            <div className="session-answer">
              <button
                type="button"
                className="button primary"
                // Focus follows the question, so the keyboard answers it at once.
                // biome-ignore lint/a11y/noAutofocus: the button appears in answer to the person's own choice.
                autoFocus
                onClick={() => open(notice.name, notice.session)}
              >
                {t.openIt}
              </button>
              <button type="button" className="button" onClick={() => setNotice(null)}>
                {t.cancel}
              </button>
            </div>
          </>
        )}
        {notice !== null && notice.kind !== 'confirm' && (
          <>
            <p className={notice.kind === 'refused' ? 'session-refused' : undefined}>
              {notice.kind === 'opened' &&
                t.sessionOpened(notice.name, ...described(notice.session))}
              {notice.kind === 'refused' && t.sessionRefused(notice.name, notice.problem)}
              {notice.kind === 'exported' && t.sessionExported(notice.name, notice.calls)}
            </p>
            <div className="session-answer">
              <button type="button" className="button" onClick={() => setNotice(null)}>
                {t.dismiss}
              </button>
            </div>
          </>
        )}
      </section>
    </>
  );
}
