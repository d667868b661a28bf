/**
 * The browser ⇄ bridge contract, declared once for both sides.
 *
 * Control messages travel as JSON in text frames; payload bytes travel in
 * binary frames (see frames.ts), never as text, so any byte the server sends
 * reaches the page unchanged. Every time `at` is the bridge's clock in
 * milliseconds since the epoch, with sub-millisecond precision.
 */

/**
 * 2: read frames carry the acks of their connection's completed writes.
 * 3: one write frame carries many writes; welcome says the largest message.
 * 4: a server-steps message carries the reports of one loop turn.
 * 5: a page may stop and start the embedded demo servers; every page hears it.
 * 6: welcome names the embedded gob demo (`demoGob`), which a page may stop and start too.
 */
export const PROTOCOL_VERSION = 6;
/** Offered by the page in Sec-WebSocket-Protocol; the bridge refuses any other. */
export const SUBPROTOCOL = `rpc-playground.v${PROTOCOL_VERSION}`;
/** Path of the WebSocket endpoint on the bridge's HTTP server. */
export const BRIDGE_PATH = '/bridge';

import type { ServerStamps } from '../steps/call-stamps';

/** A TCP connection id, chosen by the page, unique within one WebSocket session. */
export type ConnId = number;

export type Target = { host: string; port: number };

// ── page → bridge (text frames) ────────────────────────────────────────────

export type OpenMessage = { type: 'open'; conn: ConnId; host: string; port: number };
export type CloseMessage = { type: 'close'; conn: ConnId };
/**
 * A clock exchange: the bridge answers at once with its own time, so the page
 * can estimate the offset between the clocks (shared/clock/clock-estimator.ts).
 * `seq` is the page's, echoed so a late answer is not taken for a newer one.
 */
export type ClockMessage = { type: 'clock'; seq: number };

export const DEMO_NAMES = ['demo', 'demo2', 'demoGob'] as const;
/** The embedded demo servers: Go's jsonrpc, JSON-RPC 2.0 newline-delimited, and Go's gob. */
export type DemoName = (typeof DEMO_NAMES)[number];
/**
 * Stop or start an embedded demo server, so a class sees what a server that
 * goes away mid-call does to the calls in flight. Only the bridge's own demo
 * servers: a page can reach nothing else this way.
 */
export type DemoMessage = { type: 'demo'; server: DemoName; running: boolean };
export type PageMessage = OpenMessage | CloseMessage | ClockMessage | DemoMessage;

// ── bridge → page (text frames) ────────────────────────────────────────────

export type WelcomeMessage = {
  type: 'welcome';
  protocol: number;
  /** The embedded demo server, when one runs. */
  demo: Target | null;
  /** The embedded JSON-RPC 2.0 demo server (newline-delimited), when one runs. */
  demo2: Target | null;
  /** The embedded gob demo server (Go's net/rpc default codec), when one runs. */
  demoGob: Target | null;
  /** Human-readable list of what this bridge may reach, e.g. "loopback", "10.0.0.5:9000". */
  allowed: string[];
  /** The largest WebSocket message the bridge accepts (`--max-message`): the page's write frames stay within it. */
  maxMessageBytes: number;
  at: number;
};

export type OpenedMessage = {
  type: 'opened';
  conn: ConnId;
  /** The address the socket actually connected to (after resolution and policy checks). */
  remote: Target;
  local: Target;
  at: number;
};

/**
 * The bridge wrote one page write completely to the socket (step 3). Most
 * acks ride in the next read frame of their connection instead (frames.ts).
 */
export type WrittenMessage = {
  type: 'written';
  conn: ConnId;
  write: number;
  bytes: number;
  at: number;
};

/** Every error code, listed once so validation on arrival cannot drift from the type. */
export const ERROR_CODES = [
  'target-not-allowed',
  'bad-target',
  'dns-failed',
  'connect-refused',
  'connect-timeout',
  'unreachable',
  'conn-unknown',
  'conn-in-use',
  'bad-message',
  'limit',
  'io',
  /** A demo server could not be stopped or started as a page asked. */
  'demo',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A request the bridge could not carry out; `conn` names the connection it concerns, if any. */
export type ErrorMessage = {
  type: 'error';
  conn: ConnId | null;
  code: ErrorCode;
  message: string;
  at: number;
};

export const CLOSED_BY = ['server', 'page', 'bridge'] as const;
export type ClosedBy = (typeof CLOSED_BY)[number];
export const CLOSE_KINDS = ['fin', 'reset', 'error', 'requested'] as const;
export type CloseKind = (typeof CLOSE_KINDS)[number];

/** The bridge's sentences for the closes that need no more words; the page words them in its language. */
export const CLOSE_REASONS = {
  fin: 'the server closed the connection (FIN)',
  reset: 'the server reset the connection',
  requested: 'the page closed the connection',
} as const;

/** A TCP connection ended. After this the conn id may be reused by the page. */
export type ClosedMessage = {
  type: 'closed';
  conn: ConnId;
  by: ClosedBy;
  kind: CloseKind;
  /** One plain sentence: "the server closed the connection (FIN)", "connection reset by the server". */
  reason: string;
  at: number;
};

/** The answer to a ClockMessage: `at` is the bridge's clock when it answered. */
export type ClockReplyMessage = { type: 'clock'; seq: number; at: number };

/**
 * Steps 4–9 of one call as the glass-box demo server recorded them (bridge
 * clock). `conn` is the page's connection the request came in on; `id` is
 * the request id's JSON text as the server decoded it, so the page matches it
 * to its call by canonical id.
 */
export type ServerStepsReport = { conn: ConnId; id: string; stamps: ServerStamps };

/**
 * The reports of one turn of the bridge's loop, oldest first. One message per
 * report took the browser and the page as long as the calls themselves: a
 * burst to the demo ran at 2,600 calls/s, and at 6,400 once batched
 * (docs/benchmarks.md).
 */
export type ServerStepsMessage = { type: 'server-steps'; reports: ServerStepsReport[] };

/**
 * Whether each embedded demo server listens (false when it was stopped or the
 * bridge runs none): sent after welcome, and to every page when one changes.
 */
export type DemoStateMessage = {
  type: 'demo-state';
  running: Record<DemoName, boolean>;
  at: number;
};

export type BridgeMessage =
  | WelcomeMessage
  | DemoStateMessage
  | OpenedMessage
  | WrittenMessage
  | ErrorMessage
  | ClosedMessage
  | ClockReplyMessage
  | ServerStepsMessage;
