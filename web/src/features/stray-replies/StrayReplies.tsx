import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import type { StrayReply } from '../../stores/calls-store';

const KIND_WORDS: Record<StrayReply['kind'], string> = {
  unmatched: 'Unmatched reply',
  late: 'Late reply',
  undecodable: 'Undecodable reply',
  'framing-error': 'Framing error',
};

/** Bytes from a server that no call owns: shown as they came, with the reason, never dropped. */
export function StrayReplies() {
  const { calls } = useApp();
  const strays = useStore(calls, (s) => s.strays);
  if (strays.length === 0) return null;
  return (
    <section className="panel strays" aria-label="Stray replies">
      <div className="panel-head">
        <h2 className="panel-title">Stray replies</h2>
        <span className="panel-note">{strays.length}</span>
      </div>
      <ul className="stray-list">
        {strays.map((stray, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list, entries never move
          <li key={index} className="stray">
            <p className="stray-head">
              <strong>{KIND_WORDS[stray.kind]}</strong> on connection {stray.conn}: {stray.reason}
            </p>
            <pre className="code">{stray.text}</pre>
          </li>
        ))}
      </ul>
    </section>
  );
}
