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
  let reading = true;
  let inFlight = 0;
  /** When the latest chunk arrived: a request completed by pump had its last byte in it. */
  let chunkAt = 0;

  // A client that sends but never reads would make replies pile up in memory:
  // stop reading requests until the kernel takes our replies again.
  const write = (bytes: Uint8Array, recorder: StepRecorder) => {
    if (socket.destroyed || !socket.writable) return;
    const flushed = socket.write(bytes, (error) => {
      if (!error) recorder.written();
    });
    if (!flushed) socket.pause();
  };
  socket.on('drain', () => {
    if (reading) socket.resume();
  });

  const closeWhenIdle = () => {
    if (reading || inFlight > 0 || socket.destroyed) return;
    socket.end(() => socket.destroy());
  };

  const stopReading = () => {
    reading = false;
    socket.pause();
    closeWhenIdle();
  };

  const pump = () => {
    while (reading) {
      const item = stream.next();
      if (item.type === 'need-more') return;
      if (item.type !== 'value') return stopReading();
      const request = decodeRequest(item.bytes);
      if (request === null) return stopReading();
      const recorder = new StepRecorder(observe, peer, request.id, chunkAt);
      const next = dispatch(services, request, recorder.mark);
      if (next.type === 'reply') {
        write(next.bytes, recorder);
        continue;
      }
      inFlight++;
      next.reply
        .then(
          (bytes) => write(bytes, recorder),
          () => {
            // Only an aborted sleep rejects: the server is closing and the socket is gone.
          },
        )
        .finally(() => {
          inFlight--;
          closeWhenIdle();
        });
    }
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    if (!reading) return;
    chunkAt = now();
    stream.push(chunk);
    pump();
  });
  socket.on('end', () => {
    if (!reading) return;
    stream.end();
    pump();
  });
  // A reset peer is a read error to Go: stop, and the write side is gone too.
  socket.on('error', () => {
    reading = false;
    socket.destroy();
  });
}
