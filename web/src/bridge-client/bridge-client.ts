import { ClockEstimator, sameReading } from '../../../shared/clock/clock-estimator';
import { tokenProtocol } from '../../../shared/protocol/access-token';
import {
  BRIDGE_PATH,
  type BridgeMessage,
  type ClockReplyMessage,
  type ClosedMessage,
  type ConnId,
  type DemoName,
  type PageMessage,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
} from '../../../shared/protocol/bridge-protocol';
import { decodeReadFrame } from '../../../shared/protocol/frames';
import { parseBridgeMessage } from '../../../shared/protocol/validate';
import type { ClockEstimate } from '../../../shared/steps/call-stamps';
import { WriteQueue } from './write-queue';

export type BridgeStatus = 'connecting' | 'open' | 'reconnecting' | 'offline';

/**
 * The part of a WebSocket this module uses; binary messages arrive as
 * ArrayBuffer (the browser) or Uint8Array (`ws` in Node, uncopied). The
 * browser adapter is browser-socket.ts; tests pass a fake.
 */
export type SocketLike = {
  readonly readyState: number;
  onmessage: ((data: unknown) => void) | null;
  onclose: ((reason: string) => void) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
};

/** Opens a socket offering these subprotocols (ours, then the access token). */
export type SocketFactory = (url: string, protocols: readonly string[]) => SocketLike;

export type Clock = {
  /** Epoch milliseconds, the same scale as the bridge's `at`. */
  now(): number;
  /** The page clock every page step time is on (performance.now in the browser), for the clock exchange. */
  pageNow(): number;
  /** Runs fn after ms; returns a canceller. */
  schedule(fn: () => void, ms: number): () => void;
};

/**
 * What the page is told about the bridge beside its status, as facts the page
 * words in its language (i18n/bridge-notes.ts): a refusal in the bridge's
 * sentence, the bridge lost (closed with a reason, or unreachable) and when
 * the next try is, a protocol mismatch, a message the client ignored, an
 * error the bridge sent.
 */
export type BridgeNote =
  | { kind: 'refused'; reason: string; retryMs: number }
  | { kind: 'lost'; reason: string | null; retryMs: number }
  | { kind: 'protocol'; bridge: number; page: number }
  | { kind: 'ignored'; what: 'message' | 'frame'; detail: string }
  /** An error the bridge sent about no connection in particular (a limit, a demo server), in its words. */
  | { kind: 'said'; text: string };

export type BridgeEvent =
  | { type: 'status'; status: BridgeStatus; note: BridgeNote | null }
  | Exclude<BridgeMessage, ClockReplyMessage>
  | { type: 'read'; conn: ConnId; at: number; payload: Uint8Array }
  /** A new estimate of bridge clock − page clock, after each clock exchange. */
  | { type: 'clock-estimate'; clock: ClockEstimate };

