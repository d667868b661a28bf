import {
  BRIDGE_PATH,
  type BridgeMessage,
  type ClosedMessage,
  type ConnId,
  type PageMessage,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
} from '../../../shared/protocol/bridge-protocol';
import { decodeReadFrame, encodeWriteFrame } from '../../../shared/protocol/frames';
import { parseBridgeMessage } from '../../../shared/protocol/validate';

export type BridgeStatus = 'connecting' | 'open' | 'reconnecting' | 'offline';

/**
 * The part of a WebSocket this module uses; binary messages arrive as
 * ArrayBuffer. The browser adapter is browser-socket.ts; tests pass a fake.
 */
export type SocketLike = {
  readonly readyState: number;
  onmessage: ((data: unknown) => void) | null;
  onclose: ((reason: string) => void) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
};

export type SocketFactory = (url: string, protocol: string) => SocketLike;

export type Clock = {
  /** Epoch milliseconds, the same scale as the bridge's `at`. */
  now(): number;
  /** Runs fn after ms; returns a canceller. */
  schedule(fn: () => void, ms: number): () => void;
};

export type BridgeEvent =
  | { type: 'status'; status: BridgeStatus; message: string | null }
  | BridgeMessage
  | { type: 'read'; conn: ConnId; at: number; payload: Uint8Array };

export type BridgeClient = {
  readonly status: BridgeStatus;
  open(conn: ConnId, host: string, port: number): boolean;
  close(conn: ConnId): boolean;
  /** Returns the write id the bridge's `written` ack will name, or null when the bridge is not open. */
  write(conn: ConnId, bytes: Uint8Array): number | null;
  subscribe(listener: (event: BridgeEvent) => void): () => void;
  dispose(): void;
};

/** First retry delay; doubled per failed attempt up to the cap. */
export const RECONNECT_BASE_MS = 250;
/** Cap so a bridge restarted after a long outage is found within seconds. */
export const RECONNECT_MAX_MS = 5000;
/** Consecutive failed attempts after which the bridge is reported offline rather than reconnecting. */
export const OFFLINE_AFTER_ATTEMPTS = 3;
const OPEN = 1;
export const BRIDGE_LOST_REASON = 'the connection to the bridge was lost';

export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/** ws(s)://<host>/bridge for the page's own origin. */
export function bridgeUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${BRIDGE_PATH}`;
}

/**
 * The one module that owns the WebSocket to the bridge.
 *
 * Race handled: a socket that was replaced (reconnect, dispose) may still fire
 * events; every handler checks it belongs to the current socket and ignores
 * it otherwise. When the socket drops, the bridge closes every TCP connection
 * of that session, so each conn the page asked for and has not seen end
 * (opened or still opening) is reported closed.
 */
export function createBridgeClient(options: {
  url: string;
  createSocket: SocketFactory;
  clock: Clock;
}): BridgeClient {
  const { url, createSocket, clock } = options;
  const listeners = new Set<(event: BridgeEvent) => void>();
  /** Conns from `open` until `closed` or an error: the ones a dropped bridge takes down. */
  const liveConns = new Set<ConnId>();
  let socket: SocketLike | null = null;
  let status: BridgeStatus = 'connecting';
  let failedAttempts = 0;
  let everOpened = false;
  let nextWriteId = 1;
  let cancelRetry: (() => void) | null = null;
  let disposed = false;

  const emit = (event: BridgeEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const setStatus = (next: BridgeStatus, message: string | null) => {
    status = next;
    emit({ type: 'status', status: next, message });
  };

  const dropAllConns = () => {
    const at = clock.now();
    for (const conn of [...liveConns]) {
      liveConns.delete(conn);
      const closed: ClosedMessage = {
        type: 'closed',
        conn,
        by: 'bridge',
        kind: 'error',
        reason: BRIDGE_LOST_REASON,
        at,
      };
      emit(closed);
    }
  };

  const onText = (text: string) => {
    const message = parseBridgeMessage(text);
    if (typeof message === 'string') {
      emit({
        type: 'status',
        status,
        message: `ignored a bad message from the bridge: ${message}`,
      });
      return;
    }
    if (message.type === 'welcome') {
      failedAttempts = 0;
      everOpened = true;
      const mismatch =
        message.protocol === PROTOCOL_VERSION
          ? null
          : `the bridge speaks protocol v${message.protocol}, this page v${PROTOCOL_VERSION}; reload the page`;
      setStatus('open', mismatch);
    }
    if (message.type === 'closed') liveConns.delete(message.conn);
    if (message.type === 'error' && message.conn !== null) liveConns.delete(message.conn);
    emit(message);
  };

  const onBinary = (data: ArrayBuffer) => {
    const frame = decodeReadFrame(new Uint8Array(data));
    if (typeof frame === 'string') {
      emit({ type: 'status', status, message: `ignored a bad frame from the bridge: ${frame}` });
      return;
    }
    emit({ type: 'read', conn: frame.conn, at: frame.at, payload: frame.payload });
  };

  const connect = () => {
    cancelRetry = null;
    const current = createSocket(url, SUBPROTOCOL);
    socket = current;
    current.onmessage = (data) => {
      if (socket !== current) return;
      if (typeof data === 'string') onText(data);
      else if (data instanceof ArrayBuffer) onBinary(data);
    };
    current.onclose = (reason) => {
      if (socket !== current) return;
      socket = null;
      dropAllConns();
      if (disposed) return;
      failedAttempts += 1;
      const delay = reconnectDelay(failedAttempts);
      const offline = !everOpened || failedAttempts >= OFFLINE_AFTER_ATTEMPTS;
      const cause = reason ? `: ${reason}` : '';
      setStatus(
        offline ? 'offline' : 'reconnecting',
        `bridge unreachable${cause}; retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      cancelRetry = clock.schedule(connect, delay);
    };
  };

  const sendControl = (message: PageMessage): boolean => {
    if (!socket || socket.readyState !== OPEN || status !== 'open') return false;
    socket.send(JSON.stringify(message));
    return true;
  };

  connect();

  return {
    get status() {
      return status;
    },
    open: (conn, host, port) => {
      const sent = sendControl({ type: 'open', conn, host, port });
      if (sent) liveConns.add(conn);
      return sent;
    },
    close: (conn) => sendControl({ type: 'close', conn }),
    write: (conn, bytes) => {
      if (!socket || socket.readyState !== OPEN || status !== 'open') return null;
      const writeId = nextWriteId;
      nextWriteId = (nextWriteId % 0xffffffff) + 1;
      socket.send(encodeWriteFrame(conn, writeId, bytes));
      return writeId;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      cancelRetry?.();
      const current = socket;
      socket = null;
      dropAllConns();
      current?.close(1000, 'page closed');
    },
  };
}
