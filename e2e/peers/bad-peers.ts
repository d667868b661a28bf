import { createServer, type Socket } from 'node:net';
import { listenOnLoopback, type RunningPeer } from './loopback-server';

/**
 * Deliberately broken servers for the "Bad input" cases: each answers the
 * first bytes it receives with the same wrong bytes, whatever was asked.
 */

export type BadPeerKind =
  | 'garbage'
  | 'truncated'
  | 'length-too-long'
  | 'length-too-short'
  | 'http-no-body';

/** A reply that parses as JSON-RPC 2.0 when framed honestly (35 bytes). */
export const HONEST_REPLY = '{"jsonrpc":"2.0","id":0,"result":1}';

const BEHAVIOUR: Record<BadPeerKind, (socket: Socket) => void> = {
  // Bytes that are no JSON and no header, then a newline so line framers see a whole "message".
  garbage: (socket) => {
    socket.write(Buffer.from([0x00, 0xff, 0xfe, 0x1b]));
    socket.write('<html>not json</html>\n');
  },
  // Half a reply, then the server closes.
  truncated: (socket) => socket.end('{"jsonrpc":"2.0","id":0,"result":{"sum":'),
  // Claims more bytes than it sends, then closes.
  'length-too-long': (socket) =>
    socket.end(`Content-Length: ${HONEST_REPLY.length + 29}\r\n\r\n${HONEST_REPLY}`),
  // Claims fewer: the body is cut mid-JSON and the rest is left over as junk.
  'length-too-short': (socket) =>
    socket.write(`Content-Length: ${HONEST_REPLY.length - 10}\r\n\r\n${HONEST_REPLY}`),
  // A well-formed HTTP response whose body is empty: no JSON-RPC answer in it.
  'http-no-body': (socket) =>
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n'),
};

export function startBadPeer(kind: BadPeerKind): Promise<RunningPeer> {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => BEHAVIOUR[kind](socket));
  });
  return listenOnLoopback(server);
}
