import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { type ErrorMessage, SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { now } from '../clock';
import { checkUpgrade, type UpgradeContext } from '../http/upgrade-policy';
import { formatBytes, LIMIT_FLAGS } from '../limits';
import { PageSession, type SessionConfig } from './page-session';

/** WebSocket close code "try again later", sent when maxPages is reached. */
const CLOSE_TRY_AGAIN_LATER = 1013;

export type EndpointConfig = Omit<SessionConfig, 'totalConnections'> & {
  upgrade: UpgradeContext;
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
  const { limits } = config;
  const sessions = new Map<WebSocket, { session: PageSession; alive: boolean }>();
  const totalConnections = () => {
    let total = 0;
    for (const entry of sessions.values()) total += entry.session.connectionCount();
    return total;
  };
  const sessionConfig: SessionConfig = { ...config, totalConnections };
  let nextId = 1;
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    // `ws` checks the length before reading the payload, and validates UTF-8 in text frames.
    maxPayload: limits.maxMessageBytes,
    skipUTF8Validation: false,
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
      if (sessions.size >= limits.maxPages) {
        config.log(
          `limit: ${limits.maxPages} pages connected, refused one more (${LIMIT_FLAGS.maxPages})`,
        );
        const sentence = `The bridge serves at most ${limits.maxPages} pages at once (${LIMIT_FLAGS.maxPages}); close another tab.`;
        const refusal: ErrorMessage = {
          type: 'error',
          conn: null,
          code: 'limit',
          message: sentence,
          at: now(),
        };
        ws.send(JSON.stringify(refusal));
        // The browser shows the close reason (at most 123 bytes) when the socket drops.
        ws.close(CLOSE_TRY_AGAIN_LATER, sentence);
        return;
      }
      const label = `page ${nextId++}`;
      // Without a listener an 'error' (e.g. an oversized message) would crash the process.
      ws.on('error', (error: Error & { code?: string }) => {
        const reason =
          error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
            ? `limit: ${label} sent a message over ${formatBytes(limits.maxMessageBytes)} (${LIMIT_FLAGS.maxMessageBytes}); closed with 1009`
            : `${label}: WebSocket error: ${error.message}`;
        config.log(reason);
      });
      const entry = { session: new PageSession(ws, label, sessionConfig, socket), alive: true };
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
  }, limits.heartbeatIntervalMs);

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
