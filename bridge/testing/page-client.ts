import { request } from 'node:http';
import WebSocket from 'ws';
import { tokenProtocol } from '../../shared/protocol/access-token';
import type { BridgeMessage } from '../../shared/protocol/bridge-protocol';
import { SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { decodeReadFrame, encodeWriteFrame, type ReadFrame } from '../../shared/protocol/frames';
import { parseBridgeMessage } from '../../shared/protocol/validate';

/** A test stand-in for the page: a real `ws` client that records what the bridge sends. */

export const WAIT_TIMEOUT_MS = 5_000;

export type Received = BridgeMessage | ReadFrame;

export const isReadFrame = (item: Received): item is ReadFrame => !('type' in item);

export class PageClient {
  readonly received: Received[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const bytes = data as Buffer;
      const item = isBinary
        ? decodeReadFrame(new Uint8Array(bytes))
        : parseBridgeMessage(bytes.toString('utf8'));
      if (typeof item === 'string') throw new Error(`bridge sent something invalid: ${item}`);
      // Acks riding in a read frame are recorded as the `written` messages they stand for.
      if (!('type' in item)) {
        for (const ack of item.acks)
          this.received.push({ type: 'written', conn: item.conn, ...ack });
      }
      this.received.push(item);
      for (const wake of this.waiters) wake();
    });
    ws.on('close', () => {
      for (const wake of this.waiters) wake();
    });
  }

  /** Connects as the page does: our subprotocol plus the access token, with the page's Origin. */
  static async connect(
    wsUrl: string,
    options: { origin: string; token: string; autoPong?: boolean },
  ): Promise<PageClient> {
    const ws = new WebSocket(wsUrl, [SUBPROTOCOL, tokenProtocol(options.token)], {
      origin: options.origin,
      autoPong: options.autoPong ?? true,
    });
    const client = new PageClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Connects to a bridge started in this process (`startBridge`'s result). */
  static connectTo(
    bridge: { wsUrl: string; origin: string; token: string },
    options: { autoPong?: boolean } = {},
  ): Promise<PageClient> {
    return PageClient.connect(bridge.wsUrl, {
      origin: bridge.origin,
      token: bridge.token,
      ...options,
    });
  }

  sendJson(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  write(conn: number, write: number, payload: Uint8Array): void {
    this.ws.send(encodeWriteFrame([{ conn, write, payload }]));
  }

  /** Resolves with the first received item (from the start) that matches, or fails after a bound. */
  waitFor<T extends Received>(
    match: (item: Received) => item is T,
    what = 'a message',
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match);
        if (found) {
          done();
          resolve(found);
        } else if (this.ws.readyState === WebSocket.CLOSED) {
          done();
          reject(new Error(`socket closed while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received)}`));
      }, WAIT_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  waitForType<K extends BridgeMessage['type']>(
    type: K,
    conn?: number,
  ): Promise<Extract<BridgeMessage, { type: K }>> {
    return this.waitFor(
      (item): item is Extract<BridgeMessage, { type: K }> =>
        'type' in item &&
        item.type === type &&
        (conn === undefined || ('conn' in item && item.conn === conn)),
      `${type}${conn === undefined ? '' : ` on conn ${conn}`}`,
    );
  }

  /** Concatenated payload of every read frame received so far for one connection. */
  readBytes(conn: number): Buffer {
    return Buffer.concat(
      this.received
        .filter((item): item is ReadFrame => isReadFrame(item) && item.conn === conn)
        .map((frame) => frame.payload),
    );
  }

  closed(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  close(): Promise<void> {
    const closed = this.closed();
    this.ws.close();
    return closed;
  }
}

export type HttpAnswer = { status: number; body: string; headers: Record<string, unknown> };

/** Sends a raw HTTP request (e.g. an upgrade with forged headers) and returns the answer. */
export function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, setHost: false });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers of a well-formed upgrade request to a bridge; override to forge one, '' drops one. */
export function upgradeHeaders(
  bridge: { port: number; token: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  const { port, token } = bridge;
  const headers: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Protocol': `${SUBPROTOCOL}, ${tokenProtocol(token)}`,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
}
