import { createStore } from 'zustand/vanilla';
import type { FramingName } from '../../../shared/framing/framer';
import type {
  ClosedBy,
  CloseKind,
  DemoName,
  ErrorCode,
  Target,
} from '../../../shared/protocol/bridge-protocol';
import type { ClockEstimate } from '../../../shared/steps/call-stamps';
import type { BridgeNote, BridgeStatus } from '../bridge-client/bridge-client';
import type { DialectName, ProtocolMismatch } from '../client-stub/dialects';
import type { AddressProblem } from '../client-stub/target-address';
import {
  type ChoiceStorage,
  type ProtocolChoice,
  readProtocolChoice,
  withDialect,
  withFraming,
  writeProtocolChoice,
} from './protocol-choice';

export type { BridgeStatus };
export type TargetStatus = 'disconnected' | 'connecting' | 'connected' | 'closed' | 'failed';

/**
 * Why the target is in its status. What the page can say in its own language
 * is kept as facts (the address, the bridge's error code, how a connection
 * closed) beside the sentence that came with them; a sentence from elsewhere
 * is kept, and shown, as it came.
 */
export type TargetReason =
  | { kind: 'connected'; remote: Target; localPort: number }
  | { kind: 'error'; code: ErrorCode; target: string; text: string }
  | { kind: 'closed'; closeKind: CloseKind; by: ClosedBy; text: string }
  /** The page did not ask the bridge: what was typed or chosen cannot be connected to. */
  | { kind: 'not-asked'; why: NotAsked }
  | { kind: 'text'; text: string };

/** Why Connect went no further than the page; `connect-path` quotes the request line's rule (shared/). */
export type NotAsked =
  | AddressProblem
  | { code: ProtocolMismatch }
  | { code: 'connect-path'; problem: string }
  | { code: 'no-bridge' };

export type ConnectionState = {
  bridgeStatus: BridgeStatus;
  /** A plain sentence about the bridge itself (a protocol problem, a refusal not tied to a conn). */
  bridgeNote: BridgeNote | null;
  targetStatus: TargetStatus;
  /** Why the target is in its status, e.g. the bridge's refusal (status-text.ts words it). */
  targetReason: TargetReason | null;
  /** The conn id of the current target connection, if any. */
  conn: number | null;
  demo: Target | null;
  /** The JSON-RPC 2.0 demo server (newline-delimited), when the bridge runs one. */
  demo2: Target | null;
  /** The gob demo server (Go's net/rpc default codec), when the bridge runs one. */
  demoGob: Target | null;
  /** Whether each demo server listens, as the bridge last said; null until it has. */
  demoRunning: Record<DemoName, boolean> | null;
  allowed: string[];
  targetText: string;
  /** Once the person edits the target, the demo address from welcome no longer overwrites it. */
  targetEdited: boolean;
  /** Bridge clock − page clock, measured by the bridge client's clock exchanges; null until the first. */
  clock: ClockEstimate | null;
  /** The person's framing and dialect; null follows the guess from the target (protocol-guess.ts). */
  framingChoice: FramingName | null;
  dialectChoice: DialectName | null;
  /** Where the HTTP framing POSTs: the request target, "/" unless the server wants another. */
  httpPath: string;
  /** Where gob over HTTP CONNECTs (rpc.DialHTTPPath); Go's default `/_goRPC_`. */
  connectPath: string;

  setBridgeStatus(status: BridgeStatus, note?: BridgeNote | null): void;
  welcome(
    demo: Target | null,
    allowed: string[],
    demo2?: Target | null,
    demoGob?: Target | null,
  ): void;
  setClock(clock: ClockEstimate | null): void;
  setDemoRunning(running: Record<DemoName, boolean> | null): void;
  chooseFraming(framing: FramingName | null): void;
  chooseDialect(dialect: DialectName | null): void;
  setHttpPath(path: string): void;
  setConnectPath(path: string): void;
  /** All four choices at once, as a session file recorded them. */
  setProtocolChoice(choice: ProtocolChoice): void;
  editTarget(text: string): void;
  targetConnecting(conn: number): void;
  targetConnected(conn: number, reason: TargetReason): void;
  /** A reason about the current connection that does not change its status. */
  targetNote(conn: number, reason: TargetReason): void;
  targetEnded(
    conn: number | null,
    status: 'disconnected' | 'closed' | 'failed',
    reason: TargetReason,
  ): void;
};

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

/** `storage` keeps the person's framing, dialect and HTTP path across reloads (protocol-choice.ts). */
export function createConnectionStore(storage: ChoiceStorage | null = null) {
  const remember = (change: Partial<ProtocolChoice>, get: () => ConnectionState) => {
    const { framingChoice, dialectChoice, httpPath, connectPath } = { ...get(), ...change };
    writeProtocolChoice(storage, { framingChoice, dialectChoice, httpPath, connectPath });
    return change;
  };
  return createStore<ConnectionState>()((set, get) => ({
    bridgeStatus: 'connecting',
    bridgeNote: null,
    targetStatus: 'disconnected',
    targetReason: null,
    conn: null,
    demo: null,
    demo2: null,
    demoGob: null,
    demoRunning: null,
    allowed: [],
    targetText: '',
    targetEdited: false,
    clock: null,
    ...readProtocolChoice(storage),

    // What the demo servers do is known again only from the next bridge's word.
    setBridgeStatus: (bridgeStatus, note = null) =>
      set({
        bridgeStatus,
        bridgeNote: note,
        ...(bridgeStatus === 'open' ? {} : { demoRunning: null }),
      }),
    welcome: (demo, allowed, demo2 = null, demoGob = null) => {
      const prefill = !get().targetEdited && demo !== null;
      set({
        demo,
        demo2,
        demoGob,
        allowed,
        ...(prefill ? { targetText: `${demo.host}:${demo.port}` } : {}),
      });
    },
    setClock: (clock) => set({ clock }),
    setDemoRunning: (demoRunning) => set({ demoRunning }),
    chooseFraming: (framingChoice) => set(remember(withFraming(get(), framingChoice), get)),
    chooseDialect: (dialectChoice) => set(remember(withDialect(get(), dialectChoice), get)),
    setHttpPath: (httpPath) => set(remember({ httpPath }, get)),
    setConnectPath: (connectPath) => set(remember({ connectPath }, get)),
    setProtocolChoice: (choice) => set(remember(choice, get)),
    editTarget: (targetText) => set({ targetText, targetEdited: true }),
    targetConnecting: (conn) => set({ conn, targetStatus: 'connecting', targetReason: null }),
    targetConnected: (conn, targetReason) => {
      if (get().conn !== conn) return;
      set({ targetStatus: 'connected', targetReason });
    },
    targetNote: (conn, targetReason) => {
      if (get().conn === conn) set({ targetReason });
    },
    targetEnded: (conn, targetStatus, targetReason) => {
      // A late event about an earlier connection must not overwrite the current one.
      if (conn !== null && get().conn !== conn) return;
      set({ conn: null, targetStatus, targetReason });
    },
  }));
}
