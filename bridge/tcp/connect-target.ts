import { connect, type Socket } from 'node:net';
import type { ErrorCode } from '../../shared/protocol/bridge-protocol';
import { LIMIT_FLAGS } from '../limits';
import { formatTarget } from '../policy/targets';

export type ConnectFailure = { code: ErrorCode; message: string };
/** Receives each chunk read; the bytes are valid only until it returns. */
export type ReadHandler = (chunk: Buffer) => void;
/** A connected socket, paused: nothing is read until a handler is set and it is resumed. */
export type Connected = { socket: Socket; onRead(handler: ReadHandler): void };
export type ConnectResult = ({ ok: true } & Connected) | ({ ok: false } & ConnectFailure);

/**
 * Every target socket reads into this one buffer (Node's `onread`): no
 * allocation and no stream bookkeeping per read. The relay copies each chunk
 * into its read frame before the next read can land.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

function describeFailure(error: NodeJS.ErrnoException, label: string): ConnectFailure {
  switch (error.code) {
    case 'ECONNREFUSED':
      return {
        code: 'connect-refused',
        message: `nothing is listening on ${label} (connection refused)`,
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code: 'unreachable', message: `${label} is unreachable (${error.code})` };
    default:
      return { code: 'io', message: `could not connect to ${label}: ${error.message}` };
  }
}

function connectOnce(address: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  const label = formatTarget({ host: address, port });
  return new Promise((resolve) => {
    let deliver: ReadHandler = () => {};
    const socket = connect({
      host: address,
      port,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (n) => {
          // Buffer.from(arrayBuffer, …) builds the view directly; subarray would go through the species constructor.
          deliver(Buffer.from(READ_BUFFER.buffer, READ_BUFFER.byteOffset, n));
          return true;
        },
      },
    });
    const finish = (result: ConnectResult) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      resolve(result);
    };
    const onConnect = () => {
      // Paused before the first read: a server that speaks first waits in the kernel for the handler.
      socket.pause();
      finish({
        ok: true,
        socket,
        onRead: (handler) => {
          deliver = handler;
        },
      });
    };
    const onError = (error: Error) => {
      socket.destroy();
      finish({ ok: false, ...describeFailure(error as NodeJS.ErrnoException, label) });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish({
        ok: false,
        code: 'connect-timeout',
        message: `${label} did not answer within ${timeoutMs / 1000} s (connect timeout, ${LIMIT_FLAGS.connectTimeoutMs})`,
      });
    }, timeoutMs);
    socket.once('connect', onConnect);
    socket.once('error', onError);
  });
}

/**
 * Connects to the first of the checked addresses that accepts, in resolver
 * order (a name like localhost may give ::1 and 127.0.0.1, and a server may
 * listen on only one of them). Returns the connected socket or the last failure.
 */
export async function connectTarget(
  addresses: readonly string[],
  port: number,
  timeoutMs: number,
): Promise<ConnectResult> {
  let last: ConnectResult = { ok: false, code: 'io', message: 'no address to connect to' };
  for (const address of addresses) {
    const result = await connectOnce(address, port, timeoutMs);
    if (result.ok) return result;
    last = result;
  }
  return last;
}
