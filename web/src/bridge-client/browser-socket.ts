import type { SocketLike } from './bridge-client';

/** WebSocket close 1009: `ws` closes so, without a reason, when a message exceeds --max-message. */
const CLOSE_MESSAGE_TOO_BIG = 1009;

/** The part of any WebSocket (the browser's, or `ws` in Node) that SocketLike passes through. */
type WebSocketCore = {
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
};

/** A SocketLike over a WebSocket; the caller wires its message and close events to the handlers. */
export function socketOver(ws: WebSocketCore): SocketLike {
  return {
    get readyState() {
      return ws.readyState;
    },
    onmessage: null,
    onclose: null,
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
  };
}

/** Adapts the browser's WebSocket to SocketLike, with binary messages as ArrayBuffer. */
export function openBrowserSocket(url: string, protocols: readonly string[]): SocketLike {
  const ws = new WebSocket(url, [...protocols]);
  ws.binaryType = 'arraybuffer';
  const socket = socketOver(ws);
  ws.onmessage = (event) => socket.onmessage?.(event.data);
  ws.onclose = (event) =>
    socket.onclose?.(
      event.code === CLOSE_MESSAGE_TOO_BIG && !event.reason
        ? 'the page sent a message larger than the bridge accepts (--max-message)'
        : event.reason,
    );
  return socket;
}
