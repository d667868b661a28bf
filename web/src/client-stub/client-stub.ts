import { canonicalId } from '../../../shared/json/exact-json';
import type { BridgeClient, BridgeEvent } from '../bridge-client/bridge-client';
import type { CallsStore, NewCall } from '../stores/calls-store';
import type { ComposerStore } from '../stores/composer-store';
import type { ConnectionStore } from '../stores/connection-store';
import type { WireRecorder } from '../wire/wire-recorder';
import { ConnectionSession, type ReplyOutcome } from './connection-session';
import { expandCall } from './send-readiness';
import { ServerStepsWaitlist } from './server-steps-waitlist';
import { parseTargetAddress } from './target-address';

export type ClientStub = {
  connect(): void;
  disconnect(): void;
  /** Sends the editor's request once; returns a problem sentence when nothing was sent. */
  send(): string | null;
  /** Sends n calls at once the way Go's client.Go does, each from the template expanded for i. */
  sendBurst(n: number): string | null;
  dispose(): void;
};

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
  /** One timer per dispatch (a burst shares its deadline), cancelled on dispose. */
  const deadlines = new Set<() => void>();
  const sessions = new Map<number, ConnectionSession>();
  /** Writes not yet acknowledged by the bridge, so the ack can stamp its call (step 3). */
  const unackedWrites = new Map<number, { conn: number; key: string }>();
  const awaitingServerSteps = new ServerStepsWaitlist();
  let nextConn = 1;
  let nextCall = 1;

  const apply = (outcome: ReplyOutcome, conn: number, at: number) => {
    if (outcome.kind === 'stray') {
      calls.getState().stray({ ...outcome.stray, conn, at });
      return;
    }
    calls.getState().answer(outcome.key, {
      stamps: { ...outcome.stamps, deliveredAt: now() },
      replyOrder: outcome.replyOrder,
      resultText: outcome.resultText,
      error: outcome.error,
      errorClass: outcome.errorClass,
    });
  };

  const endSession = (conn: number, reason: string, at: number) => {
    const session = sessions.get(conn);
    if (!session) return;
    sessions.delete(conn);
    for (const [write, pending] of unackedWrites) {
      if (pending.conn === conn) unackedWrites.delete(write);
    }
    const leftover = session.end();
    if (leftover) apply(leftover, conn, at);
    calls.getState().fail(session.failAll(), reason);
    awaitingServerSteps.forgetConn(conn);
  };

  const onEvent = (event: BridgeEvent) => {
    switch (event.type) {
      // A dropped bridge needs nothing here: the bridge client reports each of its conns closed.
      case 'status':
        connection.getState().setBridgeStatus(event.status, event.message);
        return;
      case 'welcome':
        connection.getState().welcome(event.demo, event.allowed);
        return;
      case 'opened':
        connection
          .getState()
          .targetConnected(
            event.conn,
            `${event.remote.host}:${event.remote.port}, from local port ${event.local.port}`,
          );
        return;
      case 'error': {
        if (event.conn === null) {
          connection.getState().setBridgeStatus(bridge.status, event.message);
          return;
        }
        const { conn, targetStatus } = connection.getState();
        if (event.conn === conn && targetStatus === 'connected') {
          connection.getState().targetNote(event.conn, event.message);
          return;
        }
        // The open failed, or a superseded conn is already gone: either way its session ends.
        endSession(event.conn, event.message, event.at);
        connection.getState().targetEnded(event.conn, 'failed', event.message);
        return;
      }
      case 'closed': {
        const wasOpening =
          connection.getState().conn === event.conn &&
          connection.getState().targetStatus === 'connecting';
        endSession(event.conn, event.reason, event.at);
        const status = event.by === 'page' ? 'disconnected' : wasOpening ? 'failed' : 'closed';
        connection.getState().targetEnded(event.conn, status, event.reason);
        return;
      }
      case 'written': {
        wire?.writeAcked(event.write, event.at);
        const pending = unackedWrites.get(event.write);
        if (!pending) return;
        unackedWrites.delete(event.write);
        calls.getState().written([pending.key], event.at);
        return;
      }
      case 'read': {
        wire?.chunkRead(event.conn, event.payload, event.at);
        const session = sessions.get(event.conn);
        if (!session) return;
        for (const outcome of session.receive(event.payload, event.at)) {
          apply(outcome, event.conn, event.at);
        }
        return;
      }
      case 'server-steps': {
        let id: string;
        try {
          id = canonicalId(event.id);
        } catch {
          return; // Not JSON: it cannot name any call.
        }
        const key = awaitingServerSteps.take(event.conn, id);
        if (key !== null) calls.getState().serverSteps(key, event.stamps);
        return;
      }
      case 'clock-estimate':
        connection.getState().setClock(event.clock);
        return;
    }
  };

  const dispatch = (texts: string[]): string | null => {
    const { conn, targetStatus } = connection.getState();
    const session = conn === null ? undefined : sessions.get(conn);
    if (!session || targetStatus !== 'connected') return 'Connect to a target first.';
    const invokedAt = now();
    const added: Array<NewCall & { bytes: Uint8Array }> = [];
    for (const text of texts) {
      const key = `c${nextCall++}`;
      const call = session.marshal(text, key);
      if ('problem' in call) return call.problem;
      const stamps = { invokedAt, marshalledAt: now(), requestBytes: call.bytes.length };
      added.push({
        key,
        conn: session.conn,
        method: call.method,
        idText: call.idText,
        canonicalId: call.canonicalId,
        requestText: call.text,
        stamps,
        duplicateWarning:
          call.duplicates.length > 0
            ? `id ${call.idText} is already in flight: a reply cannot tell these calls apart`
            : null,
        bytes: call.bytes,
      });
    }
    calls.getState().add(added.map(({ bytes: _bytes, ...call }) => call));
    for (const call of added) {
      const writeId = bridge.write(session.conn, call.bytes);
      if (writeId === null) {
        calls.getState().fail([call.key], 'the bridge is not connected');
        continue;
      }
      unackedWrites.set(writeId, { conn: session.conn, key: call.key });
      wire?.requestWritten(session.conn, writeId, call.bytes, call.key);
      awaitingServerSteps.add(session.conn, call.canonicalId, call.key);
    }
    watchDeadline(
      session,
      added.map((call) => call.key),
    );
    return null;
  };

  // Retiring and failing are no-ops for calls already answered or failed, so the timer needs no bookkeeping.
  const watchDeadline = (session: ConnectionSession, keys: string[]) => {
    if (!schedule) return;
    const { timeoutSeconds } = composer.getState();
    const cancel = schedule(() => {
      deadlines.delete(cancel);
      session.retire(keys);
      calls.getState().fail(keys, `no answer within ${timeoutSeconds} s`);
    }, timeoutSeconds * 1000);
    deadlines.add(cancel);
  };

  const sendBurst = (n: number): string | null => {
    const { text } = composer.getState();
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      const expanded = expandCall(text, i, n);
      if (typeof expanded !== 'string') return expanded.problem;
      texts.push(expanded);
    }
    return dispatch(texts);
  };

  const unsubscribe = bridge.subscribe(onEvent);

  const disconnect = () => {
    const { conn } = connection.getState();
    if (conn === null) return;
    if (!bridge.close(conn)) {
      endSession(conn, 'the page closed the connection', Date.now());
      connection.getState().targetEnded(conn, 'disconnected', 'disconnected');
    }
  };

  return {
    connect: () => {
      // Connect replaces the current connection even when the new target is mistyped:
      // forgetting a live conn without closing it would leave its TCP socket open.
      disconnect();
      const target = parseTargetAddress(connection.getState().targetText);
      if ('problem' in target) {
        connection.getState().targetEnded(null, 'failed', target.problem);
        return;
      }
      const conn = nextConn++;
      const framed = (start: number, end: number, key: string | null) =>
        wire?.messageFramed(conn, start, end, key);
      sessions.set(conn, new ConnectionSession(conn, now, framed));
      connection.getState().targetConnecting(conn);
      if (!bridge.open(conn, target.host, target.port)) {
        endSession(conn, 'the bridge is not connected', Date.now());
        connection.getState().targetEnded(conn, 'failed', 'The bridge is not connected yet.');
      }
    },
    disconnect,
    send: () => sendBurst(1),
    sendBurst,
    dispose: () => {
      unsubscribe();
      for (const cancel of deadlines) cancel();
      deadlines.clear();
    },
  };
}
