import type { BridgeClient, BridgeEvent } from '../bridge-client/bridge-client';
import type { CallsStore, NewCall } from '../stores/calls-store';
import type { ComposerStore } from '../stores/composer-store';
import type { ConnectionStore } from '../stores/connection-store';
import { ConnectionSession, type ReplyOutcome } from './connection-session';
import { expandCall } from './send-readiness';
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
 * for the bridge, and bridge events into call results in the stores.
 */
export function createClientStub(deps: {
  bridge: BridgeClient;
  connection: ConnectionStore;
  calls: CallsStore;
  composer: ComposerStore;
  /** Page clock in milliseconds (performance.now in the browser). */
  now: () => number;
}): ClientStub {
  const { bridge, connection, calls, composer, now } = deps;
  const sessions = new Map<number, ConnectionSession>();
  /** Writes not yet acknowledged by the bridge, so the ack can stamp its call (step 3). */
  const unackedWrites = new Map<number, { conn: number; key: string }>();
  let nextConn = 1;
  let nextCall = 1;

  const apply = (outcome: ReplyOutcome, conn: number, at: number) => {
    if (outcome.kind === 'stray') {
      calls.getState().stray({ ...outcome.stray, conn, at });
      return;
    }
    calls.getState().answer(outcome.key, {
      answeredAt: now(),
      readAt: at,
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
        const pending = unackedWrites.get(event.write);
        if (!pending) return;
        unackedWrites.delete(event.write);
        calls.getState().written([pending.key], event.at);
        return;
      }
      case 'read': {
        const session = sessions.get(event.conn);
        if (!session) return;
        for (const outcome of session.receive(event.payload)) apply(outcome, event.conn, event.at);
        return;
      }
    }
  };

  const dispatch = (texts: string[]): string | null => {
    const { conn, targetStatus } = connection.getState();
    const session = conn === null ? undefined : sessions.get(conn);
    if (!session || targetStatus !== 'connected') return 'Connect to a target first.';
    const sentAt = now();
    const added: Array<NewCall & { bytes: Uint8Array }> = [];
    for (const text of texts) {
      const key = `c${nextCall++}`;
      const call = session.marshal(text, key);
      if ('problem' in call) return call.problem;
      added.push({
        key,
        conn: session.conn,
        method: call.method,
        idText: call.idText,
        canonicalId: call.canonicalId,
        requestText: call.text,
        sentAt,
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
      if (writeId === null) calls.getState().fail([call.key], 'the bridge is not connected');
      else unackedWrites.set(writeId, { conn: session.conn, key: call.key });
    }
    return null;
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
      sessions.set(conn, new ConnectionSession(conn));
      connection.getState().targetConnecting(conn);
      if (!bridge.open(conn, target.host, target.port)) {
        endSession(conn, 'the bridge is not connected', Date.now());
        connection.getState().targetEnded(conn, 'failed', 'The bridge is not connected yet.');
      }
    },
    disconnect,
    send: () => sendBurst(1),
    sendBurst,
    dispose: unsubscribe,
  };
}
