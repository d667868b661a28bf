import type { AppServices } from '../app/app-context';
import { type Session, writeSession } from './session-file';
import { connsOf, openedRecord, takeSession } from './session-record';

type Stores = Pick<AppServices, 'stub' | 'calls' | 'wire' | 'connection' | 'composer'>;

/** The page's record as a session file: its name (when it was written) and its text. */
export function exportSession(app: Stores, now: Date): { name: string; text: string } {
  const session = takeSession(
    {
      calls: app.calls.getState(),
      wire: app.wire.getState(),
      connection: app.connection.getState(),
      request: app.composer.getState().text,
    },
    app.connection.getState().clock,
    now,
  );
  const stamp = session.exportedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  return { name: `rpc-session-${stamp}.json`, text: writeSession(session) };
}

/**
 * Puts a session on the page in place of what it recorded, to replay without
 * a bridge or a server: the connection (and a burst) stops first, so nothing
 * of its own lands among the session's; then the session's calls, stray
 * replies, wire bytes, target and request replace the page's.
 */
export function openSession(app: Stores & Pick<AppServices, 'prediction'>, session: Session): void {
  app.stub.stopBurst();
  app.stub.disconnect();
  const record = openedRecord(session, app.stub.takeConns(connsOf(session).length));
  app.calls.getState().replaceRecord(record.calls);
  app.wire.getState().replaceRecord(record.wire);
  app.connection.getState().editTarget(session.targetText);
  app.connection.getState().setProtocolChoice(session.protocol);
  app.composer.getState().setText(session.request);
  // A prediction is about this page's next reply, not about a recording.
  app.prediction.getState().clear();
}
