/**
 * One TCP connection served the way Go's rpc.ServeCodec serves it: requests
 * are read one JSON value at a time and each call runs concurrently, replies
 * going out in completion order. Once a value cannot be decoded (or the peer
 * sends FIN) reading stops for good; calls in flight still get their replies,
 * then the connection is closed. Unread bytes stay unread, as with Go.
 */
import type { Socket } from 'node:net';
import { now } from '../clock';
import { dispatch } from './dispatch';
import { JsonValueStream } from './go-json/scanner';
import { decodeRequest } from './jsonrpc-codec';
import { servedSocket } from './served-socket';
import { type ServerStepsObserver, StepRecorder } from './server-steps';
import type { Services } from './services';

/**
 * `observe` hears steps 4–9 of every call. The steps are recorded whether
 * anyone listens or not, so the byte-for-byte differential test runs the very
 * code path the bridge uses.
 */
export function serveConnection(
  socket: Socket,
  services: Services,
  observe: ServerStepsObserver = () => {},
): void {
  const stream = new JsonValueStream();
  const peer = { host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
  const served = servedSocket(socket);
  /** When the latest chunk arrived: a request completed by pump had its last byte in it. */
  let chunkAt = 0;

  const pump = () => {
    while (served.reading) {
      const item = stream.next();
      if (item.type === 'need-more') return;
      if (item.type !== 'value') return served.stopReading();
      const request = decodeRequest(item.bytes);
      if (request === null) return served.stopReading();
      const recorder = new StepRecorder(observe, peer, request.id, chunkAt);
      const next = dispatch(services, request, recorder.mark);
      if (next.type === 'reply') {
        served.write(next.bytes, recorder);
        continue;
      }
      served.running(
        next.reply.then(
          (bytes) => served.write(bytes, recorder),
          () => {
            // Only an aborted sleep rejects: the server is closing and the socket is gone.
          },
        ),
      );
    }
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    if (!served.reading) return;
    chunkAt = now();
    stream.push(chunk);
    pump();
  });
  socket.on('end', () => {
    if (!served.reading) return;
    stream.end();
    pump();
  });
  // A reset peer is a read error to Go: stop, and the write side is gone too.
  socket.on('error', () => served.broken());
}
