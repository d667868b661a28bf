/**
 * One TCP connection of the JSON-RPC 2.0 demo, newline-delimited: every line
 * is answered as soon as its calls finish, so a slow call is overtaken by
 * later fast ones (what the id-matching lab shows). A line that is not JSON
 * gets a Parse error and the connection goes on. After the client's FIN the
 * calls in flight are still answered, then the connection is closed.
 */
import type { Socket } from 'node:net';
import { NdjsonFramer } from '../../shared/framing/ndjson';
import { answerMessage, parseErrorReply } from './answer';
import type { V2Services } from './methods';

const encoder = new TextEncoder();

export function serveV2Connection(socket: Socket, services: V2Services): void {
  const framer = new NdjsonFramer();
  let ended = false;
  let inFlight = 0;

  // A client that sends but never reads would make replies pile up in memory:
  // stop reading requests until the kernel takes our replies again.
  const write = (line: string) => {
    if (socket.destroyed || !socket.writable) return;
    if (!socket.write(encoder.encode(`${line}\n`))) socket.pause();
  };
  socket.on('drain', () => {
    if (!ended) socket.resume();
  });

  const closeWhenIdle = () => {
    if (!ended || inFlight > 0 || socket.destroyed) return;
    socket.end(() => socket.destroy());
  };

  const handle = (event: ReturnType<NdjsonFramer['push']>[number]) => {
    if (event.kind === 'error') {
      write(parseErrorReply(event.reason));
      return;
    }
    inFlight++;
    answerMessage(event.text, services)
      .then(
        (line) => {
          if (line !== null) write(line);
        },
        () => {
          // Only an aborted sleep rejects: the server is closing and the socket is gone.
        },
      )
      .finally(() => {
        inFlight--;
        closeWhenIdle();
      });
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    for (const event of framer.push(chunk)) handle(event);
  });
  socket.on('end', () => {
    ended = true;
    const last = framer.end();
    if (last) handle(last);
    closeWhenIdle();
  });
  socket.on('error', () => socket.destroy());
}
