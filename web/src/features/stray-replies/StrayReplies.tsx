import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import { strayTotal } from '../../stores/calls-store';
import { LongText } from '../response/LongText';

/** A server spewing garbage must not turn into thousands of DOM nodes; the store keeps more (MAX_KEPT_STRAYS). */
export const STRAYS_SHOWN = 50;

/** Bytes from a server that no call owns: shown as they came, with the reason. */
export function StrayReplies() {
  const t = useMessages();
  const { calls } = useApp();
  const strays = useStore(calls, (s) => s.strays);
  const total = useStore(calls, (s) => strayTotal(s.strayCounts));
  if (strays.length === 0) return null;
  const first = Math.max(0, strays.length - STRAYS_SHOWN);
  return (
    <section className="panel strays" aria-label={t.strayReplies}>
      <div className="panel-head">
        <h2 className="panel-title">{t.strayReplies}</h2>
        <span className="panel-note">{first > 0 ? t.strayNewest(STRAYS_SHOWN, total) : total}</span>
      </div>
      <ul className="stray-list">
        {strays.slice(first).map((stray, offset) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the position in an append-only list is the identity
          <li key={first + offset} className="stray">
            <p className="stray-head">
              <strong>{t.strayTitle[stray.kind]}</strong> {t.strayConn(stray.conn)} ·{' '}
              {t.strayReasonLabel}: {t.strayReason[stray.kind]}
            </p>
            <p className="stray-reason">{t.quoted(stray.reason)}</p>
            <LongText text={stray.text} />
          </li>
        ))}
      </ul>
    </section>
  );
}
