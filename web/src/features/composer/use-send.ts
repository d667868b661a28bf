import { useState } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../app/app-context';
import { chosenProtocol } from '../../client-stub/protocol-guess';
import { sendBlocker } from '../../client-stub/send-readiness';
import { useMessages } from '../../i18n/use-messages';

/**
 * Send and Send burst as the composer offers them, for any place that shows
 * them: what stands in the way (`blocker` disables them), and the reason to
 * show, which is the blocker or the last send's refusal.
 */
export function useSend() {
  const t = useMessages();
  const { composer, connection, stub } = useApp();
  const text = useStore(composer, (s) => s.text);
  const bridgeStatus = useStore(connection, (s) => s.bridgeStatus);
  const targetStatus = useStore(connection, (s) => s.targetStatus);
  // The connection bar's choice; it cannot change while a connection speaks it.
  const dialect = useStore(connection, (s) => chosenProtocol(s).dialect);
  const [problem, setProblem] = useState<string | null>(null);

  const blocker = sendBlocker(text, bridgeStatus, targetStatus, dialect, t);
  return {
    dialect,
    blocker,
    reason: blocker ?? (problem === null ? null : t.requestProblem(problem)),
    send: () => setProblem(stub.send()),
    sendBurst: (size: number) => setProblem(stub.sendBurst(size)),
    /** The text changed: the last refusal no longer applies. */
    forgetProblem: () => setProblem(null),
  };
}
