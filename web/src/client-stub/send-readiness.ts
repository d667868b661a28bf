import { expandBurstTemplate } from '../../../shared/jsonrpc/burst-template';
import { lintGoRequest } from '../../../shared/jsonrpc/go-dialect';
import { GobRpcCodec } from '../../../shared/jsonrpc/go-gob';
import type { Language } from '../../../shared/language';
import { MESSAGES, type Messages } from '../i18n/messages';
import type { BridgeStatus, TargetStatus } from '../stores/connection-store';
import { type DialectName, marshalRequest } from './dialects';

/**
 * Expands the editor text for call i of n and checks it marshals, without
 * touching any connection's id counter.
 */
export function expandCall(
  editorText: string,
  i: number,
  n: number,
  dialect: DialectName = 'go',
): string | { problem: string } {
  const expanded = expandBurstTemplate(editorText, i, n);
  if (typeof expanded !== 'string') return expanded;
  // A fresh codec: checking must not mark gob types as already defined on the connection.
  const check =
    dialect === 'gob'
      ? new GobRpcCodec().marshal(expanded, () => '0')
      : marshalRequest(dialect, expanded, () => '0');
  return check.ok ? expanded : { problem: check.problem };
}

/** The page's words for what is in the way; the marshaller's problems are quoted as shared/ words them. */
export type SendWords = Pick<
  Messages,
  'notConnectedToBridge' | 'connectingToTarget' | 'connectFirst' | 'requestProblem'
>;

/** Why Send is disabled right now, as a sentence shown next to the button; null when it may send. */
export function sendBlocker(
  editorText: string,
  bridgeStatus: BridgeStatus,
  targetStatus: TargetStatus,
  dialect: DialectName = 'go',
  t: SendWords = MESSAGES.en,
): string | null {
  const call = expandCall(editorText, 0, 1, dialect);
  if (typeof call !== 'string') return t.requestProblem(call.problem);
  if (bridgeStatus !== 'open') return t.notConnectedToBridge;
  if (targetStatus === 'connecting') return t.connectingToTarget;
  if (targetStatus !== 'connected') return t.connectFirst;
  return null;
}

/**
 * What Go will do with a request it accepts but that may surprise (the
 * editor's first lint warning), said next to Send where everyone reads it,
 * not only in the editor's hover. Null for other dialects or nothing to say.
 */
export function sendWarning(
  editorText: string,
  dialect: DialectName,
  language: Language,
): string | null {
  if (dialect !== 'go') return null;
  return (
    lintGoRequest(editorText, language).find((lint) => lint.severity === 'warning')?.message ?? null
  );
}
