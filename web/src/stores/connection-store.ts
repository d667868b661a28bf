import { createStore } from 'zustand/vanilla';
import type { Target } from '../../../shared/protocol/bridge-protocol';
import type { ClockEstimate } from '../../../shared/steps/call-stamps';
import type { BridgeStatus } from '../bridge-client/bridge-client';

export type { BridgeStatus };
export type TargetStatus = 'disconnected' | 'connecting' | 'connected' | 'closed' | 'failed';

export type ConnectionState = {
  bridgeStatus: BridgeStatus;
  /** A plain sentence about the bridge itself (a protocol problem, a refusal not tied to a conn). */
  bridgeMessage: string | null;
  targetStatus: TargetStatus;
  /** A plain sentence explaining the target status, e.g. the bridge's refusal. */
  targetMessage: string | null;
  /** The conn id of the current target connection, if any. */
  conn: number | null;
  demo: Target | null;
  allowed: string[];
  targetText: string;
  /** Once the person edits the target, the demo address from welcome no longer overwrites it. */
  targetEdited: boolean;
  /** Bridge clock − page clock, measured by the bridge client's clock exchanges; null until the first. */
  clock: ClockEstimate | null;

  setBridgeStatus(status: BridgeStatus, message?: string | null): void;
  welcome(demo: Target | null, allowed: string[]): void;
  setClock(clock: ClockEstimate | null): void;
  editTarget(text: string): void;
  targetConnecting(conn: number): void;
  targetConnected(conn: number, message: string): void;
  /** A message about the current connection that does not change its status. */
  targetNote(conn: number, message: string): void;
  targetEnded(
    conn: number | null,
    status: 'disconnected' | 'closed' | 'failed',
    message: string,
  ): void;
};

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

export function createConnectionStore() {
  return createStore<ConnectionState>()((set, get) => ({
    bridgeStatus: 'connecting',
    bridgeMessage: null,
    targetStatus: 'disconnected',
    targetMessage: null,
    conn: null,
    demo: null,
    allowed: [],
    targetText: '',
    targetEdited: false,
    clock: null,

    setBridgeStatus: (bridgeStatus, message = null) =>
      set({ bridgeStatus, bridgeMessage: message }),
    welcome: (demo, allowed) => {
      const prefill = !get().targetEdited && demo !== null;
      set({
        demo,
        allowed,
        ...(prefill ? { targetText: `${demo.host}:${demo.port}` } : {}),
      });
    },
    setClock: (clock) => set({ clock }),
    editTarget: (targetText) => set({ targetText, targetEdited: true }),
    targetConnecting: (conn) => set({ conn, targetStatus: 'connecting', targetMessage: null }),
    targetConnected: (conn, message) => {
      if (get().conn !== conn) return;
      set({ targetStatus: 'connected', targetMessage: message });
    },
    targetNote: (conn, targetMessage) => {
      if (get().conn === conn) set({ targetMessage });
    },
    targetEnded: (conn, targetStatus, targetMessage) => {
      // A late event about an earlier connection must not overwrite the current one.
      if (conn !== null && get().conn !== conn) return;
      set({ conn: null, targetStatus, targetMessage });
    },
  }));
}
