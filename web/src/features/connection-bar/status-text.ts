import type { BridgeNote } from '../../bridge-client/bridge-client';
import { bridgeNoteEn } from '../../i18n/bridge-notes';
import { targetReasonEn } from '../../i18n/target-reasons';
import type { BridgeStatus, TargetReason, TargetStatus } from '../../stores/connection-store';

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
  targetReason: (reason: TargetReason) => string;
  bridgeNote: (note: BridgeNote) => string;
};

/**
 * The honest one-line status: what the bridge and the target are doing, and
 * why. `words` are the page's language (i18n/messages.ts): they word the
 * reasons they know and quote the others as the bridge sent them.
 */
export function describeStatus(
  state: {
    bridgeStatus: BridgeStatus;
    bridgeNote: BridgeNote | null;
    targetStatus: TargetStatus;
    targetReason: TargetReason | null;
  },
  words: StatusWords = {
    bridgeStatus: BRIDGE_WORDS,
    targetStatus: TARGET_WORDS,
    targetReason: targetReasonEn,
    bridgeNote: bridgeNoteEn,
  },
): { bridge: string; target: string } {
  const bridgeWord = words.bridgeStatus[state.bridgeStatus];
  const targetWord = words.targetStatus[state.targetStatus];
  const bridge = state.bridgeNote
    ? `${bridgeWord} — ${words.bridgeNote(state.bridgeNote)}`
    : bridgeWord;
  const target = state.targetReason
    ? `${targetWord} — ${words.targetReason(state.targetReason)}`
    : targetWord;
  return { bridge, target };
}
