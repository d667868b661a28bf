import type { ClockEstimate } from '../../../shared/steps/call-stamps';
import { withOwnClock } from '../stores/call-clock';
import type { Call, CallsRecord, CallsState } from '../stores/calls-store';
import type { ConnectionState } from '../stores/connection-store';
import { EXPORTED_IN_FLIGHT_REASON } from '../stores/failure-sentences';
import type { WireRecord, WireState } from '../stores/wire-store';
import type { Session } from './session-file';

type Sources = {
  calls: CallsState;
  wire: WireState;
  connection: ConnectionState;
  request: string;
};

/** Everything the page recorded, as a session file holds it; each call takes the page's estimate along. */
export function takeSession(
  { calls, wire, connection, request }: Sources,
  pageClock: ClockEstimate | null,
  exportedAt: Date,
): Session {
  return {
    exportedAt: exportedAt.toISOString(),
    targetText: connection.targetText,
    protocol: {
      framingChoice: connection.framingChoice,
      dialectChoice: connection.dialectChoice,
      httpPath: connection.httpPath,
      connectPath: connection.connectPath,
    },
    request,
    calls: calls.calls.map((call) => withOwnClock(call, pageClock)),
    forgottenCalls: calls.forgottenCalls,
    strays: calls.strays,
    strayCounts: { ...calls.strayCounts },
    chunks: wire.chunks.map(({ conn, direction, streamOffset, at, bytes }) => ({
      conn,
      direction,
      streamOffset,
      at,
      bytes,
    })),
    messages: wire.messages.map(({ conn, direction, start, end, callKey }) => ({
      conn,
      direction,
      start,
      end,
      callKey,
    })),
    dropped: wire.dropped,
  };
}

/** How many connections a session's record names: as many conn numbers does it need on this page. */
export function connsOf(session: Session): number[] {
  const conns = new Set<number>();
  for (const item of [...session.calls, ...session.strays, ...session.chunks, ...session.messages])
    conns.add(item.conn);
  return [...conns].sort((a, b) => a - b);
}

/**
 * A session's record as this page holds it. Its connections take conn
 * numbers from `firstConn` on (which this page set aside), its calls keys
 * `r1…` (which no call of the page takes), so neither meets anything of
 * this page's; a call in flight at export comes back failed.
 */
export function openedRecord(
  session: Session,
  firstConn: number,
): { calls: CallsRecord; wire: WireRecord } {
  const connMap = new Map(connsOf(session).map((conn, i) => [conn, firstConn + i]));
  const connOf = (conn: number) => connMap.get(conn) as number;
  const keys = new Map<string, string>();
  const keyOf = (key: string) => {
    let renamed = keys.get(key);
    if (renamed === undefined) {
      renamed = `r${keys.size + 1}`;
      keys.set(key, renamed);
    }
    return renamed;
  };
  const calls = session.calls.map(
    (call): Call => ({
      ...call,
      key: keyOf(call.key),
      conn: connOf(call.conn),
      ...(call.status === 'pending'
        ? {
            status: 'failed' as const,
            failure: EXPORTED_IN_FLIGHT_REASON,
            failureCause: 'page-gone' as const,
          }
        : {}),
    }),
  );
  return {
    calls: {
      calls,
      forgottenCalls: session.forgottenCalls,
      strays: session.strays.map((stray) => ({ ...stray, conn: connOf(stray.conn) })),
      strayCounts: session.strayCounts,
    },
    wire: {
      chunks: session.chunks.map((chunk) => ({ ...chunk, conn: connOf(chunk.conn) })),
      // A message of a call the recording page had forgotten keeps a key no call has.
      messages: session.messages.map((message) => ({
        ...message,
        conn: connOf(message.conn),
        callKey: message.callKey === null ? null : keyOf(message.callKey),
      })),
      dropped: session.dropped,
    },
  };
}
