import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { type ErrorMessage, SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { now } from '../clock';
import { checkUpgrade, type UpgradeContext } from '../http/upgrade-policy';
import { PageSession, type SessionConfig } from './page-session';

/** Pages connected at once; a runaway tab reconnecting in a loop should not exhaust the machine. */
export const MAX_SESSIONS = 100;
/** A control message or one write is far smaller; anything bigger is refused by `ws`. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** A page that misses one pong in this interval is considered dead and its sockets closed. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** WebSocket close code "try again later", sent when MAX_SESSIONS is reached. */
const CLOSE_TRY_AGAIN_LATER = 1013;

export type EndpointConfig = SessionConfig & {
  upgrade: UpgradeContext;
  heartbeatIntervalMs: number;
};

export type BridgeEndpoint = { sessionCount(): number; close(): void };

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The WebSocket endpoint on the HTTP server. Every upgrade is checked by the
 * upgrade policy before `ws` allocates anything for it.
 */
export function attachBridgeEndpoint(server: Server, config: EndpointConfig): BridgeEndpoint {
  const sessions = new Map<WebSocket, { session: PageSession; alive: boolean }>();
  let nextId = 1;
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_PAYLOAD_BYTES,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const decision = checkUpgrade(
      {
        url: req.url,
        host: req.headers.host,
        origin: req.headers.origin,
        protocols: req.headers['sec-websocket-protocol'],
      },
      config.upgrade,
    );
    if (!decision.ok) {
      config.log(`refused WebSocket from ${req.socket.remoteAddress}: ${decision.reason}`);
      refuse(socket, decision.status, decision.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (sessions.size >= MAX_SESSIONS) {
        config.log(`limit: ${MAX_SESSIONS} pages connected, refused one more`);
        const refusal: ErrorMessage = {
          type: 'error',
          conn: null,
          code: 'limit',
          message: `the bridge serves at most ${MAX_SESSIONS} pages at once; close another tab`,
          at: now(),
        };
        ws.send(JSON.stringify(refusal));
        ws.close(CLOSE_TRY_AGAIN_LATER, 'too many pages');
        return;
      }
      const label = `page ${nextId++}`;
      const entry = { session: new PageSession(ws, label, config), alive: true };
      sessions.set(ws, entry);
      ws.on('pong', () => {
        entry.alive = true;
      });
      ws.on('close', () => sessions.delete(ws));
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const [ws, entry] of sessions) {
      if (!entry.alive) {
        config.log('heartbeat: a page missed its pong; closing its connections');
        entry.session.dispose();
        ws.terminate();
        continue;
      }
      entry.alive = false;
      ws.ping();
    }
  }, config.heartbeatIntervalMs);

  return {
    sessionCount: () => sessions.size,
    close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const [ws, entry] of sessions) {
        entry.session.dispose();
        ws.terminate();
      }
      sessions.clear();
    },
  };
}
