import type { BridgeStatus, TargetStatus } from '../../stores/connection-store';

const BRIDGE_WORDS: Record<BridgeStatus, string> = {
  connecting: 'Bridge: connecting…',
  open: 'Bridge: open',
  reconnecting: 'Bridge: reconnecting',
  offline: 'Bridge: offline',
};

const TARGET_WORDS: Record<TargetStatus, string> = {
  disconnected: 'Target: not connected',
  connecting: 'Target: connecting…',
  connected: 'Target: connected',
  closed: 'Target: closed',
  failed: 'Target: failed',
};

export type StatusWords = {
  bridgeStatus: Record<BridgeStatus, string>;
  targetStatus: Record<TargetStatus, string>;
};

/**
 * The honest one-line status: what the bridge and the target are doing, and
 * why. `words` are the page's language (i18n/messages.ts); the reasons are
 * the bridge's own sentences.
 */
export function describeStatus(
  state: {
    bridgeStatus: BridgeStatus;
    bridgeMessage: string | null;
    targetStatus: TargetStatus;
    targetMessage: string | null;
  },
  words: StatusWords = { bridgeStatus: BRIDGE_WORDS, targetStatus: TARGET_WORDS },
): { bridge: string; target: string } {
  const bridgeWord = words.bridgeStatus[state.bridgeStatus];
  const targetWord = words.targetStatus[state.targetStatus];
  const bridge = state.bridgeMessage ? `${bridgeWord} — ${state.bridgeMessage}` : bridgeWord;
  const target = state.targetMessage ? `${targetWord} — ${state.targetMessage}` : targetWord;
  return { bridge, target };
}
