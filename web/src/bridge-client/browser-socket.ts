import type { SocketLike } from './bridge-client';

/** WebSocket close 1009: `ws` closes so, without a reason, when a message exceeds --max-message. */
const CLOSE_MESSAGE_TOO_BIG = 1009;

/** Adapts the browser's WebSocket to SocketLike, with binary messages as ArrayBuffer. */
export function openBrowserSocket(url: string, protocols: readonly string[]): SocketLike {
  const ws = new WebSocket(url, [...protocols]);
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
  ws.onclose = (event) =>
    socket.onclose?.(
      event.code === CLOSE_MESSAGE_TOO_BIG && !event.reason
        ? 'the page sent a message larger than the bridge accepts (--max-message)'
        : event.reason,
    );
  return socket;
}
