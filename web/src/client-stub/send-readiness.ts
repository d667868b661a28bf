import { expandBurstTemplate } from '../../../shared/jsonrpc/burst-template';
import { marshalGoRequest } from '../../../shared/jsonrpc/go-dialect';
import type { BridgeStatus, TargetStatus } from '../stores/connection-store';

/**
 * Expands the editor text for call i of n and checks it marshals, without
 * touching any connection's id counter.
 */
export function expandCall(editorText: string, i: number, n: number): string | { problem: string } {
  const expanded = expandBurstTemplate(editorText, i, n);
  if (typeof expanded !== 'string') return expanded;
  const check = marshalGoRequest(expanded, () => '0');
  return check.ok ? expanded : { problem: check.problem };
}

/** Why Send is disabled right now, as a sentence shown next to the button; null when it may send. */
export function sendBlocker(
  editorText: string,
  bridgeStatus: BridgeStatus,
  targetStatus: TargetStatus,
): string | null {
  const call = expandCall(editorText, 0, 1);
  if (typeof call !== 'string') return call.problem;
  if (bridgeStatus !== 'open') return 'Not connected to the bridge.';
  if (targetStatus === 'connecting') return 'Connecting to the target…';
  if (targetStatus !== 'connected') return 'Connect to a target first.';
  return null;
}
