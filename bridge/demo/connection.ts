/**
 * One TCP connection served the way Go's rpc.ServeCodec serves it: requests
 * are read one JSON value at a time and each call runs concurrently, replies
 * going out in completion order. Once a value cannot be decoded (or the peer
 * sends FIN) reading stops for good; calls in flight still get their replies,
 * then the connection is closed. Unread bytes stay unread, as with Go.
 */
import type { Socket } from 'node:net';
import { dispatch } from './dispatch';
import { JsonValueStream } from './go-json/scanner';
import { decodeRequest } from './jsonrpc-codec';
import type { Services } from './services';

export function serveConnection(socket: Socket, services: Services): void {
  const stream = new JsonValueStream();
  let reading = true;
  let inFlight = 0;

  // A client that sends but never reads would make replies pile up in memory:
  // stop reading requests until the kernel takes our replies again.
  const write = (bytes: Uint8Array) => {
    if (socket.destroyed || !socket.writable) return;
    if (!socket.write(bytes)) socket.pause();
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
      const next = dispatch(services, request);
      if (next.type === 'reply') {
        write(next.bytes);
        continue;
      }
      inFlight++;
      next.reply
        .then(write, () => {
          // Only an aborted sleep rejects: the server is closing and the socket is gone.
        })
        .finally(() => {
          inFlight--;
          closeWhenIdle();
        });
    }
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    if (!reading) return;
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
