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

/** The honest one-line status: what the bridge and the target are doing, and why. */
export function describeStatus(state: {
  bridgeStatus: BridgeStatus;
  bridgeMessage: string | null;
  targetStatus: TargetStatus;
  targetMessage: string | null;
}): { bridge: string; target: string } {
  const bridge = state.bridgeMessage
    ? `${BRIDGE_WORDS[state.bridgeStatus]} — ${state.bridgeMessage}`
    : BRIDGE_WORDS[state.bridgeStatus];
  const target = state.targetMessage
    ? `${TARGET_WORDS[state.targetStatus]} — ${state.targetMessage}`
    : TARGET_WORDS[state.targetStatus];
  return { bridge, target };
}
