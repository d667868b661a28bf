import { requestPathProblem } from '../../../shared/framing/http-request';
import { canonicalId } from '../../../shared/json/exact-json';
import { expandBurstTemplate } from '../../../shared/jsonrpc/burst-template';
import {
  CLOSE_REASONS,
  type ClosedMessage,
  type DemoName,
  type Target,
} from '../../../shared/protocol/bridge-protocol';
import type { ServerStamps } from '../../../shared/steps/call-stamps';
import {
  BRIDGE_LOST_REASON,
  type BridgeClient,
  type BridgeEvent,
} from '../bridge-client/bridge-client';
import type { Answer, CallsStore, FailureCause, NewCall, StrayReply } from '../stores/calls-store';
import type { ComposerStore } from '../stores/composer-store';
import type { ConnectionStore } from '../stores/connection-store';
import { NOT_SENT_REASON, timeoutReason } from '../stores/failure-sentences';
import type { WireRecorder } from '../wire/wire-recorder';
import { runCallModeBurst } from './burst-runner';
import { ConnectionSession, type ReplyOutcome } from './connection-session';
import { type DialectHint, protocolMismatch, silenceHint } from './dialects';
import { joinWrites, type RequestBytes } from './joined-writes';
import { chosenProtocol } from './protocol-guess';
import { expandCall } from './send-readiness';
import { ServerStepsWaitlist } from './server-steps-waitlist';
import { formatTargetAddress, parseTargetAddress } from './target-address';

/** Calls of a Go-mode burst marshalled and written per task; the rest follow in later tasks. */
export const BURST_SLICE = 250;
/**
 * A slice's requests leave joined in bridge writes of up to this many bytes
 * (a larger request alone), far below the bridge's 1 MiB message limit.
 */
export const JOINED_WRITE_MAX_BYTES = 64 * 1024;

/**
 * How long the views wait to draw a call just sent, hoping to draw it
 * answered (AnswerHold, notify-per-frame.ts): under the tenth of a second in
 * which a person sees a change as immediate, and far above a loopback call.
 */
export const ANSWER_HOLD_MS = 100;

export type ClientStub = {
  connect(): void;
  disconnect(): void;
  /** Sends the editor's request once; returns a problem sentence when nothing was sent. */
  send(): string | null;
  /** Sends n calls at once the way Go's client.Go does, each from the template expanded for i. */
  sendBurst(n: number): string | null;
  /** Stops a Call-mode burst (composer's burstMode "call") before its next call; calls sent stay. */
  stopBurst(): void;
  /** Stops or starts one of the bridge's demo servers, e.g. to show a server going away mid-call. */
  setDemo(server: DemoName, running: boolean): void;
  /** A call sent less than ANSWER_HOLD_MS ago still awaits its answer. */
  answerDue(): boolean;
  /** Sets aside `count` conn numbers no connection of this page will take (a session's); returns the first. */
  takeConns(count: number): number;
  dispose(): void;
};

/** Why the calls in flight on a connection failed when it closed. */
function causeOfClose(closed: Pick<ClosedMessage, 'by' | 'kind' | 'reason'>): FailureCause {
  if (closed.by === 'page') return 'page-closed';
  if (closed.reason === BRIDGE_LOST_REASON) return 'bridge-lost';
  if (closed.kind === 'fin') return 'server-closed';
  return closed.kind === 'reset' ? 'reset' : 'connection-error';
}

/**
 * The client stub (steps 1, 2, 11, 12): turns the caller's request into bytes
 * for the bridge, and bridge events into call results in the stores. It
 * records every step's time where it learns it (CallStamps): its own on the
 * page clock, the bridge's and the glass-box server's as they reported them.
 */
