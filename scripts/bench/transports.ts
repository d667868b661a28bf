import { connect } from 'node:net';
import WebSocket from 'ws';
import { now } from '../../bridge/clock';
import {
  type Clock,
  createBridgeClient,
  type SocketFactory,
} from '../../web/src/bridge-client/bridge-client';
import { socketOver } from '../../web/src/bridge-client/browser-socket';
import { bridgeNoteEn } from '../../web/src/i18n/bridge-notes';
import type { Transport } from './rpc-client';

/**
 * Straight to the server over TCP: the baseline. With `joinWrites`, the writes
 * of one turn leave in one syscall, as the page's bridge client joins them
 * into one frame: a direct client given the same advantage.
 */
export function directTransport(
  host: string,
  port: number,
  options: { joinWrites?: boolean } = {},
): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true }, () => {
      socket.off('error', reject);
      let corked = false;
      const uncork = () => {
        corked = false;
        socket.uncork();
      };
      resolve({
        write: (bytes) => {
          if (options.joinWrites && !corked) {
            corked = true;
            socket.cork();
            queueMicrotask(uncork);
          }
          socket.write(bytes);
        },
        onChunk: (handler) => socket.on('data', (chunk) => handler(new Uint8Array(chunk))),
        close: () => new Promise((done) => socket.end(done)),
      });
    });
    socket.once('error', reject);
  });
}

const CONN = 1;

/**
 * The page's socket, played by `ws` in Node. Binary messages stay Buffers:
 * the browser hands the page an ArrayBuffer natively, and copying each one
 * into an ArrayBuffer in JavaScript would charge this path a cost that the
 * page does not pay and websockify's client here does not either.
 */
function nodeSocket(origin: string, closed: Promise<void>[]): SocketFactory {
  return (url, protocols) => {
    const ws = new WebSocket(url, [...protocols], { origin });
    closed.push(new Promise((resolve) => ws.once('close', () => resolve())));
    const socket = socketOver(ws);
    ws.on('message', (data: Buffer, isBinary) =>
      socket.onmessage?.(isBinary ? data : data.toString()),
    );
    ws.on('close', (_code, reason) => socket.onclose?.(reason.toString()));
    ws.on('error', () => {});
    return socket;
  };
}

const nodeClock: Clock = {
  now,
  pageNow: () => performance.now(),
  schedule: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * Through our bridge with the page's own bridge client (web/src/bridge-client):
 * its write frames, its acks, its clock exchanges, on one WebSocket.
 */
export function bridgeTransport(
  wsUrl: string,
  origin: string,
  token: string,
  host: string,
  port: number,
): Promise<Transport> {
  const closed: Promise<void>[] = [];
  const client = createBridgeClient({
    url: wsUrl,
    createSocket: nodeSocket(origin, closed),
    clock: nodeClock,
    token,
  });
  let onChunk: (chunk: Uint8Array) => void = () => {};
  return new Promise((resolve, reject) => {
    client.subscribe((event) => {
      if (event.type === 'status' && event.status === 'open') client.open(CONN, host, port);
      else if (event.type === 'status' && event.status === 'offline')
        reject(new Error(event.note ? bridgeNoteEn(event.note) : 'offline'));
      else if (event.type === 'error') reject(new Error(event.message));
      else if (event.type === 'read') onChunk(event.payload);
      else if (event.type === 'opened') {
        resolve({
          write: (bytes) => {
            client.write(CONN, bytes);
          },
          onChunk: (handler) => {
            onChunk = handler;
          },
          close: async () => {
            client.dispose();
            await Promise.all(closed);
          },
        });
      }
    });
  });
}
