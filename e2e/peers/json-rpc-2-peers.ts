import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { JSONRPCErrorException, JSONRPCServer } from 'json-rpc-2.0';
import { listenOnLoopback, type RunningPeer } from './loopback-server';
import { createPeerMethods, PeerMethodError, type PeerMethods } from './peer-methods';

/**
 * JSON-RPC 2.0 peers built on the npm library `json-rpc-2.0` (its
 * JSONRPCServer parses, dispatches, answers batches and drops notifications'
 * answers). Only the transport is ours: newline-delimited over TCP, or one
 * HTTP/1.1 POST per message with Node's keep-alive.
 */

export type JsonRpc2Peer = RunningPeer & { notes: string[] };

function libraryServer(methods: PeerMethods): JSONRPCServer {
  // The library logs every thrown error; here failures are the point, not news.
  const server = new JSONRPCServer({ errorListener: () => {} });
  for (const [name, method] of Object.entries(methods.requests)) {
    server.addMethod(name, async (params: unknown) => {
      try {
        return await method(params);
      } catch (error) {
        if (!(error instanceof PeerMethodError)) throw error;
        throw new JSONRPCErrorException(error.message, error.code, error.data);
      }
    });
  }
  for (const [name, notification] of Object.entries(methods.notifications)) {
    server.addMethod(name, (params: unknown) => {
      notification(params);
      return null;
    });
  }
  return server;
}

/** The library's answer as wire text, or null when it has none (notifications, all-notification batches). */
async function answer(server: JSONRPCServer, text: string): Promise<string | null> {
  const response = await server.receiveJSON(text);
  if (response === null || (Array.isArray(response) && response.length === 0)) return null;
  return JSON.stringify(response);
}

/** Newline-delimited JSON over TCP; answers go out as they complete, so a slow call is overtaken. */
export async function startJsonRpc2TcpPeer(): Promise<JsonRpc2Peer> {
  const methods = createPeerMethods('json-rpc-2.0 tcp');
  const server = libraryServer(methods);
  const tcp = createNetServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        void answer(server, line).then((reply) => {
          if (reply !== null && socket.writable) socket.write(`${reply}\n`);
        });
      }
    });
  });
  const running = await listenOnLoopback(tcp, methods.stop);
  return { ...running, notes: methods.notes };
}

/** One JSON-RPC message per POST body; a notification is answered 204 with no body. */
export async function startJsonRpc2HttpPeer(): Promise<JsonRpc2Peer> {
  const methods = createPeerMethods('json-rpc-2.0 http');
  const server = libraryServer(methods);
  const http = createHttpServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      void answer(server, Buffer.concat(parts).toString('utf8')).then((reply) => {
        if (reply === null) response.writeHead(204).end();
        else response.writeHead(200, { 'Content-Type': 'application/json' }).end(reply);
      });
    });
  });
  const running = await listenOnLoopback(http, methods.stop);
  return { ...running, notes: methods.notes };
}