export function createClientStub(deps: {
  bridge: BridgeClient;
  connection: ConnectionStore;
  calls: CallsStore;
  composer: ComposerStore;
  /** Page clock in milliseconds (performance.now in the browser). */
  now: () => number;
  /** Runs fn after ms and returns a canceller; for the per-call timeout. Without it calls never time out. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** Told every byte written and read and where each message sits, for the Wire view. */
  wire?: WireRecorder;
}): ClientStub {
  const { bridge, connection, calls, composer, now, schedule, wire } = deps;
  /** One timer per dispatch (a burst slice shares a deadline) and per slice to send; cancelled on dispose. */
  const deadlines = new Set<() => void>();
  const sessions = new Map<number, ConnectionSession>();
  /** Writes not yet acknowledged by the bridge, so the ack can stamp its call (step 3). */
  const unackedWrites = new Map<number, { conn: number; keys: string[] }>();
  const awaitingServerSteps = new ServerStepsWaitlist();
  /** Conns the bridge opened whose session still waits for its handshake (gob over HTTP). */
  const handshaking = new Map<number, { remote: Target; localPort: number }>();
  /** Why a handshake failed, for the close the page then asks for. */
  const refusedHandshakes = new Map<number, string>();

  const handshakeDone = (conn: number, connected: boolean, reason: string) => {
    const opened = handshaking.get(conn);
    if (opened === undefined) return;
    handshaking.delete(conn);
    if (connected) {
      connection.getState().targetConnected(conn, { kind: 'connected', ...opened });
      return;
    }
    refusedHandshakes.set(conn, reason);
    bridge.close(conn);
  };
  let nextConn = 1;
  let nextCall = 1;
  /** When the newest calls were sent (page clock). */
  let lastSentAt = Number.NEGATIVE_INFINITY;

  /**
   * One calls-store update per kind of outcome, however many a chunk brings:
   * a server flooding replies nobody asked for sends thousands per chunk.
   */
  const applyAll = (outcomes: Iterable<ReplyOutcome>, conn: number, at: number) => {
    const answers: Array<readonly [string, Answer]> = [];
    const strays: StrayReply[] = [];
    for (const outcome of outcomes) {
      if (outcome.kind === 'answer') answers.push([outcome.key, answerOf(outcome)]);
      else if (outcome.kind === 'stray') strays.push({ ...outcome.stray, conn, at });
      else if (outcome.kind === 'handshake') handshakeDone(conn, outcome.connected, outcome.reason);
      else calls.getState().fail(outcome.keys, outcome.reason, 'unreadable');
    }
    calls.getState().answerAll(answers);
    calls.getState().strayAll(strays);
  };

  const answerOf = (outcome: Extract<ReplyOutcome, { kind: 'answer' }>): Answer => ({
    stamps: { ...outcome.stamps, deliveredAt: now() },
    replyOrder: outcome.replyOrder,
    resultText: outcome.resultText,
    error: outcome.error,
    errorClass: outcome.errorClass,
    errorObject: outcome.errorObject,
  });

  const endSession = (
    conn: number,
    reason: string,
    cause: FailureCause,
    at: number,
    hint: DialectHint | null = null,
  ) => {
    const session = sessions.get(conn);
    if (!session) return;
    sessions.delete(conn);
    handshaking.delete(conn);
    // A notification is done once written; one the bridge never wrote fails with the connection.
    const unwritten: string[] = [];
    for (const [write, pending] of unackedWrites) {
      if (pending.conn !== conn) continue;
      unackedWrites.delete(write);
      unwritten.push(...pending.keys);
    }
    applyAll(session.end(), conn, at);
    calls.getState().fail([...session.failAll(), ...unwritten], reason, cause, hint);
    awaitingServerSteps.forgetConn(conn);
  };

  const onEvent = (event: BridgeEvent) => {
    switch (event.type) {
      // A dropped bridge needs nothing here: the bridge client reports each of its conns closed.
      case 'status':
        connection.getState().setBridgeStatus(event.status, event.note);
        return;
      case 'welcome':
        connection.getState().welcome(event.demo, event.allowed, event.demo2, event.demoGob);
        return;
      case 'demo-state':
        connection.getState().setDemoRunning(event.running);
        return;
      case 'opened': {
        const opened = { remote: event.remote, localPort: event.local.port };
        const first = sessions.get(event.conn)?.opening() ?? null;
        if (first === null) {
          connection.getState().targetConnected(event.conn, { kind: 'connected', ...opened });
          return;
        }
        // Connected once the server has answered: anything sent before that is lost (GO-NETRPC H2).
        handshaking.set(event.conn, opened);
        const writeId = bridge.write(event.conn, first);
        if (writeId !== null) wire?.requestWritten(event.conn, writeId, first, []);
        return;
      }
      case 'error': {
        if (event.conn === null) {
          connection
            .getState()
            .setBridgeStatus(bridge.status, { kind: 'said', text: event.message });
          return;
        }
        const { conn, targetStatus } = connection.getState();
        const session = sessions.get(event.conn);
        const reason = {
          kind: 'error' as const,
          code: event.code,
          target: session ? formatTargetAddress(session.protocol.target) : '',
          text: event.message,
        };
        if (event.conn === conn && targetStatus === 'connected') {
          connection.getState().targetNote(event.conn, reason);
          return;
        }
        // The open failed, or a superseded conn is already gone: either way its session ends.
        endSession(event.conn, event.message, 'connection-error', event.at);
        connection.getState().targetEnded(event.conn, 'failed', reason);
        return;
      }
      case 'closed': {
        const wasOpening =
          connection.getState().conn === event.conn &&
          connection.getState().targetStatus === 'connecting';
        handshaking.delete(event.conn);
        const refused = refusedHandshakes.get(event.conn);
        if (refused !== undefined) {
          refusedHandshakes.delete(event.conn);
          endSession(event.conn, refused, 'connection-error', event.at);
          connection.getState().targetEnded(event.conn, 'failed', { kind: 'text', text: refused });
          return;
        }
        const session = sessions.get(event.conn);
        const hint =
          event.by === 'server' && session?.silent
            ? silenceHint(session.protocol.dialect, 'closed')
            : null;
        endSession(event.conn, event.reason, causeOfClose(event), event.at, hint);
        const status = event.by === 'page' ? 'disconnected' : wasOpening ? 'failed' : 'closed';
        connection.getState().targetEnded(event.conn, status, {
          kind: 'closed',
          closeKind: event.kind,
          by: event.by,
          text: event.reason,
        });
        return;
      }
      case 'written': {
        wire?.writeAcked(event.write, event.at);
        const pending = unackedWrites.get(event.write);
        if (!pending) return;
        unackedWrites.delete(event.write);
        calls.getState().written(pending.keys, event.at);
        return;
      }
      case 'read': {
        wire?.chunkRead(event.conn, event.payload, event.at);
        const session = sessions.get(event.conn);
        if (!session) return;
        applyAll(session.receive(event.payload, event.at), event.conn, event.at);
        return;
      }
      case 'server-steps': {
        const found: Array<readonly [string, ServerStamps]> = [];
        for (const report of event.reports) {
          let id: string;
          try {
            id = canonicalId(report.id);
          } catch {
            continue; // Not JSON: it cannot name any call.
          }
          const key = awaitingServerSteps.take(report.conn, id);
          if (key !== null) found.push([key, report.stamps]);
        }
        calls.getState().serverSteps(found);
        return;
      }
      case 'clock-estimate':
        connection.getState().setClock(event.clock);
        return;
    }
  };

  // `selectNewest`: a burst selects its newest call once, with its last slice, not on every slice.
  const dispatch = (texts: string[], selectNewest = true): string | null => {
    const { conn, targetStatus } = connection.getState();
    const session = conn === null ? undefined : sessions.get(conn);
    if (!session || targetStatus !== 'connected') return 'Connect to a target first.';
    const invokedAt = now();
    // One request per text; a JSON-RPC 2.0 batch is one request holding several calls.
    const requests: Array<RequestBytes<NewCall[]>> = [];
    // Calls marshalled before a problem are registered (and gob has defined their types): they go.
    let problem: string | null = null;
    for (const text of texts) {
      const write = session.marshal(text, () => `c${nextCall++}`);
      if ('problem' in write) {
        problem = write.problem;
        break;
      }
      const stamps = { invokedAt, marshalledAt: now(), requestBytes: write.bytes.length };
      const added = write.calls.map(
        (call): NewCall => ({
          key: call.key,
          conn: session.conn,
          method: call.method,
          idText: call.idText,
          canonicalId: call.canonicalId,
          requestText: write.text,
          paramsText: call.paramsText,
          stamps,
          duplicateWarning:
            call.duplicates.length > 0
              ? `id ${call.idText} is already in flight: a reply cannot tell these calls apart`
              : null,
          ...(call.notification ? { notification: true } : {}),
        }),
      );
      requests.push({ bytes: write.bytes, item: added });
    }
    if (requests.length === 0) return problem;
    // Before the calls are recorded: the views hold the drawing of them from the first change.
    lastSentAt = invokedAt;
    calls.getState().add(
      requests.flatMap((request) => request.item),
      selectNewest,
    );
    for (const joined of joinWrites(requests, JOINED_WRITE_MAX_BYTES)) {
      const joinedCalls = joined.parts.flatMap((part) => part.item);
      const keys = joinedCalls.map((call) => call.key);
      const writeId = bridge.write(session.conn, joined.bytes);
      if (writeId === null) {
        calls.getState().fail(keys, NOT_SENT_REASON, 'not-sent');
        continue;
      }
      // One ack for the whole write: the bridge wrote all its calls' bytes at once.
      unackedWrites.set(writeId, { conn: session.conn, keys });
      const spans = joined.parts.map((part) => ({
        start: part.start,
        end: part.end,
        callKey: part.item[0]?.key ?? '',
      }));
      wire?.requestWritten(session.conn, writeId, joined.bytes, spans);
      for (const call of joinedCalls) {
        if (!call.notification) awaitingServerSteps.add(session.conn, call.canonicalId, call.key);
      }
    }
    const awaited = requests.flatMap((request) =>
      request.item.filter((call) => !call.notification),
    );
    watchDeadline(
      session,
      awaited.map((call) => call.key),
    );
    return problem;
  };

  // Retiring and failing are no-ops for calls already answered or failed, so the timer needs no bookkeeping.
  const watchDeadline = (session: ConnectionSession, keys: string[]) => {
    if (!schedule) return;
    const { timeoutSeconds } = composer.getState();
    const cancel = schedule(() => {
      deadlines.delete(cancel);
      session.retire(keys);
      const hint = session.silent ? silenceHint(session.protocol.dialect, 'timeout') : null;
      calls.getState().fail(keys, timeoutReason(timeoutSeconds), 'timeout', hint);
    }, timeoutSeconds * 1000);
    deadlines.add(cancel);
  };

  let stopRunningBurst: (() => void) | null = null;
  const stopBurst = () => {
    stopRunningBurst?.();
    stopRunningBurst = null;
  };

  // A Go-mode burst goes out BURST_SLICE calls per task, in order, so 10,000 calls never hold the page long.
  const dispatchInSlices = (texts: string[], from: number): string | null => {
    const end = schedule ? from + BURST_SLICE : texts.length;
    const problem = dispatch(texts.slice(from, end), end >= texts.length);
    if (problem !== null || end >= texts.length || !schedule) return problem;
    const cancel = schedule(() => {
      deadlines.delete(cancel);
      dispatchInSlices(texts, end);
    }, 0);
    deadlines.add(cancel);
    return null;
  };

  const sendBurst = (n: number): string | null => {
    const { text } = composer.getState();
    const { conn } = connection.getState();
    const dialect = (conn === null ? undefined : sessions.get(conn))?.protocol.dialect;
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      // Only call 0 is marshalled to check it: the others differ in numbers alone, and dispatch marshals each.
      const expanded = i === 0 ? expandCall(text, i, n, dialect) : expandBurstTemplate(text, i, n);
      if (typeof expanded !== 'string') return expanded.problem;
      texts.push(expanded);
    }
    if (composer.getState().burstMode === 'go' || n === 1) return dispatchInSlices(texts, 0);
    stopBurst();
    const run = runCallModeBurst({ texts, dispatch: (text) => dispatch([text]), calls, composer });
    stopRunningBurst = run.stop;
    return run.problem;
  };

  const unsubscribe = bridge.subscribe(onEvent);

  const disconnect = () => {
    // A Call-mode burst belongs to the connection it started on, as Go's calls belong to their client.
    stopBurst();
    const { conn } = connection.getState();
    if (conn === null) return;
    if (!bridge.close(conn)) {
      // No bridge to ask: closed here, in the bridge's words for a close the page asked for.
      const text = CLOSE_REASONS.requested;
      endSession(conn, text, 'page-closed', Date.now());
      connection.getState().targetEnded(conn, 'disconnected', {
        kind: 'closed',
        closeKind: 'requested',
        by: 'page',
        text,
      });
    }
  };

  return {
    connect: () => {
      // Connect replaces the current connection even when the new target is mistyped:
      // forgetting a live conn without closing it would leave its TCP socket open.
      disconnect();
      const target = parseTargetAddress(connection.getState().targetText);
      if ('problem' in target) {
        connection
          .getState()
          .targetEnded(null, 'failed', { kind: 'not-asked', why: target.problem });
        return;
      }
      const conn = nextConn++;
      const framed = (start: number, end: number, key: string | null) =>
        wire?.messageFramed(conn, start, end, key);
      const { framing, dialect } = chosenProtocol(connection.getState());
      const mismatch = protocolMismatch(framing, dialect);
      if (mismatch !== null) {
        connection.getState().targetEnded(null, 'failed', {
          kind: 'not-asked',
          why: { code: mismatch },
        });
        return;
      }
      const { httpPath, connectPath } = connection.getState();
      const path = framing === 'gob-http' ? connectPath : httpPath;
      const pathProblem = framing === 'gob-http' ? requestPathProblem(path) : null;
      if (pathProblem !== null) {
        connection.getState().targetEnded(null, 'failed', {
          kind: 'not-asked',
          why: { code: 'connect-path', problem: pathProblem },
        });
        return;
      }
      const protocol = { framing, dialect, target: { ...target, path } };
      sessions.set(conn, new ConnectionSession(conn, now, framed, protocol));
      connection.getState().targetConnecting(conn);
      if (!bridge.open(conn, target.host, target.port)) {
        endSession(conn, NOT_SENT_REASON, 'not-sent', Date.now());
        connection.getState().targetEnded(conn, 'failed', {
          kind: 'not-asked',
          why: { code: 'no-bridge' },
        });
      }
    },
    disconnect,
    setDemo: (server, running) => {
      bridge.setDemo(server, running);
    },
    takeConns: (count) => {
      const first = nextConn;
      nextConn += count;
      return first;
    },
    send: () => sendBurst(1),
    sendBurst,
    answerDue: () =>
      now() - lastSentAt < ANSWER_HOLD_MS &&
      [...sessions.values()].some((session) => session.pendingCount > 0),
    stopBurst,
    dispose: () => {
      stopBurst();
      unsubscribe();
      for (const cancel of deadlines) cancel();
      deadlines.clear();
    },
  };
}
