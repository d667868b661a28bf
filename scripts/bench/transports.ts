import { connect } from 'node:net';
import WebSocket from 'ws';
import { tokenProtocol } from '../../shared/protocol/access-token';
import { SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { decodeReadFrame, encodeWriteFrame } from '../../shared/protocol/frames';
import { parseBridgeMessage } from '../../shared/protocol/validate';
import type { Transport } from './rpc-client';

/** Straight to the server over TCP: the baseline. */
export function directTransport(host: string, port: number): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true }, () => {
      socket.off('error', reject);
      resolve({
        write: (bytes) => socket.write(bytes),
        onChunk: (handler) => socket.on('data', (chunk) => handler(new Uint8Array(chunk))),
        close: () => new Promise((done) => socket.end(done)),
      });
    });
    socket.once('error', reject);
  });
}

const CONN = 1;

/** Through our bridge, exactly as the page talks to it: one WebSocket, binary frames. */
export function bridgeTransport(
  wsUrl: string,
  origin: string,
  token: string,
  host: string,
  port: number,
): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, [SUBPROTOCOL, tokenProtocol(token)], { origin });
    let onChunk: (chunk: Uint8Array) => void = () => {};
    let writes = 0;
    ws.once('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'open', conn: CONN, host, port })));
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        const frame = decodeReadFrame(new Uint8Array(data.buffer, data.byteOffset, data.length));
        if (typeof frame !== 'string') onChunk(frame.payload);
        return;
      }
      const message = parseBridgeMessage(data.toString('utf8'));
      if (typeof message === 'string') return reject(new Error(message));
      if (message.type === 'error') return reject(new Error(message.message));
      if (message.type !== 'opened') return;
      ws.off('error', reject);
      resolve({
        write: (bytes) => ws.send(encodeWriteFrame(CONN, writes++, bytes)),
        onChunk: (handler) => {
          onChunk = handler;
        },
        close: () =>
          new Promise((done) => {
            ws.once('close', () => done());
            ws.close();
          }),
      });
    });
  });
}
