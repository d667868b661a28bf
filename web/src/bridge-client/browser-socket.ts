import type { SocketLike } from './bridge-client';

/** Adapts the browser's WebSocket to SocketLike, with binary messages as ArrayBuffer. */
export function openBrowserSocket(url: string, protocol: string): SocketLike {
  const ws = new WebSocket(url, protocol);
  ws.binaryType = 'arraybuffer';
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    onmessage: null,
    onclose: null,
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
  };
  ws.onmessage = (event) => socket.onmessage?.(event.data);
  ws.onclose = (event) => socket.onclose?.(event.reason);
  return socket;
}