export type BridgeClient = {
  readonly status: BridgeStatus;
  open(conn: ConnId, host: string, port: number): boolean;
  close(conn: ConnId): boolean;
  /** Asks the bridge to stop or start one of its demo servers; every page then hears `demo-state`. */
  setDemo(server: DemoName, running: boolean): boolean;
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
/**
 * Exchanges after welcome, CLOCK_WARMUP_GAP_MS apart, so the first estimate
 * rests on the best of several. Spread, not back to back: a page that has
 * just loaded is busy (the editor, the first renders), and an answer that
 * waits for it makes a round trip of 10–150 ms, and the estimate is off by
 * up to half of that (measured in Chromium, docs/benchmarks.md); of a dozen
 * spread over three seconds, some fall when the page is idle.
 */
export const CLOCK_WARMUP_EXCHANGES = 12;
export const CLOCK_WARMUP_GAP_MS = 250;
/** Then one exchange this often (ms), so drift and a busier machine are followed. */
export const CLOCK_RESYNC_MS = 10_000;

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
  /** The bridge's access token (page-token.ts); null when this tab has none. */
  token?: string | null;
  /** After a refused or failed connect: the bridge's reason for refusing this page, or null. */
  checkAccess?: () => Promise<string | null>;
  /** When the writes of a turn leave together (write-queue.ts); by default a microtask after the first. */
  deferWrites?: (flush: () => void) => void;
}): BridgeClient {
  const { url, createSocket, clock } = options;
  const protocols = options.token ? [SUBPROTOCOL, tokenProtocol(options.token)] : [SUBPROTOCOL];
  /** Replaced, not changed, on (un)subscribe: an event goes to the listeners there were when it began. */
  let listeners: ReadonlyArray<(event: BridgeEvent) => void> = [];
  /** Conns from `open` until `closed` or an error: the ones a dropped bridge takes down. */
  const liveConns = new Set<ConnId>();
  let socket: SocketLike | null = null;
  let status: BridgeStatus = 'connecting';
  let failedAttempts = 0;
  let everOpened = false;
  let nextWriteId = 1;
  let cancelRetry: (() => void) | null = null;
  let disposed = false;
  /** The bridge's reason for refusing this page (e.g. a stale token), until a welcome. */
  let refusal: string | null = null;
  /** Whether the current socket got its welcome; one that never did may have been refused. */
  let welcomed = false;
  const clockEstimator = new ClockEstimator();
  /** The one clock exchange awaiting its answer; a later one supersedes it. */
  let clockInFlight: { seq: number; t0: number } | null = null;
  /** The estimate last told: one that reads the same is not told again (CK5: views redraw on each). */
  let toldClock: ClockEstimate | null = null;
  let nextClockSeq = 1;
  let warmupLeft = 0;
  let cancelWarmupStep: (() => void) | null = null;
  let cancelResync: (() => void) | null = null;
  const writeQueue = new WriteQueue((frame) => {
    if (socket && socket.readyState === OPEN) socket.send(frame);
  }, options.deferWrites);

  const emit = (event: BridgeEvent) => {
    for (const listener of listeners) listener(event);
  };
  const setStatus = (next: BridgeStatus, note: BridgeNote | null) => {
    status = next;
    emit({ type: 'status', status: next, note });
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

  const sendClock = () => {
    if (!socket || socket.readyState !== OPEN || status !== 'open') return;
    writeQueue.flush();
    const seq = nextClockSeq++;
    clockInFlight = { seq, t0: clock.pageNow() };
    socket.send(JSON.stringify({ type: 'clock', seq } satisfies PageMessage));
  };

  const onClockReply = (reply: ClockReplyMessage) => {
    const t1 = clock.pageNow();
    if (clockInFlight === null || reply.seq !== clockInFlight.seq) return;
    const estimate = clockEstimator.add({ t0: clockInFlight.t0, at: reply.at, t1 });
    clockInFlight = null;
    if (estimate && !sameReading(estimate, toldClock)) {
      toldClock = estimate;
      emit({ type: 'clock-estimate', clock: estimate });
    }
    if (warmupLeft > 0) {
      warmupLeft -= 1;
      cancelWarmupStep = clock.schedule(sendClock, CLOCK_WARMUP_GAP_MS);
    }
  };

  const resync = () => {
    sendClock();
    cancelResync = clock.schedule(resync, CLOCK_RESYNC_MS);
  };

  /** A new bridge session: fresh samples, a warm-up of a few seconds, then the periodic exchange. */
  const startClockSync = () => {
    stopClockSync();
    clockEstimator.reset();
    toldClock = null;
    warmupLeft = CLOCK_WARMUP_EXCHANGES - 1;
    sendClock();
    cancelResync = clock.schedule(resync, CLOCK_RESYNC_MS);
  };

  const stopClockSync = () => {
    cancelResync?.();
    cancelResync = null;
    cancelWarmupStep?.();
    cancelWarmupStep = null;
    clockInFlight = null;
    warmupLeft = 0;
  };

  const onText = (text: string) => {
    const message = parseBridgeMessage(text);
    if (typeof message === 'string') {
      emit({ type: 'status', status, note: { kind: 'ignored', what: 'message', detail: message } });
      return;
    }
    if (message.type === 'welcome') {
      failedAttempts = 0;
      everOpened = true;
      welcomed = true;
      refusal = null;
      writeQueue.maxMessageBytes = message.maxMessageBytes;
      const mismatch: BridgeNote | null =
        message.protocol === PROTOCOL_VERSION
          ? null
          : { kind: 'protocol', bridge: message.protocol, page: PROTOCOL_VERSION };
      setStatus('open', mismatch);
      startClockSync();
    }
    if (message.type === 'clock') {
      onClockReply(message);
      return;
    }
    if (message.type === 'closed') liveConns.delete(message.conn);
    if (message.type === 'error' && message.conn !== null) liveConns.delete(message.conn);
    emit(message);
  };

  const onBinary = (data: Uint8Array) => {
    const frame = decodeReadFrame(data);
    if (typeof frame === 'string') {
      emit({ type: 'status', status, note: { kind: 'ignored', what: 'frame', detail: frame } });
      return;
    }
    // The acks the frame carries are of writes that completed before these bytes were read.
    for (const { write, bytes, at } of frame.acks) {
      emit({ type: 'written', conn: frame.conn, write, bytes, at });
    }
    emit({ type: 'read', conn: frame.conn, at: frame.at, payload: frame.payload });
  };

  const connect = () => {
    cancelRetry = null;
    const current = createSocket(url, protocols);
    socket = current;
    welcomed = false;
    current.onmessage = (data) => {
      if (socket !== current) return;
      if (typeof data === 'string') onText(data);
      else if (data instanceof ArrayBuffer) onBinary(new Uint8Array(data));
      else if (data instanceof Uint8Array) onBinary(data);
    };
    current.onclose = (reason) => {
      if (socket !== current) return;
      socket = null;
      writeQueue.clear();
      stopClockSync();
      dropAllConns();
      if (disposed) return;
      failedAttempts += 1;
      const delay = reconnectDelay(failedAttempts);
      const offline = !everOpened || failedAttempts >= OFFLINE_AFTER_ATTEMPTS;
      setStatus(
        refusal || offline ? 'offline' : 'reconnecting',
        refusal
          ? { kind: 'refused', reason: refusal, retryMs: delay }
          : { kind: 'lost', reason: reason || null, retryMs: delay },
      );
      cancelRetry = clock.schedule(connect, delay);
      // Never welcomed: maybe refused (token, origin). Ask why, and say so instead of "unreachable".
      if (!welcomed && options.checkAccess) {
        void options.checkAccess().then((why) => {
          if (disposed || socket !== null || why === refusal) return;
          refusal = why;
          if (why) setStatus('offline', { kind: 'refused', reason: why, retryMs: delay });
        });
      }
    };
  };

  const sendControl = (message: PageMessage): boolean => {
    if (!socket || socket.readyState !== OPEN || status !== 'open') return false;
    // After the writes made before it: a `close` must not overtake them.
    writeQueue.flush();
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
    setDemo: (server, running) => sendControl({ type: 'demo', server, running }),
    write: (conn, bytes) => {
      if (!socket || socket.readyState !== OPEN || status !== 'open') return null;
      const writeId = nextWriteId;
      nextWriteId = (nextWriteId % 0xffffffff) + 1;
      writeQueue.add({ conn, write: writeId, payload: bytes });
      return writeId;
    },
    subscribe: (listener) => {
      if (!listeners.includes(listener)) listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      cancelRetry?.();
      stopClockSync();
      const current = socket;
      socket = null;
      writeQueue.clear();
      dropAllConns();
      current?.close(1000, 'page closed');
    },
  };
}
