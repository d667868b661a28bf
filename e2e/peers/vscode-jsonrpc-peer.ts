import { createServer } from 'node:net';
import {
  createMessageConnection,
  ResponseError,
  SocketMessageReader,
  SocketMessageWriter,
} from 'vscode-jsonrpc/node';
import { listenOnLoopback, type RunningPeer } from './loopback-server';
import { createPeerMethods, PeerMethodError } from './peer-methods';

/**
 * A JSON-RPC 2.0 peer on `vscode-jsonrpc` (the Language Server Protocol's
 * library) over a TCP socket: Content-Length framing, done by the library.
 * Like LSP since 3.17 it has no batches.
 */

export type VscodeJsonRpcPeer = RunningPeer & { notes: string[] };

export async function startVscodeJsonRpcPeer(): Promise<VscodeJsonRpcPeer> {
  const methods = createPeerMethods('vscode-jsonrpc');
  const tcp = createServer((socket) => {
    socket.on('error', () => {});
    const connection = createMessageConnection(
      new SocketMessageReader(socket),
      new SocketMessageWriter(socket),
    );
    for (const [name, method] of Object.entries(methods.requests)) {
      connection.onRequest(name, async (params: unknown) => {
        try {
          return await method(params);
        } catch (error) {
          if (!(error instanceof PeerMethodError)) throw error;
          return new ResponseError(error.code, error.message, error.data);
        }
      });
    }
    for (const [name, notification] of Object.entries(methods.notifications)) {
      connection.onNotification(name, (params: unknown) => notification(params));
    }
    socket.once('close', () => connection.dispose());
    connection.listen();
  });
  const running = await listenOnLoopback(tcp, methods.stop);
  return { ...running, notes: methods.notes };
}
